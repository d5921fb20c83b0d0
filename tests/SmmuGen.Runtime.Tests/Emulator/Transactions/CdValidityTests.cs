using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>
/// The ILLEGAL CD rules of IHI 0070 5.4 as a driver meets them: a legal stage 1 STE points at a
/// CD in guest memory; each test breaks one rule of a legal CD, sends a transaction and expects
/// C_BAD_CD with the transaction's StreamID/SubstreamID, and <see cref="Smmu.ExplainCd"/> naming
/// the field. The legal value next to each rule is accepted, disabled translation tables are not
/// checked, and the EL2 StreamWorld ignores what it does not use.
/// </summary>
public sealed class CdValidityTests
{
    private const uint Sid = 9;
    private const ulong MaxTableAddress = 0xF_FFFF_FFFF_FFF0; // TTBx hold address bits 51:4

    private static readonly SmmuOptions NoStall = new() { StallModel = Idr0StallModel.NoStall, StallMax = 0 };
    private static readonly SmmuOptions ForcedStall = new() { StallModel = Idr0StallModel.Force };
    private static readonly SmmuOptions BothTableFormats = new() { TableFormats = Idr0Ttf.Aarch32Aarch64 };

    private static Ste Stage1 => TransactionBench.Stage1Ste();

    /// <summary>A stage-1-only STE of the EL2 StreamWorld (EL2-E2H when CR2.E2H is set).</summary>
    private static Ste El2 => TransactionBench.Stage1Ste().WithStrw(SteStrw.El2);

    private static Cd ValidCd => TransactionBench.ValidCd();

    /// <summary><see cref="ValidCd"/> with TTB1 enabled too: 4KB granule, 48-bit VA.</summary>
    private static Cd TwoRangeCd => TransactionBench.ValidCd().WithEpd1(false).WithTg1(CdTg1.Size4kb).WithT1sz(16).WithTtb1(0x7000_0000);

    private static TransactionBench Bench(SmmuOptions? options, bool e2h)
    {
        var bench = new TransactionBench(options).LinearStreamTable(8);
        if (!e2h)
        {
            return bench.Enable();
        }

        // TransactionBench.Enable, with CR2.E2H set before SMMUEN.
        bench.Write(new Cr2(0).WithE2h(true).WithRecinvsid(true));
        bench.Write(new Cr0(0).WithEventqen(true).WithCmdqen(true).WithSmmuen(true));
        return bench;
    }

    private static ulong CdAddress(uint? substreamId) => TransactionBench.CdTablesAddress + ((ulong)substreamId.GetValueOrDefault() * Cd.Size);

    /// <summary>
    /// Installs the legal <paramref name="ste"/> and <paramref name="cd"/> (the CD of
    /// <paramref name="substreamId"/> in a linear table), sends one transaction and expects
    /// C_BAD_CD: aborted, recorded, the transaction's StreamID and SubstreamID in the event, and
    /// the reason naming <paramref name="field"/>.
    /// </summary>
    private static void AssertBadCd(Ste ste, Cd cd, string field, SmmuOptions? options = null, bool e2h = false, uint? substreamId = null)
    {
        var bench = Bench(options, e2h).InstallSte(Sid, ste).WriteAt(CdAddress(substreamId), cd);
        Assert.Null(bench.Smmu.ExplainSte(ste));

        var result = bench.Translate(Sid, substreamId: substreamId);

        ConfigurationValidityAssert.BadConfiguration(result, EvtEventId.CBadCd);
        var evt = Assert.Single(bench.DrainEvents());
        Assert.Equal(result.Event, evt);
        Assert.True(evt.TryGetCBadCd(out var bad));
        Assert.Equal(Sid, bad.StreamID);
        Assert.Equal(substreamId.HasValue, bad.Ssv);
        Assert.Equal(substreamId.GetValueOrDefault(), bad.SubstreamID);
        Assert.Empty(bench.Engine.Contexts);
        ConfigurationValidityAssert.Names(field, bench.Smmu.ExplainCd(ste, cd));
    }

