using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>
/// The C side of one spec file: C enums, structs, constants and ioctls to emit. Compared by
/// value and free of source positions, like the rest of <see cref="SpecGenerationSpec"/>.
/// </summary>
internal sealed record StructSetGenerationSpec(
    EquatableArray<StructEnumGenerationSpec> Enums,
    EquatableArray<StructGenerationSpec> Structs,
    EquatableArray<StructConstantGenerationSpec> Constants,
    EquatableArray<StructIoctlGenerationSpec> Ioctls)
{
    public static StructSetGenerationSpec Empty { get; } = new(
        EquatableArray<StructEnumGenerationSpec>.Empty,
        EquatableArray<StructGenerationSpec>.Empty,
        EquatableArray<StructConstantGenerationSpec>.Empty,
        EquatableArray<StructIoctlGenerationSpec>.Empty);
}
