using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace SmmuGen.Cli.Tests;

/// <summary>
/// <c>smmugen diff</c>: the report in every format against golden files, the abidiff-style exit
/// code bits, and inputs from files, directories, headers and git revisions.
/// </summary>
public sealed class DiffCommandTests : IDisposable
{
    private const string Plain = "struct w { __u32 size; __u32 id; };\n";

    private readonly SpecWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private CliRun DiffWidget(params string[] options)
    {
        _workspace.Write("widget-v1.h", Golden.Fixture("widget-v1.h"));
        _workspace.Write("widget-v2.h", Golden.Fixture("widget-v2.h"));
        var args = new[] { "diff", "widget-v1.h", "widget-v2.h" };
        return _workspace.Run([.. args, .. options]);
    }

    [Fact]
    public void Text_MatchesTheGoldenFile()
    {
        var run = DiffWidget();
        Assert.Equal(4 | 8, run.ExitCode);
        Golden.AssertMatches("widget-diff.txt", run.Out);
    }

    [Fact]
    public void Json_MatchesTheGoldenFile_AndParses()
    {
        var run = DiffWidget("--format", "json");
        Assert.Equal(12, run.ExitCode);
        Golden.AssertMatches("widget-diff.json", run.Out);
        using var json = JsonDocument.Parse(run.Out);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(summary.GetProperty("changes").GetInt32(), json.RootElement.GetProperty("changes").GetArrayLength());
        Assert.True(summary.GetProperty("breaking").GetInt32() > 0);
    }

    [Fact]
    public void Markdown_MatchesTheGoldenFile()
    {
        var run = DiffWidget("-f", "markdown");
        Assert.Equal(12, run.ExitCode);
        Golden.AssertMatches("widget-diff.md", run.Out);
    }

    [Fact]
    public void Diagnostics_GoToStandardError_NotIntoTheReport()
    {
        var run = DiffWidget("--format", "json");
        Assert.Contains("widget-v1.h(72,8): warning SMMUGEN024", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SMMUGEN024", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("struct w { __u32 size; __u32 id; };\n", 0, "no changes")]
    [InlineData("struct w { __u32 size; __u32 id; __u32 more; __u32 __reserved; };\n", 4, "0 breaking, 0 needs review")]
    [InlineData("struct w { __u32 size; __u32 id; };\nstruct x { __u32 a; __aligned_u64 b; };\n", 4, "1 compatible")]
    [InlineData("struct w { __u32 size; __s32 id; };\n", 4, "1 needs review")]
    [InlineData("struct w { __u32 id; __u32 size; };\n", 12, "2 breaking")]
    [InlineData("struct w { __u32 size; __u16 id; };\n", 12, "breaking")]
    public void ExitCode_HasTheChangeAndBreakingBits(string newHeader, int exitCode, string summary)
    {
        _workspace.Write("a.h", Plain);
        _workspace.Write("b.h", newHeader);
        var run = _workspace.Run("diff", "a.h", "b.h");
        Assert.True(exitCode == run.ExitCode, run.Out + run.Error);
        Assert.Contains(summary, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void InputWithErrors_Exits1_WithoutAReport()
    {
        _workspace.Write("a.h", Plain);
        _workspace.Write("bad.h", "struct w { __u32 size : 3; };\n");
        var run = _workspace.Run("diff", "a.h", "bad.h");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("bad.h(1,23): error SMMUGEN045", run.Error, StringComparison.Ordinal);
        Assert.Contains("no diff: bad.h has errors", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UsageErrors_Exit2()
    {
        _workspace.Write("a.h", Plain);
        Assert.Equal(2, _workspace.Run("diff", "a.h").ExitCode);
        Assert.Equal(2, _workspace.Run("diff", "a.h", "missing.h").ExitCode);
        Assert.Equal(2, _workspace.Run("diff", "a.h", "a.h", "--format", "xml").ExitCode);
    }

    [Fact]
    public void SpecAgainstItsOwnHeader_And_SpecDirectories_Work()
    {
        _workspace.Write("specs/w.yaml", """
            name: W
            namespace: T.W
            structs:
              - name: w
                size-prefixed: true
                members:
                  - { name: size, type: __u32 }
                  - { name: id, type: __u32 }
            """);
        _workspace.Write("specs/other.yaml", "name: O\nnamespace: T.O\nconstants:\n  - { name: O_VALUE, value: 7 }\n");
        _workspace.Write("a.h", Plain);
        var run = _workspace.Run("diff", "specs/w.yaml", "a.h");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);

        var folder = _workspace.Run("diff", "a.h", "specs");
        Assert.Equal(4, folder.ExitCode);
        Assert.Contains("smmugen diff: a.h → specs", folder.Out, StringComparison.Ordinal);
        Assert.Contains("constant O_VALUE", folder.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Defines_GiveNamesFromIncludes_ToBothSides()
    {
        _workspace.Write("a.h", "struct w { __u32 size; __u8 name[NAME_LEN]; };\n");
        _workspace.Write("b.h", "struct w { __u32 size; __u8 name[NAME_LEN]; __u32 more; };\n");
        Assert.Equal(1, _workspace.Run("diff", "a.h", "b.h").ExitCode);
        var run = _workspace.Run("diff", "a.h", "b.h", "-D", "NAME_LEN=12", "--define", "UNUSED");
        Assert.True(run.ExitCode == 4, run.Out + run.Error);
        Assert.Contains("+ more (__u32 more at 16)", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, _workspace.Run("diff", "a.h", "b.h", "-D", "1BAD=2").ExitCode);
    }

    [Fact]
    public void PathAtGitRevision_ReadsTheCommittedVersion()
    {
        Git("init", "-q");
        _workspace.Write("uapi/w.h", Plain);
        _workspace.Write("spec/w.yaml", "name: W\nnamespace: T.W\nconstants:\n  - { name: W_MAX, value: 3 }\n");
        Git("add", ".");
        Git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "v1");
        _workspace.Write("uapi/w.h", "struct w { __u32 size; __u32 id; __u32 extra; };\n");

        var header = _workspace.Run("diff", "uapi/w.h@HEAD", "uapi/w.h");
        Assert.True(header.ExitCode == 4, header.Out + header.Error);
        Assert.Contains("+ extra", header.Out, StringComparison.Ordinal);
        Assert.Contains("smmugen diff: uapi/w.h@HEAD → uapi/w.h", header.Out, StringComparison.Ordinal);

        var folder = _workspace.Run("diff", "spec@HEAD", "spec");
        Assert.True(folder.ExitCode == 0, folder.Out + folder.Error);

        var missing = _workspace.Run("diff", "uapi/w.h@no-such-revision", "uapi/w.h");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("git cat-file failed", missing.Error, StringComparison.Ordinal);
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _workspace.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(" ", args)} failed: {error}");
    }
}
