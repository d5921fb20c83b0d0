using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// How stage 1 treats a VA before and during the walk (IHI 0070 5.4 TTB0/TTB1, T0SZ/T1SZ,
/// TBI0/TBI1, EPD0/EPD1, E0PD0/E0PD1; Arm ARM VMSAv8-64 address ranges and "Address tagging"):
/// VA[55] picks the range, every bit above the range size up to bit 55 (or 63 without TBI)
/// must copy the range's sign, a disabled range and an unprivileged access to an E0PD range are
/// Translation faults, and the EL2 StreamWorld (STE.STRW = EL2 with IDR0.Hyp) has one range,
/// one privilege level, AP[1] ignored and UXN acting as XN.
/// </summary>
public sealed class Stage1VaRangeTests
{
    private const ulong LowVa = 0x4000_1000;
    private const ulong LowPa = 0x9_0000_1000;
    private const ulong HighVa = 0xFFFF_8000_0020_3000; // T1SZ = 16: bits 63:48 all ones
    private const ulong HighPa = 0xA_0000_7000;

    [Fact]
    public void Ttb0AndTtb1_TranslateTheirOwnRanges_SelectedByVa55()
    {
        var rig = TwoRanges(out _, out _, cd => cd);

        TranslationRig.AssertTranslated(LowPa + 0x24, rig.Translate(LowVa + 0x24));
        TranslationRig.AssertTranslated(HighPa + 0xFF8, rig.Translate(HighVa + 0xFF8));
    }

