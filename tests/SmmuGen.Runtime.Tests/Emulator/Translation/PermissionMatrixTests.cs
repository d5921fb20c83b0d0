using System.Collections.Generic;
using System.Text;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// The permission model (Arm ARM VMSAv8-64 access permissions, as IHI 0070 3.3.5 adopts it):
/// stage 1 AP[2:1] for privileged and unprivileged reads, writes and instruction fetches, with
/// PXN/UXN, APTable, PXNTable/UXNTable, WXN and PAN; stage 2 S2AP and XN (IDR3.XNX = 0: only
/// XN[1] counts). Each case is an F_PERMISSION or a translation.
/// </summary>
public sealed class PermissionMatrixTests
{
    private const ulong Va = 0x40_1234_5000;
    private const ulong Pa = 0x6_0000_2000;

    // AP[2:1] for NS-EL1, no XN bits, no APTable, no WXN/PAN. Privileged code may read
    // everything; unprivileged code needs AP[1]; writes need AP[2] clear; unprivileged
    // execution needs only UXN clear (execute-only memory); privileged execution is refused on
    // memory unprivileged code can write (AP = 01).
    [Theory]
    [InlineData(S1AccessPerm.RwPriv, true, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RwPriv, true, AccessKind.Write, true)]
    [InlineData(S1AccessPerm.RwPriv, true, AccessKind.Fetch, true)]
    [InlineData(S1AccessPerm.RwPriv, false, AccessKind.Read, false)]
    [InlineData(S1AccessPerm.RwPriv, false, AccessKind.Write, false)]
    [InlineData(S1AccessPerm.RwPriv, false, AccessKind.Fetch, true)]
    [InlineData(S1AccessPerm.RwAll, true, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RwAll, true, AccessKind.Write, true)]
    [InlineData(S1AccessPerm.RwAll, true, AccessKind.Fetch, false)]
    [InlineData(S1AccessPerm.RwAll, false, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RwAll, false, AccessKind.Write, true)]
    [InlineData(S1AccessPerm.RwAll, false, AccessKind.Fetch, true)]
    [InlineData(S1AccessPerm.RoPriv, true, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RoPriv, true, AccessKind.Write, false)]
    [InlineData(S1AccessPerm.RoPriv, true, AccessKind.Fetch, true)]
    [InlineData(S1AccessPerm.RoPriv, false, AccessKind.Read, false)]
    [InlineData(S1AccessPerm.RoPriv, false, AccessKind.Write, false)]
    [InlineData(S1AccessPerm.RoPriv, false, AccessKind.Fetch, true)]
    [InlineData(S1AccessPerm.RoAll, true, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RoAll, true, AccessKind.Write, false)]
    [InlineData(S1AccessPerm.RoAll, true, AccessKind.Fetch, true)]
    [InlineData(S1AccessPerm.RoAll, false, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RoAll, false, AccessKind.Write, false)]
    [InlineData(S1AccessPerm.RoAll, false, AccessKind.Fetch, true)]
    public void Stage1_AccessPermissions(S1AccessPerm ap, bool privileged, AccessKind kind, bool allowed)
    {
        Check(Stage1(new S1Leaf(Ap: ap)), kind, privileged, allowed);
    }

