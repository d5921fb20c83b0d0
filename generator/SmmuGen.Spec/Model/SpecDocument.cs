using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>One spec file, loaded. Inline enums are included in <see cref="Enums"/>.</summary>
public sealed record SpecDocument(
    string File,
    string Name,
    string Namespace,
    string? Doc,
    string? Section,
    string? Since,
    ulong PageSize,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<RegisterSpec> Registers,
    EquatableArray<Waiver> Waivers,
    SourceSpan Span)
{
    /// <summary>In-memory records (STE, CD, commands, events, …).</summary>
    public EquatableArray<RecordSpec> Records { get; init; } = EquatableArray<RecordSpec>.Empty;

    /// <summary>C structs of the uAPI.</summary>
    public EquatableArray<StructSpec> Structs { get; init; } = EquatableArray<StructSpec>.Empty;

    /// <summary>ioctls.</summary>
    public EquatableArray<IoctlSpec> Ioctls { get; init; } = EquatableArray<IoctlSpec>.Empty;

    /// <summary>C constants.</summary>
    public EquatableArray<ConstantSpec> Constants { get; init; } = EquatableArray<ConstantSpec>.Empty;
}