    /// <summary>Expects <paramref name="cd"/> behind <paramref name="ste"/> to be legal: the transaction reaches the engine with it.</summary>
    private static void AssertLegalCd(Ste ste, Cd cd, SmmuOptions? options = null, bool e2h = false)
    {
        var bench = Bench(options, e2h).InstallSte(Sid, ste).WriteAt(TransactionBench.CdTablesAddress, cd);
        Assert.Null(bench.Smmu.ExplainSte(ste));
        Assert.Null(bench.Smmu.ExplainCd(ste, cd));

        var result = bench.Translate(Sid);

        Assert.Equal(TranslationOutcome.Translated, result.Outcome);
        Assert.Null(result.Event);
        Assert.Empty(bench.DrainEvents());
        var context = Assert.Single(bench.Engine.Contexts);
        Assert.Equal(cd, context.Cd);
    }

    // ------------------------------------------------------------------ V

    [Fact]
    public void InvalidCd_VClear_IsCBadCd() =>
        AssertBadCd(Stage1, ValidCd.WithV(false), "V");

    [Fact]
    public void InvalidCd_AllZero_IsCBadCd() =>
        AssertBadCd(Stage1, default, "V");

    [Fact]
    public void InvalidCd_BehindNestedSte_IsCBadCd() =>
        AssertBadCd(TransactionBench.NestedSte(), ValidCd.WithV(false), "V");

    [Theory]
    [InlineData(0, null)]       // one CD
    [InlineData(4, null)]       // S1DSS = SSID0: CD 0, no SubstreamID in the event
    [InlineData(4, 3u)]
    [InlineData(4, 15u)]
    [InlineData(20, 0xFFFFFu)]
    public void BadCd_EventCarriesTheTransactionsStreamIdAndSubstreamId(int s1CdMax, uint? substreamId) =>
        AssertBadCd(TransactionBench.Stage1Ste(s1CdMax: (byte)s1CdMax, dss: SteS1dss.Ssid0), ValidCd.WithV(false), "V", substreamId: substreamId);

    [Fact]
    public void BadCd_BehindNestedSte_CarriesTheSubstreamId() =>
        AssertBadCd(TransactionBench.NestedSte(s1CdMax: 4), ValidCd.WithT0sz(63), "T0SZ", substreamId: 2);

    [Fact]
    public void LegalTemplates_AreLegal() => AssertLegalCd(Stage1, ValidCd);

    // ------------------------------------------------------------------ S, A (fault model)

    [Fact]
    public void StallingCd_UnderSteThatForbidsStalls_IsCBadCd()
    {
        AssertBadCd(Stage1.WithS1stalld(true), ValidCd.WithS(true), "S");
        Assert.Contains("S1STALLD", Bench(null, false).Smmu.ExplainCd(Stage1.WithS1stalld(true), ValidCd.WithS(true)));
    }

    [Fact]
    public void StallingCd_OnTerminateOnlySmmu_IsCBadCd() =>
        AssertBadCd(Stage1, ValidCd.WithS(true), "S", NoStall);

    [Fact]
    public void NonStallingCd_OnForcedStallSmmu_IsCBadCd() =>
        AssertBadCd(Stage1, ValidCd.WithS(false), "S", ForcedStall);

    [Fact]
    public void NonAbortingCd_WhenTermModelRequiresAborts_IsCBadCd() =>
        AssertBadCd(Stage1, ValidCd.WithA(false), "A", new SmmuOptions { TerminateAlwaysAborts = true });

    [Theory]
    [InlineData(Idr0StallModel.Stall, false)]
    [InlineData(Idr0StallModel.Stall, true)]
    [InlineData(Idr0StallModel.NoStall, false)]
    [InlineData(Idr0StallModel.Force, true)]
    public void StallChoice_ThatTheStallModelAllows_IsLegal(Idr0StallModel model, bool stall)
    {
        var options = model switch { Idr0StallModel.NoStall => NoStall, Idr0StallModel.Force => ForcedStall, _ => new SmmuOptions() };
        AssertLegalCd(Stage1, ValidCd.WithS(stall), options);
    }

    [Fact]
    public void NonStallingCd_UnderSteThatForbidsStalls_IsLegal() =>
        AssertLegalCd(Stage1.WithS1stalld(true), ValidCd.WithS(false));

