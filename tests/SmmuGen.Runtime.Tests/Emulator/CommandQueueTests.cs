using System;
using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Command queue consumption, errors and CMD_SYNC, driven through MMIO and guest memory (IHI 0070 3.5, 4, 7.1).</summary>
public sealed class CommandQueueTests
{
    private static Cmd Sev => CmdSync.Create().WithCs(CmdSyncCs.SigSev);

    private static Cmd Unknown => default(Cmd).WithOpcode((CmdOpcode)0x7F);

    [Fact]
    public void SubmittedCommands_AreConsumedInsideTheProdWrite()
    {
        var bench = new CommandQueueBench();
        bench.Submit(CmdCfgiSte.Create().WithStreamID(1), CmdStallTerm.Create().WithStreamID(2), Sev);

        Assert.Equal(3u, bench.ConsRd);
        Assert.Equal(CmdqConsErr.CerrorNone, bench.Cons.Err);
        Assert.False(bench.CommandErrorActive);
        Assert.Equal(1, bench.Sink.Events);
        Assert.Equal(2u, Assert.Single(bench.Stalls.Commands).AsCmdStallTerm().StreamID);
    }

    [Fact]
    public void IllegalCommand_SetsCerrorIll_AndStallsQueueUntilGerrornAck()
    {
        var bench = new CommandQueueBench();
        bench.Submit(CmdCfgiSteRange.Create().WithRange(31), Unknown, Sev);

        Assert.Equal(1u, bench.ConsRd); // CONS points at the failing command
        Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
        Assert.True(bench.CommandErrorActive);
        Assert.Equal(0, bench.Sink.Events);

        bench.Kick(); // IHI 0070 7.1: nothing is consumed while CMDQ_ERR is active
        Assert.Equal(1u, bench.ConsRd);

        // Software skips the command the way Linux does (arm_smmu_cmdq_skip_err: replace it with a
        // CMD_SYNC), then acknowledges; processing resumes from CONS.
        bench.Memory.WriteRecord(bench.SlotAddress(1), (Cmd)CmdSync.Create());
        bench.AcknowledgeGlobalErrors();

        Assert.False(bench.CommandErrorActive);
        Assert.Equal(3u, bench.ConsRd);
        Assert.Equal(1, bench.Sink.Events);
    }

    [Fact]
    public void IllegalCommand_LeftInPlace_FailsAgainAfterTheAck()
    {
        var bench = new CommandQueueBench();
        bench.Submit(Unknown);
        bench.AcknowledgeGlobalErrors();

        Assert.Equal(0u, bench.ConsRd);
        Assert.True(bench.CommandErrorActive);
        Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
    }

    [Fact]
    public void CommandFetchAbort_SetsCerrorAbt()
    {
        var bench = new CommandQueueBench(mode: CommandProcessing.Manual);
        bench.Submit(Sev, Sev, Sev);
        bench.Memory.AddAbortRegion(bench.SlotAddress(1), (ulong)Cmd.Size, AbortKind.External, "bad queue slot");
        bench.Smmu.ProcessCommands();

        Assert.Equal(1u, bench.ConsRd);
        Assert.Equal(CmdqConsErr.CerrorAbt, bench.Cons.Err);
        Assert.True(bench.CommandErrorActive);
        Assert.Equal(1, bench.Sink.Events);
    }

    [Fact]
    public void CommandError_RaisesTheGerrorInterrupt_WhenEnabled()
    {
        var bench = new CommandQueueBench(new SmmuOptions { Msi = false });
        bench.Write(new IrqCtrl(0).WithGerrorIrqen(true));
        bench.Submit(Unknown);

        Assert.Contains(InterruptLine.GlobalError, bench.Sink.Raised);
    }

    [Fact]
    public void CmdSyncWithMsi_WritesMsiDataToMsiAddress()
    {
        var bench = new CommandQueueBench();
        bench.Submit(CmdSync.Create().WithCs(CmdSyncCs.SigIrq).WithMSIAddress(0xF000_1000).WithMSIData(0xCAFE_F00D));

        Assert.Equal(0xCAFE_F00Du, bench.Memory.ReadUInt32(0xF000_1000));
        Assert.Empty(bench.Sink.Raised);
        Assert.Equal(1u, bench.ConsRd);
    }

    [Fact]
    public void CmdSyncWithAbortingMsi_RaisesMsiCmdqAbtErr_AndStillCompletes()
    {
        var bench = new CommandQueueBench();
        bench.Memory.AddAbortRegion(0xF000_1000, 0x1000);
        bench.Submit(CmdSync.Create().WithCs(CmdSyncCs.SigIrq).WithMSIAddress(0xF000_1000).WithMSIData(1), Sev);

        Assert.True(bench.MsiAbortActive);
        Assert.False(bench.CommandErrorActive);
        Assert.Equal(2u, bench.ConsRd);
        Assert.Equal(1, bench.Sink.Events);
    }

