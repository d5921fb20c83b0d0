using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A <c>packed</c> or <c>aligned</c> attribute (or <c>#pragma pack</c>): it changes a C layout, and
/// the layout engine does not model it, so every one is recorded and warned about.
/// </summary>
/// <param name="Owner">What carries it: <c>struct x</c>, <c>x.member</c>, or <c>#pragma pack</c>.</param>
/// <param name="Attribute">The attribute as written inside <c>__attribute__((…))</c>.</param>
/// <param name="Span">The attribute.</param>
public sealed record CLayoutAttribute(string Owner, string Attribute, SourceSpan Span);
