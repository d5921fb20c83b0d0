using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Generator.Model;

/// <summary>
/// A spec diagnostic in a form that compares by value, so the diagnostics step of the pipeline
/// caches like the model does (a Roslyn <c>Location</c> would not).
/// </summary>
internal sealed record DiagnosticInfo(string Id, SpecSeverity Severity, string Title, string Message, SourceSpan Span);