    [Theory]
    [InlineData(true, false, true, false)]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, true, true)]
    [InlineData(false, true, false, false)]
    [InlineData(true, true, true, false)]
    [InlineData(true, true, false, false)]
    public void Stage1_PxnForbidsPrivilegedFetches_UxnUnprivilegedOnes(bool pxn, bool uxn, bool privileged, bool allowed)
    {
        Check(Stage1(new S1Leaf(Ap: S1AccessPerm.RoAll, Pxn: pxn, Uxn: uxn)), AccessKind.Fetch, privileged, allowed);
    }

    [Theory]
    [InlineData(true, false, true, false)]
    [InlineData(false, true, false, false)]
    [InlineData(false, true, true, true)]
    [InlineData(true, false, false, true)]
    public void Stage1_PxnTableAndUxnTable_ActAsTheLeafBitsForEverythingBelow(bool pxnTable, bool uxnTable, bool privileged, bool allowed)
    {
        Check(Stage1(new S1Leaf(Ap: S1AccessPerm.RoAll), new TableLimits(PxnTable: pxnTable, UxnTable: uxnTable)), AccessKind.Fetch, privileged, allowed);
    }

    // APTable[0] (bit 61) removes unprivileged access below; APTable[1] (bit 62) removes write
    // access. Both also lift the implicit PXN of AP = 01, since nothing unprivileged can write.
    [Theory]
    [InlineData(0b01, S1AccessPerm.RwAll, false, AccessKind.Read, false)]
    [InlineData(0b01, S1AccessPerm.RwAll, false, AccessKind.Fetch, true)]
    [InlineData(0b01, S1AccessPerm.RwAll, true, AccessKind.Write, true)]
    [InlineData(0b01, S1AccessPerm.RwAll, true, AccessKind.Fetch, true)]
    [InlineData(0b10, S1AccessPerm.RwAll, true, AccessKind.Write, false)]
    [InlineData(0b10, S1AccessPerm.RwAll, false, AccessKind.Write, false)]
    [InlineData(0b10, S1AccessPerm.RwAll, false, AccessKind.Read, true)]
    [InlineData(0b10, S1AccessPerm.RwAll, true, AccessKind.Fetch, true)]
    [InlineData(0b11, S1AccessPerm.RwAll, false, AccessKind.Read, false)]
    [InlineData(0b11, S1AccessPerm.RwAll, true, AccessKind.Read, true)]
    [InlineData(0b11, S1AccessPerm.RwPriv, true, AccessKind.Write, false)]
    public void Stage1_ApTable_LimitsEverythingBelow(int apTable, S1AccessPerm ap, bool privileged, AccessKind kind, bool allowed)
    {
        Check(Stage1(new S1Leaf(Ap: ap), new TableLimits(ApTable: (byte)apTable)), kind, privileged, allowed);
    }

    [Fact]
    public void Stage1_HadIgnoresApTablePxnTableAndUxnTable()
    {
        var rig = Stage1(new S1Leaf(Ap: S1AccessPerm.RwAll), new TableLimits(ApTable: 0b11, PxnTable: true, UxnTable: true), cd => cd.WithHad0(true));

        Check(rig, AccessKind.Write, false, true);
        Check(rig, AccessKind.Fetch, false, true);
    }

    // WXN: memory writable at the access's privilege never executes there (Arm ARM: the
    // execute permission is removed where WXN and the write permission of that privilege meet).
    [Theory]
    [InlineData(S1AccessPerm.RwPriv, true, false)]
    [InlineData(S1AccessPerm.RoPriv, true, true)]
    [InlineData(S1AccessPerm.RoAll, true, true)]
    [InlineData(S1AccessPerm.RwAll, false, false)]
    [InlineData(S1AccessPerm.RoAll, false, true)]
    [InlineData(S1AccessPerm.RoPriv, false, true)]
    public void Stage1_Wxn_ForbidsFetchesFromMemoryWritableAtTheirPrivilege(S1AccessPerm ap, bool privileged, bool allowed)
    {
        Check(Stage1(new S1Leaf(Ap: ap), configure: cd => cd.WithWxn(true)), AccessKind.Fetch, privileged, allowed);
    }

    [Fact]
    public void Stage1_Wxn_LeavesUnprivilegedFetchesFromPrivilegedOnlyWritableMemory()
    {
        // AP = 00 is writable only by privileged code: to unprivileged code it is execute-only
        // memory, which WXN does not touch (Arm ARM: WXN removes execution where the accessing
        // privilege has write permission).
        Check(Stage1(new S1Leaf(Ap: S1AccessPerm.RwPriv), configure: cd => cd.WithWxn(true)), AccessKind.Fetch, false, true);
    }

    [Theory]
    [InlineData(S1AccessPerm.RwAll, AccessKind.Read, false)]
    [InlineData(S1AccessPerm.RwAll, AccessKind.Write, false)]
    [InlineData(S1AccessPerm.RoAll, AccessKind.Read, false)]
    [InlineData(S1AccessPerm.RwPriv, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RoPriv, AccessKind.Read, true)]
    [InlineData(S1AccessPerm.RoAll, AccessKind.Fetch, true)]
    public void Stage1_Pan_ForbidsPrivilegedDataAccessesToUnprivilegedMemory(S1AccessPerm ap, AccessKind kind, bool allowed)
    {
        Check(Stage1(new S1Leaf(Ap: ap), configure: cd => cd.WithPan(true)), kind, true, allowed);
    }

    [Fact]
    public void Stage1_Pan_DoesNotApplyWhereApTableRemovedUnprivilegedAccess()
    {
        Check(Stage1(new S1Leaf(Ap: S1AccessPerm.RwAll), new TableLimits(ApTable: 0b01), cd => cd.WithPan(true)), AccessKind.Read, true, true);
    }

    [Fact]
    public void Stage1_Pan_LeavesUnprivilegedAccessesAlone()
    {
        Check(Stage1(new S1Leaf(Ap: S1AccessPerm.RwAll), configure: cd => cd.WithPan(true)), AccessKind.Write, false, true);
    }

    public static TheoryData<S2AccessPerm, int, AccessKind> Stage2Cases()
    {
        var data = new TheoryData<S2AccessPerm, int, AccessKind>();
        foreach (var ap in new[] { S2AccessPerm.None, S2AccessPerm.Read, S2AccessPerm.Write, S2AccessPerm.ReadWrite })
        {
            for (var xn = 0; xn < 4; xn++)
            {
                foreach (var kind in new[] { AccessKind.Read, AccessKind.Write, AccessKind.Fetch })
                {
                    data.Add(ap, xn, kind);
                }
            }
        }

        return data;
    }

    /// <summary>
    /// Stage 2: S2AP[0] grants reads, S2AP[1] writes; without FEAT_XNX, XN[1] alone forbids
    /// execution at every privilege, and execution needs nothing else (Arm ARM stage 2
    /// permissions: px = ux = NOT XN[1], independent of S2AP).
    /// </summary>
    [Theory]
    [MemberData(nameof(Stage2Cases))]
    public void Stage2_S2apAndXn(S2AccessPerm ap, int xn, AccessKind kind)
    {
        var allowed = kind switch
        {
            AccessKind.Read => ((int)ap & 1) != 0,
            AccessKind.Write => ((int)ap & 2) != 0,
            _ => (xn & 2) == 0,
        };
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena);
        tables.Map(Va, Pa, s2: new S2Leaf(Ap: ap, Xn: (byte)xn));
        rig.UseStage2(TranslationRig.Stage2(12, 1, 24, tables.Root));

        foreach (var privileged in new[] { false, true })
        {
            Check(rig, kind, privileged, allowed);
        }
    }

    [Fact]
    public void Stage2_Xn0AloneDoesNotForbidExecution_WithoutXnx()
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena);
        tables.Map(Va, Pa, s2: new S2Leaf(Ap: S2AccessPerm.Read, Xn: 0b01));
        rig.UseStage2(TranslationRig.Stage2(12, 1, 24, tables.Root));

        Check(rig, AccessKind.Fetch, false, true);
        Check(rig, AccessKind.Fetch, true, true);
    }

    /// <summary>
    /// Every combination of AP, PXN, UXN, APTable, PXNTable, UXNTable, WXN, PAN, privilege and
    /// access kind, in the NS-EL1 and EL2 StreamWorlds, against <see cref="ReferenceWalker.Stage1Permits"/>;
    /// the first access of each page walks, the others are served by the TLB.
    /// </summary>
    [Fact]
    public void Stage1_EveryCombination_AgreesWithTheReferencePermissionModel()
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        var pages = new List<(ulong Va, int Ap, bool Pxn, bool Uxn, int ApTable, bool PxnTable, bool UxnTable)>();
        var slot = 0UL;
        for (var ap = 0; ap < 4; ap++)
        {
            foreach (var pxn in new[] { false, true })
            {
                foreach (var uxn in new[] { false, true })
                {
                    for (var apTable = 0; apTable < 4; apTable++)
                    {
                        foreach (var pxnTable in new[] { false, true })
                        {
                            foreach (var uxnTable in new[] { false, true })
                            {
                                // One level-0 entry each, so no table descriptor is shared.
                                var va = slot++ << 39;
                                tables.Map(va, 0x1_0000_0000 + (slot << 12), s1: new S1Leaf(Ap: (S1AccessPerm)ap, Pxn: pxn, Uxn: uxn), limits: new TableLimits((byte)apTable, pxnTable, uxnTable));
                                pages.Add((va, ap, pxn, uxn, apTable, pxnTable, uxnTable));
                            }
                        }
                    }
                }
            }
        }

        // StreamIDs 0-3: NS-EL1 with WXN/PAN 00, 01, 10, 11; 4-7: the same in the EL2 StreamWorld.
        var contexts = new List<(uint Sid, bool El2, bool Wxn, bool Pan)>();
        for (var i = 0u; i < 8; i++)
        {
            var (el2, wxn, pan) = (i >= 4, (i & 2) != 0, (i & 1) != 0);
            var cdAddress = TransactionBench.CdTablesAddress + (i * 0x100UL);
            var ste = TransactionBench.Stage1Ste(cdAddress);
            rig.Bench.InstallSte(i, el2 ? ste.WithStrw(SteStrw.El2) : ste);
            rig.Bench.WriteAt(cdAddress, TranslationRig.Cd(12, 16, tables.Root).WithWxn(wxn).WithPan(pan).WithAsid((ushort)(i + 1)));
            contexts.Add((i, el2, wxn, pan));
        }

        var mismatches = new StringBuilder();
        var count = 0;
        foreach (var (sid, el2, wxn, pan) in contexts)
        {
            foreach (var p in pages)
            {
                foreach (var privileged in new[] { false, true })
                {
                    foreach (var kind in new[] { AccessKind.Read, AccessKind.Write, AccessKind.Fetch })
                    {
                        var expected = ReferenceWalker.Stage1Permits(p.Ap, p.Pxn, p.Uxn, false, p.ApTable, p.PxnTable, p.UxnTable, el2, wxn, pan, new RefAccess(kind == AccessKind.Write, kind == AccessKind.Fetch, privileged));
                        var result = rig.Bench.Translate(sid, p.Va, null, TranslationRig.Access(kind, privileged));
                        var translated = result.Outcome == TranslationOutcome.Translated;
                        if (translated != expected || (!translated && result.EventId != EvtEventId.FPermission))
                        {
                            mismatches.AppendLine(
                                $"{(el2 ? "EL2" : "NS-EL1")} WXN={wxn} PAN={pan} AP={p.Ap} PXN={p.Pxn} UXN={p.Uxn} APTable={p.ApTable} PXNTable={p.PxnTable} UXNTable={p.UxnTable} {(privileged ? "privileged" : "unprivileged")} {kind}: expected {(expected ? "translated" : "F_PERMISSION")}, got {result.Outcome} {result.EventId}");
                        }

                        count++;
                    }
                }

                rig.Bench.DrainEvents();
            }
        }

        Assert.Equal(8 * 256 * 6, count);
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }

    private static void Check(TranslationRig rig, AccessKind kind, bool privileged, bool allowed)
    {
        var result = rig.Translate(Va + 0x40, kind, privileged);
        if (allowed)
        {
            TranslationRig.AssertTranslated(Pa + 0x40, result);
        }
        else
        {
            TranslationRig.AssertFault(EvtEventId.FPermission, result);
        }
    }

    private static TranslationRig Stage1(S1Leaf leaf, TableLimits? limits = null, System.Func<Cd, Cd>? configure = null)
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 1, 12, 48, 0, TranslationRig.Stage1Arena);
        tables.Map(Va, Pa, s1: leaf, limits: limits);
        var cd = TranslationRig.Cd(12, 16, tables.Root);
        rig.UseStage1(configure is null ? cd : configure(cd));
        return rig;
    }
}
