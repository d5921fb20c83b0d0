using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>The Event queue as a driver sees it: records at PROD, wrap, overflow, aborts (IHI 0070 3.5, 7.2, 7.4).</summary>
public sealed class EventQueueTests
{
    [Fact]
    public void EventWrittenWhileEnabled_AppearsAtProd_AndAdvancesIt()
    {
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 3);
        var evt = CBadSte.Create().WithStreamID(0x42);

        Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(evt));

        Assert.Equal((Evt)evt, bench.EventAt(0));
        Assert.Equal(1u, bench.Registers.Read<EventqProd>().Wr);
        Assert.False(bench.Registers.Read<EventqProd>().Ovflg);
    }

    [Fact]
    public void DisabledEventQueue_DiscardsTheEvent()
    {
        var bench = new QueueTestBench();
        bench.Registers.Write(new EventqBase(0).WithAddr(QueueTestBench.EventqAddress).WithLog2size(3));

        Assert.Equal(QueueWriteResult.Discarded, bench.Events.TryWrite(QueueTestBench.Event(1)));

        Assert.Equal(0u, bench.Registers.Read<EventqProd>().Raw);
        Assert.False(bench.Memory.IsPageAllocated(QueueTestBench.EventqAddress));
    }

    [Fact]
    public void WrappedQueue_WrapsIndexAndTogglesWrapBit()
    {
        const byte Log2 = 2;
        var bench = new QueueTestBench().EnableEventQueue(Log2);
        for (uint i = 0; i < 4; i++)
        {
            Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(QueueTestBench.Event(i)));
        }

        // Index 0 with the wrap flag (bit LOG2SIZE) set: full, since CONS is still 0.
        Assert.Equal(1u << Log2, bench.Registers.Read<EventqProd>().Wr);
        Assert.True(bench.Events.IsFull);

        bench.ConsumeEventsTo(2);
        Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(QueueTestBench.Event(10)));
        Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(QueueTestBench.Event(11)));

        Assert.Equal((1u << Log2) | 2, bench.Registers.Read<EventqProd>().Wr);
        Assert.Equal(10u, bench.EventAt(0).StreamID);
        Assert.Equal(11u, bench.EventAt(1).StreamID);
        Assert.Equal(2u, bench.EventAt(2).StreamID);
    }

    [Fact]
    public void FullEventQueue_TogglesOvflg_AndLosesTheEvent()
    {
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 1);
        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Events.TryWrite(QueueTestBench.Event(2));
        var prodBefore = bench.Registers.Read<EventqProd>().Wr;

        Assert.Equal(QueueWriteResult.Lost, bench.Events.TryWrite(QueueTestBench.Event(3)));

        var prod = bench.Registers.Read<EventqProd>();
        Assert.Equal(prodBefore, prod.Wr);
        Assert.True(prod.Ovflg);
        Assert.NotEqual(prod.Ovflg, bench.Registers.Read<EventqCons>().Ovackflg);
        Assert.Equal(1u, bench.EventAt(0).StreamID); // nothing overwritten
        Assert.Equal(2u, bench.EventAt(1).StreamID);
    }

    [Fact]
    public void FurtherLossesWhileOverflowPending_DoNotToggleOvflgAgain()
    {
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 0);
        bench.Events.TryWrite(QueueTestBench.Event(1));

        Assert.Equal(QueueWriteResult.Lost, bench.Events.TryWrite(QueueTestBench.Event(2)));
        Assert.Equal(QueueWriteResult.Lost, bench.Events.TryWrite(QueueTestBench.Event(3)));

        Assert.True(bench.Registers.Read<EventqProd>().Ovflg);
        Assert.True(bench.Events.OverflowPending);
    }

    [Fact]
    public void OverflowAcknowledged_ByWritingOvackflg_StopsReportingIt()
    {
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 0);
        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Events.TryWrite(QueueTestBench.Event(2)); // lost: OVFLG 0 -> 1

        // The driver drains the queue and copies OVFLG into OVACKFLG.
        var prod = bench.Registers.Read<EventqProd>();
        bench.Registers.Write(new EventqCons(0).WithRd(prod.Wr).WithOvackflg(prod.Ovflg));
        Assert.False(bench.Events.OverflowPending);

        Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(QueueTestBench.Event(3)));
        Assert.Equal(QueueWriteResult.Lost, bench.Events.TryWrite(QueueTestBench.Event(4)));

        // A new overflow toggles OVFLG again (1 -> 0), differing from the acknowledged 1.
        Assert.False(bench.Registers.Read<EventqProd>().Ovflg);
        Assert.True(bench.Events.OverflowPending);
    }

    [Fact]
    public void EventQueueWriteAbort_SetsEventqAbtErr()
    {
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 3);
        bench.Memory.AddAbortRegion(QueueTestBench.EventqAddress, 0x1000);

        Assert.Equal(QueueWriteResult.Aborted, bench.Events.TryWrite(QueueTestBench.Event(1)));

        var active = bench.Registers.Read<Gerror>().Raw ^ bench.Registers.Read<Gerrorn>().Raw;
        Assert.Equal(Gerror.EventqAbtErrMask, active);
        Assert.Equal(0u, bench.Registers.Read<EventqProd>().Wr);
    }

    [Fact]
    public void AbortedEventQueue_DiscardsUntilTheAbortIsAcknowledged()
    {
        // IHI 0070 7.2.1: the queue is writable only with no unacknowledged EVENTQ_ABT_ERR.
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 3);
        var region = bench.Memory.AddAbortRegion(QueueTestBench.EventqAddress, 0x1000);
        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Memory.RemoveAbortRegion(region);

        Assert.True(bench.Events.IsStopped);
        Assert.Equal(QueueWriteResult.Discarded, bench.Events.TryWrite(QueueTestBench.Event(2)));
        Assert.False(bench.Events.OverflowPending); // discarded for the abort, not lost to overflow

        bench.Registers.Write(new Gerrorn(bench.Registers.Read<Gerror>().Raw));

        Assert.False(bench.Events.IsStopped);
        Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(QueueTestBench.Event(3)));
        Assert.Equal(3u, bench.EventAt(0).StreamID);
    }

    [Fact]
    public void ReEnablingTheQueue_DoesNotClearAnUnacknowledgedAbort()
    {
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 3);
        var region = bench.Memory.AddAbortRegion(QueueTestBench.EventqAddress, 0x1000);
        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Memory.RemoveAbortRegion(region);

        bench.Registers.Write(bench.Registers.Read<Cr0>().WithEventqen(false));
        bench.Registers.Write(bench.Registers.Read<Cr0>().WithEventqen(true));

        Assert.Equal(QueueWriteResult.Discarded, bench.Events.TryWrite(QueueTestBench.Event(2)));
    }

    [Fact]
    public void RegisterReset_ClearsTheStoppedState()
    {
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 3);
        var region = bench.Memory.AddAbortRegion(QueueTestBench.EventqAddress, 0x1000);
        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Memory.RemoveAbortRegion(region);

        bench.Registers.Reset();
        Assert.False(bench.Events.IsStopped);
        Assert.False(bench.Events.IsEnabled);

        bench.EnableEventQueue(log2Size: 3);
        Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(QueueTestBench.Event(4)));
    }

    [Fact]
    public void AbortOnAnEmptyQueue_LeavesItEmpty_AndSendsNoQueueInterrupt()
    {
        // IHI 0070 7.2.2: a synchronous abort does not advance PROD, so the queue stays empty and
        // its non-empty interrupt is not triggered; only GERROR signals.
        var bench = new QueueTestBench(new SmmuOptions { Msi = false }).EnableInterrupts().EnableEventQueue(log2Size: 3);
        bench.Memory.AddAbortRegion(QueueTestBench.EventqAddress, 0x1000);

        bench.Events.TryWrite(QueueTestBench.Event(1));

        Assert.True(bench.Events.IsEmpty);
        Assert.Equal([InterruptLine.GlobalError], bench.Sink.Raised);
    }

    [Fact]
    public void QueueBase_IsAlignedToTheQueueSize()
    {
        // 2^3 entries of 32 bytes: 256-byte queue, so ADDR bits below 256 are treated as zero.
        var bench = new QueueTestBench().EnableEventQueue(log2Size: 3, address: QueueTestBench.EventqAddress + 0x60);
        bench.Events.TryWrite(QueueTestBench.Event(7));
        Assert.Equal(7u, bench.EventAt(0).StreamID);
    }

    [Fact]
    public void OversizedLog2Size_IsClampedToIdr1Eventqs()
    {
        var bench = new QueueTestBench(new SmmuOptions { EventqLog2MaxSize = 2 }).EnableEventQueue(log2Size: 10);
        Assert.Equal(4, bench.Events.Capacity);
        for (uint i = 0; i < 4; i++)
        {
            bench.Events.TryWrite(QueueTestBench.Event(i));
        }

        Assert.Equal(QueueWriteResult.Lost, bench.Events.TryWrite(QueueTestBench.Event(9)));
    }
}
