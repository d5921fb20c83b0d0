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
    SourceSpan Span);
