using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Queue and GERROR interrupts: IRQ_CTRL gating, MSI versus wired delivery, MSI aborts (IHI 0070 3.18, 6.3.16–6.3.23).</summary>
public sealed class InterruptControllerTests
{
    [Fact]
    public void NonEmptyTransition_SendsMsi_WithIrqCfg1Data()
    {
        var bench = new QueueTestBench().ConfigureMsis().EnableInterrupts().EnableEventQueue(log2Size: 3);

        bench.Events.TryWrite(QueueTestBench.Event(1));

        Assert.Equal(0xE0E0_0001u, bench.Memory.ReadUInt32(QueueTestBench.EventqMsiAddress));
        Assert.Empty(bench.Sink.Raised);
    }

    [Fact]
    public void OnlyTheEmptyToNonEmptyTransition_Interrupts()
    {
        var bench = new QueueTestBench(new SmmuOptions { Msi = false }).EnableInterrupts().EnableEventQueue(log2Size: 3);

        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Events.TryWrite(QueueTestBench.Event(2));
        Assert.Equal([InterruptLine.EventQueue], bench.Sink.Raised);

        bench.ConsumeEventsTo(2);
        bench.Events.TryWrite(QueueTestBench.Event(3));
        Assert.Equal([InterruptLine.EventQueue, InterruptLine.EventQueue], bench.Sink.Raised);
    }

    [Fact]
    public void WithoutMsi_PulsesTheWiredLine()
    {
        var bench = new QueueTestBench(new SmmuOptions { Msi = false }).EnableInterrupts().EnableEventQueue(log2Size: 3).EnablePriQueue(log2Size: 3);

        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));

        Assert.Equal([InterruptLine.EventQueue, InterruptLine.PriQueue], bench.Sink.Raised);
    }

    [Fact]
    public void MsiAddressZero_PulsesTheWiredLine()
    {
        var bench = new QueueTestBench().EnableInterrupts().EnableEventQueue(log2Size: 3);
        bench.Events.TryWrite(QueueTestBench.Event(1));
        Assert.Equal([InterruptLine.EventQueue], bench.Sink.Raised);
    }

    [Fact]
    public void IrqDisabled_NoInterrupt()
    {
        var bench = new QueueTestBench().ConfigureMsis().EnableInterrupts(eventq: false, priq: false, gerror: false)
            .EnableEventQueue(log2Size: 3).EnablePriQueue(log2Size: 3);

        bench.Events.TryWrite(QueueTestBench.Event(1));
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));
        bench.Interrupts.RaiseGlobalError(Gerror.SfmErrMask);

        Assert.Empty(bench.Sink.Raised);
        Assert.Equal(0u, bench.Memory.ReadUInt32(QueueTestBench.EventqMsiAddress));
        Assert.Equal(0u, bench.Memory.ReadUInt32(QueueTestBench.PriqMsiAddress));
        Assert.Equal(0u, bench.Memory.ReadUInt32(QueueTestBench.GerrorMsiAddress));
    }

    [Fact]
    public void PriQueueNonEmptyTransition_SendsMsi_WithPriqIrqCfg1Data()
    {
        var bench = new QueueTestBench().ConfigureMsis().EnableInterrupts().EnablePriQueue(log2Size: 3);
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));
        Assert.Equal(0xB0B0_0002u, bench.Memory.ReadUInt32(QueueTestBench.PriqMsiAddress));
    }

    [Fact]
    public void GlobalErrorBecomingActive_SendsGerrorMsi_OnlyOnce()
    {
        var bench = new QueueTestBench().ConfigureMsis().EnableInterrupts();

        bench.Interrupts.RaiseGlobalError(Gerror.SfmErrMask);
        Assert.Equal(0x6E6E_0003u, bench.Memory.ReadUInt32(QueueTestBench.GerrorMsiAddress));

        bench.Memory.WriteUInt32(QueueTestBench.GerrorMsiAddress, 0);
        Assert.Equal(0u, bench.Interrupts.RaiseGlobalError(Gerror.SfmErrMask)); // already active
        Assert.Equal(0u, bench.Memory.ReadUInt32(QueueTestBench.GerrorMsiAddress));
    }

    [Fact]
    public void EventQueueAbort_SignalsTheGerrorInterrupt()
    {
        var bench = new QueueTestBench(new SmmuOptions { Msi = false }).EnableInterrupts().EnableEventQueue(log2Size: 3);
        bench.Memory.AddAbortRegion(QueueTestBench.EventqAddress, 0x1000);

        bench.Events.TryWrite(QueueTestBench.Event(1));

        Assert.Equal([InterruptLine.GlobalError], bench.Sink.Raised);
    }

    [Fact]
    public void MsiWriteAbort_SetsMsiEventqAbtErr()
    {
        var bench = new QueueTestBench().ConfigureMsis().EnableInterrupts().EnableEventQueue(log2Size: 3);
        bench.Memory.AddAbortRegion(QueueTestBench.EventqMsiAddress, 4);

        Assert.Equal(QueueWriteResult.Written, bench.Events.TryWrite(QueueTestBench.Event(1)));

        var gerror = bench.Registers.Read<Gerror>();
        Assert.True(gerror.MsiEventqAbtErr);
        Assert.False(gerror.EventqAbtErr);
        // The new global error is itself signalled, through the GERROR MSI.
        Assert.Equal(0x6E6E_0003u, bench.Memory.ReadUInt32(QueueTestBench.GerrorMsiAddress));
    }

    [Fact]
    public void MsiWriteAbort_SetsMsiPriqAbtErr()
    {
        var bench = new QueueTestBench().ConfigureMsis().EnableInterrupts().EnablePriQueue(log2Size: 3);
        bench.Memory.AddAbortRegion(QueueTestBench.PriqMsiAddress, 4);

        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));

        Assert.True(bench.Registers.Read<Gerror>().MsiPriqAbtErr);
    }

    [Fact]
    public void GerrorMsiAbort_SetsMsiGerrorAbtErr_WithoutSignallingAgain()
    {
        var bench = new QueueTestBench().ConfigureMsis().EnableInterrupts();
        bench.Memory.AddAbortRegion(QueueTestBench.GerrorMsiAddress, 4);

        bench.Interrupts.RaiseGlobalError(Gerror.SfmErrMask);

        var active = bench.Registers.Read<Gerror>().Raw ^ bench.Registers.Read<Gerrorn>().Raw;
        Assert.Equal(Gerror.SfmErrMask | Gerror.MsiGerrorAbtErrMask, active);
        Assert.Empty(bench.Sink.Raised);
    }

    [Fact]
    public void Sink_IsExposedForCmdSyncCompletion()
    {
        var bench = new QueueTestBench();
        bench.Interrupts.Sink.Raise(InterruptLine.CmdSync);
        bench.Interrupts.Sink.SendEvent();
        Assert.Equal([InterruptLine.CmdSync], bench.Sink.Raised);
        Assert.Equal(1, bench.Sink.Events);
    }
}
