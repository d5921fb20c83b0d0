using System;
using System.Collections.Generic;

namespace SmmuGen;

/// <summary>
/// Metadata of one MMIO register, generated as data from the spec (no reflection): where it
/// is, its width, its reset, the masks that give write semantics, and its fields.
/// </summary>
public sealed record RegisterInfo
{
    /// <summary>Architecture name without prefix, e.g. <c>CR0</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Name of the generated C# type.</summary>
    public required string TypeName { get; init; }

    /// <summary>Page of the register file (SMMUv3: 0 or 1).</summary>
    public required int Page { get; init; }

    /// <summary>Byte offset inside the page.</summary>
    public required ulong Offset { get; init; }

    /// <summary>32 or 64.</summary>
    public required int Width { get; init; }

    /// <summary>Reset value; for IMPLEMENTATION DEFINED and UNKNOWN bits, the spec's default.</summary>
    public required ulong ResetValue { get; init; }

    /// <summary>Bits whose reset is IMPLEMENTATION DEFINED.</summary>
    public required ulong ResetImpdefMask { get; init; }

    /// <summary>Bits whose reset value is UNKNOWN: software must not rely on them.</summary>
    public ulong ResetUnknownMask { get; init; }

    /// <summary>Reset values an implementation may choose; empty when the spec lists none.</summary>
    public required IReadOnlyList<ulong> ResetAllowed { get; init; }

    /// <summary>Bits that a write changes: RW, WO and W1C fields.</summary>
    public required ulong WritableMask { get; init; }

    /// <summary>RES0 bits: those no field claims and RES0 fields.</summary>
    public required ulong ReservedMask { get; init; }

    /// <summary>RES1 bits.</summary>
    public required ulong Res1Mask { get; init; }

    /// <summary>Write-1-to-clear bits.</summary>
    public required ulong W1cMask { get; init; }

    /// <summary>Bits the device clears when the update they start completes.</summary>
    public required ulong SelfClearMask { get; init; }

    /// <summary>The fields, in bit order.</summary>
    public required IReadOnlyList<FieldInfo> Fields { get; init; }

    /// <summary>The register this one acknowledges, or null.</summary>
    public string? AckOf { get; init; }

    /// <summary>How it acknowledges <see cref="AckOf"/>.</summary>
    public AckKind AckKind { get; init; }

    /// <summary>Other places the register appears.</summary>
    public IReadOnlyList<RegisterLocation> Aliases { get; init; } = Array.Empty<RegisterLocation>();

    /// <summary>Description from the spec.</summary>
    public string? Doc { get; init; }

    /// <summary>Section of the governing specification.</summary>
    public string? Section { get; init; }

    /// <summary>First version that has the register.</summary>
    public string? Since { get; init; }

    /// <summary>Mask of every bit of the register.</summary>
    public ulong WidthMask => Width >= 64 ? ulong.MaxValue : (1UL << Width) - 1;

    /// <summary>The field named <paramref name="name"/> (architecture or property name, any case), or null.</summary>
    public FieldInfo? FindField(string name)
    {
        foreach (var f in Fields)
        {
            if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(f.PropertyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return f;
            }
        }

        return null;
    }
}
