using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>An acknowledge relation from one register to another.</summary>
public sealed record AckSpec(string Of, AckKind Kind, SourceSpan Span);
