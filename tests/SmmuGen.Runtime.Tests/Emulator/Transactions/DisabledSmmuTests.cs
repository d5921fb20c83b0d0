using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>Transactions while SMMUEN is clear: GBPA decides (IHI 0070 6.3.9.6, 6.3.14).</summary>
public sealed class DisabledSmmuTests
{
    [Fact]
    public void SmmuDisabled_GbpaBypass_PassesTrafficUntranslated_WithoutTouchingTheStreamTable()
    {
        var bench = new TransactionBench(new SmmuOptions { GbpaReset = Gbpa.Reset.WithAbort(false) }).LinearStreamTable(8);
        bench.Memory.AddAbortRegion(TransactionBench.StreamTableAddress, 1 << 14); // any table access would abort

        var result = bench.Translate(3, 0xABC_D000, substreamId: 4);

        Assert.Equal(TranslationResult.Bypass(0xABC_D000), result);
        Assert.Empty(bench.Engine.Contexts);
    }

    [Fact]
    public void SmmuDisabled_GbpaAbort_AbortsWithoutAnEvent()
    {
        var bench = new TransactionBench(new SmmuOptions { GbpaReset = Gbpa.Reset.WithAbort(true) }).LinearStreamTable(8);
        bench.Write(new Cr0(0).WithEventqen(true));

        Assert.Equal(TranslationResult.Abort(), bench.Translate(3));
        Assert.Empty(bench.DrainEvents());
    }

    [Fact]
    public void SmmuDisabled_AddressBeyondOas_Aborts()
    {
        var bench = new TransactionBench(new SmmuOptions { GbpaReset = Gbpa.Reset.WithAbort(false), OutputAddressSize = Idr5Oas.Bits40 });

        Assert.Equal(TranslationOutcome.Bypassed, bench.Translate(0, (1UL << 40) - 1).Outcome);
        Assert.Equal(TranslationResult.Abort(), bench.Translate(0, 1UL << 40));
    }

    [Fact]
    public void GbpaAbortSetThroughUpdate_TakesEffectForTheNextTransaction()
    {
        var bench = new TransactionBench(new SmmuOptions { GbpaReset = Gbpa.Reset.WithAbort(false) });
        Assert.True(bench.Translate(0).Succeeded);

        // Linux's arm_smmu_update_gbpa(smmu, GBPA_ABORT, 0): write with UPDATE, poll until it clears.
        bench.Write(Gbpa.Reset.WithAbort(true).WithUpdate(true));
        Assert.False(new Gbpa(bench.Smmu.Read32(Gbpa.Info.Page, Gbpa.Info.Offset)).Update);

        Assert.Equal(TranslationOutcome.Aborted, bench.Translate(0).Outcome);
    }

    [Fact]
    public void EnablingTheSmmu_SwitchesFromGbpaToTheStreamTable()
    {
        var bench = new TransactionBench(new SmmuOptions { GbpaReset = Gbpa.Reset.WithAbort(true) }).LinearStreamTable(8);
        bench.InstallSte(1, TransactionBench.BypassSte);
        Assert.Equal(TranslationOutcome.Aborted, bench.Translate(1).Outcome);

        bench.Enable();

        Assert.Equal(TranslationOutcome.Bypassed, bench.Translate(1).Outcome);
    }
}
