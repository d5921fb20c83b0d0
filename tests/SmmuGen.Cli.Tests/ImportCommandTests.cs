using System;
using System.IO;

namespace SmmuGen.Cli.Tests;

/// <summary>
/// <c>smmugen import</c>: the skeleton it writes (golden), that <c>check</c> accepts it, that
/// <c>diff</c> finds it equal to its header, and its errors and options.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly SpecWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Import_WritesTheGoldenSkeleton()
    {
        _workspace.Write("widget-v2.h", Golden.Fixture("widget-v2.h"));
        var run = _workspace.Run("import", "widget-v2.h", "-o", "spec/widget.yaml");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("wrote spec/widget.yaml (1 constant, 3 enums, 8 structs, 6 ioctls)", run.Out, StringComparison.Ordinal);
        Golden.AssertMatches("widget-v2.yaml", File.ReadAllText(Path.Combine(_workspace.Root, "spec", "widget.yaml")));
    }

    [Fact]
    public void ImportedSpec_Checks_AndDiffsEqualToItsHeader()
    {
        _workspace.Write("widget-v1.h", Golden.Fixture("widget-v1.h"));
        Assert.Equal(0, _workspace.Run("import", "widget-v1.h", "-o", "widget.yaml").ExitCode);

        var check = _workspace.Run("check", "widget.yaml");
        Assert.True(check.ExitCode == 0, check.Out);
        Assert.Contains("0 errors", check.Out, StringComparison.Ordinal);

        var diff = _workspace.Run("diff", "widget.yaml", "widget-v1.h");
        Assert.True(diff.ExitCode == 0, diff.Out + diff.Error);
        Assert.Contains("no changes", diff.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NameAndNamespace_Options_AndStandardOutput()
    {
        _workspace.Write("w.h", "#define W_ONE 1\n");
        var run = _workspace.Run("import", "w.h", "-o", "-", "--name", "Widgets", "--namespace", "Acme.Widgets");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("name: Widgets\nnamespace: Acme.Widgets\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  - name: W_ONE\n    value: 0x1\n", run.Out, StringComparison.Ordinal);

        var defaults = _workspace.Run("import", "w.h", "-o", "-");
        Assert.Contains("name: W\nnamespace: SmmuGen.W\n", defaults.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Defines_AreTakenBeforeTheHeader()
    {
        _workspace.Write("w.h", "struct w { __u32 size; __u8 name[NAME_LEN]; };\n");
        Assert.Equal(1, _workspace.Run("import", "w.h", "-o", "-").ExitCode);
        var run = _workspace.Run("import", "w.h", "-o", "-", "-D", "NAME_LEN=4");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("{ name: name, type: __u8, count: 4, offset: 4 }", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderWithErrors_Exits1_AndWritesNothing()
    {
        _workspace.Write("bad.h", "struct w {\n\t__u32 a\n};\n");
        var run = _workspace.Run("import", "bad.h", "-o", "bad.yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.h(3,1): error SMMUGEN040", run.Out, StringComparison.Ordinal);
        Assert.Contains("no spec written", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_workspace.Root, "bad.yaml")));
    }

    [Fact]
    public void UsageErrors_Exit2()
    {
        _workspace.Write("w.h", "#define W_ONE 1\n");
        Assert.Equal(2, _workspace.Run("import", "w.h").ExitCode);
        Assert.Equal(2, _workspace.Run("import", "missing.h", "-o", "x.yaml").ExitCode);
        Assert.Equal(2, _workspace.Run("import", "w.h", "-o", "x.yaml", "--name", "1bad").ExitCode);
        Assert.Equal(2, _workspace.Run("import", "w.h", "-o", "x.yaml", "--namespace", "a..b").ExitCode);
    }
}
