using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>
/// Which CD a transaction uses: S1CDMax, S1Fmt, S1DSS and the SubstreamID (IHI 0070 3.3.3, 5.2,
/// 5.3), and the configuration faults on the way (F_STREAM_DISABLED, C_BAD_SUBSTREAMID,
/// F_CD_FETCH, C_BAD_CD).
/// </summary>
public sealed class SubstreamTests
{
    private const ulong Cds = TransactionBench.CdTablesAddress;

    [Fact]
    public void SingleCd_TranslatesTrafficWithoutSubstreamId_ThroughStage1()
    {
        var bench = Bench(TransactionBench.Stage1Ste());
        bench.WriteAt(Cds, TransactionBench.ValidCd(asid: 9));

        var result = bench.Translate(1, 0x4000);

        Assert.Equal(new TranslationResult(TranslationOutcome.Translated, 0x4000 + StubTranslationEngine.OutputOffset), result);
        var context = Assert.Single(bench.Engine.Contexts);
        Assert.True(context.Stage1);
        Assert.False(context.Stage2);
        Assert.Equal(9, context.Cd.Asid);
        Assert.Equal(0u, context.SubstreamId);
    }

    [Fact]
    public void SubstreamIdWithSubstreamsDisabled_IsCBadSubstreamId()
    {
        var bench = Bench(TransactionBench.Stage1Ste());
        bench.WriteAt(Cds, TransactionBench.ValidCd());

        var result = bench.Translate(1, substreamId: 3);

        Assert.Equal(EvtEventId.CBadSubstreamid, result.EventId);
        var evt = bench.DrainEvents().Single().AsCBadSubstreamid();
        Assert.Equal(1u, evt.StreamID);
        Assert.Equal(3u, evt.SubstreamID);
    }

    [Theory]
    [InlineData(SteConfig.Bypass)]
    [InlineData(SteConfig.S2Trans)]
    public void SubstreamIdWithStage1Off_IsCBadSubstreamId(SteConfig config)
    {
        var bench = Bench(TransactionBench.Stage2Ste.WithConfig(config));

        Assert.Equal(EvtEventId.CBadSubstreamid, bench.Translate(1, substreamId: 0).EventId);
        Assert.Empty(bench.Engine.Contexts);
    }

