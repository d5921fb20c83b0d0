using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// Checking mode finds the invalidations a driver forgot: a changed page table without
/// CMD_TLBI_*, a changed STE without CMD_CFGI_STE, a changed CD without CMD_CFGI_CD.
/// </summary>
public sealed class CheckingModeTests
{
    private const ulong Va = 0x4000_1000;

    [Fact]
    public void ChangedPte_WithoutTlbi_IsReportedAsStaleTlbEntry()
    {
        var (bench, tables) = Stage1(checking: true);
        tables.Map(Va, 0x9_0000_0000);
        Assert.Equal(0x9_0000_0010UL, bench.Translate(1, Va + 0x10).OutputAddress);

        tables.Map(Va, 0xA_0000_0000); // remapped, no TLBI

        var result = bench.Translate(1, Va + 0x10);

        Assert.Equal(0x9_0000_0010UL, result.OutputAddress); // the stale entry is still used, as on hardware
        var report = Assert.Single(bench.Smmu.StaleEntries);
        Assert.Equal((StaleEntryKind.Tlb, 1u, Va + 0x10), (report.Kind, report.StreamId, report.Address));
        Assert.Contains("0x900000010", report.Detail, System.StringComparison.Ordinal);
        Assert.Contains("0xA00000010", report.Detail, System.StringComparison.Ordinal);
    }

    [Fact]
    public void UnmappedPte_WithoutTlbi_IsReported()
    {
        var (bench, tables) = Stage1(checking: true);
        var leaf = tables.Map(Va, 0x9_0000_0000);
        bench.Translate(1, Va);

        tables.Write(leaf, 0); // unmapped, no TLBI

        Assert.True(bench.Translate(1, Va).Succeeded);
        Assert.Contains("Translation", Assert.Single(bench.Smmu.StaleEntries).Detail, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedPte_WithTlbiAndSync_IsNotReported()
    {
        var (bench, tables) = Stage1(checking: true);
        tables.Map(Va, 0x9_0000_0000);
        bench.Translate(1, Va);

        tables.Map(Va, 0xA_0000_0000);
        bench.Commands(CmdTlbiNhVa.Create().WithAsid(1).WithAddress(Va));

        Assert.Equal(0xA_0000_0000UL, bench.Translate(1, Va).OutputAddress);
        Assert.Empty(bench.Smmu.StaleEntries);
    }

    [Fact]
    public void ChangedSte_WithoutCfgi_IsReportedAsStaleSte()
    {
        var (bench, _) = Stage1(checking: true);
        bench.InstallSte(2, TransactionBench.BypassSte);
        bench.Translate(2);

        bench.InstallSte(2, new Ste().WithV(true).WithConfig(SteConfig.Abort));

        Assert.True(bench.Translate(2).Succeeded);
        var report = Assert.Single(bench.Smmu.StaleEntries);
        Assert.Equal(StaleEntryKind.Ste, report.Kind);
        Assert.Equal("the cached STE { V=1, Config=BYPASS } was used but memory now holds STE { V=1 }", report.Detail);
    }

    [Fact]
    public void ChangedCd_WithoutCfgi_IsReportedAsStaleCd()
    {
        var (bench, tables) = Stage1(checking: true);
        tables.Map(Va, 0x9_0000_0000);
        bench.Translate(1, Va);

        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd(asid: 5).WithTtb0(tables.Root));

        bench.Translate(1, Va);
        Assert.Equal(StaleEntryKind.Cd, Assert.Single(bench.Smmu.StaleEntries).Kind);

        bench.Commands(CmdCfgiCd.Create().WithStreamID(1));
        bench.Translate(1, Va);
        Assert.Single(bench.Smmu.StaleEntries);
    }

    [Fact]
    public void CheckingModeOff_ReportsNothing()
    {
        var (bench, tables) = Stage1(checking: false);
        tables.Map(Va, 0x9_0000_0000);
        bench.Translate(1, Va);
        tables.Map(Va, 0xA_0000_0000);

        bench.Translate(1, Va);

        Assert.Empty(bench.Smmu.StaleEntries);
    }

    [Fact]
    public void StaleEntryDetected_IsRaisedForEachReport()
    {
        var (bench, tables) = Stage1(checking: true);
        var seen = new System.Collections.Generic.List<StaleEntryReport>();
        bench.Smmu.StaleEntryDetected += seen.Add;
        tables.Map(Va, 0x9_0000_0000);
        bench.Translate(1, Va);
        tables.Map(Va, 0xA_0000_0000);

        bench.Translate(1, Va);
        bench.Translate(1, Va);

        Assert.Equal(bench.Smmu.StaleEntries.ToArray(), seen);
        Assert.Equal(2, seen.Count);
    }

    private static (TransactionBench Bench, PageTableBuilder Tables) Stage1(bool checking)
    {
        var bench = new TransactionBench(engine: new TranslationEngine()).LinearStreamTable(4).Enable();
        bench.Smmu.CheckingMode = checking;
        var tables = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x7000_0000);
        bench.InstallSte(1, TransactionBench.Stage1Ste());
        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd(asid: 1).WithTtb0(tables.Root));
        return (bench, tables);
    }
}
