using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// One member of a C struct or union.
/// </summary>
/// <param name="Name">C name; null for an anonymous union or struct.</param>
/// <param name="CSharpName">Explicit C# name, or null for the derived one.</param>
/// <param name="Kind">Scalar, named struct, or inline union/struct.</param>
/// <param name="Type">The C type as written (<c>__u32</c>, <c>struct iommu_iova_range</c>); null for inline kinds.</param>
/// <param name="Count">Array length, or null for a plain member.</param>
/// <param name="Offset">The offset the spec states (checked against the layout), or null.</param>
/// <param name="Reserved">The member must be zero (a named reserved field).</param>
/// <param name="EnumName">The enum giving the member's values, or null.</param>
/// <param name="IsFlags">The enum is a set of flags.</param>
/// <param name="RecordName">The record whose 64-bit words the member holds, or null.</param>
/// <param name="Members">The members of an inline union or struct.</param>
/// <param name="Doc">Description.</param>
/// <param name="Since">First version that has the member.</param>
/// <param name="Span">The member's node.</param>
/// <param name="TypeSpan">The <c>type</c> value, or the member's node.</param>
public sealed record MemberSpec(
    string? Name,
    string? CSharpName,
    MemberKind Kind,
    string? Type,
    int? Count,
    ulong? Offset,
    bool Reserved,
    string? EnumName,
    bool IsFlags,
    string? RecordName,
    EquatableArray<MemberSpec> Members,
    string? Doc,
    string? Since,
    SourceSpan Span,
    SourceSpan TypeSpan)
{
    /// <summary>The <c>count</c> value, or the member's node.</summary>
    public SourceSpan CountSpan { get; init; } = Span;

    /// <summary>The <c>offset</c> value, or the member's node.</summary>
    public SourceSpan OffsetSpan { get; init; } = Span;

    /// <summary>The <c>enum</c> or <c>flags</c> value, or the member's node.</summary>
    public SourceSpan EnumSpan { get; init; } = Span;

    /// <summary>The <c>record</c> value, or the member's node.</summary>
    public SourceSpan RecordSpan { get; init; } = Span;

    /// <summary>True for an inline union or struct without a name, whose members C reaches directly.</summary>
    public bool IsAnonymous => Name is null;

    /// <summary>
    /// The struct tag of a <see cref="MemberKind.Struct"/> member (<c>struct iommu_iova_range</c> →
    /// <c>iommu_iova_range</c>), or null.
    /// </summary>
    public string? StructTag => Kind == MemberKind.Struct && Type is { } t && t.StartsWith("struct", System.StringComparison.Ordinal)
        ? t.Substring("struct".Length).Trim()
        : null;
}
