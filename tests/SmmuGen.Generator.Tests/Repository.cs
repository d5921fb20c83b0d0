using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SmmuGen.Generator.Tests;

/// <summary>Paths inside the repository the tests were built from.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string Find()
    {
        var recorded = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SmmuGen.RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "SmmuGen.sln")))
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

        throw new InvalidOperationException("cannot find the repository root (SmmuGen.sln) from " + AppContext.BaseDirectory);
    }
}
