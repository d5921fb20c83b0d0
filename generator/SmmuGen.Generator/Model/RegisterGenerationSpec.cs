using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>One register to emit, with every mask precomputed by the parser.</summary>
internal sealed record RegisterGenerationSpec(
    string Name,
    string TypeName,
    int Page,
    ulong Offset,
    int Width,
    ulong ResetValue,
    ulong ResetImpdefMask,
    ulong ResetUnknownMask,
    EquatableArray<ulong> ResetAllowed,
    ulong WritableMask,
    ulong ReservedMask,
    ulong Res1Mask,
    ulong W1cMask,
    ulong SelfClearMask,
    string? AckOf,
    string? AckKind,
    EquatableArray<RegisterAlias> Aliases,
    string? Doc,
    string? Section,
    string? Since,
    EquatableArray<FieldGenerationSpec> Fields)
{
    /// <summary>The C# type of the raw bits: <c>uint</c> or <c>ulong</c>.</summary>
    public string RawType => Width == 64 ? "ulong" : "uint";
}