    [Theory]
    [InlineData(false, true)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void TerminationChoice_ThatTermModelAllows_IsLegal(bool termModel, bool abort) =>
        AssertLegalCd(Stage1, ValidCd.WithA(abort), new SmmuOptions { TerminateAlwaysAborts = termModel });

    // ------------------------------------------------------------------ AA64

    [Fact]
    public void Vmsav8_32Cd_WithoutAArch32Tables_IsCBadCd() =>
        AssertBadCd(Stage1, ValidCd.WithAa64(false), "AA64");

    [Fact]
    public void Vmsav8_32Cd_InTheEl2E2hStreamWorld_IsCBadCd() =>
        AssertBadCd(El2, ValidCd.WithAa64(false), "AA64", BothTableFormats, e2h: true);

    [Fact]
    public void Vmsav8_64Cd_WithoutAArch64Tables_IsCBadCd() =>
        AssertBadCd(Stage1, ValidCd, "AA64", new SmmuOptions { TableFormats = Idr0Ttf.Aarch32 });

    [Fact]
    public void Vmsav8_64Cd_OverVmsav8_32Stage2_IsCBadCd() =>
        AssertBadCd(TransactionBench.NestedSte().WithS2aa64(false), ValidCd, "AA64", BothTableFormats);

    [Theory]
    [InlineData(false, false)] // NS-EL1
    [InlineData(true, false)]  // EL2 without E2H
    public void Vmsav8_32Cd_WithAArch32Tables_IsLegal(bool el2, bool e2h) =>
        AssertLegalCd(el2 ? El2 : Stage1, ValidCd.WithAa64(false), BothTableFormats, e2h);

    [Fact]
    public void Vmsav8_32Cd_OverVmsav8_32Stage2_IsLegal() =>
        AssertLegalCd(TransactionBench.NestedSte().WithS2aa64(false), ValidCd.WithAa64(false), BothTableFormats);

    [Fact]
    public void Vmsav8_64Cd_OverVmsav8_64Stage2_IsLegal() =>
        AssertLegalCd(TransactionBench.NestedSte(), ValidCd, BothTableFormats);

    // ------------------------------------------------------------------ ENDI

    [Theory]
    [InlineData(Idr0Ttendian.Le, true)]
    [InlineData(Idr0Ttendian.Be, false)]
    public void Endianness_ThatTtendianExcludes_IsCBadCd(Idr0Ttendian endianness, bool bigEndian) =>
        AssertBadCd(Stage1, ValidCd.WithEndi(bigEndian), "ENDI", new SmmuOptions { TableEndianness = endianness });

    [Fact]
    public void Endianness_ThatTtendianExcludes_IsCBadCd_WithOnlyTtb1Enabled() =>
        AssertBadCd(Stage1, TwoRangeCd.WithEpd0(true).WithEndi(true), "ENDI", new SmmuOptions { TableEndianness = Idr0Ttendian.Le });

    [Theory]
    [InlineData(Idr0Ttendian.Le, false)]
    [InlineData(Idr0Ttendian.Be, true)]
    [InlineData(Idr0Ttendian.Mixed, false)]
    [InlineData(Idr0Ttendian.Mixed, true)]
    public void Endianness_ThatTtendianReports_IsLegal(Idr0Ttendian endianness, bool bigEndian) =>
        AssertLegalCd(Stage1, ValidCd.WithEndi(bigEndian), new SmmuOptions { TableEndianness = endianness });

    [Fact]
    public void Endianness_IsNotChecked_WithBothTablesDisabled() =>
        AssertLegalCd(Stage1, ValidCd.WithEpd0(true).WithEpd1(true).WithEndi(true), new SmmuOptions { TableEndianness = Idr0Ttendian.Le });

    [Fact]
    public void Endianness_IsChecked_InTheEl2StreamWorld_WhereEpd0HasNoEffect() =>
        AssertBadCd(El2, ValidCd.WithEpd0(true).WithEpd1(true).WithEndi(true), "ENDI", new SmmuOptions { TableEndianness = Idr0Ttendian.Le });

    // ------------------------------------------------------------------ HA, HD

    [Theory]
    [InlineData(true, false, Idr0Httu.None, "HA")]
    [InlineData(false, true, Idr0Httu.None, "HD")]
    [InlineData(true, true, Idr0Httu.None, "HA")]
    [InlineData(true, true, Idr0Httu.Access, "HD")]
    [InlineData(false, true, Idr0Httu.Access, "HD")]
    public void HardwareUpdates_ThatHttuDoesNotReport_AreCBadCd(bool ha, bool hd, Idr0Httu httu, string field) =>
        AssertBadCd(Stage1, ValidCd.WithHa(ha).WithHd(hd), field, new SmmuOptions { Httu = httu });

    [Theory]
    [InlineData(true, false, Idr0Httu.Access)]
    [InlineData(true, true, Idr0Httu.AccessDirty)]
    [InlineData(false, true, Idr0Httu.AccessDirty)]
    [InlineData(false, false, Idr0Httu.None)]
    public void HardwareUpdates_ThatHttuReports_AreLegal(bool ha, bool hd, Idr0Httu httu) =>
        AssertLegalCd(Stage1, ValidCd.WithHa(ha).WithHd(hd), new SmmuOptions { Httu = httu });

    [Fact]
    public void HardwareUpdates_AreNotChecked_ForVmsav8_32Cd() =>
        AssertLegalCd(Stage1, ValidCd.WithAa64(false).WithHa(true).WithHd(true), BothTableFormats with { Httu = Idr0Httu.None });

    // ------------------------------------------------------------------ ASID

    [Fact]
    public void WideAsid_Without16BitAsids_IsCBadCd() =>
        AssertBadCd(Stage1, TransactionBench.ValidCd(asid: 0x100), "ASID", new SmmuOptions { Asid16 = false });

    [Fact]
    public void EightBitAsid_Without16BitAsids_IsLegal() =>
        AssertLegalCd(Stage1, TransactionBench.ValidCd(asid: 0xFF), new SmmuOptions { Asid16 = false });

    [Fact]
    public void WideAsid_With16BitAsids_IsLegal() =>
        AssertLegalCd(Stage1, TransactionBench.ValidCd(asid: 0xFFFF));

    [Fact]
    public void WideAsid_BehindNestedSte_IsCBadCd_EvenWithStrwEl2() =>
        AssertBadCd(TransactionBench.NestedSte().WithStrw(SteStrw.El2), TransactionBench.ValidCd(asid: 0x100), "ASID", new SmmuOptions { Asid16 = false });

    [Fact]
    public void WideAsid_WithStrwEl2_IsCBadCd_WithoutHyp() =>
        AssertBadCd(El2, TransactionBench.ValidCd(asid: 0x100), "ASID", new SmmuOptions { Asid16 = false, Hyp = false });

    // ------------------------------------------------------------------ TG0, T0SZ, TTB0

    [Fact]
    public void ReservedTtb0Granule_IsCBadCd() =>
        AssertBadCd(Stage1, ValidCd.WithTg0((CdTg0)3), "TG0");

    [Theory]
    [InlineData(CdTg0.Size4kb)]
    [InlineData(CdTg0.Size16kb)]
    [InlineData(CdTg0.Size64kb)]
    public void Ttb0Granule_ThatIdr5DoesNotReport_IsCBadCd(CdTg0 tg0) =>
        AssertBadCd(Stage1, ValidCd.WithTg0(tg0), "TG0", new SmmuOptions { Granule4K = tg0 != CdTg0.Size4kb, Granule16K = tg0 != CdTg0.Size16kb, Granule64K = tg0 != CdTg0.Size64kb });

    [Theory]
    [InlineData(CdTg0.Size4kb)]
    [InlineData(CdTg0.Size16kb)]
    [InlineData(CdTg0.Size64kb)]
    public void Ttb0Granule_ThatIdr5Reports_IsLegal_EvenAlone(CdTg0 tg0) =>
        AssertLegalCd(Stage1, ValidCd.WithTg0(tg0), new SmmuOptions { Granule4K = tg0 == CdTg0.Size4kb, Granule16K = tg0 == CdTg0.Size16kb, Granule64K = tg0 == CdTg0.Size64kb });

    [Theory]
    [InlineData(CdTg0.Size4kb, 15, false)]
    [InlineData(CdTg0.Size16kb, 15, false)]
    [InlineData(CdTg0.Size64kb, 15, false)] // 48-bit VAs without IDR5.VAX
    [InlineData(CdTg0.Size4kb, 40, false)]  // IDR3.STT = 0
    [InlineData(CdTg0.Size64kb, 40, false)]
    [InlineData(CdTg0.Size64kb, 11, true)]  // 52-bit VAs only with the 64KB granule
    [InlineData(CdTg0.Size4kb, 15, true)]
    [InlineData(CdTg0.Size16kb, 15, true)]
    public void Ttb0InputSize_OutsideTheRange_IsCBadCd(CdTg0 tg0, int t0sz, bool vax52) =>
        AssertBadCd(Stage1, ValidCd.WithTg0(tg0).WithT0sz((byte)t0sz), "T0SZ", Vax(vax52));

    [Theory]
    [InlineData(CdTg0.Size4kb, 16, false)]
    [InlineData(CdTg0.Size16kb, 16, false)]
    [InlineData(CdTg0.Size64kb, 16, false)]
    [InlineData(CdTg0.Size4kb, 39, false)]
    [InlineData(CdTg0.Size64kb, 39, false)]
    [InlineData(CdTg0.Size64kb, 12, true)]
    [InlineData(CdTg0.Size4kb, 16, true)]
    public void Ttb0InputSize_AtTheEndsOfTheRange_IsLegal(CdTg0 tg0, int t0sz, bool vax52) =>
        AssertLegalCd(Stage1, ValidCd.WithTg0(tg0).WithT0sz((byte)t0sz), Vax(vax52));

    private static SmmuOptions Vax(bool vax52) => new() { VirtualAddressExtent = vax52 ? Idr5Vax.Bits52 : Idr5Vax.Bits48 };

    [Theory]
    [InlineData(CdIps.Bits40, Idr5Oas.Bits48, CdTg0.Size4kb, 1UL << 40)]    // beyond IPS
    [InlineData(CdIps.Bits32, Idr5Oas.Bits48, CdTg0.Size64kb, 1UL << 32)]
    [InlineData(CdIps.Bits52, Idr5Oas.Bits48, CdTg0.Size4kb, 1UL << 48)]    // IPS capped to the OAS
    [InlineData(CdIps.Bits48, Idr5Oas.Bits40, CdTg0.Size4kb, 1UL << 40)]
    [InlineData(CdIps.Bits52, Idr5Oas.Bits52, CdTg0.Size4kb, 1UL << 48)]    // 48 bits below 64KB granules
    [InlineData(CdIps.Bits52, Idr5Oas.Bits52, CdTg0.Size16kb, 1UL << 48)]
    public void Ttb0_BeyondTheEffectiveIps_IsCBadCd(CdIps ips, Idr5Oas oas, CdTg0 tg0, ulong ttb0) =>
        AssertBadCd(Stage1, ValidCd.WithIps(ips).WithTg0(tg0).WithTtb0(ttb0), "TTB0", new SmmuOptions { OutputAddressSize = oas });

    [Theory]
    [InlineData(CdIps.Bits40, Idr5Oas.Bits48, CdTg0.Size4kb, (1UL << 40) - 16)]
    [InlineData(CdIps.Bits32, Idr5Oas.Bits48, CdTg0.Size64kb, (1UL << 32) - 16)]
    [InlineData(CdIps.Bits52, Idr5Oas.Bits48, CdTg0.Size4kb, (1UL << 48) - 16)]
    [InlineData(CdIps.Bits52, Idr5Oas.Bits52, CdTg0.Size4kb, (1UL << 48) - 16)]
    [InlineData(CdIps.Bits52, Idr5Oas.Bits52, CdTg0.Size64kb, 1UL << 48)]
    [InlineData(CdIps.Bits52, Idr5Oas.Bits52, CdTg0.Size64kb, MaxTableAddress)]
    public void Ttb0_WithinTheEffectiveIps_IsLegal(CdIps ips, Idr5Oas oas, CdTg0 tg0, ulong ttb0) =>
        AssertLegalCd(Stage1, ValidCd.WithIps(ips).WithTg0(tg0).WithTtb0(ttb0), new SmmuOptions { OutputAddressSize = oas });

    // ------------------------------------------------------------------ TG1, T1SZ, TTB1

    [Fact]
    public void BothTranslationTables_AreLegal() =>
        AssertLegalCd(Stage1, TwoRangeCd);

    [Fact]
    public void ReservedTtb1Granule_IsCBadCd() =>
        AssertBadCd(Stage1, TwoRangeCd.WithTg1((CdTg1)0), "TG1");

    [Theory]
    [InlineData(CdTg1.Size4kb)]
    [InlineData(CdTg1.Size16kb)]
    [InlineData(CdTg1.Size64kb)]
    public void Ttb1Granule_ThatIdr5DoesNotReport_IsCBadCd(CdTg1 tg1)
    {
        // TTB0 keeps a granule IDR5 reports, so only TG1 is at fault.
        var options = new SmmuOptions { Granule4K = tg1 != CdTg1.Size4kb, Granule16K = tg1 != CdTg1.Size16kb, Granule64K = tg1 != CdTg1.Size64kb };
        var tg0 = tg1 == CdTg1.Size64kb ? CdTg0.Size4kb : CdTg0.Size64kb;
        AssertBadCd(Stage1, TwoRangeCd.WithTg0(tg0).WithTg1(tg1), "TG1", options);
    }

    [Theory]
    [InlineData(CdTg1.Size4kb, 15)]
    [InlineData(CdTg1.Size4kb, 40)]
    [InlineData(CdTg1.Size64kb, 15)]
    public void Ttb1InputSize_OutsideTheRange_IsCBadCd(CdTg1 tg1, int t1sz) =>
        AssertBadCd(Stage1, TwoRangeCd.WithTg1(tg1).WithT1sz((byte)t1sz), "T1SZ");

    [Theory]
    [InlineData(CdTg1.Size4kb, 16)]
    [InlineData(CdTg1.Size16kb, 39)]
    [InlineData(CdTg1.Size64kb, 16)]
    public void Ttb1InputSize_AtTheEndsOfTheRange_IsLegal(CdTg1 tg1, int t1sz) =>
        AssertLegalCd(Stage1, TwoRangeCd.WithTg1(tg1).WithT1sz((byte)t1sz));

    [Fact]
    public void Ttb1_BeyondTheEffectiveIps_IsCBadCd() =>
        AssertBadCd(Stage1, TwoRangeCd.WithIps(CdIps.Bits40).WithTtb1(1UL << 40), "TTB1");

    [Fact]
    public void Ttb1_WithinTheEffectiveIps_IsLegal() =>
        AssertLegalCd(Stage1, TwoRangeCd.WithIps(CdIps.Bits40).WithTtb1((1UL << 40) - 16));

    // ------------------------------------------------------------------ EPD0, EPD1

    [Fact]
    public void DisabledTtb0_IsNotChecked() =>
        AssertLegalCd(Stage1, TwoRangeCd.WithEpd0(true).WithTg0((CdTg0)3).WithT0sz(63).WithTtb0(MaxTableAddress));

    [Fact]
    public void DisabledTtb1_IsNotChecked() =>
        AssertLegalCd(Stage1, ValidCd.WithTg1((CdTg1)0).WithT1sz(63).WithTtb1(MaxTableAddress));

    [Fact]
    public void BothTablesDisabled_LeavesNoTableChecked() =>
        AssertLegalCd(Stage1, ValidCd.WithEpd0(true).WithTg0((CdTg0)3).WithT0sz(0).WithTtb0(MaxTableAddress).WithT1sz(63).WithTtb1(MaxTableAddress));

    // ------------------------------------------------------------------ EL2 and EL2-E2H StreamWorlds

    [Fact]
    public void El2StreamWorld_IgnoresEpd0_SoTtb0IsChecked()
    {
        AssertBadCd(El2, ValidCd.WithEpd0(true).WithT0sz(63), "T0SZ");
        AssertBadCd(El2, ValidCd.WithEpd0(true).WithTg0((CdTg0)3), "TG0");
    }

    [Fact]
    public void El2StreamWorld_IgnoresTtb1Fields() =>
        AssertLegalCd(El2, ValidCd.WithEpd1(false).WithTg1((CdTg1)0).WithT1sz(63).WithTtb1(MaxTableAddress));

    [Fact]
    public void El2StreamWorld_IgnoresTheAsidWidth() =>
        AssertLegalCd(El2, TransactionBench.ValidCd(asid: 0xFFFF), new SmmuOptions { Asid16 = false });

    [Fact]
    public void El2StreamWorld_WithEpd0Set_IsLegal_WhenTtb0IsValid() =>
        AssertLegalCd(El2, ValidCd.WithEpd0(true));

    [Fact]
    public void El2E2hStreamWorld_ChecksTtb1() =>
        AssertBadCd(El2, TwoRangeCd.WithT1sz(63), "T1SZ", e2h: true);

    [Fact]
    public void El2E2hStreamWorld_ChecksTheAsidWidth() =>
        AssertBadCd(El2, TransactionBench.ValidCd(asid: 0x100), "ASID", new SmmuOptions { Asid16 = false }, e2h: true);

    [Fact]
    public void El2E2hStreamWorld_HonoursEpd0() =>
        AssertLegalCd(El2, TwoRangeCd.WithEpd0(true).WithT0sz(63), e2h: true);

    [Fact]
    public void El2E2hStreamWorld_AcceptsBothTables() =>
        AssertLegalCd(El2, TwoRangeCd, e2h: true);
}
