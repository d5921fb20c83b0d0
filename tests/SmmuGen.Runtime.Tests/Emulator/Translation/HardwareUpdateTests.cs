using System.Buffers.Binary;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// Hardware Access flag and dirty state updates (IHI 0070 3.13, 5.2 S2HA/S2HD, 5.4 HA/HD; Arm
/// ARM hardware management of the Access flag and dirty state): with HA a clear AF is set in
/// memory and the access goes ahead; with HD, a write to a DBM page that AP[2] (stage 1) or
/// S2AP[1] (stage 2) makes read-only makes it writable in memory instead of faulting; reads
/// never dirty; big-endian tables (CD.ENDI, STE.S2ENDI) are read and updated big-endian.
/// </summary>
public sealed class HardwareUpdateTests
{
    private const ulong Va = 0x12_3456_7000;
    private const ulong Pa = 0x7_0000_3000;
    private const ulong Af = 1UL << 10;
    private const ulong ApReadOnly = 1UL << 7;  // AP[2]
    private const ulong S2apWrite = 1UL << 7;   // S2AP[1]

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(1)]
    public void Stage1_Ha_SetsTheAccessFlagInMemory_AndTranslates(int level)
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true));
        var blockBits = TranslationRig.LevelShift(12, level);
        var va = 1UL << 39 | (5UL << blockBits);
        var leaf = tables.Map(va, 3UL << blockBits, leafLevel: level, s1: new S1Leaf(Af: false));

        TranslationRig.AssertTranslated((3UL << blockBits) + 0x18, rig.Translate(va + 0x18));

        Assert.Equal(Af, tables.Read(leaf) & Af);
        Assert.True(rig.NoEvents());
    }

    [Fact]
    public void Stage1_Ha_LeavesEveryOtherBitAlone()
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Af: false, NotGlobal: true, Uxn: true, AttrIndx: 5));
        var before = tables.Read(leaf);

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va));

        Assert.Equal(before | Af, tables.Read(leaf));
    }

    [Fact]
    public void Stage1_Ha_DoesNotSetTheFlagOfAnAccessThatFaults()
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Af: false));

        TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(Va, AccessKind.Write));

        Assert.Equal(0UL, tables.Read(leaf) & Af);
    }

    [Fact]
    public void Stage1_HdDbm_WriteToAReadOnlyPage_ClearsAp2InMemory_AndTranslates()
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true).WithHd(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Dbm: true));

        TranslationRig.AssertTranslated(Pa + 0x40, rig.Translate(Va + 0x40, AccessKind.Write));

        var now = tables.Read(leaf);
        Assert.Equal(0UL, now & ApReadOnly);
        Assert.Equal((ulong)S1AccessPerm.RwAll, (now >> 6) & 3);
    }

    [Fact]
    public void Stage1_HdDbm_ReadDoesNotDirty()
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true).WithHd(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Dbm: true));
        var before = tables.Read(leaf);

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Read));
        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Read, privileged: true));

        Assert.Equal(before, tables.Read(leaf));
    }

    [Fact]
    public void Stage1_HdDbm_ReadThenWrite_StillDirtiesThroughTheTlb()
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true).WithHd(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Dbm: true));

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Read));
        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Write));

        Assert.Equal(0UL, tables.Read(leaf) & ApReadOnly);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Stage1_WriteToAReadOnlyPage_FaultsWithoutDbmOrWithoutHd(bool dbm, bool hd)
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true).WithHd(hd));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Dbm: dbm));
        var before = tables.Read(leaf);

        TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(Va, AccessKind.Write));

        Assert.Equal(before, tables.Read(leaf));
    }

    [Fact]
    public void Stage1_HdDbm_PrivilegedOnlyReadOnlyPage_UnprivilegedWriteStillFaults()
    {
        // DBM lifts AP[2] only: AP[1] still refuses unprivileged access.
        var (rig, tables) = Stage1(cd => cd.WithHa(true).WithHd(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoPriv, Dbm: true));
        var before = tables.Read(leaf);

        TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(Va, AccessKind.Write, privileged: false));
        Assert.Equal(before, tables.Read(leaf));

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Write, privileged: true));
        Assert.Equal(0UL, tables.Read(leaf) & ApReadOnly);
    }

    [Fact]
    public void Stage1_HdDbm_ApTableReadOnly_StillFaults()
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true).WithHd(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Dbm: true), limits: new TableLimits(ApTable: 0b10));
        var before = tables.Read(leaf);

        TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(Va, AccessKind.Write));

        Assert.Equal(before, tables.Read(leaf));
    }

    [Fact]
    public void Stage1_HaAndHd_AccessFlagAndDirtyStateSetByOneWrite()
    {
        var (rig, tables) = Stage1(cd => cd.WithHa(true).WithHd(true));
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Af: false, Dbm: true));

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Write));

        var now = tables.Read(leaf);
        Assert.Equal((Af, 0UL), (now & Af, now & ApReadOnly));
    }

    [Fact]
    public void Stage2_S2ha_SetsTheAccessFlagInMemory_AndTranslates()
    {
        var (rig, tables) = Stage2(ste => ste.WithS2ha(true));
        var leaf = tables.Map(Va, Pa, s2: new S2Leaf(Af: false));

        TranslationRig.AssertTranslated(Pa + 4, rig.Translate(Va + 4));

        Assert.Equal(Af, tables.Read(leaf) & Af);
    }

    [Fact]
    public void Stage2_S2hdDbm_WriteToAReadOnlyPage_SetsS2ap1InMemory()
    {
        var (rig, tables) = Stage2(ste => ste.WithS2ha(true).WithS2hd(true));
        var leaf = tables.Map(Va, Pa, s2: new S2Leaf(Ap: S2AccessPerm.Read, Dbm: true));

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Write));

        Assert.Equal((ulong)S2AccessPerm.ReadWrite, (tables.Read(leaf) >> 6) & 3);
    }

    [Fact]
    public void Stage2_S2hdDbm_ReadDoesNotDirty()
    {
        var (rig, tables) = Stage2(ste => ste.WithS2ha(true).WithS2hd(true));
        var leaf = tables.Map(Va, Pa, s2: new S2Leaf(Ap: S2AccessPerm.Read, Dbm: true));
        var before = tables.Read(leaf);

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Read));

        Assert.Equal(before, tables.Read(leaf));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Stage2_WriteToAReadOnlyPage_FaultsWithoutDbmOrWithoutS2hd(bool dbm, bool s2hd)
    {
        var (rig, tables) = Stage2(ste => ste.WithS2ha(true).WithS2hd(s2hd));
        var leaf = tables.Map(Va, Pa, s2: new S2Leaf(Ap: S2AccessPerm.Read, Dbm: dbm));
        var before = tables.Read(leaf);

        TranslationRig.AssertFault(EvtEventId.FPermission, rig.Translate(Va, AccessKind.Write));

        Assert.Equal(before, tables.Read(leaf));
        Assert.Equal(0UL, before & S2apWrite);
    }

    [Fact]
    public void Stage1_BigEndianTables_AreWalkedAndUpdatedBigEndian()
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena, bigEndian: true);
        var leaf = tables.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Af: false, Dbm: true));
        rig.UseStage1(TranslationRig.Cd(12, 16, tables.Root).WithEndi(true).WithHa(true).WithHd(true));
        var before = tables.Read(leaf);

        TranslationRig.AssertTranslated(Pa + 0x10, rig.Translate(Va + 0x10, AccessKind.Write));

        var expected = (before | Af) & ~ApReadOnly;
        Assert.Equal(expected, tables.Read(leaf));
        Assert.Equal(BinaryPrimitives.ReverseEndianness(expected), rig.Memory.ReadUInt64(leaf));
    }

    [Fact]
    public void Stage1_LittleEndianTables_ReadBigEndian_AreGarbage()
    {
        // The same little-endian tables with CD.ENDI set: the root descriptor, byte-reversed, is
        // invalid (its bit 0 is the top bit of the little-endian word).
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        tables.Map(Va, Pa);
        rig.UseStage1(TranslationRig.Cd(12, 16, tables.Root).WithEndi(true));

        TranslationRig.AssertFault(EvtEventId.FTranslation, rig.Translate(Va));
    }

    [Fact]
    public void Stage2_BigEndianTables_AreWalkedAndUpdatedBigEndian()
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena, bigEndian: true);
        var leaf = tables.Map(Va, Pa, s2: new S2Leaf(Ap: S2AccessPerm.Read, Af: false, Dbm: true));
        rig.UseStage2(TranslationRig.Stage2(12, 1, 24, tables.Root).WithS2endi(true).WithS2ha(true).WithS2hd(true));
        var before = tables.Read(leaf);

        TranslationRig.AssertTranslated(Pa, rig.Translate(Va, AccessKind.Write));

        var expected = before | Af | S2apWrite;
        Assert.Equal(expected, tables.Read(leaf));
        Assert.Equal(BinaryPrimitives.ReverseEndianness(expected), rig.Memory.ReadUInt64(leaf));
    }

    [Fact]
    public void Nested_BigEndianStage1OverLittleEndianStage2_EachUsesItsOwnEndianness()
    {
        var rig = new TranslationRig();
        var s2 = new PageTableBuilder(rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena);
        var s1 = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, 0x6000_0000, bigEndian: true);
        s2.Map(TransactionBench.CdTablesAddress, TransactionBench.CdTablesAddress);
        s2.Map(0x6000_0000, 0x6000_0000, leafLevel: 2);
        s2.Map(0x1_0000_0000, 0x8_0000_0000, leafLevel: 2);
        var leaf = s1.Map(Va, 0x1_0000_5000, s1: new S1Leaf(Af: false));
        rig.Bench.InstallSte(TranslationRig.Sid, TransactionBench.NestedSte().WithS2ttb(s2.Root).WithS2r(true));
        rig.Bench.WriteAt(TransactionBench.CdTablesAddress, TranslationRig.Cd(12, 16, s1.Root).WithEndi(true).WithHa(true));

        TranslationRig.AssertTranslated(0x8_0000_5ABC, rig.Translate(Va + 0xABC));

        Assert.Equal(Af, s1.Read(leaf) & Af);
    }

    private static (TranslationRig Rig, PageTableBuilder Tables) Stage1(System.Func<Cd, Cd> configure)
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        rig.UseStage1(configure(TranslationRig.Cd(12, 16, tables.Root)));
        return (rig, tables);
    }

    private static (TranslationRig Rig, PageTableBuilder Tables) Stage2(System.Func<Ste, Ste> configure)
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena);
        rig.UseStage2(configure(TranslationRig.Stage2(12, 1, 24, tables.Root)));
        return (rig, tables);
    }
}
