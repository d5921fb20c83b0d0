using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// A driver's TLB maintenance against a real <see cref="TranslationEngine"/>: streams of each kind
/// (stage 1 NS-EL1, EL2 or EL2-E2H, stage 2 only, nested) over shared translation tables, so one
/// descriptor change makes several cached translations stale at once and a command shows exactly
/// which of them it refreshes.
/// </summary>
/// <remarks>
/// Memory: Stream table, CDs (at IPA = PA, one 4KB page per StreamID) and queues as in
/// <see cref="TransactionBench"/>; stage 1 tables at <see cref="Stage1Arena"/> (stage-1-only
/// streams, VA to PA) and <see cref="NestedStage1Arena"/> (nested streams, VA to IPA); one set of
/// stage 2 tables shared by every VMID, mapping IPAs below 4GB to the same PAs with 1GB blocks (CDs
/// and stage 1 tables of nested streams) and the IPAs from <see cref="IpaBase"/> as the tests
/// choose.
/// </remarks>
internal sealed class TlbRig
{
    public const ulong Stage1Arena = 0x6000_0000;
    public const ulong NestedStage1Arena = 0x6800_0000;
    public const ulong Stage2Arena = 0x5000_0000;
    public const ulong IpaBase = 0x1_0000_0000;

    public TlbRig(SmmuOptions? options = null, bool e2h = false, int tlbCapacity = TranslationEngine.DefaultTlbCapacity, int stage1PageBits = 12)
    {
        Options = options ?? new SmmuOptions();
        Engine = new TranslationEngine(Options, tlbCapacity);
        Bench = new TransactionBench(Options, Engine).LinearStreamTable(5);
        Stage1PageBits = stage1PageBits;
        S1 = new PageTableBuilder(Bench.Memory, 1, stage1PageBits, 48, 0, Stage1Arena);
        NestedS1 = new PageTableBuilder(Bench.Memory, 1, 12, 48, 0, NestedStage1Arena);
        S2 = new PageTableBuilder(Bench.Memory, 2, 12, 40, 1, Stage2Arena);
        for (ulong gb = 0; gb < 4; gb++)
        {
            S2.Map(gb << 30, gb << 30, leafLevel: 1);
        }

        // CR2.E2H is only writable with the SMMU disabled, so it goes in before SMMUEN.
        Bench.Write(new Cr2(0).WithE2h(e2h).WithRecinvsid(true));
        Bench.Write(new Cr0(0).WithEventqen(true).WithCmdqen(true).WithSmmuen(true));
    }

    public SmmuOptions Options { get; }

    public TranslationEngine Engine { get; }

    public TransactionBench Bench { get; }

    public int Stage1PageBits { get; }

    /// <summary>Stage 1 tables of the stage-1-only streams (VA to PA).</summary>
    public PageTableBuilder S1 { get; }

    /// <summary>Stage 1 tables of the nested streams (VA to IPA).</summary>
    public PageTableBuilder NestedS1 { get; }

    /// <summary>Stage 2 tables of every VMID (IPA to PA).</summary>
    public PageTableBuilder S2 { get; }

    public static ulong CdAddress(uint streamId) => TransactionBench.CdTablesAddress + (streamId * 0x1000UL);

    /// <summary>A stage-1-only stream over <see cref="S1"/>: NS-EL1 tagged with <paramref name="vmid"/>, or the EL2 regime.</summary>
    public TlbRig Stage1Stream(uint streamId, ushort asid, ushort vmid = 7, SteStrw strw = SteStrw.El1)
    {
        var granule = Stage1PageBits switch { 12 => CdTg0.Size4kb, 14 => CdTg0.Size16kb, _ => CdTg0.Size64kb };
        Bench.WriteAt(CdAddress(streamId), TransactionBench.ValidCd(asid).WithTg0(granule).WithTtb0(S1.Root));
        var ste = TransactionBench.Stage1Ste(CdAddress(streamId)).WithStrw(strw);
        Bench.InstallSte(streamId, Options.Stage2 ? ste.WithS2vmid(vmid) : ste);
        return this;
    }

    /// <summary>A stage-2-only stream of <paramref name="vmid"/> over <see cref="S2"/>.</summary>
    public TlbRig Stage2Stream(uint streamId, ushort vmid = 7)
    {
        Bench.InstallSte(streamId, TransactionBench.Stage2Ste.WithS2vmid(vmid).WithS2ttb(S2.Root));
        return this;
    }

    /// <summary>A nested stream of <paramref name="vmid"/>: <see cref="NestedS1"/> then <see cref="S2"/>.</summary>
    public TlbRig NestedStream(uint streamId, ushort asid, ushort vmid = 7)
    {
        Bench.WriteAt(CdAddress(streamId), TransactionBench.ValidCd(asid).WithTtb0(NestedS1.Root));
        Bench.InstallSte(streamId, TransactionBench.NestedSte(CdAddress(streamId)).WithS2vmid(vmid).WithS2ttb(S2.Root));
        return this;
    }

    /// <summary>Maps (or remaps) a stage 1 leaf of <see cref="S1"/>; non-global unless <paramref name="global"/>, as Linux's io-pgtable does.</summary>
    public TlbRig MapS1(ulong va, ulong pa, bool global = false, int level = 3)
    {
        S1.Map(va, pa, level, new S1Leaf(NotGlobal: !global));
        return this;
    }

    public TlbRig MapNestedS1(ulong va, ulong ipa, bool global = false, int level = 3)
    {
        NestedS1.Map(va, ipa, level, new S1Leaf(NotGlobal: !global));
        return this;
    }

