using System.Collections.Generic;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>
/// A driver's view of an SMMU taking incoming transactions: the Stream table, CD tables and the
/// Event and Command queues live in guest memory and are programmed through MMIO with the
/// generated register and record types, as a driver does. A <see cref="StubTranslationEngine"/>
/// stands in for the translation model.
/// </summary>
internal sealed class TransactionBench
{
    public const ulong StreamTableAddress = 0x1000_0000;
    public const ulong L2TablesAddress = 0x1100_0000;
    public const ulong CdTablesAddress = 0x2000_0000;
    public const ulong EventqAddress = 0x3000_0000;
    public const ulong CmdqAddress = 0x3100_0000;
    public const int EventqLog2 = 5;
    public const int CmdqLog2 = 5;

    private uint _eventCons;
    private uint _cmdProd;

    /// <param name="options">The implementation.</param>
    /// <param name="engine">The translation engine; the <see cref="StubTranslationEngine"/> when null.</param>
    /// <param name="stalls">Receives RESUME, STALL_TERM and PRI_RESP; none when null.</param>
    public TransactionBench(SmmuOptions? options = null, ITranslationEngine? engine = null, IStallAndPri? stalls = null)
    {
        Engine = new StubTranslationEngine();
        Smmu = new Smmu(Memory, new RecordingInterruptSink(), options, stallAndPri: stalls, translationEngine: engine ?? Engine);
        Write(new EventqBase(0).WithAddr(EventqAddress).WithLog2size(EventqLog2));
        Write(new CmdqBase(0).WithAddr(CmdqAddress).WithLog2size(CmdqLog2));
    }

    public Smmu Smmu { get; }

    public GuestMemory Memory { get; } = new();

    public StubTranslationEngine Engine { get; }

    public StrtabBaseCfg TableConfig { get; private set; }

    /// <summary>A linear Stream table of 2^<paramref name="log2Size"/> STEs.</summary>
    public TransactionBench LinearStreamTable(byte log2Size, ulong address = StreamTableAddress)
    {
        TableConfig = new StrtabBaseCfg(0).WithFmt(StrtabBaseCfgFmt.Linear).WithLog2size(log2Size);
        Write(new StrtabBase(0).WithAddr(address));
        Write(TableConfig);
        return this;
    }

    /// <summary>A two-level Stream table; level-1 descriptors are installed with <see cref="L1Std"/>.</summary>
    public TransactionBench TwoLevelStreamTable(byte log2Size, StrtabBaseCfgSplit split = StrtabBaseCfgSplit.Leaf4kb, ulong address = StreamTableAddress)
    {
        TableConfig = new StrtabBaseCfg(0).WithFmt(StrtabBaseCfgFmt.TwoLevel).WithLog2size(log2Size).WithSplit(split);
        Write(new StrtabBase(0).WithAddr(address));
        Write(TableConfig);
        return this;
    }

    /// <summary>Writes level-1 descriptor <paramref name="index"/> of a two-level table.</summary>
    public TransactionBench L1Std(uint index, byte span, ulong l2Address) =>
        WriteAt(StreamTableAddress + (index * (ulong)L1std.Size), new L1std().WithSpan(span).WithL2Ptr(l2Address));

    /// <summary>Enables the SMMU with the Event and Command queues, after the tables are set up (as Linux's reset sequence does).</summary>
    public TransactionBench Enable(bool recordInvalidStreamIds = true)
    {
        Write(new Cr2(0).WithRecinvsid(recordInvalidStreamIds));
        Write(new Cr0(0).WithEventqen(true).WithCmdqen(true).WithSmmuen(true));
        return this;
    }

    /// <summary>Writes the STE of <paramref name="streamId"/> where the configured table keeps it (L2 arrays at <see cref="L2TablesAddress"/> + 64KB per L1 index for two-level tables).</summary>
    public TransactionBench InstallSte(uint streamId, Ste ste) => WriteAt(SteAddress(streamId), ste);

    public ulong SteAddress(uint streamId)
    {
        if (TableConfig.Fmt == StrtabBaseCfgFmt.TwoLevel)
        {
            var split = (int)TableConfig.Split;
            return L2TableAddress(streamId >> split) + ((streamId & ((1u << split) - 1)) * (ulong)Ste.Size);
        }

        return StreamTableAddress + (streamId * (ulong)Ste.Size);
    }

