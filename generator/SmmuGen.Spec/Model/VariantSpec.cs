using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// One layout of a discriminated record: the discriminator value that selects it and the
/// fields it adds to the record's shared fields.
/// </summary>
public sealed record VariantSpec(
    string Name,
    string? CSharpName,
    ulong Value,
    EquatableArray<FieldSpec> Fields,
    EquatableArray<ProfileSpec> Profiles,
    string? Doc,
    string? Section,
    string? Since,
    SourceSpan Span,
    SourceSpan ValueSpan);
