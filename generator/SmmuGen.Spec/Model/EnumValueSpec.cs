using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>One named encoding of an enum.</summary>
public sealed record EnumValueSpec(string Name, ulong Value, string? Doc, SourceSpan Span, string? Since = null);
