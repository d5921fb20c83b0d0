using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>The CMD_CFGI_* commands invalidate exactly their scope of the configuration cache (IHI 0070 4.3).</summary>
public sealed class ConfigurationCacheTests
{
    private const uint Streams = 16;
    private const uint Substreams = 3;

    private static CommandQueueBench FilledBench()
    {
        var bench = new CommandQueueBench();
        for (var sid = 0u; sid < Streams; sid++)
        {
            bench.Smmu.ConfigurationCache.FillSte(sid, default(Ste));
            for (var ssid = 0u; ssid < Substreams; ssid++)
            {
                bench.Smmu.ConfigurationCache.FillCd(sid, ssid, default(Cd));
            }
        }

        return bench;
    }

    private static uint[] CachedStes(CommandQueueBench bench) =>
        Enumerable.Range(0, (int)Streams).Select(i => (uint)i).Where(sid => bench.Smmu.ConfigurationCache.TryGetSte(sid, out _)).ToArray();

    private static uint[] StreamsWithCds(CommandQueueBench bench) =>
        Enumerable.Range(0, (int)Streams).Select(i => (uint)i).Where(sid => bench.Smmu.ConfigurationCache.TryGetCd(sid, 0, out _)).ToArray();

    private static uint[] AllBut(params uint[] removed) =>
        Enumerable.Range(0, (int)Streams).Select(i => (uint)i).Except(removed).ToArray();

    [Fact]
    public void CfgiSte_InvalidatesTheSteAndItsCds_Only()
    {
        var bench = FilledBench();
        bench.Submit(CmdCfgiSte.Create().WithStreamID(5).WithLeaf(true));

        Assert.Equal(AllBut(5), CachedStes(bench));
        Assert.Equal(AllBut(5), StreamsWithCds(bench));
    }

    [Theory]
    [InlineData(6u, 1, new uint[] { 4, 5, 6, 7 })] // 2^(1+1) = 4 StreamIDs, aligned
    [InlineData(6u, 0, new uint[] { 6, 7 })]
    [InlineData(9u, 2, new uint[] { 8, 9, 10, 11, 12, 13, 14, 15 })]
    public void CfgiSteRange_InvalidatesExactlyTheRange(uint sid, int range, uint[] removed)
    {
        var bench = FilledBench();
        bench.Submit(CmdCfgiSteRange.Create().WithStreamID(sid).WithRange((byte)range));

        Assert.Equal(AllBut(removed), CachedStes(bench));
        Assert.Equal(AllBut(removed), StreamsWithCds(bench));
    }

    [Fact]
    public void CfgiAll_IsSteRange31_AndInvalidatesEverything()
    {
        var bench = FilledBench();
        bench.Submit(CmdCfgiSteRange.Create().WithStreamID(3).WithRange(31));

        Assert.Equal(0, bench.Smmu.ConfigurationCache.SteCount);
        Assert.Equal(0, bench.Smmu.ConfigurationCache.CdCount);
    }

    [Fact]
    public void CfgiCd_InvalidatesOneCd_AndKeepsTheSte()
    {
        var bench = FilledBench();
        bench.Submit(CmdCfgiCd.Create().WithStreamID(2).WithSubstreamID(1));

        var cache = bench.Smmu.ConfigurationCache;
        Assert.False(cache.TryGetCd(2, 1, out _));
        Assert.True(cache.TryGetCd(2, 0, out _));
        Assert.True(cache.TryGetCd(3, 1, out _));
        Assert.True(cache.TryGetSte(2, out _));
        Assert.Equal((int)(Streams * Substreams) - 1, cache.CdCount);
    }

    [Fact]
    public void CfgiCdAll_InvalidatesEveryCdOfTheStream_AndKeepsTheSte()
    {
        var bench = FilledBench();
        bench.Submit(CmdCfgiCdAll.Create().WithStreamID(2));

        var cache = bench.Smmu.ConfigurationCache;
        Assert.Equal(AllBut(2), StreamsWithCds(bench));
        Assert.True(cache.TryGetSte(2, out _));
        Assert.Equal((int)((Streams - 1) * Substreams), cache.CdCount);
        Assert.Equal((int)Streams, cache.SteCount);
    }
}