    [Fact]
    public void CmdSyncIrq_WithoutMsiAddress_PulsesTheWiredCmdSyncLine()
    {
        var bench = new CommandQueueBench();
        bench.Submit(CmdSync.Create().WithCs(CmdSyncCs.SigIrq));

        Assert.Equal([InterruptLine.CmdSync], bench.Sink.Raised);
    }

    [Fact]
    public void CmdSyncIrq_WithoutMsiSupport_IgnoresTheMsiAddress()
    {
        var bench = new CommandQueueBench(SmmuOptions.Minimal);
        bench.Submit(CmdSync.Create().WithCs(CmdSyncCs.SigIrq).WithMSIAddress(0xF000_1000).WithMSIData(7));

        Assert.Equal([InterruptLine.CmdSync], bench.Sink.Raised);
        Assert.False(bench.Memory.IsPageAllocated(0xF000_1000));
    }

    [Fact]
    public void CmdSyncNone_SignalsNothing()
    {
        var bench = new CommandQueueBench();
        bench.Submit(CmdSync.Create().WithMSIAddress(0xF000_1000).WithMSIData(7));

        Assert.Empty(bench.Sink.Raised);
        Assert.Equal(0, bench.Sink.Events);
        Assert.False(bench.Memory.IsPageAllocated(0xF000_1000));
        Assert.Equal(1u, bench.ConsRd);
    }

    [Fact]
    public void CmdSyncSev_SendsEvent()
    {
        var bench = new CommandQueueBench();
        bench.Submit(Sev);

        Assert.Equal(1, bench.Sink.Events);
    }

    [Fact]
    public void CmdSyncSev_WithoutIdr0Sev_SendsNothing()
    {
        var bench = new CommandQueueBench(SmmuOptions.Minimal);
        bench.Submit(Sev);

        Assert.Equal(0, bench.Sink.Events);
        Assert.Equal(1u, bench.ConsRd);
    }

    [Fact]
    public void CmdSyncReservedCs_IsIllegal()
    {
        var bench = new CommandQueueBench();
        var reserved = Sev.WithWord(CmdSync.CsWord, Sev.GetWord(CmdSync.CsWord) | CmdSync.CsMask);
        Assert.False(Enum.IsDefined(reserved.AsCmdSync().Cs));
        bench.Submit(reserved);

        Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
        Assert.Equal(0u, bench.ConsRd);
    }

    [Fact]
    public void StepMode_LeavesCommandsPending_UntilProcessed()
    {
        var bench = new CommandQueueBench(mode: CommandProcessing.Manual);
        bench.Submit(Sev, Sev, Sev);

        Assert.Equal(0u, bench.ConsRd);
        Assert.Equal(2, bench.Smmu.ProcessCommands(2));
        Assert.Equal(2u, bench.ConsRd);
        Assert.Equal(1, bench.Smmu.ProcessCommands());
        Assert.Equal(3u, bench.ConsRd);
        Assert.Equal(0, bench.Smmu.ProcessCommands());
        Assert.Equal(3, bench.Sink.Events);
    }

    [Fact]
    public void StepMode_StopsAtAnIllegalCommand()
    {
        var bench = new CommandQueueBench(mode: CommandProcessing.Manual);
        bench.Submit(Sev, Unknown, Sev);

        Assert.Equal(1, bench.Smmu.ProcessCommands());
        Assert.Equal(1u, bench.ConsRd);
        Assert.True(bench.CommandErrorActive);
        Assert.Equal(0, bench.Smmu.ProcessCommands());
    }

    [Fact]
    public void DisabledQueue_ConsumesNothing_UntilCmdqenIsSet()
    {
        var bench = new CommandQueueBench(enable: false);
        bench.Submit(Sev, Sev);

        Assert.Equal(0u, bench.ConsRd);
        bench.Enable();
        Assert.Equal(2u, bench.ConsRd);
        Assert.Equal(2, bench.Sink.Events);
    }

    [Fact]
    public void QueueWrap_ConsumesAcrossTheWrap()
    {
        var bench = new CommandQueueBench(log2Size: 2); // 4 slots
        bench.Submit(Stall(0), Stall(1), Stall(2));
        bench.Submit(Stall(3), Stall(4), Stall(5)); // slots 3, 0, 1

        var wrap = 1u << 2;
        Assert.Equal(wrap | 2u, bench.ConsRd);
        Assert.Equal([0u, 1, 2, 3, 4, 5], bench.Stalls.Commands.Select(c => c.AsCmdStallTerm().StreamID));

        static Cmd Stall(uint sid) => CmdStallTerm.Create().WithStreamID(sid);
    }