    [Fact]
    public void LinearCdTable_SubstreamIdIndexesIt()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 4));
        bench.WriteAt(Cds + (11 * 64), TransactionBench.ValidCd(asid: 11));

        Assert.True(bench.Translate(1, substreamId: 11).Succeeded);
        Assert.Equal(11, Assert.Single(bench.Engine.Contexts).Cd.Asid);
    }

    [Fact]
    public void SubstreamIdBeyondS1CdMax_IsCBadSubstreamId()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 4));

        Assert.Equal(EvtEventId.CBadSubstreamid, bench.Translate(1, substreamId: 16).EventId);
    }

    [Theory]
    [InlineData(SteS1Fmt.TwoLevel4k, 6, 0x2C5u)]
    [InlineData(SteS1Fmt.TwoLevel64k, 10, 0x2C5u)]
    [InlineData(SteS1Fmt.TwoLevel4k, 6, 0x3Fu)] // fits in the first leaf
    public void TwoLevelCdTable_L1CdPointsAtTheLeaf(SteS1Fmt format, int leafBits, uint ssid)
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 12, format: format));
        const ulong Leaf = 0x2800_0000;
        bench.WriteAt(Cds + ((ssid >> leafBits) * 8UL), new L1cd().WithV(true).WithL2Ptr(Leaf));
        bench.WriteAt(Leaf + ((ssid & ((1u << leafBits) - 1)) * 64UL), TransactionBench.ValidCd(asid: 0x77));

        Assert.True(bench.Translate(1, substreamId: ssid).Succeeded);
        Assert.Equal(0x77, Assert.Single(bench.Engine.Contexts).Cd.Asid);
    }

    [Fact]
    public void InvalidL1Cd_IsCBadSubstreamId()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 12, format: SteS1Fmt.TwoLevel4k));

        Assert.Equal(EvtEventId.CBadSubstreamid, bench.Translate(1, substreamId: 0x100).EventId);
    }

    [Fact]
    public void L1CdPointingBeyondTheOutputAddressSize_IsCBadSubstreamId()
    {
        // IHI 0070 3.4.3 (v3.1+): an out-of-range L2Ptr is C_BAD_SUBSTREAMID, not a fetch.
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 12, format: SteS1Fmt.TwoLevel4k)); // OAS 48 bits
        bench.WriteAt(Cds, new L1cd().WithV(true).WithL2Ptr(1UL << 48));

        Assert.Equal(EvtEventId.CBadSubstreamid, bench.Translate(1, substreamId: 3).EventId);
    }

    [Fact]
    public void L1CdFetchAbort_IsFCdFetch_AtTheDescriptor()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 12, format: SteS1Fmt.TwoLevel4k));
        var l1 = Cds + (4 * 8);
        bench.Memory.AddAbortRegion(l1, 8);

        var result = bench.Translate(1, substreamId: 4 << 6);

        Assert.Equal(EvtEventId.FCdFetch, result.EventId);
        var evt = bench.DrainEvents().Single().AsFCdFetch();
        Assert.Equal(l1, evt.FetchAddr);
        Assert.True(evt.Ssv);
        Assert.Equal(4u << 6, evt.SubstreamID);
    }

    [Fact]
    public void CdFetchAbort_IsFCdFetch_AtTheCd()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 4));
        bench.Memory.AddAbortRegion(Cds + (2 * 64), 64);

        Assert.Equal(EvtEventId.FCdFetch, bench.Translate(1, substreamId: 2).EventId);
        Assert.Equal(Cds + (2 * 64), bench.DrainEvents().Single().AsFCdFetch().FetchAddr);
    }

    [Fact]
    public void InvalidCd_IsCBadCd()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 4));

        var result = bench.Translate(1, substreamId: 5);

        Assert.Equal(EvtEventId.CBadCd, result.EventId);
        var evt = bench.DrainEvents().Single().AsCBadCd();
        Assert.Equal((1u, true, 5u), (evt.StreamID, evt.Ssv, evt.SubstreamID));
    }

    [Theory]
    [InlineData(SteS1dss.Terminate)]
    [InlineData((SteS1dss)3)] // reserved: behaves as TERMINATE
    public void NoSubstreamId_S1dssTerminate_IsFStreamDisabled(SteS1dss dss)
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 4, dss: dss));

        var result = bench.Translate(1);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(EvtEventId.FStreamDisabled, result.EventId);
        Assert.Equal(1u, bench.DrainEvents().Single().StreamID);
    }

    [Fact]
    public void NoSubstreamId_S1dssBypass_SkipsStage1()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 4, dss: SteS1dss.Bypass));

        Assert.Equal(TranslationResult.Bypass(0x1234_5000), bench.Translate(1));
        Assert.Empty(bench.Engine.Contexts);
    }

    [Fact]
    public void NoSubstreamId_S1dssBypass_OnNestedSte_GoesToStage2Only()
    {
        var bench = Bench(TransactionBench.NestedSte(s1CdMax: 4).WithS1dss(SteS1dss.Bypass));

        Assert.True(bench.Translate(1).Succeeded);
        var context = Assert.Single(bench.Engine.Contexts);
        Assert.False(context.Stage1);
        Assert.True(context.Stage2);
    }

    [Fact]
    public void S1dssSsid0_GivesCd0ToTrafficWithoutSubstreamId_AndRefusesSubstreamId0()
    {
        var bench = Bench(TransactionBench.Stage1Ste(s1CdMax: 4, dss: SteS1dss.Ssid0));
        bench.WriteAt(Cds, TransactionBench.ValidCd(asid: 0x30));

        Assert.True(bench.Translate(1).Succeeded);
        Assert.Equal(0x30, Assert.Single(bench.Engine.Contexts).Cd.Asid);
        Assert.Equal(EvtEventId.FStreamDisabled, bench.Translate(1, substreamId: 0).EventId);
    }

    [Fact]
    public void BypassSte_AddressBeyondOas_IsStage1AddressSizeFault()
    {
        var bench = Bench(TransactionBench.BypassSte.WithPrivcfg(OverrideAttr.Override1));

        var result = bench.Translate(1, 1UL << 48, access: TransactionAccess.Write);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        var evt = bench.DrainEvents().Single().AsFAddrSize();
        Assert.Equal((false, FaultClass.In, 1UL << 48), (evt.S2, evt.Class, evt.InputAddr));
        Assert.False(evt.RnW);
        Assert.True(evt.PnU); // after the PRIVCFG override
    }

    [Fact]
    public void WithoutAttributeOverrides_PrivcfgIsIgnored()
    {
        // IHI 0070 6.3.2: without IDR1.ATTR_PERMS_OVR the STE's PRIVCFG/INSTCFG are ignored.
        var bench = new TransactionBench(new SmmuOptions { AttributeOverrides = false }).LinearStreamTable(4).Enable();
        bench.InstallSte(1, TransactionBench.BypassSte.WithPrivcfg(OverrideAttr.Override1));

        bench.Translate(1, 1UL << 48, access: TransactionAccess.Write);

        Assert.False(bench.DrainEvents().Single().AsFAddrSize().PnU);
        Assert.False(new Idr1(bench.Smmu.Read32(0, Idr1.Offset)).AttrPermsOvr);
    }

    [Fact]
    public void Stage2OnlySte_AddressBeyondIas_IsStage1AddressSizeFault_BeforeStage2()
    {
        var bench = Bench(TransactionBench.Stage2Ste);

        Assert.Equal(EvtEventId.FAddrSize, bench.Translate(1, 1UL << 48).EventId);
        Assert.Empty(bench.Engine.Contexts);
    }

    [Fact]
    public void NestedSte_FetchesTheCdThroughStage2()
    {
        var bench = Bench(TransactionBench.NestedSte(cdAddress: 0x4000_0000, s1CdMax: 4));
        bench.Engine.IpaOffset = 0x1_0000_0000;
        bench.WriteAt(0x1_4000_0000 + (3 * 64), TransactionBench.ValidCd(asid: 3));

        Assert.True(bench.Translate(1, substreamId: 3).Succeeded);
        Assert.Equal([0x4000_0000UL + (3 * 64)], bench.Engine.StructureIpas);
        var context = Assert.Single(bench.Engine.Contexts);
        Assert.True(context.Stage1 && context.Stage2);
    }

    [Fact]
    public void NestedSte_Stage2FaultOnCdFetch_EndsTheTransactionWithThatFault()
    {
        var bench = Bench(TransactionBench.NestedSte(cdAddress: 0x4000_0000));
        bench.Engine.FaultingIpaBase = 0x4000_0000;
        bench.Engine.FaultingIpaSize = 0x1000;

        var result = bench.Translate(1);

        Assert.Equal(EvtEventId.FTranslation, result.EventId);
        var evt = bench.DrainEvents().Single().AsFTranslation();
        Assert.Equal((true, FaultClass.Cd), (evt.S2, evt.Class));
        Assert.Empty(bench.Engine.Contexts);
    }

    [Fact]
    public void SubstreamIdWiderThan20Bits_IsRejected()
    {
        var bench = Bench(TransactionBench.BypassSte);

        Assert.Throws<System.ArgumentOutOfRangeException>(() => bench.Translate(1, substreamId: 1u << 20));
    }

    [Theory]
    [InlineData(Granule.Size4kb, 2, 24, Idr5Oas.Bits40, false)]  // level 0 start needs a 44-bit PA size
    [InlineData(Granule.Size4kb, 2, 20, Idr5Oas.Bits44, true)]
    [InlineData(Granule.Size16kb, 2, 24, Idr5Oas.Bits40, false)] // level 1 start needs 42 bits
    [InlineData(Granule.Size16kb, 2, 22, Idr5Oas.Bits42, true)]
    public void Stage2StartLevel_MustSuitThePhysicalAddressSize(Granule granule, byte sl0, byte t0sz, Idr5Oas oas, bool legal)
    {
        var bench = new TransactionBench(new SmmuOptions { OutputAddressSize = oas }).LinearStreamTable(4).Enable();
        var ste = TransactionBench.Stage2Ste.WithS2tg(granule).WithS2sl0(sl0).WithS2t0sz(t0sz).WithS2ps(AddressSize.Bits32).WithS2ttb(0x1000_0000);

        var reason = bench.Smmu.ExplainSte(ste);
        Assert.Equal(legal, reason is null);
        Assert.True(legal || reason!.Contains("physical address size", System.StringComparison.Ordinal), reason);
    }

    private static TransactionBench Bench(Ste ste)
    {
        var bench = new TransactionBench().LinearStreamTable(4).Enable();
        bench.InstallSte(1, ste);
        return bench;
    }
}
