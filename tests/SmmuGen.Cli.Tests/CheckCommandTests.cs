using System;
using System.IO;
using System.Linq;

namespace SmmuGen.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly SpecWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void ValidSpecExitsZeroAndPrintsItsRegisterTable()
    {
        _workspace.Write("demo.yaml", Fixtures.Valid);

        var run = _workspace.Run("check", "demo.yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var expected = """
            demo.yaml (Demo): 4 registers, 6 fields
            +--------------------------------------------------------------------------------------------+
            | Register | Page | Offset | Width | Reset               | Access  | Fields                  |
            |----------+------+--------+-------+---------------------+---------+-------------------------|
            | IDR      |    0 | 0x0000 |    32 | IMPDEF              | RO      | VERSION[7:0]            |
            | CTRL     |    0 | 0x0020 |    32 | 0x0                 | RW, W1C | IRQ[31] MODE[3:1] EN[0] |
            | BYPASS   |    0 | 0x0044 |    32 | 0x0 (IMPDEF: ABORT) | RW      | ABORT[20]               |
            | DOORBELL |    1 | 0x00A8 |    64 | 0x0                 | RW      | ADDR[51:2]              |
            +--------------------------------------------------------------------------------------------+

            1 file, 4 registers, 6 fields: 0 errors, 0 warnings

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), run.Out);
    }

    [Fact]
    public void TableListsFieldsHighestBitFirstAndShowsImpdefResets()
    {
        _workspace.Write("demo.yaml", Fixtures.Valid);

        var run = _workspace.Run("check", "demo.yaml");

        var ctrl = run.OutLines.Single(l => l.Contains("| CTRL ", StringComparison.Ordinal));
        Assert.Contains("| 0x0020 |", ctrl, StringComparison.Ordinal);
        var irq = run.Out.IndexOf("IRQ[31]", StringComparison.Ordinal);
        var mode = run.Out.IndexOf("MODE[3:1]", StringComparison.Ordinal);
        var en = run.Out.IndexOf("EN[0]", StringComparison.Ordinal);
        Assert.True(irq >= 0 && irq < mode && mode < en, run.Out);
        Assert.Contains("| IMPDEF ", run.OutLines.Single(l => l.Contains("| IDR ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("| 0x0 (IMPDEF: ABORT) |", run.OutLines.Single(l => l.Contains("| BYPASS ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void SpecWithAnErrorExitsOneAndPrintsTheLocatedDiagnostic()
    {
        _workspace.Write("bad.yaml", Fixtures.Overlap);

        var run = _workspace.Run("check", "bad.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("bad.yaml(10,29): error SMMUGEN005: register CTRL: field MODE (bits 3:1) overlaps field EN (bits 1:0)", run.OutLines[0]);
        Assert.Equal("1 file, 1 register, 2 fields: 1 error, 0 warnings", run.OutLines[^2]);
    }

    [Fact]
    public void WarningsAloneExitZero()
    {
        _workspace.Write("waived.yaml", Fixtures.UnusedWaiver);

        var run = _workspace.Run("check", "waived.yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("waived.yaml(9,9): warning SMMUGEN016: ", run.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("1 file, 1 register, 1 field: 0 errors, 1 warning", run.OutLines[^2]);
    }

    [Fact]
    public void MalformedYamlIsAnErrorWithoutATable()
    {
        _workspace.Write("bad.yaml", Fixtures.Malformed);

        var run = _workspace.Run("check", "bad.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("bad.yaml(3,1): error SMMUGEN001: ", run.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("bad.yaml: no summary: the file could not be read as a spec", run.OutLines);
        Assert.DoesNotContain("| Register |", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryIsSearchedRecursivelyInOrdinalOrder()
    {
        _workspace.Write("specs/b.yaml", Fixtures.Single("Bee", "BREG"));
        _workspace.Write("specs/a.yaml", Fixtures.Single("Ay", "AREG"));
        _workspace.Write("specs/nested/c.yaml", Fixtures.Single("Cee", "CREG"));
        _workspace.Write("specs/nested/bad.yaml", Fixtures.Overlap);
        _workspace.Write("specs/notes.txt", "not a spec");
        _workspace.Write("specs/other.yml", "not searched: only *.yaml is");

        var run = _workspace.Run("check", "specs");

        Assert.Equal(1, run.ExitCode);
        var sep = Path.DirectorySeparatorChar;
        Assert.Equal($"specs{sep}nested{sep}bad.yaml(10,29): error SMMUGEN005: register CTRL: field MODE (bits 3:1) overlaps field EN (bits 1:0)", run.OutLines[0]);
        var headings = run.OutLines.Where(l => l.StartsWith("specs", StringComparison.Ordinal) && l.Contains("): ", StringComparison.Ordinal) && !l.Contains("error", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            new[]
            {
                $"specs{sep}a.yaml (Ay): 1 register, 1 field",
                $"specs{sep}b.yaml (Bee): 1 register, 1 field",
                $"specs{sep}nested{sep}bad.yaml (Broken): 1 register, 2 fields",
                $"specs{sep}nested{sep}c.yaml (Cee): 1 register, 1 field",
            },
            headings);
        Assert.Equal("4 files, 4 registers, 5 fields: 1 error, 0 warnings", run.OutLines[^2]);
    }

    [Fact]
    public void FileNamedTwiceIsCheckedOnce()
    {
        _workspace.Write("specs/a.yaml", Fixtures.Single("Ay", "AREG"));

        var run = _workspace.Run("check", "specs", Path.Combine("specs", "a.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1 file, 1 register, 1 field: 0 errors, 0 warnings", run.OutLines[^2]);
    }

    [Fact]
    public void PathsOutsideTheWorkingDirectoryStayAbsolute()
    {
        var outside = _workspace.Write("elsewhere/bad.yaml", Fixtures.Overlap);
        Directory.CreateDirectory(Path.Combine(_workspace.Root, "cwd"));

        var run = CliRun.In(Path.Combine(_workspace.Root, "cwd"), "check", outside);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{outside}(10,29): error SMMUGEN005: ", run.OutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPathIsAUsageError()
    {
        var run = _workspace.Run("check", "nope.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal("smmugen: error: no such file or directory: 'nope.yaml'\n", run.Error);
    }

    [Fact]
    public void DirectoryWithoutSpecsIsAUsageError()
    {
        _workspace.Write("empty/readme.txt", "nothing here");

        var run = _workspace.Run("check", "empty");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("smmugen: error: no spec files (*.yaml) found in 'empty'\n", run.Error);
    }

    [Fact]
    public void UnknownOptionIsAUsageError()
    {
        _workspace.Write("demo.yaml", Fixtures.Valid);

        var run = _workspace.Run("check", "--strict", "demo.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--strict'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RedirectedOutputHasNoAnsiEscapes()
    {
        _workspace.Write("demo.yaml", Fixtures.Valid);
        _workspace.Write("bad.yaml", Fixtures.Overlap);

        var run = _workspace.Run("check", ".");

        Assert.DoesNotContain('\u001b', run.Out);
        Assert.All(run.Out, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4} in output"));
    }
}
