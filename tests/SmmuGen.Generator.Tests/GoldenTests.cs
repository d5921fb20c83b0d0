using System;
using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Spec;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// The generator's output for each sample spec (tests/SmmuGen.Generator.Sample/Specs), reviewed
/// as text: one golden folder per spec, named after the file (demo.yaml → Golden/Demo). The specs
/// are generated together, as the sample project does, so record links across files resolve. A
/// change to an emitter shows up here as a diff; run with SMMUGEN_UPDATE_GOLDEN=1 to accept it,
/// then review the files.
/// </summary>
public sealed class GoldenTests
{
    private static readonly string SpecDir = Repository.PathOf("tests", "SmmuGen.Generator.Sample", "Specs");
    private static readonly string GoldenRoot = Repository.PathOf("tests", "SmmuGen.Generator.Tests", "Golden");

    public static TheoryData<string> SampleSpecs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SpecDir, "*.yaml").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    private static (string Path, string Text)[] AllSampleSpecs() =>
        Directory.GetFiles(SpecDir, "*.yaml").OrderBy(f => f, StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToArray();

    private static string GoldenDirOf(string file) => Path.Combine(GoldenRoot, Spec.Naming.Identifiers.ToPascal(Path.GetFileNameWithoutExtension(file)));

    [Theory]
    [MemberData(nameof(SampleSpecs))]
    public void SampleSpec_GeneratesExactlyTheGoldenFiles(string file)
    {
        var specs = AllSampleSpecs();
        var result = new GeneratorRun(specs).Run();
        Assert.Empty(result.Diagnostics);

        // A file's sources are those in its namespace (hint names are Namespace.Type.g.cs), so the
        // sample specs must not share a namespace.
        var namespaces = specs.ToDictionary(s => s.Path, s => SpecCompiler.Compile(s.Path, s.Text).Document!.Namespace);
        Assert.Equal(namespaces.Count, namespaces.Values.Distinct(StringComparer.Ordinal).Count());
        static string NamespaceOf(string hintName)
        {
            var typeQualified = hintName.Substring(0, hintName.Length - ".g.cs".Length);
            return typeQualified.Substring(0, typeQualified.LastIndexOf('.'));
        }

        var generated = result.Results.Single().GeneratedSources
            .Where(s => NamespaceOf(s.HintName) == namespaces[file])
            .ToDictionary(s => s.HintName + ".txt", s => s.SourceText.ToString());
        Assert.NotEmpty(generated);

        var goldenDir = GoldenDirOf(file);
        if (Environment.GetEnvironmentVariable("SMMUGEN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(goldenDir);
            foreach (var stale in Directory.GetFiles(goldenDir))
            {
                File.Delete(stale);
            }

            foreach (var (name, text) in generated)
            {
                File.WriteAllText(Path.Combine(goldenDir, name), text, new UTF8Encoding(false));
            }
        }

        Assert.True(Directory.Exists(goldenDir), $"{file} has no golden folder {goldenDir}; run with SMMUGEN_UPDATE_GOLDEN=1 to create it, then review it");
        var golden = Directory.GetFiles(goldenDir).ToDictionary(p => Path.GetFileName(p), File.ReadAllText);
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
    public void EveryGoldenFolder_BelongsToASampleSpec()
    {
        var expected = AllSampleSpecs().Select(s => Path.GetFileName(GoldenDirOf(s.Path))).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetDirectories(GoldenRoot).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void SampleSpecs_GeneratedCode_CompilesWithoutWarnings()
    {
        var result = new GeneratorRun(AllSampleSpecs()).Run();
        Assert.Empty(result.Diagnostics);
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
