using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// The stall model's core (IHI 0070 3.12.2, 4.7.1, 4.7.2, 5.5): faults of a stalling stage hold
/// the transaction with a STAG in the record until CMD_RESUME or CMD_STALL_TERM.
/// </summary>
public sealed class StallTests
{
    private const ulong Va = 0x4000_0000;

    [Fact]
    public void FaultWithCdS_StallsTheTransaction_AndRecordsStallAndStag_EvenWithRecordingOff()
    {
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true).WithR(false));

        var result = bench.Translate(1, Va, access: TransactionAccess.Write);

        Assert.Equal(TranslationOutcome.Stalled, result.Outcome);
        Assert.True(result.EventRecorded);
        var evt = bench.DrainEvents().Single().AsFTranslation();
        Assert.True(evt.Stall);
        Assert.Equal(result.Stag, evt.Stag);
        Assert.Equal(new StalledTransaction(new Transaction(1, null, Va, TransactionAccess.Write), evt.Stag), Assert.Single(bench.Smmu.StalledTransactions));
    }

    [Fact]
    public void EachStallGetsItsOwnStag_AndCmdResumeReleasesExactlyThatOne()
    {
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true));
        var first = bench.Translate(1, Va).Stag!.Value;
        var second = bench.Translate(1, Va + 0x1000).Stag!.Value;
        Assert.NotEqual(first, second);

        bench.Commands(CmdResume.Create().WithStreamID(1).WithStag(first).WithResp(CmdResumeResp.Abort));

        Assert.Equal(second, Assert.Single(bench.Smmu.StalledTransactions).Stag);
    }

    [Fact]
    public void CmdStallTerm_ReleasesEveryStallOfTheStream()
    {
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true));
        bench.Translate(1, Va);
        bench.Translate(1, Va + 0x1000);

        bench.Commands(CmdStallTerm.Create().WithStreamID(1));

        Assert.Empty(bench.Smmu.StalledTransactions);
    }

    [Fact]
    public void BeyondStallMax_FaultsAbort_AndAreReportedWithStallClear_EvenWithRecordingOff()
    {
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true).WithR(false).WithA(false), new SmmuOptions { StallMax = 2 });

        var outcomes = Enumerable.Range(0, 3).Select(i => bench.Translate(1, Va + ((ulong)i << 12)).Outcome).ToArray();

        Assert.Equal([TranslationOutcome.Stalled, TranslationOutcome.Stalled, TranslationOutcome.Aborted], outcomes);
        Assert.Equal(2, bench.Smmu.StalledTransactions.Count);
        Assert.Equal([true, true, false], bench.DrainEvents().Select(e => e.AsFTranslation().Stall));
    }

    [Fact]
    public void AStallRecordTheQueueCannotTake_IsKept_AndWrittenWhenTheQueueIsEnabled()
    {
        // IHI 0070 7.2.1: the records of stalled transactions are not discarded.
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true));
        bench.Write(new Cr0(0).WithSmmuen(true).WithCmdqen(true)); // EVENTQEN cleared

        var result = bench.Translate(1, Va);

        Assert.Equal((TranslationOutcome.Stalled, false), (result.Outcome, result.EventRecorded));
        Assert.Single(bench.Smmu.StalledTransactions);
        Assert.Empty(bench.DrainEvents());

        bench.Write(new Cr0(0).WithSmmuen(true).WithCmdqen(true).WithEventqen(true));

        var evt = bench.DrainEvents().Single().AsFTranslation();
        Assert.Equal((true, result.Stag!.Value), (evt.Stall, evt.Stag));
    }

    [Fact]
    public void AFullQueue_KeepsStallRecords_WithoutSignallingOverflow_UntilSoftwareMakesRoom()
    {
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true), new SmmuOptions { StallMax = 64 });
        var capacity = 1 << TransactionBench.EventqLog2;
        for (var i = 0; i < capacity + 3; i++)
        {
            Assert.Equal(TranslationOutcome.Stalled, bench.Translate(1, Va + ((ulong)i << 12)).Outcome);
        }

        Assert.False(bench.Smmu.Read<EventqProd>().Ovflg);
        var first = bench.DrainEvents(); // the driver consumes: room for the kept records
        var rest = bench.DrainEvents();

        Assert.Equal(capacity, first.Count);
        Assert.Equal(3, rest.Count);
        Assert.Equal(capacity + 3, first.Concat(rest).Select(e => e.AsFTranslation().Stag).Distinct().Count());
    }

    [Fact]
    public void ClearingSmmuen_TerminatesEveryStall_AndTellsTheStallModel()
    {
        // IHI 0070 3.12.2: stalled transactions are terminated when SMMUEN is cleared.
        var stalls = new RecordingStallAndPri();
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true), stalls: stalls);
        bench.Translate(1, Va);
        bench.Translate(1, Va + 0x1000);

        bench.Write(new Cr0(0).WithCmdqen(true).WithEventqen(true)); // SMMUEN cleared

        Assert.Empty(bench.Smmu.StalledTransactions);
        Assert.Equal(1u, Assert.Single(stalls.Commands).AsCmdStallTerm().StreamID);
    }

    [Fact]
    public void CmdResume_OfAHeldStall_ReachesTheStallModel()
    {
        var stalls = new RecordingStallAndPri();
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true), stalls: stalls);
        var stag = bench.Translate(1, Va).Stag!.Value;

        bench.Commands(CmdResume.Create().WithStreamID(1).WithStag(stag).WithResp(CmdResumeResp.Retry));

        Assert.Equal(stag, Assert.Single(stalls.Commands).AsCmdResume().Stag);
    }

    [Fact]
    public void Stage2FaultWithS2S_Stalls()
    {
        var bench = new TransactionBench(engine: new TranslationEngine()).LinearStreamTable(4).Enable();
        var s2 = new PageTableBuilder(bench.Memory, 2, 12, 40, 1, 0x5000_0000);
        bench.InstallSte(2, TransactionBench.Stage2Ste.WithS2ttb(s2.Root).WithS2s(true));

        var result = bench.Translate(2, 0x8000);

        Assert.Equal(TranslationOutcome.Stalled, result.Outcome);
        var evt = bench.DrainEvents().Single().AsFTranslation();
        Assert.Equal((true, true, 0x8000UL), (evt.Stall, evt.S2, evt.Ipa));
    }

    [Fact]
    public void Reset_DropsStalledTransactions()
    {
        var bench = Stage1(TransactionBench.ValidCd(asid: 1).WithS(true));
        bench.Translate(1, Va);

        bench.Smmu.Reset();

        Assert.Empty(bench.Smmu.StalledTransactions);
    }

    private static TransactionBench Stage1(Cd cd, SmmuOptions? options = null, IStallAndPri? stalls = null)
    {
        var bench = new TransactionBench(options, new TranslationEngine(options), stalls).LinearStreamTable(4).Enable();
        var tables = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x7000_0000);
        bench.InstallSte(1, TransactionBench.Stage1Ste());
        bench.WriteAt(TransactionBench.CdTablesAddress, cd.WithTtb0(tables.Root));
        return bench;
    }
}
