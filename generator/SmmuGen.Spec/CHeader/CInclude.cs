using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>An <c>#include</c> of the header: recorded, never followed.</summary>
/// <param name="Path">What it names (<c>linux/types.h</c>).</param>
/// <param name="IsSystem">Written <c>&lt;…&gt;</c> rather than <c>"…"</c>.</param>
/// <param name="Span">The directive.</param>
public sealed record CInclude(string Path, bool IsSystem, SourceSpan Span);