    [Fact]
    public void Ttb1_WithItsOwnGranuleAndSize_UsesTg1AndT1sz()
    {
        // TTB1 with a 64KB granule and a 39-bit range: VAs 0xFFFF_FF80_0000_0000 and up.
        var rig = new TranslationRig();
        var low = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        var high = new PageTableBuilder(rig.Memory, 1, 16, 39, TranslationRig.Stage1StartLevel(16, 39), 0x4800_0000);
        low.Map(LowVa, LowPa);
        const ulong va = 0xFFFF_FFC0_1234_0000;
        high.Map(va, 0xB_0001_0000);
        rig.UseStage1(TransactionBench.ValidCd().WithTtb0(low.Root)
            .WithEpd1(false).WithTg1(CdTg1.Size64kb).WithT1sz(25).WithTtb1(high.Root));

        TranslationRig.AssertTranslated(0xB_0001_0000 + 0xFFFC, rig.Translate(va + 0xFFFC));

        // Bit 39 clear in the upper range: not a sign extension of the 39-bit range.
        TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(0xFFFF_FF00_1234_0000));
    }

    [Theory]
    [InlineData(0x0001_0000_4000_1000UL)] // lower range with bit 48 set (T0SZ = 16)
    [InlineData(0x8000_0000_4000_1000UL)] // lower range (VA[55] clear) with bit 63 set, no TBI0
    [InlineData(0xFFFE_8000_0020_3000UL)] // upper range with bit 48 clear
    [InlineData(0x7FFF_8000_0020_3000UL)] // upper range (VA[55] set) with bit 63 clear, no TBI1
    public void VaNotASignExtensionOfItsRange_IsATranslationFault(ulong va)
    {
        var rig = TwoRanges(out _, out _, cd => cd);

        var evt = TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(va)).AsFTranslation();

        Assert.Equal((false, FaultClass.In, va), (evt.S2, evt.Class, evt.InputAddr));
    }

    [Theory]
    [InlineData(0x5A00_0000_4000_1000UL, true)]
    [InlineData(0xFF00_0000_4000_1000UL, true)]
    [InlineData(0x5A00_0000_4000_1000UL, false)]
    public void Tbi0_IgnoresTheTopByteOfLowerRangeVAs_ElseItIsATranslationFault(ulong va, bool tbi0)
    {
        var rig = TwoRanges(out _, out _, cd => cd.WithTbi0(tbi0));

        var result = rig.Translate(va);

        if (tbi0)
        {
            TranslationRig.AssertTranslated(LowPa, result);
        }
        else
        {
            // The record keeps the VA as presented, top byte included.
            Assert.Equal(va, TranslationRig.AssertFault(EvtEventId.FTranslation, result).AsFTranslation().InputAddr);
        }
    }

    [Theory]
    [InlineData(0x00FF_8000_0020_3000UL, true)]
    [InlineData(0x12FF_8000_0020_3000UL, true)]
    [InlineData(0x12FF_8000_0020_3000UL, false)]
    public void Tbi1_IgnoresTheTopByteOfUpperRangeVAs_ElseItIsATranslationFault(ulong va, bool tbi1)
    {
        var rig = TwoRanges(out _, out _, cd => cd.WithTbi1(tbi1));

        var result = rig.Translate(va);

        if (tbi1)
        {
            TranslationRig.AssertTranslated(HighPa, result);
        }
        else
        {
            TranslationRig.AssertFault(EvtEventId.FTranslation, result);
        }
    }

    [Fact]
    public void WithTbi_Va55StillPicksTheRange_AndBits54To48MustCopyIt()
    {
        var rig = TwoRanges(out _, out _, cd => cd.WithTbi0(true).WithTbi1(true));

        // VA[55] set: the upper range, whose bits 54:48 must then be ones.
        TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(0x0080_0000_4000_1000));
        TranslationRig.AssertTranslated(HighPa, rig.Translate(0x34FF_8000_0020_3000));
    }

    [Fact]
    public void Epd0_DisablesTheLowerRange_WithATranslationFault_AndLeavesTheUpperOne()
    {
        var rig = TwoRanges(out _, out _, cd => cd.WithEpd0(true));

        TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(LowVa));
        TranslationRig.AssertTranslated(HighPa, rig.Translate(HighVa));
    }

    [Fact]
    public void Epd1_DisablesTheUpperRange_WithATranslationFault_AndLeavesTheLowerOne()
    {
        var rig = TwoRanges(out _, out _, cd => cd.WithEpd1(true));

        TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(HighVa));
        TranslationRig.AssertTranslated(LowPa, rig.Translate(LowVa));
    }

    [Theory]
    [InlineData(false, false, false, true)]
    [InlineData(false, true, false, true)]
    [InlineData(true, false, false, false)]
    [InlineData(true, true, false, true)]
    [InlineData(true, false, true, true)]
    public void E0pd0_FaultsUnprivilegedAccessesToTheLowerRange_Only(bool e0pd0, bool privileged, bool upper, bool translates)
    {
        var rig = TwoRanges(out _, out _, cd => cd.WithE0pd0(e0pd0));

        var result = rig.Translate(upper ? HighVa : LowVa, AccessKind.Read, privileged);

        if (translates)
        {
            TranslationRig.AssertTranslated(upper ? HighPa : LowPa, result);
        }
        else
        {
            TranslationRig.AssertFault(EvtEventId.FTranslation, result);
        }
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    public void E0pd1_FaultsUnprivilegedAccessesToTheUpperRange_Only(bool privileged, bool lower, bool translates)
    {
        var rig = TwoRanges(out _, out _, cd => cd.WithE0pd1(true));

        var result = rig.Translate(lower ? LowVa : HighVa, AccessKind.Write, privileged);

        if (translates)
        {
            TranslationRig.AssertTranslated(lower ? LowPa : HighPa, result);
        }
        else
        {
            TranslationRig.AssertFault(EvtEventId.FTranslation, result);
        }
    }

    [Fact]
    public void El2_HasOneRange_AnUpperVaIsATranslationFault()
    {
        var rig = El2(new S1Leaf(), out _);

        TranslationRig.AssertTranslated(LowPa, rig.Translate(LowVa));
        TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(HighVa));
    }

    [Fact]
    public void El2_Tbi0_StillAppliesToItsOneRange()
    {
        var rig = El2(new S1Leaf(), out _, cd => cd.WithTbi0(true));

        TranslationRig.AssertTranslated(LowPa, rig.Translate(0xC300_0000_4000_1000));
    }

    [Theory]
    [InlineData(S1AccessPerm.RwPriv, AccessKind.Read, false, true)]
    [InlineData(S1AccessPerm.RwPriv, AccessKind.Write, false, true)]
    [InlineData(S1AccessPerm.RoPriv, AccessKind.Read, false, true)]
    [InlineData(S1AccessPerm.RoPriv, AccessKind.Write, false, false)]
    [InlineData(S1AccessPerm.RoPriv, AccessKind.Write, true, false)]
    [InlineData(S1AccessPerm.RwAll, AccessKind.Write, true, true)]
    [InlineData(S1AccessPerm.RoAll, AccessKind.Write, false, false)]

    // No implicit PXN: the single-privilege regime has no unprivileged writer.
    [InlineData(S1AccessPerm.RwAll, AccessKind.Fetch, true, true)]
    [InlineData(S1AccessPerm.RwPriv, AccessKind.Fetch, false, true)]
    public void El2_IgnoresAp1AndThePrivilegeOfTheAccess(S1AccessPerm ap, AccessKind kind, bool privileged, bool translates)
    {
        var rig = El2(new S1Leaf(Ap: ap), out _);

        var result = rig.Translate(LowVa, kind, privileged);

        if (translates)
        {
            TranslationRig.AssertTranslated(LowPa, result);
        }
        else
        {
            TranslationRig.AssertFault(EvtEventId.FPermission, result);
        }
    }

    [Theory]
    [InlineData(true, false, false, false)]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, false, true)]
    [InlineData(false, true, true, true)]
    public void El2_UxnIsXn_AndPxnIsIgnored(bool uxn, bool pxn, bool privileged, bool fetches)
    {
        var rig = El2(new S1Leaf(Pxn: pxn, Uxn: uxn), out _);

        var result = rig.Translate(LowVa, AccessKind.Fetch, privileged);

        if (fetches)
        {
            TranslationRig.AssertTranslated(LowPa, result);
        }
        else
        {
            TranslationRig.AssertFault(EvtEventId.FPermission, result);
        }
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    public void El2_UxnTableIsXnTable_AndPxnTableIsIgnored(bool uxnTable, bool pxnTable, bool fetches)
    {
        var rig = El2(new S1Leaf(), out _, limits: new TableLimits(PxnTable: pxnTable, UxnTable: uxnTable));

        var result = rig.Translate(LowVa, AccessKind.Fetch, privileged: true);

        Assert.Equal(fetches, result.Outcome == TranslationOutcome.Translated);
    }

    [Fact]
    public void El2_Wxn_StillForbidsExecutingWritableMemory()
    {
        var rig = El2(new S1Leaf(Ap: S1AccessPerm.RwPriv), out _, cd => cd.WithWxn(true));

        TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(LowVa, AccessKind.Fetch, privileged: true));
    }

    [Fact]
    public void El2_E0pd0AndEpd0_DoNotApply()
    {
        var rig = El2(new S1Leaf(), out _, cd => cd.WithE0pd0(true).WithEpd0(true));

        TranslationRig.AssertTranslated(LowPa, rig.Translate(LowVa, AccessKind.Read, privileged: false));
    }

    [Fact]
    public void El2E2h_HasTwoRangesAndUnprivilegedAccess()
    {
        // CR2.E2H makes the EL2 StreamWorld EL2-E2H: TTB1 and AP[1] are back.
        var rig = new TranslationRig(e2h: true);
        var low = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        var high = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, 0x4800_0000);
        low.Map(LowVa, LowPa, s1: new S1Leaf(Ap: S1AccessPerm.RwPriv));
        high.Map(HighVa, HighPa);
        rig.UseStage1(
            TransactionBench.ValidCd().WithTtb0(low.Root).WithEpd1(false).WithTg1(CdTg1.Size4kb).WithT1sz(16).WithTtb1(high.Root),
            TransactionBench.Stage1Ste().WithStrw(SteStrw.El2));

        TranslationRig.AssertTranslated(HighPa, rig.Translate(HighVa));
        TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(LowVa, AccessKind.Read, privileged: false));
        TranslationRig.AssertTranslated(LowPa, rig.Translate(LowVa, AccessKind.Read, privileged: true));
    }

    /// <summary>TTB0 (4KB, 48-bit) maps <see cref="LowVa"/>; TTB1 (4KB, T1SZ 16) maps <see cref="HighVa"/>.</summary>
    private static TranslationRig TwoRanges(out PageTableBuilder low, out PageTableBuilder high, System.Func<Cd, Cd> configure)
    {
        var rig = new TranslationRig();
        low = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        high = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, 0x4800_0000);
        low.Map(LowVa, LowPa);
        high.Map(HighVa, HighPa);
        rig.UseStage1(configure(TransactionBench.ValidCd().WithTtb0(low.Root)
            .WithEpd1(false).WithTg1(CdTg1.Size4kb).WithT1sz(16).WithTtb1(high.Root)));
        return rig;
    }

    /// <summary>An EL2 StreamWorld stream (STRW = EL2, IDR0.Hyp) whose one range maps <see cref="LowVa"/> with <paramref name="leaf"/>.</summary>
    private static TranslationRig El2(S1Leaf leaf, out PageTableBuilder tables, System.Func<Cd, Cd>? configure = null, TableLimits? limits = null)
    {
        var rig = new TranslationRig();
        tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        tables.Map(LowVa, LowPa, s1: leaf, limits: limits);
        var cd = TransactionBench.ValidCd().WithTtb0(tables.Root);
        rig.UseStage1(configure is null ? cd : configure(cd), TransactionBench.Stage1Ste().WithStrw(SteStrw.El2));
        return rig;
    }
}
