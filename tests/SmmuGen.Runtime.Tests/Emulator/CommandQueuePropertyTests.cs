using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>FsCheck: random command words never throw, and an illegal command stops the queue at itself until acknowledged (IHI 0070 7.1).</summary>
public sealed class CommandQueuePropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true);

    private static Gen<Cmd> CommandGen()
    {
        // Known opcodes with random operands, and anything at all.
        var opcodes = Enum.GetValues<CmdOpcode>();
        var anyWord = ArbMap.Default.GeneratorFor<ulong>();
        var known = from op in Gen.Elements(opcodes)
                    from w0 in anyWord
                    from w1 in anyWord
                    select Cmd.FromWords([w0, w1]).WithOpcode(op);
        var any = from w0 in anyWord
                  from w1 in anyWord
                  select Cmd.FromWords([w0, w1]);
        return Gen.Frequency((3, known), (1, any));
    }

    [Fact]
    public void RandomCommandStreams_NeverThrow_AndLeaveAConsistentQueue()
    {
        var scenario = from options in Gen.Elements(new SmmuOptions(), SmmuOptions.Minimal)
                       from commands in CommandGen().ArrayOf()
                       select (options, commands);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var bench = new CommandQueueBench(s.options, log2Size: 3);
            var submitted = 0u;
            foreach (var chunk in s.commands.Chunk(5))
            {
                bench.Submit(chunk);
                submitted += (uint)chunk.Length;
                if (bench.CommandErrorActive)
                {
                    // Skip the failing command as Linux does, then acknowledge.
                    bench.Memory.WriteRecord(bench.SlotAddress(bench.ConsRd), (Cmd)CmdSync.Create());
                    bench.AcknowledgeGlobalErrors();
                }
            }

            // Whatever ran, CONS never passes PROD and an inactive error leaves the queue drained.
            var wrapMask = (2u << 3) - 1;
            return bench.CommandErrorActive || bench.ConsRd == (submitted & wrapMask);
        }).Check(Quick);
    }

    [Fact]
    public void EveryIllegalCommand_YieldsCerrorIll_AndStopsTheQueueAtIt_UntilAcknowledged()
    {
        var scenario = from options in Gen.Elements(new SmmuOptions(), SmmuOptions.Minimal)
                       from command in CommandGen()
                       select (options, command);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var bench = new CommandQueueBench(s.options);
            var sev = CmdSync.Create().WithCs(CmdSyncCs.SigSev);
            bench.Submit(CmdPrefetchConfig.Create(), s.command, sev);
            if (!bench.CommandErrorActive)
            {
                // Legal: everything ran (an unknown opcode is never legal).
                return Enum.IsDefined(s.command.Opcode) && bench.ConsRd == 3;
            }

            var eventsBefore = bench.Sink.Events;
            var stoppedAtIt = bench.ConsRd == 1 && bench.Cons.Err == CmdqConsErr.CerrorIll;
            bench.Kick();
            var stillStopped = bench.ConsRd == 1 && bench.Sink.Events == eventsBefore;
            bench.Memory.WriteRecord(bench.SlotAddress(1), (Cmd)CmdPrefetchConfig.Create());
            bench.AcknowledgeGlobalErrors();
            var resumed = !bench.CommandErrorActive && bench.ConsRd == 3;
            return stoppedAtIt && stillStopped && resumed;
        }).Check(Quick);
    }
}
