using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Diff;

/// <summary>
/// One leaf member of a struct, flattened: its C path (<c>u.x</c> inside a named union, the plain
/// name inside an anonymous one), where it lies and what it is.
/// </summary>
/// <param name="Path">The name C code uses.</param>
/// <param name="Type">The C type as written (<c>__u32</c>, <c>struct iommu_iova_range</c>).</param>
/// <param name="Count">Array length; null for a plain member, 0 for a flexible array.</param>
/// <param name="Offset">offsetof from the start of the struct.</param>
/// <param name="Size">Bytes (all elements).</param>
/// <param name="Reserved">Must be zero.</param>
/// <param name="Union">The offset and size of the innermost union holding it, or null.</param>
/// <param name="Order">Declaration order among the struct's leaves.</param>
/// <param name="Span">Where it is declared.</param>
internal sealed record UapiField(string Path, string Type, int? Count, ulong Offset, ulong Size, bool Reserved, (ulong Offset, ulong Size)? Union, int Order, SourceSpan Span)
{
    public ulong End => Offset + Size;

    public bool IsFlexible => Count == 0;

    /// <summary>The C declaration, briefly: <c>__u8 __reserved[3] at 29</c>.</summary>
    public string Describe() => $"{Type} {Path}{(Count is { } n ? (n == 0 ? "[]" : $"[{n}]") : string.Empty)} at {Offset}";

    /// <summary>Type and array length: what must match for the bytes to mean the same.</summary>
    public string Shape => Type + (Count is { } n ? $"[{n}]" : string.Empty);
}
