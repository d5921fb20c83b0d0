using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// A diagnostic id waived inside one spec node (the file, a register or a field), with the reason.
/// <paramref name="Scope"/> is the whole node the waiver covers.
/// </summary>
public sealed record Waiver(string Id, string Reason, SourceSpan Scope, SourceSpan Span);
