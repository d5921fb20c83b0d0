using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// Every translation fault of stage 1 and stage 2 alone, with all its record fields (IHI 0070
/// 7.3.12-7.3.16: F_WALK_EABT, F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION): S2, CLASS,
/// the IPA of stage 2 faults, InputAddr, RnW/InD/PnU after the STE's PRIVCFG/INSTCFG overrides,
/// FetchAddr; recorded or not per CD.R and STE.S2R, and terminated per CD.A (IHI 0070 5.5).
/// </summary>
public sealed class TranslationFaultRecordTests
{
    private const ulong Va = 0x12_3456_7000;
    private const ulong Pa = 0x7_0000_3000;

    // ---- stage 1 -----------------------------------------------------------------------------

    [Fact]
    public void Stage1_InvalidDescriptor_IsFTranslation_WithEveryField()
    {
        var rig = Stage1(out var tables);
        tables.Write(tables.Map(Va, Pa), 0);

        var result = rig.Translate(Va + 0x48, AccessKind.Write, privileged: true);

        TranslationRig.AssertFault(EvtEventId.FTranslation, result);
        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.True(result.EventRecorded);
        var evt = rig.SingleEvent();
        Assert.Equal(result.Event, evt);
        var f = evt.AsFTranslation();
        Assert.Equal(
            (TranslationRig.Sid, false, 0u, false, FaultClass.In, Va + 0x48, false, false, true),
            (f.StreamID, f.Ssv, f.SubstreamID, f.S2, f.Class, f.InputAddr, f.RnW, f.InD, f.PnU));
    }

    [Fact]
    public void Stage1_Fault_OfASubstream_CarriesTheSubstreamId()
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        rig.Bench.InstallSte(TranslationRig.Sid, TransactionBench.Stage1Ste(s1CdMax: 2));
        rig.Bench.WriteAt(TransactionBench.CdTablesAddress + (3 * (ulong)Cd.Size), TranslationRig.Cd(12, 16, tables.Root));

