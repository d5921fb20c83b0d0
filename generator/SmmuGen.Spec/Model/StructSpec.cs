using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// A C struct of the uAPI. Its layout is computed by C rules; <see cref="Size"/> and
/// <see cref="Align"/> are what the spec states, checked against the computed layout.
/// <see cref="SizePrefixed"/> marks iommufd's extensible structs: the first member is a
/// <c>__u32 size</c> that user space sets to the size it knows.
/// </summary>
public sealed record StructSpec(
    string Name,
    string? CSharpName,
    EquatableArray<MemberSpec> Members,
    ulong? Size,
    ulong? Align,
    bool SizePrefixed,
    string? Doc,
    string? Section,
    string? Since,
    SourceSpan Span)
{
    /// <summary>The <c>size</c> value, or the struct's node.</summary>
    public SourceSpan SizeSpan { get; init; } = Span;

    /// <summary>The <c>align</c> value, or the struct's node.</summary>
    public SourceSpan AlignSpan { get; init; } = Span;
}
