using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SmmuGen.Cli.Tests;

/// <summary>
/// Golden files under Golden/ and fixtures under DiffFixtures/ of this test project. After an
/// intended output change, run with SMMUGEN_UPDATE_GOLDEN=1 and review the diff of Golden/.
/// </summary>
internal static class Golden
{
    private static readonly string Project = typeof(Golden).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SmmuGen.Cli.Tests.ProjectDirectory")
        .Value!;

    private static bool Updating => Environment.GetEnvironmentVariable("SMMUGEN_UPDATE_GOLDEN") == "1";

    /// <summary>The text of DiffFixtures/<paramref name="name"/>.</summary>
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(Project, "DiffFixtures", name)).ReplaceLineEndings("\n");

    /// <summary>Asserts <paramref name="actual"/> equals Golden/<paramref name="name"/> (or writes it when updating).</summary>
    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(Project, "Golden", name);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {name} is missing; run the tests with SMMUGEN_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var lines = expected.Split('\n');
            var got = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Min(lines.Length, got.Length)).FirstOrDefault(i => lines[i] != got[i], Math.Min(lines.Length, got.Length));
            Assert.Fail($"output differs from Golden/{name} at line {first + 1}:\n  expected: {(first < lines.Length ? lines[first] : "(end)")}\n  actual:   {(first < got.Length ? got[first] : "(end)")}\n(run with SMMUGEN_UPDATE_GOLDEN=1 to accept the new output)");
        }
    }
}
