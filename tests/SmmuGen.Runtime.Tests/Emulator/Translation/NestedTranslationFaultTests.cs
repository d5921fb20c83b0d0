using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// Nested translation faulting at each point (IHI 0070 3.3.6, 5.2 S2PTW, 7.3.12-7.3.16): the CD
/// fetch through stage 2 (CLASS CD, IPA = the CD address), a stage 1 table descriptor through
/// stage 2 (CLASS TT, IPA = the descriptor address, TTRnW), the final IPA (CLASS IN), walk
/// aborts of either stage, and stage 1 hardware updates that stage 2 must allow.
/// </summary>
public sealed class NestedTranslationFaultTests
{
    private const ulong Va = 0x7F_0012_3000;
    private const ulong Ipa = 0x1_2340_5000;
    private const ulong Pa = 0x9_8765_4000;
    private const ulong Cds = TransactionBench.CdTablesAddress;

    [Fact]
    public void Nested_TranslatesThroughBothStages_WithTablesAndCdAtIpas()
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables();

        TranslationRig.AssertTranslated(Pa + 0xABC, n.Rig.Translate(Va + 0xABC));
    }

    [Fact]
    public void CdFetch_UnmappedAtStage2_IsS2FTranslation_ClassCd_WithTheCdIpa()
    {
        var n = new Nested();
        n.MapStage1Tables();

        var result = n.Rig.Translate(Va + 0x10, AccessKind.Write, privileged: true);

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, result).AsFTranslation();
        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        Assert.Equal(
            (TranslationRig.Sid, true, FaultClass.Cd, Cds, Va + 0x10, false, false, true),
            (f.StreamID, f.S2, f.Class, f.Ipa, f.InputAddr, f.RnW, f.InD, f.PnU));
        Assert.Equal(result.Event, n.Rig.SingleEvent());
    }

    [Fact]
    public void CdFetch_WithoutStage2ReadPermission_IsS2FPermission_ClassCd()
    {
        var n = new Nested();
        n.MapCd(new S2Leaf(Ap: S2AccessPerm.Write));
        n.MapStage1Tables();

        var f = TranslationRig.AssertFault(EvtEventId.FPermission, n.Rig.Translate(Va)).AsFPermission();

        Assert.Equal((true, FaultClass.Cd, Cds), (f.S2, f.Class, f.Ipa));
    }

    [Fact]
    public void CdFetch_Stage2Fault_IsNotRecordedWithS2rClear_AndAborts()
    {
        var n = new Nested(ste => ste.WithS2r(false));
        n.MapStage1Tables();

        var result = n.Rig.Translate(Va);

        Assert.Equal((TranslationOutcome.Aborted, EvtEventId.FTranslation, false), (result.Outcome, result.EventId, result.EventRecorded));
        Assert.True(n.Rig.NoEvents());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stage1TableUnmappedAtStage2_IsS2FTranslation_ClassTT_WithTheDescriptorIpa(int level)
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1TablePages(except: level);
        var descriptor = n.S1.DescriptorAddress(Va, level);

        var result = n.Rig.Translate(Va + 0x20, AccessKind.Read);

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, result).AsFTranslation();
        Assert.Equal(
            (true, FaultClass.Tt, descriptor & ~0xFFFUL, Va + 0x20, true, false, false),
            (f.S2, f.Class, f.Ipa, f.InputAddr, f.RnW, f.InD, f.PnU));
        Assert.Equal(result.Event, n.Rig.SingleEvent());
    }

    [Fact]
    public void Stage1TableAddressBeyondS2t0sz_IsS2FTranslation_ClassTT()
    {
        // A stage 1 table descriptor may point anywhere in the IPS; stage 2 covers only 40 bits.
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables();
        const ulong farTable = 0x200_0000_0000;
        n.S1.Write(n.S1.DescriptorAddress(Va, 1), new S1Table4k().WithValid(true).WithType(true).WithNlta(farTable).GetWord(0));

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, n.Rig.Translate(Va)).AsFTranslation();

        Assert.Equal((true, FaultClass.Tt, farTable), (f.S2, f.Class, f.Ipa & ~0xFFFUL));
    }

    [Fact]
    public void FinalIpaUnmappedAtStage2_IsS2FTranslation_ClassIn_WithTheIpa()
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables();
        n.S1.Map(0x7F_0040_0000, 0x3_0000_7000);

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, n.Rig.Translate(0x7F_0040_0FF0)).AsFTranslation();

        Assert.Equal((true, FaultClass.In, 0x3_0000_7000UL, 0x7F_0040_0FF0UL), (f.S2, f.Class, f.Ipa, f.InputAddr));
    }

    [Fact]
    public void FinalIpaBeyondS2t0sz_IsS2FTranslation_ClassIn()
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables();
        n.S1.Map(0x7F_0040_0000, 0x100_0000_0000); // within the 48-bit IPS, beyond the 40-bit IPA space

        var f = TranslationRig.AssertFault(EvtEventId.FTranslation, n.Rig.Translate(0x7F_0040_0000)).AsFTranslation();

        Assert.Equal((true, FaultClass.In, 0x100_0000_0000UL), (f.S2, f.Class, f.Ipa));
    }

    [Fact]
    public void Stage1OutputBeyondIps_IsStage1FAddrSize_NotAStage2Fault()
    {
        var n = new Nested(cd: cd => cd.WithIps(CdIps.Bits40));
        n.MapCd();
        n.MapStage1Tables();
        n.S1.Map(0x7F_0040_0000, 0x100_0000_0000);

        var f = TranslationRig.AssertFault(EvtEventId.FAddrSize, n.Rig.Translate(0x7F_0040_0000)).AsFAddrSize();

        Assert.Equal((false, FaultClass.In), (f.S2, f.Class));
    }

    [Fact]
    public void FinalIpa_Stage2PermissionFault_IsS2FPermission_ClassIn()
    {
        var n = new Nested(dataLeaf: new S2Leaf(Ap: S2AccessPerm.Read));
        n.MapCd();
        n.MapStage1Tables();

        var f = TranslationRig.AssertFault(EvtEventId.FPermission, n.Rig.Translate(Va + 8, AccessKind.Write)).AsFPermission();

        Assert.Equal((true, FaultClass.In, Ipa, Va + 8, false), (f.S2, f.Class, f.Ipa, f.InputAddr, f.RnW));
    }

    [Fact]
    public void Stage1Fault_IsRecordedPerCdR_Stage2FaultPerS2r()
    {
        // CD.R set, STE.S2R clear: the stage 1 fault is recorded, the stage 2 one is not.
        var n = new Nested(ste => ste.WithS2r(false), dataLeaf: new S2Leaf(Ap: S2AccessPerm.Read));
        n.MapCd();
        n.MapStage1Tables();
        n.S1.Map(0x7F_0050_0000, Ipa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll));

        var stage1 = n.Rig.Translate(0x7F_0050_0000, AccessKind.Write);
        var stage2 = n.Rig.Translate(Va, AccessKind.Write);

        Assert.Equal((EvtEventId.FPermission, true, false), (stage1.EventId, stage1.EventRecorded, stage1.Event!.Value.AsFPermission().S2));
        Assert.Equal((EvtEventId.FPermission, false, true), (stage2.EventId, stage2.EventRecorded, stage2.Event!.Value.AsFPermission().S2));
        Assert.False(n.Rig.SingleEvent().AsFPermission().S2);
    }

    [Fact]
    public void S2ptw_Stage1WalkOfStage2DeviceMemory_IsS2FPermission_ClassTT_Read()
    {
        var n = new Nested(ste => ste.WithS2ptw(true));
        n.MapCd();
        n.MapStage1Tables(new S2Leaf(MemAttr: 0b0001)); // Device-nGnRE: MemAttr[3:2] = 0

        var result = n.Rig.Translate(Va);

        var f = TranslationRig.AssertFault(EvtEventId.FPermission, result).AsFPermission();
        Assert.Equal((true, FaultClass.Tt, n.S1.Root, true), (f.S2, f.Class, f.Ipa, f.TTRnW));
    }

    [Fact]
    public void WithoutS2ptw_Stage1WalkOfStage2DeviceMemory_Translates()
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables(new S2Leaf(MemAttr: 0b0001));

        TranslationRig.AssertTranslated(Pa, n.Rig.Translate(Va));
    }

    [Theory]
    [InlineData(S2AccessPerm.None)]
    [InlineData(S2AccessPerm.Write)]
    public void Stage1TableWithoutStage2ReadPermission_IsS2FPermission_ClassTT_Read(S2AccessPerm ap)
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables(new S2Leaf(Ap: ap));

        var f = TranslationRig.AssertFault(EvtEventId.FPermission, n.Rig.Translate(Va, AccessKind.Write)).AsFPermission();

        Assert.Equal((true, FaultClass.Tt, n.S1.Root, true, false), (f.S2, f.Class, f.Ipa, f.TTRnW, f.RnW));
    }

    [Fact]
    public void Stage1TableAccessFlagClearAtStage2_IsS2FAccess_ClassTT()
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables(new S2Leaf(Af: false));

        var f = TranslationRig.AssertFault(EvtEventId.FAccess, n.Rig.Translate(Va)).AsFAccess();

        Assert.Equal((true, FaultClass.Tt), (f.S2, f.Class));
    }

    [Fact]
    public void Stage1DescriptorInAnAbortRegion_IsStage1FWalkEabt_ClassTT_WithItsPhysicalAddress()
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables();
        var leaf = n.S1.DescriptorAddress(Va, 3); // identity: IPA = PA
        n.Rig.Memory.AddAbortRegion(leaf & ~0xFFFUL, 0x1000);

        var f = TranslationRig.AssertFault(EvtEventId.FWalkEabt, n.Rig.Translate(Va)).AsFWalkEabt();

        Assert.Equal((false, FaultClass.Tt, leaf, Va), (f.S2, f.Class, f.FetchAddr, f.InputAddr));
    }

    [Fact]
    public void Stage2DescriptorInAnAbortRegion_WhileTranslatingAStage1Table_IsS2FWalkEabt_ClassTT()
    {
        var n = new Nested();
        n.MapCd();
        n.MapStage1Tables();
        var s2Leaf = n.S2.DescriptorAddress(n.S1.Root, 2); // the 2MB block mapping the stage 1 tables
        n.Rig.Memory.AddAbortRegion(s2Leaf & ~0xFFFUL, 0x1000);

        var f = TranslationRig.AssertFault(EvtEventId.FWalkEabt, n.Rig.Translate(Va)).AsFWalkEabt();

        Assert.Equal((true, FaultClass.Tt, s2Leaf), (f.S2, f.Class, f.FetchAddr));
    }

    [Fact]
    public void Stage1AccessFlagUpdate_WritesThroughStage2_AndSetsTheFlag()
    {
        var n = new Nested(cd: cd => cd.WithHa(true), s1Leaf: new S1Leaf(Af: false));
        n.MapCd();
        n.MapStage1Tables();
        var leaf = n.S1.DescriptorAddress(Va, 3);

        TranslationRig.AssertTranslated(Pa, n.Rig.Translate(Va));
        Assert.NotEqual(0UL, n.S1.Read(leaf) & (1UL << 10));
    }

    [Fact]
    public void Stage1AccessFlagUpdate_ToAStage2ReadOnlyTable_IsS2FPermission_ClassTT_Write()
    {
        var n = new Nested(cd: cd => cd.WithHa(true), s1Leaf: new S1Leaf(Af: false));
        n.MapCd();
        n.MapStage1Tables(new S2Leaf(Ap: S2AccessPerm.Read));
        var leaf = n.S1.DescriptorAddress(Va, 3);

        var result = n.Rig.Translate(Va);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        var f = n.Rig.SingleEvent().AsFPermission();
        Assert.Equal((EvtEventId.FPermission, true, FaultClass.Tt, leaf & ~0xFFFUL, false), (f.EventId, f.S2, f.Class, f.Ipa, f.TTRnW));
        Assert.Equal(0UL, n.S1.Read(leaf) & (1UL << 10));
    }

    [Fact]
    public void Stage1AccessFlagUpdate_RefusedByStage2_ReportsItsEventInTheResult()
    {
        // TranslationResult.Event is "the event record the transaction raised": the stage 2
        // F_PERMISSION of the refused hardware update, as for every other fault.
        var n = new Nested(cd: cd => cd.WithHa(true), s1Leaf: new S1Leaf(Af: false));
        n.MapCd();
        n.MapStage1Tables(new S2Leaf(Ap: S2AccessPerm.Read));

        var result = n.Rig.Translate(Va);

        Assert.Equal(EvtEventId.FPermission, result.EventId);
        Assert.True(result.EventRecorded);
        Assert.Equal(result.Event, n.Rig.SingleEvent());
    }

    /// <summary>
    /// A nested stream: stage 2 (4KB, 40-bit IPA from level 1, S2R) at <see cref="TranslationRig.Stage2Arena"/>,
    /// stage 1 (4KB, 48-bit) tables at IPA 0x6000_0000, the CD at IPA <see cref="Cds"/>;
    /// <see cref="Va"/> maps to <see cref="Ipa"/>, which stage 2 maps to <see cref="Pa"/>. Stage 2
    /// maps neither the CD nor the stage 1 tables until asked.
    /// </summary>
    private sealed class Nested
    {
        public const ulong Stage1Tables = 0x6000_0000;

        public Nested(System.Func<Ste, Ste>? ste = null, System.Func<Cd, Cd>? cd = null, S1Leaf? s1Leaf = null, S2Leaf? dataLeaf = null)
        {
            Rig = new TranslationRig();
            S2 = new PageTableBuilder(Rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena);
            S1 = new PageTableBuilder(Rig.Memory, 1, 12, 48, 0, Stage1Tables);
            S1.Map(Va, Ipa, s1: s1Leaf);
            S2.Map(Ipa, Pa, s2: dataLeaf);
            var nested = TransactionBench.NestedSte().WithS2ttb(S2.Root).WithS2r(true);
            var c = TranslationRig.Cd(12, 16, S1.Root);
            Rig.Bench.InstallSte(TranslationRig.Sid, ste is null ? nested : ste(nested));
            Rig.Bench.WriteAt(Cds, cd is null ? c : cd(c));
        }

        public TranslationRig Rig { get; }

        public PageTableBuilder S1 { get; }

        public PageTableBuilder S2 { get; }

        public void MapCd(S2Leaf? leaf = null) => S2.Map(Cds, Cds, s2: leaf);

        /// <summary>Maps the stage 1 tables' 2MB at IPA = PA.</summary>
        public void MapStage1Tables(S2Leaf? leaf = null) => S2.Map(Stage1Tables, Stage1Tables, leafLevel: 2, s2: leaf);

        /// <summary>Maps each stage 1 table page on <see cref="Va"/>'s walk at IPA = PA, except the table of level <paramref name="except"/>.</summary>
        public void MapStage1TablePages(int except)
        {
            for (var level = 0; level <= 3; level++)
            {
                if (level != except)
                {
                    var page = S1.DescriptorAddress(Va, level) & ~0xFFFUL;
                    S2.Map(page, page);
                }
            }
        }
    }
}
