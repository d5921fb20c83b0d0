using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SmmuGen.Spec.Tests.CHeader;

/// <summary>Finds the repository and the header fixtures of these tests, wherever the build output lives.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A fixture under tests/SmmuGen.Spec.Tests/CHeader/Fixtures.</summary>
    public static string Fixture(string name) => Path.Combine(RepositoryRoot, "tests", "SmmuGen.Spec.Tests", "CHeader", "Fixtures", name);

    /// <summary>A file of the repository (or beside it, with "..").</summary>
    public static string Repository(params string[] parts) => Path.GetFullPath(Path.Combine(new[] { RepositoryRoot }.Concat(parts).ToArray()));

    private static string FindRoot()
    {
        var recorded = typeof(TestFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SmmuGen.RepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(recorded) && File.Exists(Path.Combine(recorded, "SmmuGen.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmmuGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SmmuGen.sln not found above the test assembly");
    }
}
