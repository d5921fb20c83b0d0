using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>
/// A record to emit. <see cref="DiscriminatorEnumTypeName"/> names the enum generated from the
/// variants (one member per variant), the type the family's discriminator property returns.
/// </summary>
internal sealed record RecordGenerationSpec(
    string Name,
    string TypeName,
    int SizeBytes,
    EquatableArray<FieldGenerationSpec> Fields,
    FieldGenerationSpec? Discriminator,
    string? DiscriminatorEnumTypeName,
    EquatableArray<VariantGenerationSpec> Variants,
    EquatableArray<ProfileGenerationSpec> Profiles,
    string? Doc,
    string? Section,
    string? Since)
{
    public int Words => SizeBytes / 8;
}
