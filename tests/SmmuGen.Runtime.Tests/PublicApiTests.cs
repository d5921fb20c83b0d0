using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Smmuv3;
using Xunit.Abstractions;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// The public API of SmmuGen.Runtime (the generated SMMUv3 types) and SmmuGen.Abstractions
/// against golden listings committed under <c>tests/SmmuGen.Runtime.Tests/PublicApi/</c>, so
/// every change to the surface (a spec edit, a generator change) shows up in review.
/// </summary>
public sealed class PublicApiTests(ITestOutputHelper output)
{
    private const string UpdateVariable = "SMMUGEN_UPDATE_GOLDEN";
    private const int MaxDiffLines = 60;

    [Fact]
    public void RuntimePublicApiMatchesTheGoldenFile() =>
        Check("SmmuGen.Runtime", typeof(Smmuv3RegisterMap).Assembly.Location, typeof(RegisterInfo).Assembly.Location);

    [Fact]
    public void AbstractionsPublicApiMatchesTheGoldenFile() =>
        Check("SmmuGen.Abstractions", typeof(RegisterInfo).Assembly.Location);

    [Fact]
    public void ListingShowsSignaturesAndConstantValues()
    {
        var lines = PublicApiListing.Build(typeof(Smmuv3RegisterMap).Assembly.Location, [.. PublicApiListing.FrameworkAssemblies(), typeof(RegisterInfo).Assembly.Location]);
        Assert.Contains("public readonly struct SmmuGen.Smmuv3.Cr0 : SmmuGen.IRegister<SmmuGen.Smmuv3.Cr0>, System.IEquatable<SmmuGen.Smmuv3.Cr0>", lines);
        Assert.Contains("public const uint SmmuGen.Smmuv3.Cr0.VmwMask = 0x1C0", lines);
        Assert.Contains("public const int SmmuGen.Smmuv3.Cr0.VmwShift = 6", lines);
        Assert.Contains("public static SmmuGen.RegisterInfo SmmuGen.Smmuv3.Cr0.Info { get; }", lines);
        Assert.Contains("public SmmuGen.Smmuv3.Cr0 SmmuGen.Smmuv3.Cr0.WithVmw(SmmuGen.Smmuv3.VmidWildcard value)", lines);
        Assert.Contains("public enum SmmuGen.Smmuv3.VmidWildcard : byte", lines);
        Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());

        // Nothing that is not public or protected.
        Assert.DoesNotContain(lines, l => l.StartsWith("private ", StringComparison.Ordinal) || l.StartsWith("internal ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("IRegister<SmmuGen.Smmuv3.Cr0>.FromBits", StringComparison.Ordinal));

        var abstractions = PublicApiListing.Build(typeof(RegisterInfo).Assembly.Location, PublicApiListing.FrameworkAssemblies());
        Assert.Contains("public static abstract SmmuGen.RegisterInfo SmmuGen.IRegister<TSelf>.Info { get; }", abstractions);
        Assert.Contains("public abstract ulong SmmuGen.IRegister<TSelf>.Bits { get; }", abstractions);
    }

    [Fact]
    public void DiffShowsRemovedAndAddedLinesWithContext()
    {
        var diff = Diff(["a", "b", "c", "d", "e", "f"], ["a", "b", "x", "d", "e", "f", "g"]);
        Assert.Equal(
            string.Join(Environment.NewLine, "  b", "- c", "+ x", "  d", "@@", "  f", "+ g", string.Empty),
            diff);
    }

    private void Check(string assemblyName, string assemblyPath, params string[] references)
    {
        Assert.True(File.Exists(assemblyPath), $"{assemblyPath} is missing");
        var actual = PublicApiListing.Build(assemblyPath, [.. PublicApiListing.FrameworkAssemblies(), .. references]);
        Assert.NotEmpty(actual);

        var golden = Path.Combine(RepositoryLocation.Find().RequireProjectDirectory(), "PublicApi", assemblyName + ".txt");
        var text = string.Join("\n", actual) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            output.WriteLine($"{UpdateVariable}=1: wrote {actual.Count} lines to {golden}");
            return;
        }

        var instructions =
            $"If the change is intended, regenerate the golden file and review its diff:{Environment.NewLine}"
            + $"  {UpdateVariable}=1 dotnet test tests/SmmuGen.Runtime.Tests --artifacts-path <path> --filter FullyQualifiedName~{nameof(PublicApiTests)}{Environment.NewLine}"
            + $"(it rewrites {golden} in the source tree).";
        if (!File.Exists(golden))
        {
            Assert.Fail($"The golden public API file {golden} does not exist.{Environment.NewLine}{instructions}");
        }

        var expected = File.ReadAllText(golden).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            Assert.Fail(
                $"The public API of {assemblyName} differs from {golden} ('-' golden, '+' actual):{Environment.NewLine}"
                + Diff(expected, actual) + Environment.NewLine + instructions);
        }
    }

    /// <summary>A unified-style diff of the first differences, with one line of context around each.</summary>
    internal static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        // Longest common subsequence over the lines, then a walk that prints the edits.
        var n = expected.Count;
        var m = actual.Count;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(expected[i], actual[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var script = new List<(char Op, string Line)>();
        int a = 0, b = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && string.Equals(expected[a], actual[b], StringComparison.Ordinal))
            {
                script.Add((' ', expected[a++]));
                b++;
            }
            else if (a < n && (b == m || lcs[a + 1, b] >= lcs[a, b + 1]))
            {
                script.Add(('-', expected[a++]));
            }
            else
            {
                script.Add(('+', actual[b++]));
            }
        }

        var changed = script.Count(s => s.Op != ' ');
        var show = new bool[script.Count];
        for (var k = 0; k < script.Count; k++)
        {
            if (script[k].Op != ' ')
            {
                for (var c = Math.Max(0, k - 1); c <= Math.Min(script.Count - 1, k + 1); c++)
                {
                    show[c] = true;
                }
            }
        }

        var sb = new StringBuilder();
        var printed = 0;
        var gap = false;
        for (var k = 0; k < script.Count && printed < MaxDiffLines; k++)
        {
            if (!show[k])
            {
                gap = true;
                continue;
            }

            if (gap && printed > 0)
            {
                sb.AppendLine("@@");
            }

            gap = false;
            sb.Append(script[k].Op).Append(' ').AppendLine(script[k].Line);
            printed++;
        }

        if (printed >= MaxDiffLines)
        {
            sb.AppendLine($"... ({changed} changed lines in all; first {MaxDiffLines} diff lines shown)");
        }

        return sb.ToString();
    }
}
