using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Examples.DmaWalkthrough;

/// <summary>The walkthrough the README shows, step by step, printing what happens.</summary>
public static class Walkthrough
{
    private const uint Device = 0x21;
    private const ulong Iova = 0x4000_0000;
    private const ulong Buffer = 0x8_1234_5000;

    /// <summary>Runs the walkthrough, printing each step to <paramref name="output"/>.</summary>
    public static void Run(TextWriter output)
    {
        // The machine: guest memory, an SMMU with the default (v3.3, both stages) options, and
        // somewhere for its wired interrupts to go.
        var memory = new GuestMemory();
        var smmu = new Smmu(memory, new PrintingInterrupts(output));

        // The driver: probe, reset, enable.
        var driver = new Driver(smmu, memory, streamTable: 0x1000_0000, commandQueue: 0x1100_0000, eventQueue: 0x1200_0000);
        output.WriteLine($"probe: {driver.Probe()}");
        driver.Reset(streamTableLog2: 8);

        // Map one page of a buffer at IOVA 0x40000000 and attach the device's stream to it.
        var pageTable = new IoPageTable(memory, arena: 0x2000_0000);
        pageTable.Map(Iova, Buffer);
        driver.AttachStage1(Device, cdAddress: 0x1300_0000, asid: 1, ttb0: pageTable.Root);

        // The CPU fills the buffer; the device reads it by DMA through the SMMU.
        memory.Write(Buffer + 0x10, Encoding.ASCII.GetBytes("hello, smmu"));
        var data = new byte[11];
        var read = smmu.DmaRead(Device, null, Iova + 0x10, data);
        output.WriteLine($"dma read {read.BytesTransferred} bytes from iova 0x{Iova + 0x10:x}: \"{Encoding.ASCII.GetString(data)}\"");

        // The device writes back; the bytes land in the buffer's physical page.
        smmu.DmaWrite(Device, null, Iova + 0x20, "ack"u8);
        var written = new byte[3];
        memory.Read(Buffer + 0x20, written);
        output.WriteLine($"dma wrote \"{Encoding.ASCII.GetString(written)}\" at pa 0x{Buffer + 0x20:x}");

        // A DMA to an unmapped IOVA faults; the driver finds the event in the Event queue.
        var bad = smmu.DmaWrite(Device, null, 0x5000_0000, "boom"u8);
        output.WriteLine($"dma to iova 0x50000000: {bad.Failure?.Outcome}");
        foreach (var evt in driver.ReadEvents())
        {
            if (evt.TryGetFTranslation(out var fault))
            {
                output.WriteLine($"event: {fault}");
                output.WriteLine($"  -> F_TRANSLATION sid 0x{fault.StreamID:x} iova 0x{fault.InputAddr:x} {(fault.RnW ? "read" : "write")}");
            }
        }
    }

    private sealed class PrintingInterrupts(TextWriter output) : IInterruptSink
    {
        public void Raise(InterruptLine line) => output.WriteLine($"irq: {line}");

        public void SendEvent()
        {
        }
    }
}
