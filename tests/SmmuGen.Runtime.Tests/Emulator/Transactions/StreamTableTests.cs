using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>Finding the STE of a StreamID: linear and two-level Stream tables (IHI 0070 3.3.1, 5.1, 6.3.24, 6.3.25).</summary>
public sealed class StreamTableTests
{
    [Fact]
    public void LinearTable_StreamIdSelectsItsSte()
    {
        var bench = new TransactionBench().LinearStreamTable(8).Enable();
        bench.InstallSte(5, TransactionBench.BypassSte).InstallSte(6, new Ste().WithV(true).WithConfig(SteConfig.Abort));

        Assert.Equal(TranslationResult.Bypass(0x1234_5000), bench.Translate(5));
        Assert.Equal(TranslationResult.Abort(), bench.Translate(6));
        Assert.Empty(bench.DrainEvents());
    }

    [Fact]
    public void StreamIdBeyondLinearTable_IsCBadStreamId_RecordedWithRecinvsid()
    {
        var bench = new TransactionBench().LinearStreamTable(4).Enable(recordInvalidStreamIds: true);

        var result = bench.Translate(16, substreamId: 9);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(EvtEventId.CBadStreamid, result.EventId);
        Assert.True(result.EventRecorded);
        var evt = bench.DrainEvents().Single().AsCBadStreamid();
        Assert.Equal(16u, evt.StreamID);
        Assert.True(evt.Ssv);
        Assert.Equal(9u, evt.SubstreamID);
    }

    [Fact]
    public void StreamIdBeyondTable_WithoutRecinvsid_AbortsSilently()
    {
        var bench = new TransactionBench().LinearStreamTable(4).Enable(recordInvalidStreamIds: false);

        var result = bench.Translate(200);

        Assert.Equal(EvtEventId.CBadStreamid, result.EventId);
        Assert.False(result.EventRecorded);
        Assert.Empty(bench.DrainEvents());
    }

    [Fact]
    public void Log2SizeAboveSidSize_BehavesAsSidSize()
    {
        // IHI 0070 6.3.25: the range check uses MIN(LOG2SIZE, IDR1.SIDSIZE).
        var bench = new TransactionBench(SmmuOptions.Minimal with { SidSize = 4, Stage1 = false, Nested = false }).LinearStreamTable(10).Enable();
        bench.InstallSte(15, TransactionBench.BypassSte).InstallSte(16, TransactionBench.BypassSte);

        Assert.True(bench.Translate(15).Succeeded);
        Assert.Equal(EvtEventId.CBadStreamid, bench.Translate(16).EventId);
    }

    [Fact]
    public void LinearTableBase_IsAlignedToTheTableSize()
    {
        // 2^4 STEs = 1KB: ADDR bits 9:6 are treated as zero (IHI 0070 6.3.24).
        var bench = new TransactionBench().LinearStreamTable(4, TransactionBench.StreamTableAddress + 0x3C0).Enable();
        bench.WriteAt(TransactionBench.StreamTableAddress + (3 * 64), TransactionBench.BypassSte);

        Assert.True(bench.Translate(3).Succeeded);
    }

    [Fact]
    public void SteFetchAbort_IsFSteFetch_WithTheFetchAddress()
    {
        var bench = new TransactionBench().LinearStreamTable(8).Enable();
        var steAddress = bench.SteAddress(7);
        bench.Memory.AddAbortRegion(steAddress, 64);

        var result = bench.Translate(7);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        var evt = bench.DrainEvents().Single().AsFSteFetch();
        Assert.Equal(EvtEventId.FSteFetch, evt.EventId);
        Assert.Equal(7u, evt.StreamID);
        Assert.False(evt.Ssv);
        Assert.Equal(steAddress, evt.FetchAddr);
    }

    [Fact]
    public void TwoLevelTable_L1IndexAndSpanSelectTheSte()
    {
        // SPLIT 6: StreamID[11:6] indexes the L1 table, [5:0] the level-2 array.
        var bench = new TransactionBench().TwoLevelStreamTable(12).Enable();
        bench.L1Std(3, span: 7, TransactionBench.L2TableAddress(3)).InstallSte((3 << 6) | 63, TransactionBench.BypassSte);

        Assert.True(bench.Translate((3 << 6) | 63).Succeeded);
    }

    [Fact]
    public void InvalidL1Std_IsCBadStreamId()
    {
        var bench = new TransactionBench().TwoLevelStreamTable(12).Enable();

        Assert.Equal(EvtEventId.CBadStreamid, bench.Translate(5 << 6).EventId);
        Assert.Equal(EvtEventId.CBadStreamid, bench.DrainEvents().Single().EventId);
    }

