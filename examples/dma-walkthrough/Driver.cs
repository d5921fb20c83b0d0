using System;
using System.Collections.Generic;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Examples.DmaWalkthrough;

/// <summary>
/// The few things a driver does to an SMMUv3, in the order Linux's arm-smmu-v3 does them:
/// probe the ID registers, reset with every queue and the Stream table set up, enable, then
/// install STEs and CDs and invalidate with CMD_SYNC. Everything goes through MMIO and guest
/// memory with the generated register and record types; nothing reaches into the model.
/// </summary>
public sealed class Driver
{
    private const int QueueLog2 = 5;
    private readonly Smmu _smmu;
    private readonly GuestMemory _memory;
    private uint _cmdProd;
    private uint _eventCons;

    /// <summary>A driver for <paramref name="smmu"/> that keeps its tables and queues at the given guest addresses.</summary>
    public Driver(Smmu smmu, GuestMemory memory, ulong streamTable, ulong commandQueue, ulong eventQueue)
    {
        _smmu = smmu;
        _memory = memory;
        StreamTable = streamTable;
        CommandQueue = commandQueue;
        EventQueue = eventQueue;
    }

    /// <summary>The linear Stream table.</summary>
    public ulong StreamTable { get; }

    /// <summary>The Command queue.</summary>
    public ulong CommandQueue { get; }

    /// <summary>The Event queue.</summary>
    public ulong EventQueue { get; }

    /// <summary>Reads IDR0/IDR1/IDR5 and says what the SMMU offers.</summary>
    public string Probe()
    {
        var idr0 = Read<Idr0>();
        var idr1 = Read<Idr1>();
        var idr5 = Read<Idr5>();
        if (!idr0.S1p || !idr5.Gran4k)
        {
            throw new InvalidOperationException("this walkthrough needs stage 1 with 4KB pages");
        }

        return $"stage1={idr0.S1p} stage2={idr0.S2p} sids={idr1.Sidsize} bits ssids={idr1.Ssidsize} bits oas={idr5.Oas}";
    }

    /// <summary>The reset sequence: disable, program the tables and queues, invalidate everything, enable.</summary>
    public void Reset(byte streamTableLog2)
    {
        WriteAndWaitAck(new Cr0(0));
        Write(new Cr2(0).WithRecinvsid(true));
        Write(new StrtabBase(0).WithAddr(StreamTable));
        Write(new StrtabBaseCfg(0).WithFmt(StrtabBaseCfgFmt.Linear).WithLog2size(streamTableLog2));

        // A linear table of invalid STEs: every stream aborts (C_BAD_STE) until it gets an STE.
        _memory.Write(StreamTable, new byte[Ste.Size << streamTableLog2]);

        Write(new CmdqBase(0).WithAddr(CommandQueue).WithLog2size(QueueLog2));
        Write(new CmdqProd(0));
        Write(new CmdqCons(0));
        WriteAndWaitAck(new Cr0(0).WithCmdqen(true));
        Submit(CmdCfgiSteRange.Create().WithRange(31), CmdTlbiNsnhAll.Create()); // CFGI_ALL and all TLBs

        Write(new EventqBase(0).WithAddr(EventQueue).WithLog2size(QueueLog2));
        Write(new EventqProd(0));
        Write(new EventqCons(0));
        WriteAndWaitAck(new Cr0(0).WithCmdqen(true).WithEventqen(true));

        // Interrupts: no MSI doorbells are programmed, so the wired lines fire (IHI 0070 3.18).
        Write(new IrqCtrl(0).WithEventqIrqen(true).WithGerrorIrqen(true));
        if (Read<IrqCtrlack>().Raw != Read<IrqCtrl>().Raw)
        {
            throw new InvalidOperationException("IRQ_CTRLACK did not follow IRQ_CTRL");
        }

        WriteAndWaitAck(new Cr0(0).WithCmdqen(true).WithEventqen(true).WithSmmuen(true));
    }

    /// <summary>Points stream <paramref name="streamId"/> at one CD (stage 1 only) and makes the SMMU see it.</summary>
    public void AttachStage1(uint streamId, ulong cdAddress, ushort asid, ulong ttb0)
    {
        var cd = new Cd().WithV(true).WithAa64(true).WithT0sz(16).WithTg0(CdTg0.Size4kb).WithIps(CdIps.Bits48)
            .WithEpd1(true).WithTtb0(ttb0).WithAsid(asid).WithR(true).WithA(true).WithAffd(true);
        _memory.WriteRecord(cdAddress, cd);
        var ste = new Ste().WithV(true).WithConfig(SteConfig.S1Trans).WithS1ContextPtr(cdAddress);
        _memory.WriteRecord(StreamTable + (streamId * (ulong)Ste.Size), ste);
        Submit(CmdCfgiSte.Create().WithStreamID(streamId));
    }

    /// <summary>Writes commands at CMDQ_PROD, then a CMD_SYNC, publishes them and waits for CONS to pass them.</summary>
    public void Submit(params Cmd[] commands)
    {
        var mask = (2u << QueueLog2) - 1;
        foreach (var c in commands)
        {
            Put(c);
        }

        Put(CmdSync.Create());
        Write(new CmdqProd(0).WithWr(_cmdProd));
        if (new CmdqCons(Read<CmdqCons>().Raw).Rd != _cmdProd)
        {
            throw new InvalidOperationException($"the command queue stopped: {Read<CmdqCons>()}");
        }

        void Put(Cmd c)
        {
            _memory.WriteRecord(CommandQueue + ((_cmdProd & ((1u << QueueLog2) - 1)) * (ulong)Cmd.Size), c);
            _cmdProd = (_cmdProd + 1) & mask;
        }
    }

    /// <summary>Reads the Event queue from CONS to PROD, as the driver's event thread does.</summary>
    public List<Evt> ReadEvents()
    {
        var events = new List<Evt>();
        var mask = (2u << QueueLog2) - 1;
        var prod = Read<EventqProd>().Wr & mask;
        while (_eventCons != prod)
        {
            events.Add(_memory.ReadRecord<Evt>(EventQueue + ((_eventCons & ((1u << QueueLog2) - 1)) * (ulong)Evt.Size)));
            _eventCons = (_eventCons + 1) & mask;
        }

        Write(new EventqCons(0).WithRd(_eventCons));
        return events;
    }

    private T Read<T>()
        where T : struct, IRegister<T> => _smmu.Read<T>();

    private void Write<T>(T value)
        where T : struct, IRegister<T> => _smmu.Write(value);

    // CR0 changes take effect when CR0ACK shows them (IHI 0070 6.3.9); a driver polls for that.
    private void WriteAndWaitAck(Cr0 value)
    {
        Write(value);
        if (Read<Cr0ack>().Raw != value.Raw)
        {
            throw new InvalidOperationException($"CR0ACK did not follow CR0 ({value})");
        }
    }
}
