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

        // Every file's type names, so a type two files define is emitted once and reported once.
        // Combined per file: an edit that keeps the set of names leaves other files' emit input equal.
        var allTypes = models
            .Select(static (spec, _) => spec is null ? EquatableArray<GeneratedTypeName>.Empty : TypeNames(spec))
            .Collect()
            .Select(static (all, _) => all.SelectMany(a => a).OrderBy(t => t.FullName, StringComparer.Ordinal).ThenBy(t => t.SourcePath, StringComparer.Ordinal).ToEquatableArray());

        var emitInput = models
            .Combine(allTypes)
            .WithTrackingName(StepNames.EmitInput);

        context.RegisterSourceOutput(emitInput, static (spc, input) => Emit(spc, input.Left, input.Right));

        // The C side, with every file's records, so a struct member's record link resolves to the
        // type another file generates (records → namespace, type, size).
        var allRecords = models
            .Select(static (spec, _) => spec is null ? EquatableArray<StructRecordTargetGenerationSpec>.Empty : StructEmitter.RecordTargets(spec))
            .Collect()
            .Select(static (all, _) => all.SelectMany(a => a).OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.SourcePath, StringComparer.Ordinal).ToEquatableArray());
        var structInput = emitInput
            .Combine(allRecords)
            .WithTrackingName(StepNames.StructEmitInput);
        context.RegisterSourceOutput(structInput, static (spc, input) => StructEmitter.EmitAll(spc, input.Left.Left, input.Left.Right, input.Right));
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

    private static EquatableArray<GeneratedTypeName> TypeNames(SpecGenerationSpec spec) =>
        spec.Enums.Select(e => e.TypeName)
            .Concat(spec.Registers.Select(r => r.TypeName))
            .Concat(spec.Records.SelectMany(r => new[] { r.TypeName }.Concat(r.Variants.Select(v => v.TypeName))))
            .Concat(spec.Registers.Any() ? new[] { RegisterMapEmitter.TypeName(spec) } : Array.Empty<string>())
            .Concat(StructEmitter.TypeNames(spec))
            .Select(t => new GeneratedTypeName($"{spec.Namespace}.{t}", spec.SourcePath))
            .ToEquatableArray();

    private static void Emit(SourceProductionContext context, SpecGenerationSpec? spec, EquatableArray<GeneratedTypeName> allTypes)
    {
        if (spec is null)
        {
            return;
        }

        try
        {
            // The first file (by path) that defines a type owns it; later ones are told so.
            var files = new GeneratedFiles(context, spec, allTypes);
            bool Owns(string typeName) => files.Owns(typeName);
            void Add(string typeName, string source) => files.Add(typeName, source);

            foreach (var e in spec.Enums.Where(e => Owns(e.TypeName)))
            {
                Add(e.TypeName, EnumEmitter.Emit(spec, e));
            }

            foreach (var r in spec.Registers.Where(r => Owns(r.TypeName)))
            {
                Add(r.TypeName, RegisterEmitter.Emit(spec, r));
            }

            foreach (var r in spec.Records.Where(r => Owns(r.TypeName)))
            {
                Add(r.TypeName, RecordEmitter.EmitFamily(spec, r));
                foreach (var v in r.Variants.Where(v => Owns(v.TypeName)))
                {
                    Add(v.TypeName, RecordEmitter.EmitVariant(spec, r, v));
                }
            }

            if (spec.Registers.Any() && Owns(RegisterMapEmitter.TypeName(spec)))
            {
                Add(RegisterMapEmitter.TypeName(spec), RegisterMapEmitter.Emit(spec));
            }
        }
        catch (Exception ex)
        {
            // A failure here is a bug; it must not crash the compiler.
            context.ReportDiagnostic(SpecDiagnostics.ToDiagnostic(InternalError(spec.SourcePath, ex)));
        }
    }
}