    public static ulong L2TableAddress(uint l1Index) => L2TablesAddress + (l1Index * 0x1_0000UL);

    public TransactionBench WriteAt<T>(ulong address, T record)
        where T : struct, IRecord<T>
    {
        Memory.WriteRecord(address, record);
        return this;
    }

    public TranslationResult Translate(uint streamId, ulong address = 0x1234_5000, uint? substreamId = null, TransactionAccess access = default) =>
        Smmu.Translate(new Transaction(streamId, substreamId, address, access));

    /// <summary>The event records software has not read yet; reading them advances EVENTQ_CONS.</summary>
    public List<Evt> DrainEvents()
    {
        var events = new List<Evt>();
        var mask = (2u << EventqLog2) - 1;
        var prod = new EventqProd(Smmu.Read32(EventqProd.Info.Page, EventqProd.Info.Offset)).Wr & mask;
        while (_eventCons != prod)
        {
            var slot = _eventCons & ((1u << EventqLog2) - 1);
            events.Add(Memory.ReadRecord<Evt>(EventqAddress + (slot * (ulong)Evt.Size)));
            _eventCons = (_eventCons + 1) & mask;
        }

        Write(new EventqCons(0).WithRd(_eventCons));
        return events;
    }

    /// <summary>Submits commands followed by a CMD_SYNC, as a driver does before relying on them.</summary>
    public void Commands(params Cmd[] commands)
    {
        var mask = (2u << CmdqLog2) - 1;
        foreach (var c in commands)
        {
            Memory.WriteRecord(CmdqAddress + ((_cmdProd & ((1u << CmdqLog2) - 1)) * (ulong)Cmd.Size), c);
            _cmdProd = (_cmdProd + 1) & mask;
        }

        var sync = (Cmd)CmdSync.Create();
        Memory.WriteRecord(CmdqAddress + ((_cmdProd & ((1u << CmdqLog2) - 1)) * (ulong)Cmd.Size), sync);
        _cmdProd = (_cmdProd + 1) & mask;
        Write(new CmdqProd(0).WithWr(_cmdProd));
    }

    public void Write<T>(T value)
        where T : struct, IRegister<T> => Smmu.Write(value);

    /// <summary>A valid bypass STE.</summary>
    public static Ste BypassSte => new Ste().WithV(true).WithConfig(SteConfig.Bypass);

    /// <summary>A valid stage-2-only STE: 4KB granule, 40-bit IPA starting at level 1, 48-bit output.</summary>
    public static Ste Stage2Ste => new Ste().WithV(true).WithConfig(SteConfig.S2Trans)
        .WithS2t0sz(24).WithS2sl0(1).WithS2tg(Granule.Size4kb).WithS2ps(AddressSize.Bits48).WithS2aa64(true)
        .WithS2vmid(7).WithS2ttb(0x5000_0000);

    /// <summary>A valid stage-1-only STE with one CD at <paramref name="cdAddress"/>.</summary>
    public static Ste Stage1Ste(ulong cdAddress = CdTablesAddress, byte s1CdMax = 0, SteS1Fmt format = SteS1Fmt.Linear, SteS1dss dss = SteS1dss.Terminate) =>
        new Ste().WithV(true).WithConfig(SteConfig.S1Trans).WithS1ContextPtr(cdAddress).WithS1CDMax(s1CdMax).WithS1Fmt(format).WithS1dss(dss);

    /// <summary>A valid nested STE: <see cref="Stage2Ste"/> with stage 1 through CDs at the IPA <paramref name="cdAddress"/>.</summary>
    public static Ste NestedSte(ulong cdAddress = CdTablesAddress, byte s1CdMax = 0) =>
        Stage2Ste.WithConfig(SteConfig.Nested).WithS1ContextPtr(cdAddress).WithS1CDMax(s1CdMax);

    /// <summary>A valid CD: 4KB granule, 48-bit VA through TTB0, TTB1 disabled, aborting faults recorded.</summary>
    public static Cd ValidCd(ushort asid = 1) => new Cd().WithV(true).WithAa64(true)
        .WithT0sz(16).WithTg0(CdTg0.Size4kb).WithIps(CdIps.Bits48).WithTtb0(0x6000_0000)
        .WithEpd1(true).WithR(true).WithA(true).WithAsid(asid);
}
