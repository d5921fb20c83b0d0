using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>
/// The configuration cache behaves like one (IHI 0070 4.3, 16.2): a changed STE or CD is not seen
/// until CMD_CFGI_* (and CMD_SYNC) invalidates it, and invalidation is exact in scope.
/// </summary>
public sealed class ConfigurationCachingTests
{
    [Fact]
    public void ChangedSte_IsNotSeen_UntilCfgiSte()
    {
        var bench = new TransactionBench().LinearStreamTable(4).Enable();
        bench.InstallSte(2, TransactionBench.BypassSte);
        Assert.True(bench.Translate(2).Succeeded);

        bench.InstallSte(2, new Ste().WithV(true).WithConfig(SteConfig.Abort));
        Assert.True(bench.Translate(2).Succeeded); // the stale STE is still used

        bench.Commands(CmdCfgiSte.Create().WithStreamID(2));
        Assert.Equal(TranslationOutcome.Aborted, bench.Translate(2).Outcome);
    }

    [Fact]
    public void ChangedCd_IsNotSeen_UntilCfgiCd_ForThatSubstreamOnly()
    {
        var bench = new TransactionBench().LinearStreamTable(4).Enable();
        bench.InstallSte(1, TransactionBench.Stage1Ste(s1CdMax: 4));
        bench.WriteAt(TransactionBench.CdTablesAddress + 64, TransactionBench.ValidCd(asid: 1));
        bench.WriteAt(TransactionBench.CdTablesAddress + 128, TransactionBench.ValidCd(asid: 2));
        bench.Translate(1, substreamId: 1);
        bench.Translate(1, substreamId: 2);

        bench.WriteAt(TransactionBench.CdTablesAddress + 64, TransactionBench.ValidCd(asid: 0x11));
        bench.WriteAt(TransactionBench.CdTablesAddress + 128, TransactionBench.ValidCd(asid: 0x22));
        bench.Commands(CmdCfgiCd.Create().WithStreamID(1).WithSubstreamID(1));
        bench.Engine.Contexts.Clear();
        bench.Translate(1, substreamId: 1);
        bench.Translate(1, substreamId: 2);

        Assert.Equal([(ushort)0x11, (ushort)2], bench.Engine.Contexts.Select(c => c.Cd.Asid));
    }

    [Fact]
    public void IllegalSte_IsNotCached_SoAFixedSteWorksWithoutInvalidation()
    {
        // IHI 0070 5.2.1: an STE that fails validation is not cached.
        var bench = new TransactionBench().LinearStreamTable(4).Enable();
        bench.InstallSte(3, TransactionBench.Stage2Ste.WithS2t0sz(63));
        Assert.Equal(EvtEventId.CBadSte, bench.Translate(3).EventId);

        bench.InstallSte(3, TransactionBench.Stage2Ste);

        Assert.True(bench.Translate(3).Succeeded);
    }

    [Fact]
    public void CfgiAll_DropsEveryStreamAndCd()
    {
        var bench = new TransactionBench().LinearStreamTable(4).Enable();
        for (uint sid = 0; sid < 4; sid++)
        {
            bench.InstallSte(sid, TransactionBench.BypassSte);
            bench.Translate(sid);
        }

        Assert.Equal(4, bench.Smmu.ConfigurationCache.SteCount);
        bench.Commands(CmdCfgiSteRange.Create().WithRange(31));

        Assert.Equal(0, bench.Smmu.ConfigurationCache.SteCount);
    }

    [Fact]
    public void FillPreparedBeforeAnInvalidation_IsDropped()
    {
        // The race a lock-free lookup must not lose: a fetch that started before a CFGI completes after it.
        var cache = new ConfigurationCache();
        var generation = cache.Generation;
        cache.InvalidateSte(5);

        Assert.False(cache.TryFillSte(5, TransactionBench.BypassSte, generation));
        Assert.False(cache.TryGetSte(5, out _));
        Assert.True(cache.TryFillSte(5, TransactionBench.BypassSte, cache.Generation));
    }

    [Fact]
    public async Task DeviceThreadsTranslating_WhileTheDriverRewritesStes_SeeOnlyWholeConfigurations_AndTheLatestAfterSync()
    {
        // Two device threads translate StreamIDs 0-7 while the driver flips every STE between
        // bypass and abort with CFGI_STE + CMD_SYNC. A transaction may see either configuration
        // (it races with the driver) but nothing else: never an exception, never an event. After
        // the driver's last CMD_SYNC, every StreamID must see the last configuration.
        var bench = new TransactionBench().LinearStreamTable(3).Enable();
        for (uint sid = 0; sid < 8; sid++)
        {
            bench.InstallSte(sid, TransactionBench.BypassSte);
        }

        using var stop = new CancellationTokenSource();
        var running = 0;
        var devices = Enumerable.Range(0, 2).Select(t => Task.Run(() =>
        {
            var count = 0;
            var sid = (uint)t;
            while (!stop.IsCancellationRequested)
            {
                var result = bench.Translate(sid & 7, 0x1000);
                Assert.True(result.Outcome is TranslationOutcome.Bypassed or TranslationOutcome.Aborted);
                Assert.Null(result.Event);
                sid++;
                if (++count == 1)
                {
                    Interlocked.Increment(ref running);
                }
            }

            return count;
        })).ToArray();

        // Start rewriting only once every device thread is translating, so the race is real.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, System.TimeSpan.FromSeconds(30)));
        var abort = new Ste().WithV(true).WithConfig(SteConfig.Abort);
        for (var round = 0; round < 100; round++)
        {
            var ste = round % 2 == 0 ? abort : TransactionBench.BypassSte;
            for (uint sid = 0; sid < 8; sid++)
            {
                bench.InstallSte(sid, ste);
            }

            bench.Commands(CmdCfgiSteRange.Create().WithStreamID(0).WithRange(2));
        }

        await stop.CancelAsync();
        var translations = await Task.WhenAll(devices);

        for (uint sid = 0; sid < 8; sid++)
        {
            Assert.Equal(TranslationOutcome.Bypassed, bench.Translate(sid).Outcome); // round 99 installed bypass
        }

        Assert.Empty(bench.DrainEvents());
    }
}
