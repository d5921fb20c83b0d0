using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>
/// A CMD_ATC_INV the endpoint does not complete makes the CMD_SYNC that waits for it fail with
/// CERROR_ATC_INV_SYNC (IHI 0070 3.9.1.4, 4.5.1, 4.7.3, 7.1), driven through MMIO as a driver does.
/// </summary>
public sealed class AtcInvalidationSyncTests
{
    private static Cmd Sev => CmdSync.Create().WithCs(CmdSyncCs.SigSev);

    private static Cmd AtcInv(uint streamId) => CmdAtcInv.Create().WithStreamID(streamId);

    private static CommandQueueBench BenchFailingStream(uint streamId, CommandProcessing mode = CommandProcessing.Immediate)
    {
        var bench = new CommandQueueBench(smmuEnabled: true, mode: mode);
        bench.Invalidation.FailAtcInvalidation = c => c.StreamID == streamId;
        return bench;
    }

    [Fact]
    public void FailedAtcInv_IsConsumed_ButTheNextSyncFailsWithCerrorAtcInvSync()
    {
        var bench = BenchFailingStream(7);
        bench.Submit(AtcInv(7), CmdTlbiNsnhAll.Create(), Sev, Sev);

        // IHI 0070 4.5.1: consuming CMD_ATC_INV does not wait for completion; the CMD_SYNC does.
        // IHI 0070 4.7.3: the failing CMD_SYNC is not consumed and sends no completion signal.
        Assert.Equal(2u, bench.ConsRd);
        Assert.Equal(CmdqConsErr.CerrorAtcInvSync, bench.Cons.Err);
        Assert.True(bench.CommandErrorActive);
        Assert.Equal(0, bench.Sink.Events);
        Assert.Equal(2, bench.Invalidation.Commands.Count);
    }

    [Fact]
    public void FailedSync_RaisesTheGerrorInterrupt()
    {
        var bench = BenchFailingStream(7);
        bench.Write(new IrqCtrl(0).WithGerrorIrqen(true));
        bench.Submit(AtcInv(7), Sev);

        Assert.Contains(InterruptLine.GlobalError, bench.Sink.Raised);
        Assert.DoesNotContain(InterruptLine.CmdSync, bench.Sink.Raised);
    }

    [Fact]
    public void AfterGerrornAck_TheSyncIsRefetched_AndCompletes()
    {
        var bench = BenchFailingStream(7);
        bench.Submit(AtcInv(7), Sev, Sev);
        Assert.Equal(1u, bench.ConsRd);

        // Nothing moves while the error is active, whatever software writes to PROD.
        bench.Kick();
        Assert.Equal(1u, bench.ConsRd);

        // IHI 0070 7.1: acknowledging CMDQ_ERR restarts processing at CONS, re-fetching the
        // CMD_SYNC. IHI 0070 4.7.3: the timed-out invalidation will never complete, so the failure
        // was reported once and the retried CMD_SYNC (as Linux retries it) completes and signals.
        bench.AcknowledgeGlobalErrors();

        Assert.False(bench.CommandErrorActive);
        Assert.Equal(3u, bench.ConsRd);
        Assert.Equal(2, bench.Sink.Events);
    }

    [Fact]
    public void SuccessfulAtcInv_LetsTheSyncComplete()
    {
        var bench = BenchFailingStream(7);
        bench.Submit(AtcInv(8), Sev);

        Assert.False(bench.CommandErrorActive);
        Assert.Equal(2u, bench.ConsRd);
        Assert.Equal(1, bench.Sink.Events);
    }

    [Fact]
    public void OneFailureAmongSeveralAtcInvs_FailsTheSync()
    {
        var bench = BenchFailingStream(7);
        bench.Submit(AtcInv(1), AtcInv(7), AtcInv(2), Sev);

        Assert.Equal(3u, bench.ConsRd);
        Assert.Equal(CmdqConsErr.CerrorAtcInvSync, bench.Cons.Err);
        Assert.Equal([1u, 7, 2], bench.Invalidation.Commands.Select(c => c.AsCmdAtcInv().StreamID));
    }

    [Fact]
    public void FailureIsReportedByTheFirstSyncAfterIt_NotByALaterOne()
    {
        var bench = BenchFailingStream(7);
        bench.Submit(Sev, AtcInv(7));
        Assert.False(bench.CommandErrorActive); // no CMD_SYNC has waited for it yet

        bench.Submit(Sev);
        Assert.Equal(CmdqConsErr.CerrorAtcInvSync, bench.Cons.Err);
        Assert.Equal(2u, bench.ConsRd);

        bench.AcknowledgeGlobalErrors();
        bench.Submit(AtcInv(8), Sev);
        Assert.False(bench.CommandErrorActive);
        Assert.Equal(5u, bench.ConsRd);
    }

    [Fact]
    public void IgnoredAtcInv_WithSmmuenClear_CannotFail()
    {
        // IHI 0070 4.5.1: with SMMUEN 0 the command is IGNORED, so no request is sent to time out.
        var bench = new CommandQueueBench();
        bench.Invalidation.FailAtcInvalidation = _ => true;
        bench.Submit(AtcInv(7), Sev);

        Assert.False(bench.CommandErrorActive);
        Assert.Empty(bench.Invalidation.Commands);
        Assert.Equal(2u, bench.ConsRd);
    }

    [Fact]
    public void IllegalSync_TakesPrecedence_AndTheFailureWaitsForTheNextLegalSync()
    {
        // A CMD_SYNC with the reserved CS is ILLEGAL before it waits for anything (IHI 0070 4.7.3).
        var bench = BenchFailingStream(7);
        var reserved = Sev.WithWord(CmdSync.CsWord, Sev.GetWord(CmdSync.CsWord) | CmdSync.CsMask);
        bench.Submit(AtcInv(7), reserved);
        Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);

        bench.Memory.WriteRecord(bench.SlotAddress(1), Sev);
        bench.AcknowledgeGlobalErrors();

        Assert.Equal(CmdqConsErr.CerrorAtcInvSync, bench.Cons.Err);
        Assert.True(bench.CommandErrorActive);
        Assert.Equal(1u, bench.ConsRd);
    }

    [Fact]
    public void SyncFailure_InStepMode_StopsTheBatch()
    {
        var bench = BenchFailingStream(7, CommandProcessing.Manual);
        bench.Submit(AtcInv(7), Sev, Sev);

        Assert.Equal(1, bench.Smmu.ProcessCommands());
        Assert.Equal(CmdqConsErr.CerrorAtcInvSync, bench.Cons.Err);
        Assert.Equal(0, bench.Smmu.ProcessCommands());
    }

    [Fact]
    public void DeviceReset_ForgetsAnUnsynchronisedFailure()
    {
        var bench = BenchFailingStream(7, CommandProcessing.Manual);
        bench.Submit(AtcInv(7));
        bench.Smmu.ProcessCommands();

        bench.Smmu.Reset();
        var fresh = new CmdqBase(0).WithAddr(CommandQueueBench.QueueAddress).WithLog2size((byte)bench.Log2Size);
        bench.Write(fresh);
        bench.Write(new CmdqProd(0));
        bench.Write(new CmdqCons(0));
        bench.Memory.WriteRecord(bench.SlotAddress(0), Sev);
        bench.Enable();
        bench.Write(new CmdqProd(0).WithWr(1));
        bench.Smmu.ProcessCommands();

        Assert.False(bench.CommandErrorActive);
        Assert.Equal(1u, bench.ConsRd);
    }
}
