using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SmmuGen.Cli.Tests;

/// <summary>
/// Depends on the bundled spec (spec/smmuv3/registers.yaml): fails while that spec has errors or
/// lacks CR0. Asserts nothing else about its contents, which its own tests cover.
/// </summary>
public sealed class BundledSpecTests
{
    [Fact]
    [Trait("DependsOn", "BundledSpec")]
    public void RepositorySpecDirectoryChecksClean()
    {
        var repoRoot = FindRepositoryRoot();

        var run = CliRun.In(repoRoot, "check", "spec");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains(run.OutLines, l => l.StartsWith("| CR0 ", StringComparison.Ordinal));
    }

    /// <summary>The folder holding SmmuGen.sln, above the test assembly or, when built elsewhere, above the project.</summary>
    private static string FindRepositoryRoot()
    {
        var projectDirectory = typeof(BundledSpecTests).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmmuGen.Cli.Tests.ProjectDirectory")
            .Value;
        var starts = new[] { AppContext.BaseDirectory, projectDirectory };
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SmmuGen.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SmmuGen.sln not found above the test assembly or the test project");
    }
}
