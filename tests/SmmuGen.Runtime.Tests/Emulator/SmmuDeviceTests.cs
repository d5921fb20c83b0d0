using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>The device as a whole: the queues it owns work through its own MMIO.</summary>
public sealed class SmmuDeviceTests
{
    [Fact]
    public void EventQueueOfTheDevice_WritesEventsWhereTheDriverProgrammedIt()
    {
        var memory = new GuestMemory();
        var sink = new RecordingInterruptSink();
        var smmu = new Smmu(memory, sink);
        const ulong queue = 0x5000_0000;
        smmu.Write64(EventqBase.Page, EventqBase.Offset, new EventqBase(0).WithAddr(queue).WithLog2size(3).Raw);
        smmu.Write32(IrqCtrl.Page, IrqCtrl.Offset, new IrqCtrl(0).WithEventqIrqen(true).Raw);
        smmu.Write32(Cr0.Page, Cr0.Offset, new Cr0(0).WithEventqen(true).Raw);

        var evt = FTranslation.Create().WithStreamID(0x42).WithInputAddr(0xdead_0000);
        Assert.Equal(QueueWriteResult.Written, smmu.EventQueue.TryWrite(evt));

        Assert.Equal(evt.ToEvt(), memory.ReadRecord<Evt>(queue));
        Assert.Equal(1u, new EventqProd(smmu.Read32(EventqProd.Page, EventqProd.Offset)).Wr);
        Assert.Contains(InterruptLine.EventQueue, sink.Raised);
        Assert.Equal(QueueWriteResult.Discarded, smmu.PriQueue.TryWrite(default(Pri).WithStreamID(1)));
    }
}
