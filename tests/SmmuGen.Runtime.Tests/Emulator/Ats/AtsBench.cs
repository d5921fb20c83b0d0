using System.Collections.Generic;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Runtime.Tests.Emulator.Translation;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Ats;

/// <summary>
/// An SMMU with ATS-capable endpoints, programmed as a driver does (<see cref="TransactionBench"/>)
/// over a real <see cref="TranslationEngine"/>, whose CMD_ATC_INVs reach the endpoints' ATCs
/// through <see cref="AtcEndpoints"/>.
/// </summary>
/// <remarks>
/// Memory: Stream table, queues and CDs as in <see cref="TransactionBench"/> (one 4KB CD table per
/// StreamID, CDs at IPA = PA for nested streams); stage 1 tables at <see cref="Stage1Arena"/>;
/// one stage 2 table set (VMID 7) mapping IPAs below 4GB to the same PAs with 1GB blocks, so CDs
/// and stage 1 tables of nested streams sit at IPA = PA, and the IPAs from <see cref="IpaBase"/>
/// as the tests choose.
/// </remarks>
internal sealed class AtsBench
{
    public const uint Sid = 3;
    public const ulong Stage1Arena = 0x6000_0000;
    public const ulong Stage2Arena = 0x5000_0000;
    public const ulong IpaBase = 0x1_0000_0000;

    public AtsBench(SmmuOptions? options = null, bool atsCheck = false, bool smmuEnabled = true)
    {
        Engine = new TranslationEngine(options);
        Bench = new TransactionBench(options, Engine).LinearStreamTable(5);
        Engine.Atc = Endpoints;
        S1 = new PageTableBuilder(Bench.Memory, 1, 12, 48, 0, Stage1Arena);
        S2 = new PageTableBuilder(Bench.Memory, 2, 12, 40, 1, Stage2Arena);
        for (ulong gb = 0; gb < 4; gb++)
        {
            S2.Map(gb << 30, gb << 30, leafLevel: 1);
        }

        Bench.Write(new Cr2(0).WithRecinvsid(true));
        Control(atsCheck, smmuEnabled);
    }

    public TransactionBench Bench { get; }

    public TranslationEngine Engine { get; }

    public AtcEndpoints Endpoints { get; } = new();

    public Smmu Smmu => Bench.Smmu;

    /// <summary>Stage 1 tables (VA to PA for stage-1-only streams, VA to IPA for nested ones).</summary>
    public PageTableBuilder S1 { get; }

    public PageTableBuilder S2 { get; }

    /// <summary>Writes CR0: the Event and Command queues on, SMMUEN and ATSCHK as given.</summary>
    public void Control(bool atsCheck, bool smmuEnabled = true) =>
        Bench.Write(new Cr0(0).WithEventqen(true).WithCmdqen(true).WithSmmuen(smmuEnabled).WithAtschk(atsCheck));

    /// <summary>The ATC of <paramref name="streamId"/>, attached on first use.</summary>
    public AtcEndpoint Endpoint(uint streamId = Sid) =>
        Endpoints.TryGet(streamId, out var endpoint) ? endpoint : Endpoints.Add(Smmu, streamId);

    public static ulong CdTable(uint streamId) => TransactionBench.CdTablesAddress + (streamId * 0x1000UL);

    /// <summary>A CD translating through <see cref="S1"/>, with ASID <paramref name="asid"/>.</summary>
    public Cd ValidCd(ushort asid = 1) => TransactionBench.ValidCd(asid).WithTtb0(S1.Root);

    /// <summary>A stage-1-only stream with <paramref name="eats"/>: one CD, or 2^<paramref name="s1CdMax"/> CDs all translating through <see cref="S1"/>.</summary>
    public AtsBench Stage1Stream(SteEats eats, uint streamId = Sid, byte s1CdMax = 0, SteS1dss dss = SteS1dss.Terminate, Cd? cd = null)
    {
        Bench.InstallSte(streamId, TransactionBench.Stage1Ste(CdTable(streamId), s1CdMax, dss: dss).WithEats(eats));
        for (uint i = 0; i < 1u << s1CdMax; i++)
        {
            Bench.WriteAt(CdTable(streamId) + (i * (ulong)Cd.Size), cd ?? ValidCd());
        }

        return this;
    }

    /// <summary>A nested stream with <paramref name="eats"/>: stage 1 through <see cref="S1"/> (VA to IPA), stage 2 through <see cref="S2"/>.</summary>
    public AtsBench NestedStream(SteEats eats, uint streamId = Sid, byte s1CdMax = 0, SteS1dss dss = SteS1dss.Terminate)
    {
        Bench.InstallSte(streamId, TransactionBench.NestedSte(CdTable(streamId), s1CdMax).WithS1dss(dss).WithS2ttb(S2.Root).WithEats(eats));
        for (uint i = 0; i < 1u << s1CdMax; i++)
        {
            Bench.WriteAt(CdTable(streamId) + (i * (ulong)Cd.Size), ValidCd());
        }

        return this;
    }

    /// <summary>A stage-2-only stream with <paramref name="eats"/> through <see cref="S2"/>.</summary>
    public AtsBench Stage2Stream(SteEats eats, uint streamId = Sid)
    {
        Bench.InstallSte(streamId, TransactionBench.Stage2Ste.WithS2ttb(S2.Root).WithEats(eats));
        return this;
    }

    public AtsCompletion Request(ulong address, AtsRequest request = default, uint? substreamId = null, uint streamId = Sid) =>
        Smmu.TranslateAts(streamId, substreamId, address, request);

    /// <summary>An ATS Translated access, as an endpoint issues it from its ATC.</summary>
    public TranslationResult Translated(ulong address, bool write = false, uint? substreamId = null, uint streamId = Sid, bool privileged = false) =>
        Smmu.Translate(new Transaction(streamId, substreamId, address, new TransactionAccess(write, IsPrivileged: privileged)) { Kind = TransactionKind.AtsTranslated });

    public List<Evt> DrainEvents() => Bench.DrainEvents();

    public CmdqCons CommandConsumer => new(Smmu.Read32(CmdqCons.Info.Page, CmdqCons.Info.Offset));

    /// <summary>CMD_ATC_INV for <paramref name="streamId"/>.</summary>
    public static CmdAtcInv AtcInv(ulong address, byte size, uint? substreamId = null, bool global = false, uint streamId = Sid) =>
        CmdAtcInv.Create().WithStreamID(streamId).WithAddress(address).WithSizeField(size)
            .WithSsv(substreamId.HasValue).WithSubstreamID(substreamId.GetValueOrDefault()).WithGlobal(global);
}