        var result = rig.Bench.Translate(TranslationRig.Sid, Va, substreamId: 3);

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, result).AsFTranslation();
        Assert.Equal((true, 3u), (f.Ssv, f.SubstreamID));
    }

    public static TheoryData<OverrideAttr, OverrideAttr, AccessKind, bool, bool, bool, bool> Overrides() => new()
    {
        // PRIVCFG, INSTCFG, access, privileged -> RnW, InD, PnU
        { OverrideAttr.UseIncoming, OverrideAttr.UseIncoming, AccessKind.Read, false, true, false, false },
        { OverrideAttr.UseIncoming, OverrideAttr.UseIncoming, AccessKind.Fetch, true, true, true, true },
        { OverrideAttr.UseIncoming, OverrideAttr.UseIncoming, AccessKind.Write, true, false, false, true },
        { OverrideAttr.Override1, OverrideAttr.Override1, AccessKind.Read, false, true, true, true },
        { OverrideAttr.Override0, OverrideAttr.Override0, AccessKind.Fetch, true, true, false, false },
        { OverrideAttr.Override1, OverrideAttr.UseIncoming, AccessKind.Fetch, false, true, true, true },

        // INSTCFG applies to reads only: a write stays data.
        { OverrideAttr.Override0, OverrideAttr.Override1, AccessKind.Write, true, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Overrides))]
    public void Stage1_FaultRecord_ReportsTheAccessAfterPrivcfgAndInstcfg(
        OverrideAttr privcfg, OverrideAttr instcfg, AccessKind kind, bool privileged, bool rnw, bool ind, bool pnu)
    {
        var rig = Stage1(out _, ste: TransactionBench.Stage1Ste().WithPrivcfg(privcfg).WithInstcfg(instcfg));

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(0x7700_0000, kind, privileged)).AsFTranslation();

        Assert.Equal((rnw, ind, pnu), (f.RnW, f.InD, f.PnU));
    }

    [Fact]
    public void Stage1_OutputBeyondIps_IsFAddrSize()
    {
        var rig = Stage1(out var tables, cd => cd.WithIps(CdIps.Bits40));
        tables.Map(Va, 0x100_0000_0000); // bit 40

        var f = TranslationRig.AssertFault(EvtEventId.FAddrSize, rig.Translate(Va + 8, AccessKind.Read)).AsFAddrSize();

        Assert.Equal((false, FaultClass.In, Va + 8, true), (f.S2, f.Class, f.InputAddr, f.RnW));
        Assert.Equal(EvtEventId.FAddrSize, rig.SingleEvent().EventId);
    }

    [Fact]
    public void Stage1_NextLevelTableBeyondIps_IsFAddrSize()
    {
        var rig = Stage1(out var tables, cd => cd.WithIps(CdIps.Bits40));
        tables.Map(Va, Pa);
        tables.Write(tables.DescriptorAddress(Va, 1), new S1Table4k().WithValid(true).WithType(true).WithNlta(0x200_0000_0000).GetWord(0));

        TranslationRig.AssertFault(EvtEventId.FAddrSize, rig.Translate(Va));
    }

    [Fact]
    public void Stage1_OutputWithinIpsButBeyondOas_IsFAddrSize()
    {
        // The effective output size is MIN(IPS, OAS).
        var rig = Stage1(out var tables, cd => cd.WithIps(CdIps.Bits48), new SmmuOptions { OutputAddressSize = Idr5Oas.Bits44 });
        tables.Map(Va, 0x1000_0000_0000); // bit 44

        TranslationRig.AssertFault(EvtEventId.FAddrSize, rig.Translate(Va));
    }

    [Fact]
    public void Stage1_AccessFlagClear_IsFAccess_WithoutHaOrAffd()
    {
        var rig = Stage1(out var tables);
        tables.Map(Va, Pa, s1: new S1Leaf(Af: false));

        var f = TranslationRig.AssertFault(EvtEventId.FAccess, rig.Translate(Va, AccessKind.Fetch, privileged: true)).AsFAccess();

        Assert.Equal((false, FaultClass.In, Va, true, true, true), (f.S2, f.Class, f.InputAddr, f.RnW, f.InD, f.PnU));
    }

    [Fact]
    public void Stage1_Affd_TranslatesWithTheAccessFlagClear_AndLeavesItClear()
    {
        var rig = Stage1(out var tables, cd => cd.WithAffd(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Af: false));

        TranslationRig.AssertTranslated(Pa + 0x10, rig.Translate(Va + 0x10));
        Assert.Equal(0UL, tables.Read(leaf) & (1UL << 10));
    }

    [Fact]
    public void Stage1_AccessFlagFault_OutranksAPermissionFault()
    {
        // Arm ARM AArch64.S1Walk checks the descriptor's AF before any permission check.
        var rig = Stage1(out var tables);
        tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Af: false));

        TranslationRig.AssertFault(EvtEventId.FAccess, rig.Translate(Va, AccessKind.Write));
    }

    [Fact]
    public void Stage1_WriteToReadOnly_IsFPermission_WithEveryField()
    {
        var rig = Stage1(out var tables);
        tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll));

        var f = TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(Va + 0xF00, AccessKind.Write)).AsFPermission();

        Assert.Equal(
            (TranslationRig.Sid, false, FaultClass.In, Va + 0xF00, false, false, false),
            (f.StreamID, f.S2, f.Class, f.InputAddr, f.RnW, f.InD, f.PnU));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stage1_DescriptorInAnAbortRegion_IsFWalkEabt_ClassTT_WithTheFetchAddress(int level)
    {
        var rig = Stage1(out var tables);
        tables.Map(Va, Pa);
        var descriptor = tables.DescriptorAddress(Va, level);
        rig.Memory.AddAbortRegion(descriptor & ~0xFFFUL, 0x1000);

        var result = rig.Translate(Va + 4, AccessKind.Read, privileged: true);

        var f = TranslationRig.AssertFault(EvtEventId.FWalkEabt, result).AsFWalkEabt();
        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(
            (TranslationRig.Sid, false, FaultClass.Tt, Va + 4, descriptor, true, false, true),
            (f.StreamID, f.S2, f.Class, f.InputAddr, f.FetchAddr, f.RnW, f.InD, f.PnU));
        Assert.Equal(result.Event, rig.SingleEvent());
    }

    [Fact]
    public void Stage1_CdRClear_FaultIsNotRecorded_ButStillAborts()
    {
        var rig = Stage1(out _, cd => cd.WithR(false));

        var result = rig.Translate(Va);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(EvtEventId.FTranslation, result.EventId);
        Assert.False(result.EventRecorded);
        Assert.True(rig.NoEvents());
    }

    [Fact]
    public void Stage1_CdAClear_FaultIsReadAsZeroWriteIgnored_AndStillRecordedPerCdR()
    {
        var rig = Stage1(out var tables, cd => cd.WithA(false));
        tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll));

        var unmapped = rig.Translate(0x7700_0000);
        var denied = rig.Translate(Va, AccessKind.Write);

        Assert.Equal(TranslationOutcome.ReadAsZeroWriteIgnored, unmapped.Outcome);
        Assert.Equal(TranslationOutcome.ReadAsZeroWriteIgnored, denied.Outcome);
        Assert.Equal(
            new[] { EvtEventId.FTranslation, EvtEventId.FPermission },
            rig.Bench.DrainEvents().Select(e => e.EventId).ToArray());
    }

    [Fact]
    public void Stage1_WalkAbort_IsRecordedAndAborts_WhateverCdRAndCdA()
    {
        var rig = Stage1(out var tables, cd => cd.WithR(false).WithA(false));
        tables.Map(Va, Pa);
        rig.Memory.AddAbortRegion(tables.Root, 0x1000);

        var result = rig.Translate(Va);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.True(result.EventRecorded);
        Assert.Equal(EvtEventId.FWalkEabt, rig.SingleEvent().EventId);
    }

    // ---- stage 2 -----------------------------------------------------------------------------

    [Fact]
    public void Stage2_InvalidDescriptor_IsFTranslation_S2_WithTheIpa()
    {
        var rig = Stage2(out var tables);
        tables.Write(tables.Map(Va, Pa), 0);

        var result = rig.Translate(Va + 0x123, AccessKind.Fetch, privileged: false);

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, result).AsFTranslation();
        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(
            (TranslationRig.Sid, true, FaultClass.In, Va + 0x123, Va, true, true, false),
            (f.StreamID, f.S2, f.Class, f.InputAddr, f.Ipa, f.RnW, f.InD, f.PnU));
        Assert.Equal(result.Event, rig.SingleEvent());
    }

    [Fact]
    public void Stage2_IpaBeyondS2t0sz_IsFTranslation_S2()
    {
        var rig = Stage2(out _);
        const ulong ipa = 0x100_0000_0000 + 0x5000; // 2^40: S2T0SZ = 24

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(ipa, AccessKind.Write)).AsFTranslation();

        Assert.Equal((true, FaultClass.In, ipa, ipa, false), (f.S2, f.Class, f.InputAddr, f.Ipa, f.RnW));
    }

    [Fact]
    public void Stage2_OutputBeyondS2ps_IsFAddrSize_S2()
    {
        var rig = Stage2(out var tables, ste => ste.WithS2ps(AddressSize.Bits40));
        tables.Map(Va, 0x100_0000_0000);

        var f = TranslationRig.AssertFault(EvtEventId.FAddrSize, rig.Translate(Va)).AsFAddrSize();

        Assert.Equal((true, FaultClass.In, Va, Va), (f.S2, f.Class, f.InputAddr, f.Ipa));
    }

    [Fact]
    public void Stage2_NextLevelTableBeyondS2ps_IsFAddrSize_S2()
    {
        var rig = Stage2(out var tables, ste => ste.WithS2ps(AddressSize.Bits40));
        tables.Map(Va, Pa);
        tables.Write(tables.DescriptorAddress(Va, 2), new S2Table4k().WithValid(true).WithType(true).WithNlta(0x400_0000_0000).GetWord(0));

        Assert.True(TranslationRig.AssertFault(EvtEventId.FAddrSize, rig.Translate(Va)).AsFAddrSize().S2);
    }

    [Fact]
    public void Stage2_AccessFlagClear_IsFAccess_S2_WithoutS2haOrS2affd()
    {
        var rig = Stage2(out var tables);
        tables.Map(Va, Pa, s2: new S2Leaf(Af: false));

        var f = TranslationRig.AssertFault(EvtEventId.FAccess, rig.Translate(Va)).AsFAccess();

        Assert.Equal((true, FaultClass.In, Va), (f.S2, f.Class, f.Ipa));
    }

    [Fact]
    public void Stage2_S2affd_TranslatesWithTheAccessFlagClear()
    {
        var rig = Stage2(out var tables, ste => ste.WithS2affd(true));
        tables.Map(Va, Pa, s2: new S2Leaf(Af: false));

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va));
    }

    [Fact]
    public void Stage2_WriteToReadOnly_IsFPermission_S2()
    {
        var rig = Stage2(out var tables);
        tables.Map(Va, Pa, s2: new S2Leaf(Ap: S2AccessPerm.Read));

        var f = TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(Va + 0x10, AccessKind.Write, privileged: true)).AsFPermission();

        Assert.Equal((true, FaultClass.In, Va + 0x10, Va, false, false, true), (f.S2, f.Class, f.InputAddr, f.Ipa, f.RnW, f.InD, f.PnU));
    }

    [Fact]
    public void Stage2_DescriptorInAnAbortRegion_IsFWalkEabt_S2()
    {
        var rig = Stage2(out var tables);
        var leaf = tables.Map(Va, Pa);
        rig.Memory.AddAbortRegion(leaf & ~0xFFFUL, 0x1000);

        var f = TranslationRig.AssertFault(EvtEventId.FWalkEabt, rig.Translate(Va)).AsFWalkEabt();

        Assert.Equal((true, FaultClass.In, Va, leaf), (f.S2, f.Class, f.InputAddr, f.FetchAddr));
    }

    [Fact]
    public void Stage2_S2rClear_FaultIsNotRecorded_AndAborts()
    {
        var rig = Stage2(out _, ste => ste.WithS2r(false));

        var result = rig.Translate(Va);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(EvtEventId.FTranslation, result.EventId);
        Assert.False(result.EventRecorded);
        Assert.True(rig.NoEvents());
    }

    [Fact]
    public void Stage2_S2rSet_FaultIsRecorded()
    {
        var rig = Stage2(out _);

        var result = rig.Translate(Va);

        Assert.True(result.EventRecorded);
        Assert.Equal(result.Event, rig.SingleEvent());
    }

    private static TranslationRig Stage1(out PageTableBuilder tables, System.Func<Cd, Cd>? configure = null, SmmuOptions? options = null, Ste? ste = null)
    {
        var rig = new TranslationRig(options);
        tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        var cd = TranslationRig.Cd(12, 16, tables.Root);
        rig.UseStage1(configure is null ? cd : configure(cd), ste);
        return rig;
    }

    /// <summary>Stage 2 only: 4KB, 40-bit IPA from level 1, faults recorded (S2R).</summary>
    private static TranslationRig Stage2(out PageTableBuilder tables, System.Func<Ste, Ste>? configure = null)
    {
        var rig = new TranslationRig();
        tables = new PageTableBuilder(rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena);
        var ste = TranslationRig.Stage2(12, 1, 24, tables.Root);
        rig.UseStage2(configure is null ? ste : configure(ste));
        return rig;
    }
}
