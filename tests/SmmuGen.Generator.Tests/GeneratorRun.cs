using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// Runs <see cref="SpecGenerator"/> in-process over in-memory spec files, the way the compiler
/// does: AdditionalFiles plus the analyzer config that marks them as specs.
/// </summary>
internal sealed class GeneratorRun
{
    private readonly Dictionary<string, AdditionalText> _texts = new();
    private readonly CSharpCompilation _compilation;
    private GeneratorDriver _driver;

    /// <summary>Marks every given file as a spec.</summary>
    public GeneratorRun(params (string Path, string Text)[] specs)
        : this(specs, Array.Empty<(string, string)>())
    {
    }

    /// <summary>Spec files plus other AdditionalFiles the generator must ignore.</summary>
    public GeneratorRun((string Path, string Text)[] specs, (string Path, string Text)[] otherFiles)
    {
        _compilation = CSharpCompilation.Create(
            "Consumer",
            Array.Empty<SyntaxTree>(),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        foreach (var (path, text) in specs.Concat(otherFiles))
        {
            _texts[path] = new SpecText(path, text);
        }

        _driver = CSharpGeneratorDriver.Create(
            new[] { new SpecGenerator().AsSourceGenerator() },
            _texts.Values,
            parseOptions: CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            optionsProvider: new SpecOptions(specs.Select(s => s.Path)),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public GeneratorDriverRunResult Run()
    {
        _driver = _driver.RunGenerators(_compilation, CancellationToken.None);
        return _driver.GetRunResult();
    }

    /// <summary>Edits a file, as an IDE does between two runs.</summary>
    public void Replace(string path, string text)
    {
        var replacement = new SpecText(path, text);
        _driver = _driver.ReplaceAdditionalText(_texts[path], replacement);
        _texts[path] = replacement;
    }

    /// <summary>Compiles the generated sources; returns the compilation and its errors.</summary>
    public static (Compilation Compilation, ImmutableArray<Diagnostic> Errors) Compile(GeneratorDriverRunResult result)
    {
        var trees = result.GeneratedTrees;
        var compilation = CSharpCompilation.Create(
            "Generated",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return (compilation, errors);
    }

    public static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(SmmuGen.RegisterInfo).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class SpecOptions(IEnumerable<string> specPaths) : AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _specs = new(specPaths);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(_specs.Contains(textFile.Path)
                ? new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SmmuGenSpec"] = "true" }
                : new Dictionary<string, string>());

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