    public TlbRig MapS2(ulong ipa, ulong pa, int level = 3)
    {
        S2.Map(ipa, pa, level);
        return this;
    }

    /// <summary>The PA <paramref name="address"/> translates to; the translation must succeed.</summary>
    public ulong Out(uint streamId, ulong address)
    {
        var result = Bench.Translate(streamId, address);
        Assert.True(result.Outcome == TranslationOutcome.Translated, $"stream {streamId} 0x{address:X}: {result.Outcome} {result.EventId}");
        return result.OutputAddress;
    }

    /// <summary>Submits the commands and a CMD_SYNC; they must all complete without a command error.</summary>
    public void Tlbi(params Cmd[] commands)
    {
        Bench.Commands(commands);
        Assert.Equal(CmdqConsErr.CerrorNone, Cons.Err);
        Assert.Equal(0u, Cons.Rd ^ ProdWr); // the queue drained: every command ran
    }

    public CmdqCons Cons => new(Bench.Smmu.Read32(CmdqCons.Info.Page, CmdqCons.Info.Offset));

    private uint ProdWr => new CmdqProd(Bench.Smmu.Read32(CmdqProd.Info.Page, CmdqProd.Info.Offset)).Wr;

    public static Cmd NhAll(ushort vmid) => CmdTlbiNhAll.Create().WithVmid(vmid).ToCmd();

    public static Cmd NhAsid(ushort vmid, ushort asid) => CmdTlbiNhAsid.Create().WithVmid(vmid).WithAsid(asid).ToCmd();

    public static Cmd NhVa(ushort vmid, ushort asid, ulong va) => CmdTlbiNhVa.Create().WithVmid(vmid).WithAsid(asid).WithAddress(va).ToCmd();

    public static Cmd NhVaa(ushort vmid, ulong va) => CmdTlbiNhVaa.Create().WithVmid(vmid).WithAddress(va).ToCmd();

    public static Cmd El2All() => CmdTlbiEl2All.Create().ToCmd();

    public static Cmd El2Asid(ushort asid) => CmdTlbiEl2Asid.Create().WithAsid(asid).ToCmd();

    public static Cmd El2Va(ushort asid, ulong va) => CmdTlbiEl2Va.Create().WithAsid(asid).WithAddress(va).ToCmd();

    public static Cmd El2Vaa(ulong va) => CmdTlbiEl2Vaa.Create().WithAddress(va).ToCmd();

    public static Cmd S12Vmall(ushort vmid) => CmdTlbiS12Vmall.Create().WithVmid(vmid).ToCmd();

    public static Cmd S2Ipa(ushort vmid, ulong ipa) => CmdTlbiS2Ipa.Create().WithVmid(vmid).WithAddress(ipa).ToCmd();

    public static Cmd NsnhAll() => CmdTlbiNsnhAll.Create().ToCmd();

    public static Cmd CfgiSte(uint streamId) => CmdCfgiSte.Create().WithStreamID(streamId).ToCmd();
}

/// <summary>
/// IHI 0070 4.4: each CMD_TLBI_* form, driven the way a driver uses it — map, translate (filling
/// the TLB), change the tables, see the TLB keep serving the old translation, then invalidate and
/// see exactly which translations are refreshed and which stay stale.
/// </summary>
public sealed class TlbInvalidationTests
{
    private const ulong P = 0x4000_1000;   // a non-global page
    private const ulong P2 = 0x4000_2000;  // another non-global page
    private const ulong G = 0x4000_3000;   // a global page
    private const ulong OldPa = 0x9_0000_0000;
    private const ulong NewPa = 0xA_0000_0000;

    private static ulong Old(ulong va) => OldPa + (va & 0xFF_FFFF);

    private static ulong New(ulong va) => NewPa + (va & 0xFF_FFFF);

    /// <summary>Stage 1 pages P, P2 (non-global) and G (global) mapped to <see cref="Old"/>, translated through every stream given, then remapped to <see cref="New"/>.</summary>
    private static void FillThenRemapStage1(TlbRig rig, params uint[] streams)
    {
        rig.MapS1(P, Old(P)).MapS1(P2, Old(P2)).MapS1(G, Old(G), global: true);
        foreach (var sid in streams)
        {
            foreach (var va in new[] { P, P2, G })
            {
                Assert.Equal(Old(va), rig.Out(sid, va));
            }
        }

        rig.MapS1(P, New(P)).MapS1(P2, New(P2)).MapS1(G, New(G), global: true);
        foreach (var sid in streams)
        {
            foreach (var va in new[] { P, P2, G })
            {
                Assert.Equal(Old(va), rig.Out(sid, va)); // the TLB still holds the old translation
            }
        }
    }

    private static void AssertFresh(TlbRig rig, uint sid, params ulong[] vas)
    {
        foreach (var va in vas)
        {
            Assert.True(New(va) == rig.Out(sid, va), $"stream {sid} 0x{va:X} should translate afresh");
        }
    }

    private static void AssertStale(TlbRig rig, uint sid, params ulong[] vas)
    {
        foreach (var va in vas)
        {
            Assert.True(Old(va) == rig.Out(sid, va), $"stream {sid} 0x{va:X} should still be the cached translation");
        }
    }

    // ---- 1. Stale until invalidated --------------------------------------------------------

