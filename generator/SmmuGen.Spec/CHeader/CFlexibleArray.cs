using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A flexible array member (<c>__u64 data[];</c>, or <c>[0]</c>, or <c>__DECLARE_FLEX_ARRAY</c>):
/// it adds no bytes to the struct, only its alignment. The model holds it as a member with
/// <c>Count</c> 0, which the spec language itself cannot state.
/// </summary>
/// <param name="Struct">The struct it ends.</param>
/// <param name="Member">The member name (a path inside named inline aggregates).</param>
/// <param name="Type">The element type.</param>
/// <param name="Span">The member.</param>
public sealed record CFlexibleArray(string Struct, string Member, string Type, SourceSpan Span);
