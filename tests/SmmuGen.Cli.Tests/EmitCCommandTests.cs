using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace SmmuGen.Cli.Tests;

public sealed class EmitCCommandTests : IDisposable
{
    private const string Records = """
        name: Rec
        namespace: Test.Rec
        records:
          - name: CMD
            size: 16
            discriminator: OP
            fields:
              - { name: OP, bits: "7:0" }
            variants:
              - name: CMD_SYNC
                value: 0x46
                fields:
                  - { name: CS, bits: "13:12", enum: { NONE: 0, IRQ: 1 } }
                  - { name: SPLIT, bits: "71:60" }
        """;

    private readonly SpecWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void EmitC_WritesOneHeaderWithRegisterAndRecordMacros()
    {
        _workspace.Write("regs.yaml", Fixtures.Valid);
        _workspace.Write("rec.yaml", Records);

        var run = _workspace.Run("emit-c", "regs.yaml", "rec.yaml", "-o", "out/smmu.h");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote out/smmu.h (2 spec files)", run.Out, StringComparison.Ordinal);
        var header = File.ReadAllText(Path.Combine(_workspace.Root, "out", "smmu.h"));
        Assert.Contains("#ifndef SMMUGEN_SMMU_H", header, StringComparison.Ordinal);
        Assert.Contains("#define SMMUGEN_CTRL_MODE SMMUGEN_GENMASK_ULL(3, 1)", header, StringComparison.Ordinal);
        Assert.Contains("#define SMMUGEN_CMD_OP_CMD_SYNC 0x46", header, StringComparison.Ordinal);
        Assert.Contains("#define SMMUGEN_CMD_SYNC_0_CS SMMUGEN_GENMASK_ULL(13, 12)", header, StringComparison.Ordinal);
        Assert.Contains("#define SMMUGEN_CMD_SYNC_0_CS_IRQ 0x1", header, StringComparison.Ordinal);
        Assert.Contains("#define SMMUGEN_CMD_SYNC_0_SPLIT_LO SMMUGEN_GENMASK_ULL(63, 60)", header, StringComparison.Ordinal);
        Assert.Contains("#define SMMUGEN_CMD_SYNC_1_SPLIT_HI SMMUGEN_GENMASK_ULL(7, 0)", header, StringComparison.Ordinal);
        AssertGccAccepts(Path.Combine(_workspace.Root, "out", "smmu.h"));
    }

    [Fact]
    public void EmitC_PrefixOptionRenamesTheMacros()
    {
        _workspace.Write("rec.yaml", Records);
        var run = _workspace.Run("emit-c", "rec.yaml", "-o", "r.h", "--prefix", "ARM_SMMU");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("#define ARM_SMMU_CMD_DWORDS 2", File.ReadAllText(Path.Combine(_workspace.Root, "r.h")), StringComparison.Ordinal);
    }

    [Fact]
    public void EmitC_SpecWithErrors_Exits1_AndWritesNothing()
    {
        _workspace.Write("bad.yaml", Fixtures.Overlap);
        var run = _workspace.Run("emit-c", "bad.yaml", "-o", "bad.h");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error SMMUGEN005", run.Out, StringComparison.Ordinal);
        Assert.Contains("no header written", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_workspace.Root, "bad.h")));
    }

    [Fact]
    public void EmitC_WithoutOutput_IsAUsageError()
    {
        _workspace.Write("rec.yaml", Records);
        Assert.Equal(2, _workspace.Run("emit-c", "rec.yaml").ExitCode);
        Assert.Equal(2, _workspace.Run("emit-c", "rec.yaml", "-o", "x.h", "--prefix", "1BAD").ExitCode);
    }

    private static void AssertGccAccepts(string header)
    {
        var gcc = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "gcc")).FirstOrDefault(File.Exists);
        Assert.True(gcc is not null, "gcc was not found on PATH: this test compiles the emitted header and cannot check it without gcc");
        var psi = new ProcessStartInfo(gcc!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-x", "c", header })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "gcc rejected the header:\n" + errors);
    }
}
