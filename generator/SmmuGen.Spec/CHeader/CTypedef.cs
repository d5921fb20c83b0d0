using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>A <c>typedef</c> of the header, with the spec type it stands for.</summary>
/// <param name="Name">The typedef name.</param>
/// <param name="Type">The spec type (<c>__u32</c>, <c>struct tag</c>).</param>
/// <param name="Count">Elements when the typedef is an array type, else 1.</param>
/// <param name="Span">The typedef name.</param>
public sealed record CTypedef(string Name, string Type, ulong Count, SourceSpan Span);
