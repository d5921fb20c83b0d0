using System.Collections.Generic;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Records the wired interrupts and wake-up events the model sends.</summary>
internal sealed class RecordingInterruptSink : IInterruptSink
{
    public List<InterruptLine> Raised { get; } = [];

    public int Events { get; private set; }

    public void Raise(InterruptLine line) => Raised.Add(line);

    public void SendEvent() => Events++;
}

/// <summary>
/// An SMMU register file, guest memory and the output queues wired together, programmed the way
/// a driver programs them: through MMIO writes of the generated register types.
/// </summary>
internal sealed class QueueTestBench
{
    public const ulong EventqAddress = 0x8000_0000;
    public const ulong PriqAddress = 0x9000_0000;
    public const ulong EventqMsiAddress = 0xF000_0040;
    public const ulong PriqMsiAddress = 0xF000_0080;
    public const ulong GerrorMsiAddress = 0xF000_00C0;

    public QueueTestBench(SmmuOptions? options = null)
    {
        Registers = new SmmuRegisterFile(options);
        Interrupts = new InterruptController(Registers, Memory, Sink);
        Events = new EventQueue(Registers, Memory, Interrupts);
        Pris = new PriQueue(Registers, Memory, Interrupts);
    }

    public SmmuRegisterFile Registers { get; }

    public GuestMemory Memory { get; } = new();

    public RecordingInterruptSink Sink { get; } = new();

    public InterruptController Interrupts { get; }

    public EventQueue Events { get; }

    public PriQueue Pris { get; }

    public QueueTestBench EnableEventQueue(byte log2Size, ulong address = EventqAddress)
    {
        Registers.Write(new EventqBase(0).WithAddr(address).WithLog2size(log2Size));
        Registers.Write(new EventqProd(0));
        Registers.Write(new EventqCons(0));
        Registers.Write(Registers.Read<Cr0>().WithEventqen(true));
        return this;
    }

    public QueueTestBench EnablePriQueue(byte log2Size, ulong address = PriqAddress)
    {
        Registers.Write(new PriqBase(0).WithAddr(address).WithLog2size(log2Size));
        Registers.Write(new PriqProd(0));
        Registers.Write(new PriqCons(0));

        // IHI 0070 6.3.9.5: the effective PRIQEN is 0 while SMMUEN is 0.
        Registers.Write(Registers.Read<Cr0>().WithPriqen(true).WithSmmuen(true));
        return this;
    }

    /// <summary>Programs every source's MSI doorbell, then enables the given interrupts (IRQ_CFGn may only change while IRQEN is 0).</summary>
    public QueueTestBench ConfigureMsis()
    {
        Registers.Write(new EventqIrqCfg0(0).WithAddr(EventqMsiAddress));
        Registers.Write(new EventqIrqCfg1(0).WithData(0xE0E0_0001));
        Registers.Write(new PriqIrqCfg0(0).WithAddr(PriqMsiAddress));
        Registers.Write(new PriqIrqCfg1(0).WithData(0xB0B0_0002));
        Registers.Write(new GerrorIrqCfg0(0).WithAddr(GerrorMsiAddress));
        Registers.Write(new GerrorIrqCfg1(0).WithData(0x6E6E_0003));
        return this;
    }

    public QueueTestBench EnableInterrupts(bool eventq = true, bool priq = true, bool gerror = true)
    {
        Registers.Write(new IrqCtrl(0).WithEventqIrqen(eventq).WithPriqIrqen(priq).WithGerrorIrqen(gerror));
        return this;
    }

    public static Evt Event(uint streamId) => FTranslation.Create().WithStreamID(streamId);

    public static Pri PageRequest(uint streamId) => default(Pri).WithStreamID(streamId).WithLast(true);

    public Evt EventAt(uint index) => Memory.ReadRecord<Evt>(EventqAddress + (index * (ulong)Evt.Size));

    public Pri PageRequestAt(uint index) => Memory.ReadRecord<Pri>(PriqAddress + (index * (ulong)Pri.Size));

    /// <summary>Software consumes: sets CONS to <paramref name="rd"/> (index with wrap flag), keeping OVACKFLG.</summary>
    public void ConsumeEventsTo(uint rd) => Registers.Write(Registers.Read<EventqCons>().WithRd(rd));
}
