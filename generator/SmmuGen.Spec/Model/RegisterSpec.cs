using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>One MMIO register.</summary>
public sealed record RegisterSpec(
    string Name,
    string? CSharpName,
    ulong Offset,
    int Page,
    int Width,
    ResetSpec Reset,
    EquatableArray<FieldSpec> Fields,
    AckSpec? Ack,
    EquatableArray<RegisterAlias> Aliases,
    string? Doc,
    string? Section,
    string? Since,
    SourceSpan Span,
    SourceSpan OffsetSpan)
{
    /// <summary>Mask of every bit the register has.</summary>
    public ulong WidthMask => Width >= 64 ? ulong.MaxValue : (1UL << Width) - 1;
}
