using System;
using System.IO;
using System.Linq;
using System.Text;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// The generator's output for the demo spec, reviewed as text. A change to the emitter shows
/// up here as a diff; run with SMMUGEN_UPDATE_GOLDEN=1 to accept it, then review the files.
/// </summary>
public sealed class GoldenTests
{
    private static readonly string DemoSpec = Repository.PathOf("tests", "SmmuGen.Generator.Sample", "Specs", "demo.yaml");
    private static readonly string GoldenDir = Repository.PathOf("tests", "SmmuGen.Generator.Tests", "Golden", "Demo");

    [Fact]
    public void DemoSpec_GeneratesExactlyTheGoldenFiles()
    {
        var result = new GeneratorRun(("demo.yaml", File.ReadAllText(DemoSpec))).Run();
        Assert.Empty(result.Diagnostics);
        var generated = result.Results.Single().GeneratedSources
            .ToDictionary(s => s.HintName + ".txt", s => s.SourceText.ToString());

        if (Environment.GetEnvironmentVariable("SMMUGEN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(GoldenDir);
            foreach (var stale in Directory.GetFiles(GoldenDir))
            {
                File.Delete(stale);
            }

            foreach (var (name, text) in generated)
            {
                File.WriteAllText(Path.Combine(GoldenDir, name), text, new UTF8Encoding(false));
            }
        }

        var golden = Directory.GetFiles(GoldenDir).ToDictionary(p => Path.GetFileName(p), File.ReadAllText);
        Assert.Equal(golden.Keys.OrderBy(k => k, StringComparer.Ordinal), generated.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (name, expected) in golden)
        {
            var actual = generated[name];
            if (expected != actual)
            {
                Assert.Fail($"{name} differs from its golden file ({FirstDifference(expected, actual)}). If the change is intended, rerun with SMMUGEN_UPDATE_GOLDEN=1 and review the diff.");
            }
        }
    }

    [Fact]
    public void DemoSpec_GeneratedCode_CompilesWithoutWarnings()
    {
        var result = new GeneratorRun(("demo.yaml", File.ReadAllText(DemoSpec))).Run();
        var (_, errors) = GeneratorRun.Compile(result);
        Assert.Empty(errors);
    }

    [Fact]
    public void BundledSmmuv3Spec_GeneratesCodeThatCompilesWithoutWarnings()
    {
        var path = Repository.PathOf("spec", "smmuv3", "registers.yaml");
        var result = new GeneratorRun((path, File.ReadAllText(path))).Run();
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "SmmuGen.Smmuv3.Cr0.g.cs");
        var (_, errors) = GeneratorRun.Compile(result);
        Assert.Empty(errors);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}: expected «{el.Trim()}», got «{al.Trim()}»";
            }
        }

        return "same lines, different line endings";
    }
}