    [Fact]
    public void RemappedPage_KeepsTranslatingToTheOldAddress_UntilNhVaAndSync()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        rig.MapS1(P, OldPa);
        Assert.Equal(OldPa + 0x234, rig.Out(1, P + 0x234));
        Assert.Equal(1, rig.Engine.TlbEntryCount);

        rig.MapS1(P, NewPa);
        Assert.Equal(OldPa + 0x234, rig.Out(1, P + 0x234));
        Assert.Equal(OldPa + 0x234, rig.Out(1, P + 0x234));

        rig.Tlbi(TlbRig.NhVa(7, 1, P));

        Assert.Equal(NewPa + 0x234, rig.Out(1, P + 0x234));
    }

    [Fact]
    public void UnmappedPage_KeepsTranslating_UntilInvalidated_ThenFaults()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        rig.MapS1(P, OldPa);
        Assert.Equal(OldPa, rig.Out(1, P));

        rig.S1.Write(rig.S1.DescriptorAddress(P, 3), 0); // unmap
        Assert.Equal(OldPa, rig.Out(1, P));
        rig.Tlbi(TlbRig.NhVa(7, 1, P));

        var result = rig.Bench.Translate(1, P);
        Assert.Equal(EvtEventId.FTranslation, result.EventId);
    }

    [Fact]
    public void InvalidationOfTheWrongAsidVmidOrVa_LeavesTheRemappedPageStale()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        FillThenRemapStage1(rig, 1);

        rig.Tlbi(TlbRig.NhVa(7, 2, P), TlbRig.NhVa(8, 1, P), TlbRig.NhVa(7, 1, P + 0x1_0000), TlbRig.NhAsid(7, 2), TlbRig.NhAll(8), TlbRig.S2Ipa(7, P));

        AssertStale(rig, 1, P, P2, G);
    }

    // ---- 2. Each form's scope ---------------------------------------------------------------

    [Fact]
    public void NhAll_RefreshesTheVmidsStage1AndNestedEntries_IncludingGlobal_AndSparesStage2OnlyEntriesAndOtherVmids()
    {
        const ulong q = TlbRig.IpaBase + 0x5000;       // a stage-2-only stream's IPA
        const ulong n = 0x7000_0000;                    // a nested stream's VA
        const ulong qn = TlbRig.IpaBase + 0x10_0000;    // its IPA
        var rig = new TlbRig()
            .Stage1Stream(1, asid: 1, vmid: 7).Stage1Stream(2, asid: 1, vmid: 8).Stage2Stream(3, vmid: 7).NestedStream(4, asid: 1, vmid: 7);
        rig.MapS2(q, Old(q)).MapS2(qn, Old(qn)).MapS2(qn + 0x1000, New(qn)).MapNestedS1(n, qn);
        Assert.Equal(Old(q), rig.Out(3, q));
        Assert.Equal(Old(qn), rig.Out(4, n));
        FillThenRemapStage1(rig, 1, 2);
        rig.MapS2(q, New(q)).MapNestedS1(n, qn + 0x1000);
        Assert.Equal(Old(q), rig.Out(3, q));
        Assert.Equal(Old(qn), rig.Out(4, n));

        rig.Tlbi(TlbRig.NhAll(7));

        AssertFresh(rig, 1, P, P2, G);
        AssertStale(rig, 2, P, P2, G);
        Assert.Equal(Old(q), rig.Out(3, q));   // stage 2 only: spared
        Assert.Equal(New(qn), rig.Out(4, n));  // nested stage 1 of VMID 7: refreshed
    }

    [Fact]
    public void NhAsid_RefreshesThatAsidsNonGlobalEntries_AndSparesGlobalEntriesOtherAsidsAndOtherVmids()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1, vmid: 7).Stage1Stream(2, asid: 2, vmid: 7).Stage1Stream(3, asid: 1, vmid: 8);
        FillThenRemapStage1(rig, 1, 2, 3);

        rig.Tlbi(TlbRig.NhAsid(7, 1));

        AssertFresh(rig, 1, P, P2);
        AssertStale(rig, 1, G);
        AssertStale(rig, 2, P, P2, G);
        AssertStale(rig, 3, P, P2, G);
    }

    [Fact]
    public void NhVa_RefreshesThatVaForItsAsid_AndGlobalEntriesAtThatVa_AndSparesOtherVasAndOtherAsids()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1, vmid: 7).Stage1Stream(2, asid: 2, vmid: 7).Stage1Stream(3, asid: 1, vmid: 8);
        FillThenRemapStage1(rig, 1, 2, 3);

        rig.Tlbi(TlbRig.NhVa(7, 1, P), TlbRig.NhVa(7, 1, G));

        AssertFresh(rig, 1, P, G);
        AssertStale(rig, 1, P2);
        AssertFresh(rig, 2, G);      // global: regardless of the ASID it was inserted with
        AssertStale(rig, 2, P, P2);  // another ASID's non-global entry at that VA
        AssertStale(rig, 3, P, P2, G);
    }

    [Fact]
    public void NhVaa_RefreshesThatVaForEveryAsidOfTheVmid_AndSparesOtherVasAndVmids()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1, vmid: 7).Stage1Stream(2, asid: 2, vmid: 7).Stage1Stream(3, asid: 1, vmid: 8);
        FillThenRemapStage1(rig, 1, 2, 3);

        rig.Tlbi(TlbRig.NhVaa(7, P));

        AssertFresh(rig, 1, P);
        AssertFresh(rig, 2, P);
        AssertStale(rig, 1, P2, G);
        AssertStale(rig, 2, P2, G);
        AssertStale(rig, 3, P, P2, G);
    }

    [Fact]
    public void El2All_RefreshesEl2Entries_AndSparesEl1Entries()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1).Stage1Stream(5, asid: 1, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 1, 5);

        rig.Tlbi(TlbRig.El2All());

        AssertFresh(rig, 5, P, P2, G);
        AssertStale(rig, 1, P, P2, G);
    }

    [Fact]
    public void El2All_WithE2h_RefreshesEveryEl2E2hEntry_OfEveryAsid()
    {
        var rig = new TlbRig(e2h: true).Stage1Stream(1, asid: 1).Stage1Stream(5, asid: 1, strw: SteStrw.El2).Stage1Stream(6, asid: 2, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 1, 5, 6);

        rig.Tlbi(TlbRig.El2All());

        AssertFresh(rig, 5, P, P2, G);
        AssertFresh(rig, 6, P, P2, G);
        AssertStale(rig, 1, P, P2, G);
    }

    [Fact]
    public void El2Asid_WithE2h_RefreshesThatAsidsNonGlobalEntries_AndSparesGlobalOtherAsidsAndEl1()
    {
        var rig = new TlbRig(e2h: true).Stage1Stream(1, asid: 1).Stage1Stream(5, asid: 1, strw: SteStrw.El2).Stage1Stream(6, asid: 2, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 1, 5, 6);

        rig.Tlbi(TlbRig.El2Asid(1));

        AssertFresh(rig, 5, P, P2);
        AssertStale(rig, 5, G);
        AssertStale(rig, 6, P, P2, G);
        AssertStale(rig, 1, P, P2, G);
    }

    [Fact]
    public void El2Asid_WithoutE2h_LeavesEl2Entries_WhichCarryNoAsid()
    {
        var rig = new TlbRig().Stage1Stream(5, asid: 1, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 5);

        rig.Tlbi(TlbRig.El2Asid(1));

        AssertStale(rig, 5, P, P2, G);
    }

    [Fact]
    public void El2Va_WithE2h_RefreshesThatVaForItsAsidAndGlobal_AndSparesOtherVasAsidsAndEl1()
    {
        var rig = new TlbRig(e2h: true).Stage1Stream(1, asid: 1).Stage1Stream(5, asid: 1, strw: SteStrw.El2).Stage1Stream(6, asid: 2, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 1, 5, 6);

        rig.Tlbi(TlbRig.El2Va(1, P), TlbRig.El2Va(1, G));

        AssertFresh(rig, 5, P, G);
        AssertStale(rig, 5, P2);
        AssertFresh(rig, 6, G);
        AssertStale(rig, 6, P, P2);
        AssertStale(rig, 1, P, P2, G);
    }

    [Fact]
    public void El2Va_WithoutE2h_IgnoresTheAsid_AndSparesOtherVasAndEl1()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1).Stage1Stream(5, asid: 1, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 1, 5);

        rig.Tlbi(TlbRig.El2Va(99, P));

        AssertFresh(rig, 5, P);
        AssertStale(rig, 5, P2, G);
        AssertStale(rig, 1, P, P2, G);
    }

    [Fact]
    public void El2Vaa_WithE2h_RefreshesThatVaForEveryAsid_AndSparesOtherVasAndEl1()
    {
        var rig = new TlbRig(e2h: true).Stage1Stream(1, asid: 1).Stage1Stream(5, asid: 1, strw: SteStrw.El2).Stage1Stream(6, asid: 2, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 1, 5, 6);

        rig.Tlbi(TlbRig.El2Vaa(P2));

        AssertFresh(rig, 5, P2);
        AssertFresh(rig, 6, P2);
        AssertStale(rig, 5, P, G);
        AssertStale(rig, 6, P, G);
        AssertStale(rig, 1, P, P2, G);
    }

    [Fact]
    public void NhCommands_LeaveEl2Entries_AndEl2CommandsLeaveEl1Entries()
    {
        var rig = new TlbRig(e2h: true).Stage1Stream(1, asid: 1).Stage1Stream(5, asid: 1, strw: SteStrw.El2);
        FillThenRemapStage1(rig, 1, 5);

        rig.Tlbi(TlbRig.NhAll(0), TlbRig.NhAll(7), TlbRig.NhVaa(0, P), TlbRig.NhAsid(0, 1));
        AssertStale(rig, 5, P, P2, G);
        AssertFresh(rig, 1, P, P2, G);
    }

    [Fact]
    public void S12Vmall_RefreshesEveryEntryOfItsVmid_AtEveryStage_AndSparesOtherVmidsAndEl2()
    {
        const ulong q = TlbRig.IpaBase + 0x5000;
        const ulong n = 0x7000_0000;
        const ulong qn = TlbRig.IpaBase + 0x10_0000;
        var rig = new TlbRig()
            .Stage1Stream(1, asid: 1, vmid: 7).Stage1Stream(2, asid: 1, vmid: 8).Stage2Stream(3, vmid: 7).NestedStream(4, asid: 1, vmid: 7)
            .Stage1Stream(5, asid: 1, strw: SteStrw.El2).Stage2Stream(6, vmid: 8);
        rig.MapS2(q, Old(q)).MapS2(qn, Old(qn)).MapNestedS1(n, qn);
        Assert.Equal(Old(q), rig.Out(3, q));
        Assert.Equal(Old(q), rig.Out(6, q));
        Assert.Equal(Old(qn), rig.Out(4, n));
        FillThenRemapStage1(rig, 1, 2, 5);
        rig.MapS2(q, New(q)).MapS2(qn, New(qn)); // stage 2 changes only: the nested stage 1 is unchanged
        Assert.Equal(Old(q), rig.Out(3, q));
        Assert.Equal(Old(qn), rig.Out(4, n));

        rig.Tlbi(TlbRig.S12Vmall(7));

        AssertFresh(rig, 1, P, P2, G);
        Assert.Equal(New(q), rig.Out(3, q));
        Assert.Equal(New(qn), rig.Out(4, n));
        AssertStale(rig, 2, P, P2, G);
        Assert.Equal(Old(q), rig.Out(6, q));
        AssertStale(rig, 5, P, P2, G);
    }

    [Fact]
    public void S2Ipa_RefreshesStage2OnlyEntriesAtThatIpa_AndSparesOtherIpasAndVmids()
    {
        const ulong q = TlbRig.IpaBase + 0x5000;
        const ulong q2 = TlbRig.IpaBase + 0x6000;
        var rig = new TlbRig().Stage2Stream(3, vmid: 7).Stage2Stream(6, vmid: 8);
        rig.MapS2(q, Old(q)).MapS2(q2, Old(q2));
        Assert.Equal(Old(q), rig.Out(3, q));
        Assert.Equal(Old(q2), rig.Out(3, q2));
        Assert.Equal(Old(q), rig.Out(6, q));
        rig.MapS2(q, New(q)).MapS2(q2, New(q2));

        rig.Tlbi(TlbRig.S2Ipa(7, q));

        Assert.Equal(New(q), rig.Out(3, q));
        Assert.Equal(Old(q2), rig.Out(3, q2));
        Assert.Equal(Old(q), rig.Out(6, q));
    }

    [Fact]
    public void S2Ipa_LeavesCombinedNestedEntries_UntilTheStage1InvalidationThatMustFollowIt()
    {
        const ulong n = 0x7000_0000;
        const ulong qn = TlbRig.IpaBase + 0x10_0000;
        var rig = new TlbRig().NestedStream(4, asid: 1, vmid: 7);
        rig.MapS2(qn, Old(qn)).MapNestedS1(n, qn);
        Assert.Equal(Old(qn), rig.Out(4, n));
        rig.MapS2(qn, New(qn));

        rig.Tlbi(TlbRig.S2Ipa(7, qn));
        Assert.Equal(Old(qn), rig.Out(4, n)); // IHI 0070 4.4.3.1: combined entries need not go

        rig.Tlbi(TlbRig.NhVaa(7, n));
        Assert.Equal(New(qn), rig.Out(4, n));
    }

    [Fact]
    public void NestedStage2Change_IsNotSeenAfterAStage1InvalidationAlone_BecauseTheStage2EntryIsStillCached()
    {
        const ulong n = 0x7000_0000;
        const ulong qn = TlbRig.IpaBase + 0x10_0000;
        var rig = new TlbRig().NestedStream(4, asid: 1, vmid: 7);
        rig.MapS2(qn, Old(qn)).MapNestedS1(n, qn);
        Assert.Equal(Old(qn), rig.Out(4, n));
        rig.MapS2(qn, New(qn));

        rig.Tlbi(TlbRig.NhVaa(7, n));
        Assert.Equal(Old(qn), rig.Out(4, n)); // re-walked stage 1, but stage 2 of the IPA came from the TLB

        rig.Tlbi(TlbRig.S2Ipa(7, qn), TlbRig.NhVaa(7, n));
        Assert.Equal(New(qn), rig.Out(4, n));
    }

    [Fact]
    public void NsnhAll_RefreshesEveryNsEl1Entry_OfEveryVmidAndStage_AndSparesEl2()
    {
        const ulong q = TlbRig.IpaBase + 0x5000;
        const ulong n = 0x7000_0000;
        const ulong qn = TlbRig.IpaBase + 0x10_0000;
        var rig = new TlbRig()
            .Stage1Stream(1, asid: 1, vmid: 7).Stage1Stream(2, asid: 2, vmid: 8).Stage2Stream(3, vmid: 9).NestedStream(4, asid: 1, vmid: 10)
            .Stage1Stream(5, asid: 1, strw: SteStrw.El2);
        rig.MapS2(q, Old(q)).MapS2(qn, Old(qn)).MapNestedS1(n, qn);
        Assert.Equal(Old(q), rig.Out(3, q));
        Assert.Equal(Old(qn), rig.Out(4, n));
        FillThenRemapStage1(rig, 1, 2, 5);
        rig.MapS2(q, New(q)).MapS2(qn, New(qn));

        rig.Tlbi(TlbRig.NsnhAll());

        AssertFresh(rig, 1, P, P2, G);
        AssertFresh(rig, 2, P, P2, G);
        Assert.Equal(New(q), rig.Out(3, q));
        Assert.Equal(New(qn), rig.Out(4, n));
        AssertStale(rig, 5, P, P2, G);
    }

    // ---- 4. Blocks ---------------------------------------------------------------------------

    [Fact]
    public void Block2Mb_IsRefreshedByNhVaOfAnyAddressInsideIt()
    {
        const ulong block = 0x4020_0000;
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        rig.MapS1(block, OldPa, level: 2);
        Assert.Equal(OldPa + 0x1000, rig.Out(1, block + 0x1000));
        Assert.Equal(OldPa + 0x1F_FFFF, rig.Out(1, block + 0x1F_FFFF));
        Assert.Equal(1, rig.Engine.TlbEntryCount); // one entry for the whole block
        rig.MapS1(block, NewPa, level: 2);

        rig.Tlbi(TlbRig.NhVa(7, 1, block + 0x1F_F000)); // the block's last page, never translated itself
        Assert.Equal(NewPa + 0x1000, rig.Out(1, block + 0x1000));
        Assert.Equal(NewPa + 0x1F_FFFF, rig.Out(1, block + 0x1F_FFFF));
    }

    [Fact]
    public void Block2Mb_IsNotRefreshedByNhVaOfTheNeighbouringPages()
    {
        const ulong block = 0x4020_0000;
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        rig.MapS1(block, OldPa, level: 2);
        Assert.Equal(OldPa + 0x5000, rig.Out(1, block + 0x5000));
        rig.MapS1(block, NewPa, level: 2);

        rig.Tlbi(TlbRig.NhVa(7, 1, block - 0x1000), TlbRig.NhVa(7, 1, block + 0x20_0000));

        Assert.Equal(OldPa + 0x5000, rig.Out(1, block + 0x5000));
    }

    [Fact]
    public void NestedStage1Block_CachedInStage2PageSizedPieces_IsRefreshedByNhVaOfAnyAddressOfTheBlock()
    {
        // Stage 1 maps a 2MB block, stage 2 maps its IPAs with 4KB pages: the TLB holds 4KB pieces
        // of the stage 1 block. Linux invalidates a block with one NH_VA at its base (a
        // page-granule command per block-sized step), which must reach every piece.
        const ulong n = 0x7000_0000;
        const ulong ipaOld = TlbRig.IpaBase + 0x20_0000;
        const ulong ipaNew = TlbRig.IpaBase + 0x40_0000;
        var rig = new TlbRig().NestedStream(4, asid: 1, vmid: 7);
        foreach (var offset in new ulong[] { 0x1000, 0x5000 })
        {
            rig.MapS2(ipaOld + offset, OldPa + offset).MapS2(ipaNew + offset, NewPa + offset);
        }

        rig.MapNestedS1(n, ipaOld, level: 2);
        Assert.Equal(OldPa + 0x1000, rig.Out(4, n + 0x1000));
        Assert.Equal(OldPa + 0x5000, rig.Out(4, n + 0x5000));
        rig.MapNestedS1(n, ipaNew, level: 2);

        rig.Tlbi(TlbRig.NhVa(7, 1, n));

        Assert.Equal(NewPa + 0x1000, rig.Out(4, n + 0x1000));
        Assert.Equal(NewPa + 0x5000, rig.Out(4, n + 0x5000));
    }

    // ---- 3. Range invalidation ---------------------------------------------------------------

    private const ulong RangeBase = 0x4100_0000;

    /// <summary>Pages RangeBase + i * 4KB, i in [0, count), mapped, cached, then remapped.</summary>
    private static TlbRig FillPages(int count, SmmuOptions? options = null)
    {
        var rig = new TlbRig(options).Stage1Stream(1, asid: 1);
        for (var i = 0; i < count; i++)
        {
            rig.MapS1(RangeBase + ((ulong)i << 12), Old(RangeBase + ((ulong)i << 12)));
        }

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(Old(RangeBase + ((ulong)i << 12)), rig.Out(1, RangeBase + ((ulong)i << 12)));
            rig.MapS1(RangeBase + ((ulong)i << 12), New(RangeBase + ((ulong)i << 12)));
        }

        return rig;
    }

    private static void AssertPages(TlbRig rig, int count, int firstFresh, int lastFresh)
    {
        for (var i = 0; i < count; i++)
        {
            var va = RangeBase + ((ulong)i << 12);
            var expected = i >= firstFresh && i <= lastFresh ? New(va) : Old(va);
            Assert.True(expected == rig.Out(1, va), $"page {i}: expected {(expected == New(va) ? "fresh" : "stale")}");
        }
    }

    [Fact]
    public void RangeNhVa_RefreshesNumPlusOnePages_FromTheAddress_AndNotTheNeighbours()
    {
        var rig = FillPages(8);

        // TG 4KB, NUM 2, SCALE 0: (2 + 1) * 2^0 = 3 pages, pages 2..4.
        rig.Tlbi(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(RangeBase + 0x2000)
            .WithTg(TlbiGranule.Size4kb).WithNum(2).WithScale(0).ToCmd());

        AssertPages(rig, 8, 2, 4);
    }

    [Fact]
    public void RangeNhVa_WithScale_RefreshesNumPlusOneTimesTwoToTheScalePages()
    {
        var rig = FillPages(20);

        // IHI 0070 4.4.1.1: Range = (NUM + 1) * 2^SCALE granules: NUM 1, SCALE 3 is 16 pages, pages 1..16.
        rig.Tlbi(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(RangeBase + 0x1000)
            .WithTg(TlbiGranule.Size4kb).WithNum(1).WithScale(3).ToCmd());

        AssertPages(rig, 20, 1, 16);
    }

    [Fact]
    public void RangeNhVa_SinglePageWithLevelHint_RefreshesJustThatPage()
    {
        var rig = FillPages(3);

        rig.Tlbi(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(RangeBase + 0x1000)
            .WithTg(TlbiGranule.Size4kb).WithTtl(3).ToCmd());

        AssertPages(rig, 3, 1, 1);
    }

    [Fact]
    public void RangeNhVaa_AndRangeEl2Va_UseTheSameRange()
    {
        var rig = FillPages(8);
        rig.Tlbi(CmdTlbiNhVaa.Create().WithVmid(7).WithAddress(RangeBase + 0x4000).WithTg(TlbiGranule.Size4kb).WithNum(1).ToCmd());
        AssertPages(rig, 8, 4, 5);

        var el2 = new TlbRig().Stage1Stream(5, asid: 1, strw: SteStrw.El2);
        el2.MapS1(RangeBase, OldPa).MapS1(RangeBase + 0x1000, OldPa + 0x1000).MapS1(RangeBase + 0x2000, OldPa + 0x2000);
        Assert.Equal(OldPa, el2.Out(5, RangeBase));
        Assert.Equal(OldPa + 0x1000, el2.Out(5, RangeBase + 0x1000));
        Assert.Equal(OldPa + 0x2000, el2.Out(5, RangeBase + 0x2000));
        el2.MapS1(RangeBase, NewPa).MapS1(RangeBase + 0x1000, NewPa + 0x1000).MapS1(RangeBase + 0x2000, NewPa + 0x2000);
        el2.Tlbi(CmdTlbiEl2Va.Create().WithAddress(RangeBase).WithTg(TlbiGranule.Size4kb).WithNum(1).ToCmd());
        Assert.Equal(NewPa, el2.Out(5, RangeBase));
        Assert.Equal(NewPa + 0x1000, el2.Out(5, RangeBase + 0x1000));
        Assert.Equal(OldPa + 0x2000, el2.Out(5, RangeBase + 0x2000));
    }

    [Fact]
    public void RangeWithTtl3_RefreshesPagesInRange_ButSparesA2MbBlockInRange_WhichTtl2Refreshes()
    {
        const ulong block = 0x4020_0000;        // a 2MB block (level 2)
        const ulong page = 0x4040_0000;         // a page (level 3) in the next 2MB
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        rig.MapS1(block, OldPa, level: 2).MapS1(page, OldPa + 0x40_0000);
        Assert.Equal(OldPa + 0x3000, rig.Out(1, block + 0x3000));
        Assert.Equal(OldPa + 0x40_0000, rig.Out(1, page));
        rig.MapS1(block, NewPa, level: 2).MapS1(page, NewPa + 0x40_0000);

        // 4MB from the block: (0 + 1) * 2^10 pages.
        var range = CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(block).WithTg(TlbiGranule.Size4kb).WithScale(10);
        rig.Tlbi(range.WithTtl(3).ToCmd());
        Assert.Equal(OldPa + 0x3000, rig.Out(1, block + 0x3000));
        Assert.Equal(NewPa + 0x40_0000, rig.Out(1, page));

        rig.Tlbi(range.WithTtl(2).ToCmd());
        Assert.Equal(NewPa + 0x3000, rig.Out(1, block + 0x3000));
    }

    [Fact]
    public void RangeWithTtl_ForAnotherGranule_LeavesEntriesOfThisGranule()
    {
        var rig = FillPages(2);

        // TG 64KB, TTL 3: leaves of level 3 of 64KB tables; these are 4KB pages.
        rig.Tlbi(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(RangeBase).WithTg(TlbiGranule.Size64kb).WithTtl(3).ToCmd());

        AssertPages(rig, 2, -1, -1);
    }

    [Fact]
    public void Range16kWithTtl1_IsTreatedAsAnyLevel_WithoutIdr5Ds()
    {
        // IHI 0070 4.4.1.1: with the 16KB granule and SMMU_IDR5.DS == 0, TTL 0b01 is Reserved and
        // "hardware treats TTL == 0b01 as though TTL == 0b00".
        var rig = new TlbRig(stage1PageBits: 14).Stage1Stream(1, asid: 1);
        const ulong va = 0x4000_4000;
        rig.MapS1(va, OldPa);
        Assert.Equal(OldPa + 0x10, rig.Out(1, va + 0x10));
        rig.MapS1(va, NewPa);

        rig.Tlbi(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(va).WithTg(TlbiGranule.Size16kb).WithTtl(1).WithNum(1).ToCmd());

        Assert.Equal(NewPa + 0x10, rig.Out(1, va + 0x10));
    }

    [Fact]
    public void Range16kWithTtl1_AndNoRange_IsIllegal_WithoutIdr5Ds()
    {
        // IHI 0070 4.4.1.1: "If SMMU_IDR5.DS == 0, a TLBI configured with TG == 0b10 and TTL == 0b01
        // [and NUM == SCALE == 0] raises a CERROR_ILL, since TTL is treated as 0b00."
        var rig = new TlbRig(stage1PageBits: 14).Stage1Stream(1, asid: 1);

        rig.Bench.Commands(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(0x4000_4000).WithTg(TlbiGranule.Size16kb).WithTtl(1).ToCmd());

        Assert.Equal(CmdqConsErr.CerrorIll, rig.Cons.Err);
    }

    [Fact]
    public void RangeS2Ipa_RefreshesTheStage2OnlyPagesInRange()
    {
        var rig = new TlbRig().Stage2Stream(3, vmid: 7);
        for (ulong i = 0; i < 6; i++)
        {
            rig.MapS2(TlbRig.IpaBase + (i << 12), OldPa + (i << 12));
            Assert.Equal(OldPa + (i << 12), rig.Out(3, TlbRig.IpaBase + (i << 12)));
            rig.MapS2(TlbRig.IpaBase + (i << 12), NewPa + (i << 12));
        }

        // NUM 1, SCALE 1: 4 pages from page 1.
        rig.Tlbi(CmdTlbiS2Ipa.Create().WithVmid(7).WithAddress(TlbRig.IpaBase + 0x1000).WithTg(TlbiGranule.Size4kb).WithNum(1).WithScale(1).WithTtl(3).ToCmd());

        for (ulong i = 0; i < 6; i++)
        {
            Assert.Equal((i is >= 1 and <= 4 ? NewPa : OldPa) + (i << 12), rig.Out(3, TlbRig.IpaBase + (i << 12)));
        }
    }

    [Fact]
    public void WithoutRil_RangeFieldsAreIllegal_AndTheCommandInvalidatesNothing()
    {
        // IHI 0070 4.4.1.1: without SMMU_IDR3.RIL, TG, NUM, SCALE and TTL are RES0; this model
        // detects non-zero RES0 fields as CERROR_ILL (IHI 0070 4.1.5).
        var rig = FillPages(4, new SmmuOptions { RangeInvalidation = false });

        rig.Bench.Commands(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(RangeBase).WithTg(TlbiGranule.Size4kb).WithNum(2).ToCmd());

        Assert.Equal(CmdqConsErr.CerrorIll, rig.Cons.Err);
        AssertPages(rig, 4, -1, -1);
    }

    [Fact]
    public void WithoutRil_NhVaInvalidatesTheOneAddress()
    {
        var rig = FillPages(4, new SmmuOptions { RangeInvalidation = false });

        rig.Tlbi(TlbRig.NhVa(7, 1, RangeBase + 0x1000));

        AssertPages(rig, 4, 1, 1);
    }

    [Fact]
    public void TgAnyWithNum_IsIllegal()
    {
        // IHI 0070 4.4.1.1: with TG == 0b00, NUM, SCALE and TTL are RES0.
        var rig = FillPages(2);

        rig.Bench.Commands(CmdTlbiNhVa.Create().WithVmid(7).WithAsid(1).WithAddress(RangeBase).WithNum(1).ToCmd());

        Assert.Equal(CmdqConsErr.CerrorIll, rig.Cons.Err);
        AssertPages(rig, 2, -1, -1);
    }

    // ---- 5. VMID without stage 2 -------------------------------------------------------------

    [Fact]
    public void WithoutStage2_NhCommandsIgnoreTheVmidField()
    {
        // IHI 0070 4.4.2: VMID is matched only where stage 2 is supported.
        var rig = new TlbRig(new SmmuOptions { Stage2 = false, Nested = false }).Stage1Stream(1, asid: 1).Stage1Stream(2, asid: 2);
        FillThenRemapStage1(rig, 1, 2);

        rig.Tlbi(TlbRig.NhAsid(5, 1));
        AssertFresh(rig, 1, P, P2);
        AssertStale(rig, 1, G);
        AssertStale(rig, 2, P, P2, G);

        rig.Tlbi(TlbRig.NhVaa(9, P2));
        AssertFresh(rig, 2, P2);
        AssertStale(rig, 2, P, G);

        rig.Tlbi(TlbRig.NhAll(200));
        AssertFresh(rig, 1, P, P2, G);
        AssertFresh(rig, 2, P, P2, G);
    }

    [Fact]
    public void WithoutStage2_Stage2InvalidationsAreIllegal()
    {
        // IHI 0070 4.4.3.1, 4.4.3.2: CERROR_ILL without stage 2 support.
        foreach (var command in new[] { TlbRig.S12Vmall(0), TlbRig.S2Ipa(0, 0x1000) })
        {
            var rig = new TlbRig(new SmmuOptions { Stage2 = false, Nested = false });
            rig.Bench.Commands(command);
            Assert.Equal(CmdqConsErr.CerrorIll, rig.Cons.Err);
        }
    }

    // ---- 6. CFGI interplay -------------------------------------------------------------------

    [Fact]
    public void CfgiSteAndCfgiCd_DoNotDropTlbEntries()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        FillThenRemapStage1(rig, 1);

        rig.Tlbi(TlbRig.CfgiSte(1), CmdCfgiCdAll.Create().WithStreamID(1).ToCmd());

        AssertStale(rig, 1, P, P2, G);
    }

    [Fact]
    public void SteMovedToANewVmid_StopsHittingTheOldVmidsEntries_WhichStayCachedUntilInvalidated()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1, vmid: 7);
        FillThenRemapStage1(rig, 1);

        rig.Stage1Stream(1, asid: 1, vmid: 8);
        rig.Tlbi(TlbRig.CfgiSte(1));
        AssertFresh(rig, 1, P, P2, G); // VMID 8 has nothing cached

        rig.Stage1Stream(1, asid: 1, vmid: 7);
        rig.Tlbi(TlbRig.CfgiSte(1));
        AssertStale(rig, 1, P, P2, G); // VMID 7's entries were never invalidated

        rig.Tlbi(TlbRig.NhAll(7));
        AssertFresh(rig, 1, P, P2, G);
    }

    [Fact]
    public void CdMovedToANewAsid_StopsHittingTheOldAsidsNonGlobalEntries()
    {
        var rig = new TlbRig().Stage1Stream(1, asid: 1);
        FillThenRemapStage1(rig, 1);

        rig.Stage1Stream(1, asid: 2);
        rig.Tlbi(CmdCfgiCd.Create().WithStreamID(1).ToCmd());

        AssertFresh(rig, 1, P, P2);
        AssertStale(rig, 1, G); // global: shared by every ASID
    }
}
