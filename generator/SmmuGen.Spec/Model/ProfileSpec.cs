using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>A named set of a record's fields, used as a mask: "only these may be set", "these changes matter".</summary>
public sealed record ProfileSpec(string Name, EquatableArray<string> Fields, string? Doc, SourceSpan Span);
