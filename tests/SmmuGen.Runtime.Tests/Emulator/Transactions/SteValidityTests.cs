using System.Linq;
using System.Text.RegularExpressions;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>
/// The ILLEGAL STE rules of IHI 0070 5.2 as a driver meets them: each test starts from a legal
/// STE, breaks one rule, sends a transaction and expects C_BAD_STE in the Event queue with the
/// transaction's StreamID/SubstreamID, and <see cref="Smmu.ExplainSte"/> naming the field. The
/// legal value next to each rule is accepted, and fields the configuration ignores are not
/// checked.
/// </summary>
public sealed class SteValidityTests
{
    private const uint Sid = 5;
    private const ulong MaxTableAddress = 0xF_FFFF_FFFF_FFF0; // S2TTB / TTBx hold address bits 51:4

    private static readonly SmmuOptions NoStall = new() { StallModel = Idr0StallModel.NoStall, StallMax = 0 };
    private static readonly SmmuOptions ForcedStall = new() { StallModel = Idr0StallModel.Force };
    private static readonly SmmuOptions BothTableFormats = new() { TableFormats = Idr0Ttf.Aarch32Aarch64 };

    private static Ste Stage2(Granule granule, int t0sz, int sl0) =>
        TransactionBench.Stage2Ste.WithS2tg(granule).WithS2t0sz((byte)t0sz).WithS2sl0((byte)sl0);

    private static TransactionBench Bench(SmmuOptions? options) => new TransactionBench(options).LinearStreamTable(8).Enable();

    /// <summary>
    /// Installs <paramref name="ste"/>, sends one transaction and expects C_BAD_STE: aborted,
    /// recorded, the event carrying the transaction's StreamID and SubstreamID, and the reason
    /// naming <paramref name="field"/>. Nothing reaches the translation engine.
    /// </summary>
    private static void AssertBadSte(Ste ste, string field, SmmuOptions? options = null, uint? substreamId = null, uint streamId = Sid)
    {
        var bench = Bench(options).InstallSte(streamId, ste).WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd());

        var result = bench.Translate(streamId, substreamId: substreamId);