    [Theory]
    [InlineData(1, 0, true)]   // Span 1: one STE
    [InlineData(1, 1, false)]
    [InlineData(3, 3, true)]   // Span 3: four STEs
    [InlineData(3, 4, false)]
    [InlineData(7, 63, true)]  // Span SPLIT+1: the whole 2^SPLIT range
    [InlineData(8, 0, false)]  // Span above SPLIT+1
    [InlineData(12, 0, false)] // reserved Span values behave as invalid
    [InlineData(31, 0, false)]
    public void L1StdSpan_BoundsTheLevel2Array(byte span, uint index, bool reachable)
    {
        var bench = new TransactionBench().TwoLevelStreamTable(12).Enable();
        var sid = (2u << 6) | index;
        bench.L1Std(2, span, TransactionBench.L2TableAddress(2)).InstallSte(sid, TransactionBench.BypassSte);

        var result = bench.Translate(sid);

        Assert.Equal(reachable, result.Succeeded);
        Assert.Equal(reachable ? null : EvtEventId.CBadStreamid, result.EventId);
    }

    [Fact]
    public void L1StdFetchAbort_IsFSteFetch_AtTheDescriptor()
    {
        var bench = new TransactionBench().TwoLevelStreamTable(12).Enable();
        var l1Address = TransactionBench.StreamTableAddress + (4 * 8);
        bench.Memory.AddAbortRegion(l1Address, 8);

        bench.Translate(4 << 6);

        var evt = bench.DrainEvents().Single().AsFSteFetch();
        Assert.Equal(l1Address, evt.FetchAddr);
    }

    [Theory]
    [InlineData(StrtabBaseCfgSplit.Leaf16kb, 8)]
    [InlineData(StrtabBaseCfgSplit.Leaf64kb, 10)]
    public void Split_SetsTheLevel2Width(StrtabBaseCfgSplit split, int bits)
    {
        var bench = new TransactionBench().TwoLevelStreamTable(16, split).Enable();
        var sid = (1u << bits) | 5;
        bench.L1Std(1, (byte)(bits + 1), TransactionBench.L2TableAddress(1)).InstallSte(sid, TransactionBench.BypassSte);

        Assert.True(bench.Translate(sid).Succeeded);
    }

    [Fact]
    public void ReservedSplit_BehavesAsSix()
    {
        var bench = new TransactionBench().TwoLevelStreamTable(12, (StrtabBaseCfgSplit)7).Enable();
        bench.L1Std(1, 7, TransactionBench.L2TableAddress(1));
        bench.WriteAt(TransactionBench.L2TableAddress(1) + (5 * 64), TransactionBench.BypassSte);

        Assert.True(bench.Translate((1u << 6) | 5).Succeeded);
    }

    [Fact]
    public void SplitAtOrAboveLog2Size_MakesOneL1Descriptor()
    {
        var bench = new TransactionBench().TwoLevelStreamTable(4, StrtabBaseCfgSplit.Leaf64kb).Enable();
        bench.L1Std(0, 5, TransactionBench.L2TableAddress(0));
        bench.WriteAt(TransactionBench.L2TableAddress(0) + (15 * 64), TransactionBench.BypassSte);

        Assert.True(bench.Translate(15).Succeeded);
        Assert.Equal(EvtEventId.CBadStreamid, bench.Translate(16).EventId);
    }

    [Fact]
    public void TwoLevelFormat_WithoutStLevel_IsLinear()
    {
        // IHI 0070 6.3.25: FMT is RES0 (linear) when IDR0.ST_LEVEL reports linear tables only.
        var bench = new TransactionBench(new SmmuOptions { TwoLevelStreamTable = false }).TwoLevelStreamTable(8).Enable();
        bench.WriteAt(TransactionBench.StreamTableAddress + (9 * 64), TransactionBench.BypassSte);

        Assert.True(bench.Translate(9).Succeeded);
    }

    [Fact]
    public void L2Ptr_IsAlignedToTheLevel2ArraySize()
    {
        var bench = new TransactionBench().TwoLevelStreamTable(12).Enable();
        bench.L1Std(0, 3, TransactionBench.L2TableAddress(0) + 0xC0); // 4 STEs: bits 7:6 ignored
        bench.WriteAt(TransactionBench.L2TableAddress(0) + (2 * 64), TransactionBench.BypassSte);

        Assert.True(bench.Translate(2).Succeeded);
    }

    [Fact]
    public void SteBeyondTheOutputAddressSize_IsFSteFetch()
    {
        // IHI 0070 3.4.3: an STE address above the OAS may be truncated or reported; this model reports F_STE_FETCH.
        var bench = new TransactionBench().TwoLevelStreamTable(12).Enable(); // OAS 48 bits
        const ulong Beyond = 1UL << 48;
        bench.L1Std(0, 7, Beyond);

        var result = bench.Translate(1);

        Assert.Equal(EvtEventId.FSteFetch, result.EventId);
        Assert.Equal(Beyond + 64, bench.DrainEvents().Single().AsFSteFetch().FetchAddr);
    }
}
