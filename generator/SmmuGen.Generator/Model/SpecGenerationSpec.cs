using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>
/// Everything the emitter needs for one spec file. Immutable and compared by value all the
/// way down (records and <see cref="EquatableArray{T}"/>); it holds no Roslyn symbol, syntax,
/// compilation or location, and no source positions, so moving YAML lines around without
/// changing meaning leaves it equal and the emit step cached.
/// </summary>
internal sealed record SpecGenerationSpec(
    string SourcePath,
    string SourceFileName,
    string Name,
    string Namespace,
    string? Doc,
    ulong PageSize,
    EquatableArray<EnumGenerationSpec> Enums,
    EquatableArray<RegisterGenerationSpec> Registers)
{
    /// <summary>The records of the file.</summary>
    public EquatableArray<RecordGenerationSpec> Records { get; init; } = EquatableArray<RecordGenerationSpec>.Empty;

    /// <summary>The C side of the file: C enums, structs, constants, ioctls.</summary>
    public StructSetGenerationSpec Uapi { get; init; } = StructSetGenerationSpec.Empty;
}
