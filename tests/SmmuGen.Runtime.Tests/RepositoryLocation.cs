using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// Finds the repository (the folder holding <c>SmmuGen.sln</c>) and the folders the tests read
/// from it. First by walking up from the test assembly's folder; when the build output lives
/// outside the tree (<c>--artifacts-path /tmp/...</c>) that walk cannot reach the repository, so
/// the project directory recorded at build time is tried next. Every place looked at is kept for
/// the failure message.
/// </summary>
internal sealed class RepositoryLocation
{
    private const string SolutionFile = "SmmuGen.sln";
    private const string ProjectDirectoryKey = "SmmuGen.Runtime.Tests.ProjectDirectory";

    private static readonly Lazy<RepositoryLocation> Current = new(Locate);

    private RepositoryLocation(string? root, IReadOnlyList<string> searched)
    {
        Root = root;
        Searched = searched;
    }

    /// <summary>The repository root, or null when no candidate holds <c>SmmuGen.sln</c>.</summary>
    public string? Root { get; }

    /// <summary>Every folder checked for <c>SmmuGen.sln</c>, in order.</summary>
    public IReadOnlyList<string> Searched { get; }

    public static RepositoryLocation Find() => Current.Value;

    /// <summary>The repository root; fails the calling test, saying where it looked, when there is none.</summary>
    public string RequireRoot()
    {
        if (Root is null)
        {
            Assert.Fail($"Could not find the repository: no {SolutionFile} in any of{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", Searched));
        }

        return Root;
    }

    /// <summary>This test project's source directory, where the golden files live.</summary>
    public string RequireProjectDirectory() =>
        Path.Combine(RequireRoot(), "tests", "SmmuGen.Runtime.Tests");

    private static RepositoryLocation Locate()
    {
        var searched = new List<string>();
        var assemblyDirectory = Path.GetDirectoryName(typeof(RepositoryLocation).Assembly.Location) ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(assemblyDirectory); dir is not null; dir = dir.Parent)
        {
            searched.Add(dir.FullName);
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return new RepositoryLocation(dir.FullName, searched);
            }
        }

        var recorded = typeof(RepositoryLocation).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryKey)?.Value;
        if (!string.IsNullOrEmpty(recorded))
        {
            // The project directory is <root>/tests/SmmuGen.Runtime.Tests.
            for (var dir = new DirectoryInfo(recorded); dir is not null; dir = dir.Parent)
            {
                searched.Add(dir.FullName + " (recorded at build time)");
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return new RepositoryLocation(dir.FullName, searched);
                }
            }
        }

        return new RepositoryLocation(null, searched);
    }
}