        ConfigurationValidityAssert.BadConfiguration(result, EvtEventId.CBadSte);
        var evt = Assert.Single(bench.DrainEvents());
        Assert.Equal(result.Event, evt);
        Assert.True(evt.TryGetCBadSte(out var bad));
        Assert.Equal(streamId, bad.StreamID);
        Assert.Equal(substreamId.HasValue, bad.Ssv);
        Assert.Equal(substreamId.GetValueOrDefault(), bad.SubstreamID);
        Assert.Empty(bench.Engine.Contexts);
        ConfigurationValidityAssert.Names(field, bench.Smmu.ExplainSte(ste));
    }

    /// <summary>
    /// Expects <paramref name="ste"/> to be legal: no reason, and a transaction goes through to
    /// the stub engine or bypasses (a legal CD is at <see cref="TransactionBench.CdTablesAddress"/>
    /// and at S1ContextPtr; <paramref name="setup"/> may add more).
    /// </summary>
    private static TranslationResult AssertLegalSte(Ste ste, SmmuOptions? options = null, System.Action<TransactionBench>? setup = null)
    {
        var bench = Bench(options).InstallSte(Sid, ste);
        var descriptor = TransactionBench.ValidCd();
        bench.WriteAt(TransactionBench.CdTablesAddress, descriptor);
        if (((int)ste.Config & 0b101) == 0b101 && ste.S1ContextPtr != TransactionBench.CdTablesAddress)
        {
            bench.WriteAt(ste.S1ContextPtr, descriptor);
        }

        setup?.Invoke(bench);

        Assert.Null(bench.Smmu.ExplainSte(ste));
        var result = bench.Translate(Sid);
        Assert.NotEqual(EvtEventId.CBadSte, result.EventId);
        Assert.True(result.Succeeded, $"expected the transaction to go ahead, got {result}");
        Assert.Empty(bench.DrainEvents());
        return result;
    }

    // ------------------------------------------------------------------ V and Config

    [Fact]
    public void InvalidSte_VClear_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste.WithV(false), "V");

    [Fact]
    public void InvalidSte_AllZero_IsCBadSte() =>
        AssertBadSte(default, "V");

    [Theory]
    [InlineData(0u, null)]
    [InlineData(0u, 0u)]
    [InlineData(7u, 0x12345u)]
    [InlineData(255u, 0xFFFFFu)]
    public void BadSte_EventCarriesTheTransactionsStreamIdAndSubstreamId(uint streamId, uint? substreamId) =>
        AssertBadSte(TransactionBench.Stage1Ste(s1CdMax: 20).WithV(false), "V", substreamId: substreamId, streamId: streamId);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReservedConfig_AbortsWithoutAnEvent_WhateverTheOtherFields(int config)
    {
        // IHI 0070 5.2: Config 0b001-0b011 are reserved and behave as ABORT, never ILLEGAL, so
        // even an otherwise ILLEGAL STE records nothing.
        var ste = Stage2(Granule.Size4kb, 63, 3).WithS2ttb(MaxTableAddress).WithS1stalld(true).WithConfig((SteConfig)config);
        var bench = Bench(NoStall).InstallSte(Sid, ste);

        var result = bench.Translate(Sid);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Null(result.Event);
        Assert.Empty(bench.DrainEvents());
        Assert.Null(bench.Smmu.ExplainSte(ste));
    }

    [Fact]
    public void AbortConfig_AbortsWithoutAnEvent()
    {
        var ste = new Ste().WithV(true).WithConfig(SteConfig.Abort).WithS2t0sz(63);
        var bench = Bench(null).InstallSte(Sid, ste);

        var result = bench.Translate(Sid, substreamId: 3);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Null(result.Event);
        Assert.Empty(bench.DrainEvents());
        Assert.Null(bench.Smmu.ExplainSte(ste));
    }

    [Theory]
    [InlineData(SteConfig.S1Trans)]
    [InlineData(SteConfig.Nested)]
    public void Stage1Config_OnSmmuWithoutStage1_IsCBadSte(SteConfig config)
    {
        var options = new SmmuOptions { Stage1 = false, Nested = false };
        AssertBadSte(TransactionBench.NestedSte().WithConfig(config), "Config", options);
        Assert.Contains("S1P", Bench(options).Smmu.ExplainSte(TransactionBench.NestedSte().WithConfig(config)));
    }

    [Theory]
    [InlineData(SteConfig.S2Trans)]
    [InlineData(SteConfig.Nested)]
    public void Stage2Config_OnSmmuWithoutStage2_IsCBadSte(SteConfig config)
    {
        var options = new SmmuOptions { Stage2 = false, Nested = false };
        AssertBadSte(TransactionBench.NestedSte().WithConfig(config), "Config", options);
        Assert.Contains("S2P", Bench(options).Smmu.ExplainSte(TransactionBench.NestedSte().WithConfig(config)));
    }

    [Fact]
    public void Stage1Config_OnStage1OnlySmmu_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage1Ste(), new SmmuOptions { Stage2 = false, Nested = false });

    [Fact]
    public void Stage2Config_OnStage2OnlySmmu_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage2Ste, new SmmuOptions { Stage1 = false, Nested = false });

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void BypassConfig_IsLegal_OnEitherSingleStageSmmu(bool stage1, bool stage2) =>
        Assert.Equal(TranslationOutcome.Bypassed, AssertLegalSte(TransactionBench.BypassSte, new SmmuOptions { Stage1 = stage1, Stage2 = stage2, Nested = false }).Outcome);

    // ------------------------------------------------------------------ EATS

    [Theory]
    [InlineData(SteConfig.S1Trans)]
    [InlineData(SteConfig.S2Trans)]
    public void SplitStageAts_OnNonNestedConfig_IsCBadSte(SteConfig config) =>
        AssertBadSte(TransactionBench.NestedSte().WithConfig(config).WithEats(SteEats.Split), "EATS");

    [Fact]
    public void SplitStageAts_WithStage2Stalls_IsCBadSte() =>
        AssertBadSte(TransactionBench.NestedSte().WithEats(SteEats.Split).WithS2s(true), "EATS");

    [Theory]
    [InlineData(SteConfig.S2Trans)]
    [InlineData(SteConfig.Nested)]
    public void FullAts_WithStage2Stalls_IsCBadSte(SteConfig config) =>
        AssertBadSte(TransactionBench.NestedSte().WithConfig(config).WithEats(SteEats.Full).WithS2s(true), "EATS");

    [Fact]
    public void SplitStageAts_OnNestedConfigWithoutStalls_IsLegal() =>
        AssertLegalSte(TransactionBench.NestedSte().WithEats(SteEats.Split));

    [Theory]
    [InlineData(SteConfig.S1Trans)]
    [InlineData(SteConfig.S2Trans)]
    [InlineData(SteConfig.Nested)]
    public void FullAts_WithoutStage2Stalls_IsLegal(SteConfig config) =>
        AssertLegalSte(TransactionBench.NestedSte().WithConfig(config).WithEats(SteEats.Full));

    // IHI 0070 5.2 EATS: whether S2S is checked with stage 2 bypassed is CONSTRAINED
    // UNPREDICTABLE; Arm recommends checking it only when stage 2 translates, as this model does.
    [Fact]
    public void FullAts_OnStage1OnlySte_IgnoresS2S() =>
        AssertLegalSte(TransactionBench.Stage1Ste().WithEats(SteEats.Full).WithS2s(true));

    [Theory]
    [InlineData(SteConfig.S1Trans, SteEats.Split)]
    [InlineData(SteConfig.S2Trans, SteEats.Full)]
    public void Eats_IsIgnored_WithoutAts(SteConfig config, SteEats eats) =>
        AssertLegalSte(TransactionBench.NestedSte().WithConfig(config).WithEats(eats).WithS2s(true), new SmmuOptions { Ats = false, Pri = false });

    [Fact]
    public void Eats_IsIgnored_ForBypass() =>
        AssertLegalSte(TransactionBench.BypassSte.WithEats(SteEats.Split).WithS2s(true));

    // ------------------------------------------------------------------ STRW

    [Theory]
    [InlineData(SteStrw.El3)]
    [InlineData((SteStrw)3)]
    public void NonNonSecureStreamWorld_OnStage1OnlySte_IsCBadSte(SteStrw strw) =>
        AssertBadSte(TransactionBench.Stage1Ste().WithStrw(strw), "STRW");

    [Theory]
    [InlineData(SteStrw.El1)]
    [InlineData(SteStrw.El2)]
    public void NonSecureStreamWorlds_OnStage1OnlySte_AreLegal(SteStrw strw) =>
        AssertLegalSte(TransactionBench.Stage1Ste().WithStrw(strw));

    [Fact]
    public void StreamWorld_IsIgnored_WithoutHyp() =>
        AssertLegalSte(TransactionBench.Stage1Ste().WithStrw(SteStrw.El3), new SmmuOptions { Hyp = false });

    [Theory]
    [InlineData(SteConfig.S2Trans, SteStrw.El3)]
    [InlineData(SteConfig.Nested, (SteStrw)3)]
    public void StreamWorld_IsIgnored_WhenStage2Translates(SteConfig config, SteStrw strw) =>
        AssertLegalSte(TransactionBench.NestedSte().WithConfig(config).WithStrw(strw));

    // ------------------------------------------------------------------ S1STALLD

    [Theory]
    [InlineData(Idr0StallModel.NoStall)]
    [InlineData(Idr0StallModel.Force)]
    public void Stage1StallDisable_WithoutAStallChoice_IsCBadSte(Idr0StallModel model)
    {
        var options = model == Idr0StallModel.NoStall ? NoStall : ForcedStall;
        AssertBadSte(TransactionBench.Stage1Ste().WithS1stalld(true), "S1STALLD", options);
    }

    [Fact]
    public void Stage1StallDisable_WithTheStallModel_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage1Ste().WithS1stalld(true));

    [Fact]
    public void Stage1StallDisable_IsIgnored_OnStage2OnlySte() =>
        AssertLegalSte(TransactionBench.Stage2Ste.WithS1stalld(true), NoStall);

    // ------------------------------------------------------------------ S1CDMax, S1Fmt

    [Fact]
    public void S1CDMax_BeyondSsidSize_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage1Ste(s1CdMax: 5, dss: SteS1dss.Ssid0), "S1CDMax", new SmmuOptions { SsidSize = 4 });

    [Fact]
    public void S1CDMax_EqualToSsidSize_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage1Ste(s1CdMax: 4, dss: SteS1dss.Ssid0), new SmmuOptions { SsidSize = 4 });

    [Theory]
    [InlineData(SteS1Fmt.Linear)]
    [InlineData(SteS1Fmt.TwoLevel64k)]
    public void S1CDMax_IsIgnored_WithoutSubstreams_AndTheOneCdIsAtS1ContextPtr(SteS1Fmt format)
    {
        // IHI 0070 5.2 S1CDMax: with IDR1.SSIDSIZE = 0 there are no substreams, so S1CDMax (and
        // S1Fmt with it) is ignored and S1ContextPtr is the address of the single CD.
        var ste = TransactionBench.Stage1Ste(s1CdMax: 31, format: format);
        var options = new SmmuOptions { SsidSize = 0, TwoLevelCdTable = false };
        AssertLegalSte(ste, options);
    }

    [Theory]
    [InlineData(SteS1Fmt.TwoLevel4k)]
    [InlineData(SteS1Fmt.TwoLevel64k)]
    public void TwoLevelCdTable_WithoutCd2l_IsCBadSte(SteS1Fmt format) =>
        AssertBadSte(TransactionBench.Stage1Ste(s1CdMax: 8, format: format, dss: SteS1dss.Ssid0), "S1Fmt", new SmmuOptions { TwoLevelCdTable = false });

    [Fact]
    public void TwoLevelFormat_WithOneCd_IsIgnored_WithoutCd2l() =>
        AssertLegalSte(TransactionBench.Stage1Ste(format: SteS1Fmt.TwoLevel4k), new SmmuOptions { TwoLevelCdTable = false });

    [Fact]
    public void TwoLevelCdTable_WithCd2l_IsLegal()
    {
        const ulong leaf = TransactionBench.CdTablesAddress + 0x10_0000;
        AssertLegalSte(
            TransactionBench.Stage1Ste(s1CdMax: 8, format: SteS1Fmt.TwoLevel4k, dss: SteS1dss.Ssid0),
            setup: b => b.WriteAt(TransactionBench.CdTablesAddress, new L1cd().WithV(true).WithL2Ptr(leaf)).WriteAt(leaf, TransactionBench.ValidCd()));
    }

    // ------------------------------------------------------------------ S1ContextPtr

    [Fact]
    public void ContextPointer_BeyondTheOutputAddressSize_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage1Ste(cdAddress: 1UL << 48), "S1ContextPtr");

    [Fact]
    public void ContextPointer_WithTheLastCdBelowTheOutputAddressSize_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage1Ste(cdAddress: (1UL << 48) - 64));

    [Fact]
    public void ContextPointer_OfStage1OnlySte_IsLimitedByTheOas_NotTheIas()
    {
        // OAS 36 with VMSAv8-32 tables: the IAS is 40 bits (IHI 0070 3.4).
        var options = BothTableFormats with { OutputAddressSize = Idr5Oas.Bits36 };
        AssertBadSte(TransactionBench.Stage1Ste(cdAddress: 1UL << 36), "S1ContextPtr", options);
        AssertLegalSte(TransactionBench.Stage1Ste(cdAddress: (1UL << 36) - 64), options);
    }

    [Fact]
    public void ContextPointer_OfNestedSte_IsAnIpa_LimitedByTheIas()
    {
        var options = BothTableFormats with { OutputAddressSize = Idr5Oas.Bits36 };
        AssertLegalSte(TransactionBench.NestedSte(cdAddress: 1UL << 36), options);
        AssertLegalSte(TransactionBench.NestedSte(cdAddress: (1UL << 40) - 64), options);
        AssertBadSte(TransactionBench.NestedSte(cdAddress: 1UL << 40), "S1ContextPtr", options);
    }

    // ------------------------------------------------------------------ S2S

    [Fact]
    public void Stage2Stalls_OnTerminateOnlySmmu_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste.WithS2s(true), "S2S", NoStall);

    [Fact]
    public void Stage2WithoutStalls_OnForcedStallSmmu_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste, "S2S", ForcedStall);

    [Fact]
    public void Stage2Stalls_OnForcedStallSmmu_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage2Ste.WithS2s(true), ForcedStall);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stage2Stalls_EitherWay_OnStallModelSmmu_AreLegal(bool stall) =>
        AssertLegalSte(TransactionBench.Stage2Ste.WithS2s(stall));

    // ------------------------------------------------------------------ S2AA64

    [Fact]
    public void Vmsav8_64Stage2_WithoutAArch64Tables_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste, "S2AA64", new SmmuOptions { TableFormats = Idr0Ttf.Aarch32 });

    [Fact]
    public void Vmsav8_32Stage2_WithoutAArch32Tables_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste.WithS2aa64(false), "S2AA64");

    [Fact]
    public void Vmsav8_32Stage2_WithAArch32Tables_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage2Ste.WithS2aa64(false), BothTableFormats);

    // ------------------------------------------------------------------ S2HA, S2HD

    [Theory]
    [InlineData(true, false, "S2HA")]
    [InlineData(false, true, "S2HD")]
    [InlineData(true, true, "S2HA")]
    public void Stage2HardwareUpdates_WithoutHttu_IsCBadSte(bool ha, bool hd, string field) =>
        AssertBadSte(TransactionBench.Stage2Ste.WithS2ha(ha).WithS2hd(hd), field, new SmmuOptions { Httu = Idr0Httu.None });

    [Fact]
    public void Stage2DirtyUpdate_WithAccessFlagOnlyHttu_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste.WithS2ha(true).WithS2hd(true), "S2HD", new SmmuOptions { Httu = Idr0Httu.Access });

    [Fact]
    public void Stage2HardwareUpdates_WithVmsav8_32Tables_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste.WithS2aa64(false).WithS2ha(true), "S2HA", BothTableFormats);

    [Theory]
    [InlineData(Idr0Httu.Access, true, false)]
    [InlineData(Idr0Httu.AccessDirty, true, true)]
    [InlineData(Idr0Httu.AccessDirty, false, true)]
    [InlineData(Idr0Httu.None, false, false)]
    public void Stage2HardwareUpdates_ThatHttuReports_AreLegal(Idr0Httu httu, bool ha, bool hd) =>
        AssertLegalSte(TransactionBench.Stage2Ste.WithS2ha(ha).WithS2hd(hd), new SmmuOptions { Httu = httu });

    // ------------------------------------------------------------------ S2ENDI

    [Theory]
    [InlineData(Idr0Ttendian.Le, true)]
    [InlineData(Idr0Ttendian.Be, false)]
    public void Stage2Endianness_ThatTtendianExcludes_IsCBadSte(Idr0Ttendian endianness, bool bigEndian) =>
        AssertBadSte(TransactionBench.Stage2Ste.WithS2endi(bigEndian), "S2ENDI", new SmmuOptions { TableEndianness = endianness });

    [Theory]
    [InlineData(Idr0Ttendian.Le, false)]
    [InlineData(Idr0Ttendian.Be, true)]
    [InlineData(Idr0Ttendian.Mixed, false)]
    [InlineData(Idr0Ttendian.Mixed, true)]
    public void Stage2Endianness_ThatTtendianReports_IsLegal(Idr0Ttendian endianness, bool bigEndian) =>
        AssertLegalSte(TransactionBench.Stage2Ste.WithS2endi(bigEndian), new SmmuOptions { TableEndianness = endianness });

    // ------------------------------------------------------------------ S2TG

    [Fact]
    public void ReservedStage2Granule_IsCBadSte() =>
        AssertBadSte(TransactionBench.Stage2Ste.WithS2tg((Granule)3), "S2TG");

    [Theory]
    [InlineData(Granule.Size4kb)]
    [InlineData(Granule.Size16kb)]
    [InlineData(Granule.Size64kb)]
    public void Stage2Granule_ThatIdr5DoesNotReport_IsCBadSte(Granule granule)
    {
        var options = new SmmuOptions { Granule4K = granule != Granule.Size4kb, Granule16K = granule != Granule.Size16kb, Granule64K = granule != Granule.Size64kb };
        AssertBadSte(Stage2(granule, 24, 1), "S2TG", options);
    }

    [Theory]
    [InlineData(Granule.Size4kb)]
    [InlineData(Granule.Size16kb)]
    [InlineData(Granule.Size64kb)]
    public void Stage2Granule_ThatIdr5Reports_IsLegal_EvenAlone(Granule granule)
    {
        var options = new SmmuOptions { Granule4K = granule == Granule.Size4kb, Granule16K = granule == Granule.Size16kb, Granule64K = granule == Granule.Size64kb };
        AssertLegalSte(Stage2(granule, 24, 1), options);
    }

    // ------------------------------------------------------------------ S2T0SZ

    [Theory]
    [InlineData(Granule.Size4kb, 2, 15, Idr5Oas.Bits48)]   // 4KB/16KB: at least 16
    [InlineData(Granule.Size16kb, 2, 15, Idr5Oas.Bits48)]
    [InlineData(Granule.Size64kb, 2, 15, Idr5Oas.Bits48)]  // 48-bit IAS: at least 64 - 48
    [InlineData(Granule.Size4kb, 0, 40, Idr5Oas.Bits48)]   // IDR3.STT = 0: at most 39
    [InlineData(Granule.Size16kb, 0, 40, Idr5Oas.Bits48)]
    [InlineData(Granule.Size64kb, 0, 40, Idr5Oas.Bits48)]
    [InlineData(Granule.Size64kb, 2, 11, Idr5Oas.Bits52)]  // 52-bit IAS, 64KB: at least 12
    [InlineData(Granule.Size4kb, 2, 15, Idr5Oas.Bits52)]   // 52-bit IAS, 4KB: still 16
    [InlineData(Granule.Size16kb, 2, 15, Idr5Oas.Bits52)]
    [InlineData(Granule.Size4kb, 1, 23, Idr5Oas.Bits40)]   // 40-bit IAS: at least 24
    [InlineData(Granule.Size64kb, 1, 23, Idr5Oas.Bits40)]
    public void Stage2InputSize_OutsideTheRange_IsCBadSte(Granule granule, int sl0, int t0sz, Idr5Oas oas) =>
        AssertBadSte(Stage2(granule, t0sz, sl0), "S2T0SZ", new SmmuOptions { OutputAddressSize = oas });

    [Theory]
    [InlineData(Granule.Size4kb, 2, 16, Idr5Oas.Bits48)]
    [InlineData(Granule.Size16kb, 2, 16, Idr5Oas.Bits48)]
    [InlineData(Granule.Size64kb, 2, 16, Idr5Oas.Bits48)]
    [InlineData(Granule.Size4kb, 0, 39, Idr5Oas.Bits48)]
    [InlineData(Granule.Size16kb, 0, 39, Idr5Oas.Bits48)]
    [InlineData(Granule.Size64kb, 0, 39, Idr5Oas.Bits48)]
    [InlineData(Granule.Size64kb, 2, 12, Idr5Oas.Bits52)]
    [InlineData(Granule.Size4kb, 2, 16, Idr5Oas.Bits52)]
    [InlineData(Granule.Size4kb, 1, 24, Idr5Oas.Bits40)]
    [InlineData(Granule.Size64kb, 1, 24, Idr5Oas.Bits40)]
    public void Stage2InputSize_AtTheEndsOfTheRange_IsLegal(Granule granule, int sl0, int t0sz, Idr5Oas oas) =>
        AssertLegalSte(Stage2(granule, t0sz, sl0), new SmmuOptions { OutputAddressSize = oas });

    [Fact]
    public void Stage2InputSize_WithVmsav8_32Tables_MayReach40Bits_BeyondASmallerOas()
    {
        // IHI 0070 3.4: with VMSAv8-32 LPAE tables the IAS is at least 40 bits.
        var options = BothTableFormats with { OutputAddressSize = Idr5Oas.Bits36 };
        AssertLegalSte(Stage2(Granule.Size4kb, 24, 1), options);
        AssertBadSte(Stage2(Granule.Size4kb, 23, 1), "S2T0SZ", options);
    }

    // ------------------------------------------------------------------ S2SL0

    /// <summary>
    /// Start levels from the Arm ARM VTCR_EL2.SL0 rules (no FEAT_LPA2/TTST): SL0 0/1/2 start at
    /// level 2/1/0 with 4KB, at 3/2/1 with 16KB and 64KB; 3 is reserved. Starting at level L, a
    /// walk of a (64 - S2T0SZ)-bit IPA resolves the bits above PageBits + (3 - L) * (PageBits - 3),
    /// which must be at least 1 and at most one table (PageBits - 3) plus 16 concatenated tables (4).
    /// 4KB: level 2 → T0SZ 30..42, level 1 → 21..33, level 0 → 12..24.
    /// 16KB: level 3 → 35..49, level 2 → 24..38, level 1 → 13..27.
    /// 64KB: level 3 → 31..47, level 2 → 18..34, level 1 → 5..21.
    /// (Clipped to the legal S2T0SZ range 16..39 of a 48-bit IAS.)
    /// </summary>
    public static TheoryData<Granule, byte, byte, bool> StartLevels => new()
    {
        { Granule.Size4kb, 0, 30, true }, { Granule.Size4kb, 0, 39, true }, { Granule.Size4kb, 0, 29, false },
        { Granule.Size4kb, 1, 21, true }, { Granule.Size4kb, 1, 33, true }, { Granule.Size4kb, 1, 20, false }, { Granule.Size4kb, 1, 34, false },
        { Granule.Size4kb, 2, 16, true }, { Granule.Size4kb, 2, 24, true }, { Granule.Size4kb, 2, 25, false },
        { Granule.Size4kb, 3, 24, false }, { Granule.Size4kb, 3, 30, false },
        { Granule.Size16kb, 0, 35, true }, { Granule.Size16kb, 0, 39, true }, { Granule.Size16kb, 0, 34, false },
        { Granule.Size16kb, 1, 24, true }, { Granule.Size16kb, 1, 38, true }, { Granule.Size16kb, 1, 23, false }, { Granule.Size16kb, 1, 39, false },
        { Granule.Size16kb, 2, 16, true }, { Granule.Size16kb, 2, 27, true }, { Granule.Size16kb, 2, 28, false },
        { Granule.Size16kb, 3, 30, false }, { Granule.Size16kb, 3, 16, false },
        { Granule.Size64kb, 0, 31, true }, { Granule.Size64kb, 0, 39, true }, { Granule.Size64kb, 0, 30, false },
        { Granule.Size64kb, 1, 18, true }, { Granule.Size64kb, 1, 34, true }, { Granule.Size64kb, 1, 17, false }, { Granule.Size64kb, 1, 35, false },
        { Granule.Size64kb, 2, 16, true }, { Granule.Size64kb, 2, 21, true }, { Granule.Size64kb, 2, 22, false },
        { Granule.Size64kb, 3, 20, false }, { Granule.Size64kb, 3, 39, false },
    };

    [Theory]
    [MemberData(nameof(StartLevels))]
    public void Stage2StartLevel_MustResolveTheIpaSize(Granule granule, byte sl0, byte t0sz, bool legal)
    {
        var ste = Stage2(granule, t0sz, sl0);
        if (legal)
        {
            AssertLegalSte(ste);
        }
        else
        {
            AssertBadSte(ste, "S2SL0");
        }
    }

    [Theory]
    [InlineData(Granule.Size4kb)]
    [InlineData(Granule.Size16kb)]
    [InlineData(Granule.Size64kb)]
    public void Stage2StartLevel_AgreesWithTheArmConsistencyRule_ForEveryLegalInputSize(Granule granule)
    {
        var granuleBits = granule switch { Granule.Size4kb => 12, Granule.Size16kb => 14, _ => 16 };
        var bench = Bench(null);
        var sid = 0u;
        for (byte sl0 = 0; sl0 <= 3; sl0++)
        {
            for (byte t0sz = 16; t0sz <= 39; t0sz++, sid++)
            {
                var ste = Stage2(granule, t0sz, sl0);
                bench.InstallSte(sid, ste);
                var result = bench.Translate(sid);
                var consistent = ArmStage2StartLevelConsistent(granuleBits, sl0, 64 - t0sz);
                Assert.True(consistent == result.Succeeded, $"{granule} SL0={sl0} T0SZ={t0sz}: expected {(consistent ? "legal" : "C_BAD_STE")}, got {result}");
                Assert.Equal(consistent ? null : (EvtEventId?)EvtEventId.CBadSte, result.EventId);
                Assert.Equal(consistent, bench.Smmu.ExplainSte(ste) is null);
            }
        }
    }

    // The Arm ARM's AArch64.S2InconsistentSL, without FEAT_LPA2 and FEAT_TTST.
    private static bool ArmStage2StartLevelConsistent(int granuleBits, int sl0, int inputBits)
    {
        if (sl0 == 3)
        {
            return false;
        }

        var startLevel = granuleBits == 12 ? 2 - sl0 : 3 - sl0;
        var stride = granuleBits - 3;
        var minimum = ((3 - startLevel) * stride) + granuleBits + 1;
        var maximum = minimum + (stride - 1) + 4;
        return inputBits >= minimum && inputBits <= maximum;
    }

    // ------------------------------------------------------------------ S2TTB

    [Theory]
    [InlineData(AddressSize.Bits40, Idr5Oas.Bits48, Granule.Size4kb, 1UL << 40)]       // beyond S2PS
    [InlineData(AddressSize.Bits52, Idr5Oas.Bits48, Granule.Size4kb, 1UL << 48)]       // S2PS capped to the OAS
    [InlineData(AddressSize.Bits48, Idr5Oas.Bits40, Granule.Size4kb, 1UL << 40)]
    [InlineData(AddressSize.Bits52, Idr5Oas.Bits52, Granule.Size4kb, 1UL << 48)]       // 48 bits below 64KB granules
    [InlineData(AddressSize.Bits52, Idr5Oas.Bits52, Granule.Size16kb, 1UL << 48)]
    [InlineData(AddressSize.Bits32, Idr5Oas.Bits48, Granule.Size64kb, 1UL << 32)]
    public void Stage2TableAddress_BeyondTheEffectiveS2ps_IsCBadSte(AddressSize s2ps, Idr5Oas oas, Granule granule, ulong s2ttb) =>
        AssertBadSte(Stage2(granule, 24, 1).WithS2ps(s2ps).WithS2ttb(s2ttb), "S2TTB", new SmmuOptions { OutputAddressSize = oas });

    [Theory]
    [InlineData(AddressSize.Bits40, Idr5Oas.Bits48, Granule.Size4kb, (1UL << 40) - 16)]
    [InlineData(AddressSize.Bits52, Idr5Oas.Bits48, Granule.Size4kb, (1UL << 48) - 16)]
    [InlineData(AddressSize.Bits52, Idr5Oas.Bits52, Granule.Size4kb, (1UL << 48) - 16)]
    [InlineData(AddressSize.Bits52, Idr5Oas.Bits52, Granule.Size64kb, 1UL << 48)]
    [InlineData(AddressSize.Bits52, Idr5Oas.Bits52, Granule.Size64kb, MaxTableAddress)]
    [InlineData(AddressSize.Bits32, Idr5Oas.Bits48, Granule.Size64kb, (1UL << 32) - 16)]
    public void Stage2TableAddress_WithinTheEffectiveS2ps_IsLegal(AddressSize s2ps, Idr5Oas oas, Granule granule, ulong s2ttb) =>
        AssertLegalSte(Stage2(granule, 24, 1).WithS2ps(s2ps).WithS2ttb(s2ttb), new SmmuOptions { OutputAddressSize = oas });

    [Fact]
    public void Stage2TableAddress_WithVmsav8_32Tables_IgnoresS2ps()
    {
        // IHI 0070 5.2 S2PS: IGNORED when S2AA64 = 0; a VMSAv8-32 LPAE stage 2 has a 40-bit
        // output (VTCR has no PS field), so a 33-bit S2TTB is within range whatever S2PS says.
        AssertLegalSte(TransactionBench.Stage2Ste.WithS2aa64(false).WithS2ps(AddressSize.Bits32).WithS2ttb(0x1_0000_0000), BothTableFormats);
    }

    // ------------------------------------------------------------------ S2VMID

    [Theory]
    [InlineData(SteConfig.S2Trans, true)]
    [InlineData(SteConfig.Nested, true)]
    [InlineData(SteConfig.S1Trans, true)]  // NS-EL1 by STRW
    [InlineData(SteConfig.S1Trans, false)] // NS-EL1: no hypervisor contexts
    public void WideVmid_Without16BitVmids_WhereTheVmidIsUsed_IsCBadSte(SteConfig config, bool hyp) =>
        AssertBadSte(TransactionBench.NestedSte().WithConfig(config).WithStrw(SteStrw.El1).WithS2vmid(0x100), "S2VMID", new SmmuOptions { Vmid16 = false, Hyp = hyp });

    [Theory]
    [InlineData(SteConfig.S2Trans)]
    [InlineData(SteConfig.Nested)]
    [InlineData(SteConfig.S1Trans)]
    public void EightBitVmid_Without16BitVmids_IsLegal(SteConfig config) =>
        AssertLegalSte(TransactionBench.NestedSte().WithConfig(config).WithS2vmid(0xFF), new SmmuOptions { Vmid16 = false });

    [Fact]
    public void WideVmid_With16BitVmids_IsLegal() =>
        AssertLegalSte(TransactionBench.Stage2Ste.WithS2vmid(0xFFFF));

    [Fact]
    public void WideVmid_OnStage1OnlyEl2Ste_IsIgnored_WithHyp() =>
        AssertLegalSte(TransactionBench.Stage1Ste().WithStrw(SteStrw.El2).WithS2vmid(0xFFFF), new SmmuOptions { Vmid16 = false, Hyp = true });

    [Fact]
    public void WideVmid_OnSmmuWithoutStage2_IsIgnored() =>
        AssertLegalSte(TransactionBench.Stage1Ste().WithS2vmid(0xFFFF), new SmmuOptions { Vmid16 = false, Stage2 = false, Nested = false });

    [Fact]
    public void WideVmid_OnBypassSte_IsIgnored() =>
        AssertLegalSte(TransactionBench.BypassSte.WithS2vmid(0xFFFF), new SmmuOptions { Vmid16 = false });

    // ------------------------------------------------------------------ ignored fields

    [Fact]
    public void Stage2Fields_AreNotChecked_OnStage1OnlySte()
    {
        var options = NoStall with { Httu = Idr0Httu.None, TableEndianness = Idr0Ttendian.Le, Granule16K = false };
        var ste = TransactionBench.Stage1Ste()
            .WithS2t0sz(63).WithS2sl0(3).WithS2tg((Granule)3).WithS2ps((AddressSize)7).WithS2aa64(false)
            .WithS2ha(true).WithS2hd(true).WithS2endi(true).WithS2s(true).WithS2ttb(MaxTableAddress);
        AssertLegalSte(ste, options);
        AssertLegalSte(ste.WithS2aa64(true).WithS2tg(Granule.Size16kb), options);
    }

    [Fact]
    public void Stage1Fields_AreNotChecked_OnStage2OnlySte()
    {
        var options = NoStall with { SsidSize = 4, TwoLevelCdTable = false, OutputAddressSize = Idr5Oas.Bits40 };
        var ste = TransactionBench.Stage2Ste
            .WithS1ContextPtr(0xF_FFFF_FFFF_FFC0).WithS1CDMax(31).WithS1Fmt(SteS1Fmt.TwoLevel64k).WithS1dss((SteS1dss)3)
            .WithS1stalld(true).WithStrw(SteStrw.El3);
        AssertLegalSte(ste, options);
    }

    [Fact]
    public void TranslationFields_AreNotChecked_OnBypassSte()
    {
        var options = NoStall with { Vmid16 = false, Httu = Idr0Httu.None, SsidSize = 4, TwoLevelCdTable = false };
        var ste = TransactionBench.BypassSte
            .WithS1ContextPtr(0xF_FFFF_FFFF_FFC0).WithS1CDMax(31).WithS1Fmt(SteS1Fmt.TwoLevel4k).WithS1stalld(true).WithStrw(SteStrw.El3)
            .WithS2t0sz(0).WithS2sl0(3).WithS2tg((Granule)3).WithS2ha(true).WithS2hd(true).WithS2s(true).WithS2vmid(0xFFFF).WithS2ttb(MaxTableAddress);
        Assert.Equal(TranslationOutcome.Bypassed, AssertLegalSte(ste, options).Outcome);
    }

    [Fact]
    public void EveryLegalTemplate_IsLegalOnTheDefaultSmmu()
    {
        foreach (var ste in new[] { TransactionBench.BypassSte, TransactionBench.Stage1Ste(), TransactionBench.Stage2Ste, TransactionBench.NestedSte() })
        {
            AssertLegalSte(ste);
        }
    }
}

