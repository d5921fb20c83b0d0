using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// An in-memory structure the SMMU reads or writes: a little-endian value of
/// <see cref="SizeBytes"/> bytes with fields as bit ranges over the whole value.
/// </summary>
public sealed record RecordSpec(
    string Name,
    string? CSharpName,
    int SizeBytes,
    EquatableArray<FieldSpec> Fields,
    string? Discriminator,
    EquatableArray<VariantSpec> Variants,
    EquatableArray<ProfileSpec> Profiles,
    string? Doc,
    string? Section,
    string? Since,
    SourceSpan Span,
    SourceSpan SizeSpan,
    SourceSpan DiscriminatorSpan)
{
    /// <summary>Size in bits.</summary>
    public int SizeBits => SizeBytes * 8;

    /// <summary>Number of 64-bit words.</summary>
    public int Words => (SizeBytes + 7) / 8;
}
