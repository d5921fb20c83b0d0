using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>A record variant to emit as its own type: all its fields (shared ones included) and its discriminator value.</summary>
internal sealed record VariantGenerationSpec(
    string Name,
    string TypeName,
    ulong Value,
    EquatableArray<FieldGenerationSpec> Fields,
    EquatableArray<ProfileGenerationSpec> Profiles,
    string? Doc,
    string? Section,
    string? Since);
