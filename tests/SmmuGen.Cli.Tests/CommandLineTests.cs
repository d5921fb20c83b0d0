using System;

namespace SmmuGen.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void NoArgumentsIsAUsageError()
    {
        var run = CliRun.In(AppContext.BaseDirectory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Required command was not provided", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckWithoutSpecsIsAUsageError()
    {
        var run = CliRun.In(AppContext.BaseDirectory, "check");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Required argument missing for command: 'check'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVerbIsAUsageError()
    {
        var run = CliRun.In(AppContext.BaseDirectory, "frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual(string.Empty, run.Error);
    }

    [Fact]
    public void HelpListsTheVerbs()
    {
        var run = CliRun.In(AppContext.BaseDirectory, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains("check <spec>", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void CheckHelpDescribesTheSpecArgument()
    {
        var run = CliRun.In(AppContext.BaseDirectory, "check", "--help");

        Assert.Equal(0, run.ExitCode);
        // The usage line starts with the executable's name, which is testhost in-process.
        Assert.Contains(" check <spec>... [options]", run.Out, StringComparison.Ordinal);
        Assert.Contains("directories searched recursively for *.yaml", run.Out, StringComparison.Ordinal);
    }
}
