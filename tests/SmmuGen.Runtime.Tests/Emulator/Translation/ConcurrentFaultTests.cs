using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// The concurrency model under contention (see <see cref="Smmu"/>): device threads translate and
/// fault while the driver thread reads the Event queue and issues commands. Every fault's record
/// reaches the queue exactly once and whole, and translations stay correct.
/// </summary>
public sealed class ConcurrentFaultTests
{
    [Fact]
    public async Task FaultingDeviceThreads_WhileTheDriverDrainsEvents_LoseAndCorruptNothing()
    {
        const int Threads = 2;
        const int FaultsPerThread = 300;
        var bench = new TransactionBench(engine: new TranslationEngine()).LinearStreamTable(4).Enable();
        var tables = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x7000_0000);
        tables.Map(0x4000_0000, 0x9_0000_0000);
        bench.InstallSte(1, TransactionBench.Stage1Ste());
        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd(asid: 1).WithTtb0(tables.Root));

        var devices = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < FaultsPerThread; i++)
            {
                // Alternate a good translation and a fault at an address unique to this thread and step.
                Assert.Equal(0x9_0000_0010UL, bench.Translate(1, 0x4000_0010).OutputAddress);
                var bad = 0x1_0000_0000UL + ((ulong)t << 24) + ((ulong)i << 12);
                var result = bench.Translate(1, bad, access: TransactionAccess.Write);
                Assert.Equal(EvtEventId.FTranslation, result.EventId);
            }
        })).ToArray();

        // The driver: drain events and keep the command queue busy until the devices are done.
        var seen = new List<Evt>();
        var all = Task.WhenAll(devices);
        while (!all.IsCompleted)
        {
            seen.AddRange(bench.DrainEvents());
            bench.Commands(CmdTlbiNhAsid.Create().WithAsid(2)); // another ASID: must not disturb ASID 1
            Thread.Yield();
        }

        await all;
        seen.AddRange(bench.DrainEvents());

        // The queue (32 entries) may overflow while the driver is slow; what arrived must be exact.
        var prod = new EventqProd(bench.Smmu.Read32(EventqProd.Info.Page, EventqProd.Info.Offset));
        Assert.All(seen, e => Assert.Equal(EvtEventId.FTranslation, e.EventId));
        var addresses = seen.Select(e => e.AsFTranslation().InputAddr).ToList();
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.All(addresses, a => Assert.InRange(a, 0x1_0000_0000UL, 0x1_0200_0000UL));
        Assert.True(seen.Count == Threads * FaultsPerThread || prod.Ovflg, $"{seen.Count} events without an overflow");
    }
}
