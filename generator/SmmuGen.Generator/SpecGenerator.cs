using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SmmuGen.Generator.Emitting;
using SmmuGen.Generator.Model;
using SmmuGen.Generator.Parsing;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Generator;

/// <summary>
/// Generates value types from the SmmuGen YAML specs a project declares
/// (<c>&lt;SmmuGenSpec Include="…"/&gt;</c>, which become AdditionalFiles with
/// <c>SmmuGenSpec=true</c>).
/// </summary>
/// <remarks>
/// One pipeline per file: file text → parse (model + diagnostics) → two outputs, the source from
/// the model alone and the diagnostics alone. So an unchanged rerun is all cached, an edit to
/// one file regenerates only that file, and an edit that moves lines but keeps the meaning
/// updates diagnostics without re-emitting source.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class SpecGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsSpec(pair.Right.GetOptions(pair.Left)))
            .Select(static (pair, ct) => new SpecFileText(pair.Left.Path, pair.Left.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(StepNames.SpecFiles);

        var parsed = files
            .Select(static (file, ct) => SafeParse(file, ct))
            .WithTrackingName(StepNames.Parse);

        var models = parsed
            .Select(static (result, _) => result.Spec)
            .WithTrackingName(StepNames.Model);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(StepNames.Diagnostics);

        context.RegisterSourceOutput(models, static (spc, spec) => Emit(spc, spec));
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var d in list)
            {
                spc.ReportDiagnostic(SpecDiagnostics.ToDiagnostic(d));
            }
        });
    }

    private static bool IsSpec(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_metadata.AdditionalFiles.SmmuGenSpec", out var value) &&
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static ParseResult SafeParse(SpecFileText file, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            return SpecParser.Parse(file);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ParseResult(null, new[] { InternalError(file.Path, ex) }.ToEquatableArray());
        }
    }

    private static DiagnosticInfo InternalError(string path, Exception ex) => new(
        SpecRules.InternalError.Id,
        SpecSeverity.Error,
        SpecRules.InternalError.Title,
        $"internal error in SmmuGen.Generator ({ex.GetType().Name}: {ex.Message}); please report it with this spec",
        SourceSpan.StartOf(path));

    private static void Emit(SourceProductionContext context, SpecGenerationSpec? spec)
    {
        if (spec is null)
        {
            return;
        }

        try
        {
            var prefix = spec.Name;
            foreach (var e in spec.Enums)
            {
                context.AddSource($"{prefix}.{e.TypeName}.g.cs", SourceText.From(EnumEmitter.Emit(spec, e), System.Text.Encoding.UTF8));
            }

            foreach (var r in spec.Registers)
            {
                context.AddSource($"{prefix}.{r.TypeName}.g.cs", SourceText.From(RegisterEmitter.Emit(spec, r), System.Text.Encoding.UTF8));
            }

            if (spec.Registers.Any())
            {
                context.AddSource($"{prefix}.RegisterMap.g.cs", SourceText.From(RegisterMapEmitter.Emit(spec), System.Text.Encoding.UTF8));
            }
        }
        catch (Exception ex)
        {
            // Two spec files with one name collide on hint names; any other failure is a bug. Neither may crash the compiler.
            context.ReportDiagnostic(SpecDiagnostics.ToDiagnostic(InternalError(spec.SourceFileName, ex)));
        }
    }
}