/// <summary>Shared checks of the configuration-validity tests.</summary>
internal static class ConfigurationValidityAssert
{
    /// <summary>The configuration events of IHI 0070 3.3 (and 7.3): a transaction stopped before translation.</summary>
    public static readonly EvtEventId[] ConfigurationEvents =
    [
        EvtEventId.CBadStreamid, EvtEventId.FSteFetch, EvtEventId.CBadSte, EvtEventId.FStreamDisabled,
        EvtEventId.CBadSubstreamid, EvtEventId.FCdFetch, EvtEventId.CBadCd,
    ];

    /// <summary>The transaction was aborted with <paramref name="id"/>, which reached the Event queue.</summary>
    public static void BadConfiguration(TranslationResult result, EvtEventId id)
    {
        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(id, result.EventId);
        Assert.True(result.EventRecorded, "the event should have been written to the Event queue");
    }

    /// <summary>The reason names <paramref name="field"/> as a whole word.</summary>
    public static void Names(string field, string? reason)
    {
        Assert.NotNull(reason);
        Assert.True(
            Regex.IsMatch(reason, $"(?<![A-Za-z0-9_]){Regex.Escape(field)}(?![A-Za-z0-9_])"),
            $"expected the reason to name {field}: \"{reason}\"");
    }

    /// <summary>Whether <paramref name="id"/> is a configuration event.</summary>
    public static bool IsConfigurationEvent(EvtEventId id) => ConfigurationEvents.Contains(id);
}