    [Fact]
    public void Log2SizeAboveIdr1Cmdqs_IsClampedForIndexing()
    {
        var bench = new CommandQueueBench(new SmmuOptions { CmdqLog2MaxSize = 2 }, log2Size: 2);
        bench.Write(new Cr0(0));
        bench.Write(new CmdqBase(0).WithAddr(CommandQueueBench.QueueAddress).WithLog2size(10));
        bench.Enable();
        bench.Submit(Sev, Sev, Sev, Sev, Sev);

        Assert.Equal((1u << 2) | 1u, bench.ConsRd);
        Assert.Equal(5, bench.Sink.Events);
    }

    [Fact]
    public void ConsumingCommands_AllocatesNothing()
    {
        var bench = new CommandQueueBench(log2Size: 6, mode: CommandProcessing.Manual);
        Cmd[] batch = [CmdCfgiSte.Create().WithStreamID(1), CmdCfgiSteRange.Create().WithRange(3), CmdCfgiCdAll.Create(), CmdPrefetchAddr.Create(), Sev];
        bench.Submit(batch);
        bench.Smmu.ProcessCommands(); // warm up: JIT, first page of the queue
        bench.Submit(batch);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var done = bench.Smmu.ProcessCommands();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(batch.Length, done);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void MisalignedQueueBase_IsAlignedToTheQueueSize()
    {
        // IHI 0070 6.3.26: 2^4 entries of 16 bytes make a 256-byte queue, so the SMMU ignores ADDR
        // bits below 256 and fetches slot 0 from the aligned base.
        var bench = new CommandQueueBench(log2Size: 4, baseAddress: CommandQueueBench.QueueAddress + 0xA0);
        bench.Submit(CmdStallTerm.Create().WithStreamID(5), Sev);

        Assert.False(bench.CommandErrorActive);
        Assert.Equal(2u, bench.ConsRd);
        Assert.Equal(5u, Assert.Single(bench.Stalls.Commands).AsCmdStallTerm().StreamID);
    }

    [Fact]
    public void GerrornAck_WhileTheQueueIsDisabled_ResumesOnlyWhenItIsEnabled()
    {
        // IHI 0070 6.3.28: processing resumes after the acknowledgement "if the Command queue is
        // enabled at that time"; 6.3.9.3: with CMDQEN set it starts when no error is present.
        var bench = new CommandQueueBench();
        bench.Submit(Unknown, Sev);
        bench.Disable();
        bench.Memory.WriteRecord(bench.SlotAddress(0), Sev);
        bench.AcknowledgeGlobalErrors();

        Assert.False(bench.CommandErrorActive);
        Assert.Equal(0u, bench.ConsRd);

        bench.Enable();
        Assert.Equal(2u, bench.ConsRd);
        Assert.Equal(2, bench.Sink.Events);
    }

    [Fact]
    public void TogglingCmdqen_DoesNotAcknowledgeACommandError()
    {
        // IHI 0070 6.3.28: a change to CMDQEN does not affect, or acknowledge, CMDQ_ERR.
        var bench = new CommandQueueBench();
        bench.Submit(Unknown, Sev);
        bench.Disable();
        bench.Enable();

        Assert.True(bench.CommandErrorActive);
        Assert.Equal(0u, bench.ConsRd);
        Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
        Assert.Equal(0, bench.Sink.Events);
    }

    [Fact]
    public void ProdMovedBackToCons_WhileTheErrorIsActive_RemovesTheRest()
    {
        // IHI 0070 7.1: while the error is active software may move PROD back as far as CONS,
        // removing commands not yet consumed; after the acknowledgement nothing runs.
        var bench = new CommandQueueBench();
        bench.Submit(Sev, Unknown, Sev, Sev);
        bench.Write(new CmdqProd(0).WithWr(bench.ConsRd));
        bench.AcknowledgeGlobalErrors();

        Assert.False(bench.CommandErrorActive);
        Assert.Equal(1u, bench.ConsRd);
        Assert.Equal(1, bench.Sink.Events);
    }

    [Fact]
    public void ANewError_ReplacesTheCodeOfAnAcknowledgedOne()
    {
        // IHI 0070 7.1, 6.3.28: CMDQ_CONS.ERR is set for each new error, before GERROR shows it.
        var bench = new CommandQueueBench(mode: CommandProcessing.Manual);
        bench.Submit(Unknown);
        bench.Smmu.ProcessCommands();
        Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);

        bench.Memory.WriteRecord(bench.SlotAddress(0), Sev);
        bench.AcknowledgeGlobalErrors();
        bench.Memory.AddAbortRegion(bench.SlotAddress(1), (ulong)Cmd.Size);
        bench.Write(new CmdqProd(0).WithWr(2));
        bench.Smmu.ProcessCommands();

        Assert.True(bench.CommandErrorActive);
        Assert.Equal(CmdqConsErr.CerrorAbt, bench.Cons.Err);
        Assert.Equal(1u, bench.ConsRd);
        Assert.Equal(1, bench.Sink.Events);
    }
}
