using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>What parsing one spec file yields: the model (null on errors) and its diagnostics.</summary>
internal sealed record ParseResult(SpecGenerationSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
