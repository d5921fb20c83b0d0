using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>The PRI queue: 16-byte page requests, the same PROD/CONS and overflow rules (IHI 0070 8.1–8.2).</summary>
public sealed class PriQueueTests
{
    [Fact]
    public void PageRequestWrittenWhileEnabled_AppearsAtProd_AndAdvancesIt()
    {
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 2);
        var request = QueueTestBench.PageRequest(0x17);

        Assert.Equal(QueueWriteResult.Written, bench.Pris.TryWrite(request));
        Assert.Equal(QueueWriteResult.Written, bench.Pris.TryWrite(QueueTestBench.PageRequest(0x18)));

        Assert.Equal(request, bench.PageRequestAt(0));
        Assert.Equal(0x18u, bench.PageRequestAt(1).StreamID);
        Assert.Equal(2u, bench.Registers.Read<PriqProd>().Wr);
    }

    [Fact]
    public void DisabledPriQueue_DiscardsTheRequest()
    {
        var bench = new QueueTestBench();
        Assert.Equal(QueueWriteResult.Discarded, bench.Pris.TryWrite(QueueTestBench.PageRequest(1)));
    }

    [Fact]
    public void ImplementationWithoutPri_DiscardsEveryRequest()
    {
        var bench = new QueueTestBench(new SmmuOptions { Pri = false }).EnablePriQueue(log2Size: 2);
        Assert.False(bench.Pris.IsEnabled);
        Assert.Equal(QueueWriteResult.Discarded, bench.Pris.TryWrite(QueueTestBench.PageRequest(1)));
    }

    [Fact]
    public void WrappedPriQueue_WrapsIndexAndTogglesWrapBit()
    {
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 1);
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));
        bench.Registers.Write(new PriqCons(0).WithRd(1));
        bench.Pris.TryWrite(QueueTestBench.PageRequest(2));
        bench.Pris.TryWrite(QueueTestBench.PageRequest(3));

        Assert.Equal((1u << 1) | 1, bench.Registers.Read<PriqProd>().Wr);
        Assert.Equal(3u, bench.PageRequestAt(0).StreamID);
    }

    [Fact]
    public void FullPriQueue_TogglesOvflg_AndLosesTheRequest()
    {
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 0);
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));

        Assert.Equal(QueueWriteResult.Lost, bench.Pris.TryWrite(QueueTestBench.PageRequest(2)));

        Assert.True(bench.Registers.Read<PriqProd>().Ovflg);
        Assert.Equal(1u, bench.PageRequestAt(0).StreamID);
    }

    [Fact]
    public void PriOverflowAcknowledged_ByWritingOvackflg_StopsReportingIt()
    {
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 0);
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));
        bench.Pris.TryWrite(QueueTestBench.PageRequest(2));

        var prod = bench.Registers.Read<PriqProd>();
        bench.Registers.Write(new PriqCons(0).WithRd(prod.Wr).WithOvackflg(prod.Ovflg));

        Assert.False(bench.Pris.OverflowPending);
        Assert.Equal(QueueWriteResult.Written, bench.Pris.TryWrite(QueueTestBench.PageRequest(3)));
    }

    [Fact]
    public void PriQueueWriteAbort_SetsPriqAbtErr()
    {
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 2);
        bench.Memory.AddAbortRegion(QueueTestBench.PriqAddress, 0x1000);

        Assert.Equal(QueueWriteResult.Aborted, bench.Pris.TryWrite(QueueTestBench.PageRequest(1)));

        Assert.True(bench.Registers.Read<Gerror>().PriqAbtErr);
        Assert.Equal(0u, bench.Registers.Read<PriqProd>().Wr);
    }

    [Fact]
    public void PriQueue_WithSmmuenClear_DiscardsTheRequest()
    {
        // IHI 0070 6.3.9.5: the effective PRIQEN is 0 while SMMUEN is 0.
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 2);
        bench.Registers.Write(bench.Registers.Read<Cr0>().WithSmmuen(false));

        Assert.False(bench.Pris.IsEnabled);
        Assert.Equal(QueueWriteResult.Discarded, bench.Pris.TryWrite(QueueTestBench.PageRequest(1)));
        Assert.Equal(0u, bench.Registers.Read<PriqProd>().Wr);
    }

    [Fact]
    public void PendingOverflow_InhibitsNewEntries_EvenWithRoom_UntilAcknowledged()
    {
        // IHI 0070 8.1: unlike the Event queue, an active overflow condition keeps entries out.
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 1);
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));
        bench.Pris.TryWrite(QueueTestBench.PageRequest(2));
        Assert.Equal(QueueWriteResult.Lost, bench.Pris.TryWrite(QueueTestBench.PageRequest(3)));

        // Software drains the queue but does not acknowledge: still inhibited, OVFLG unchanged.
        var prod = bench.Registers.Read<PriqProd>();
        bench.Registers.Write(new PriqCons(0).WithRd(prod.Wr));
        Assert.Equal(QueueWriteResult.Lost, bench.Pris.TryWrite(QueueTestBench.PageRequest(4)));
        Assert.Equal(prod.Raw, bench.Registers.Read<PriqProd>().Raw);

        bench.Registers.Write(new PriqCons(0).WithRd(prod.Wr).WithOvackflg(prod.Ovflg));
        Assert.Equal(QueueWriteResult.Written, bench.Pris.TryWrite(QueueTestBench.PageRequest(5)));
    }

    [Fact]
    public void AbortedPriQueue_DiscardsUntilPriqAbtErrIsAcknowledged()
    {
        // IHI 0070 8.2: no entries are written while PRIQ_ABT_ERR is active.
        var bench = new QueueTestBench().EnablePriQueue(log2Size: 2);
        var region = bench.Memory.AddAbortRegion(QueueTestBench.PriqAddress, 0x1000);
        bench.Pris.TryWrite(QueueTestBench.PageRequest(1));
        bench.Memory.RemoveAbortRegion(region);

        Assert.Equal(QueueWriteResult.Discarded, bench.Pris.TryWrite(QueueTestBench.PageRequest(2)));

        bench.Registers.Write(new Gerrorn(bench.Registers.Read<Gerror>().Raw));
        Assert.Equal(QueueWriteResult.Written, bench.Pris.TryWrite(QueueTestBench.PageRequest(3)));
        Assert.Equal(3u, bench.PageRequestAt(0).StreamID);
    }
}
