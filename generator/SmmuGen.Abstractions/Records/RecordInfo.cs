using System;
using System.Collections.Generic;

namespace SmmuGen;

/// <summary>
/// Metadata of an in-memory record (STE, CD, command, event, …), generated as data: size,
/// fields as bit ranges over the whole little-endian value, variants and profiles.
/// </summary>
public sealed record RecordInfo
{
    /// <summary>Record name, e.g. <c>STE</c>; for a variant, the variant's name.</summary>
    public required string Name { get; init; }

    /// <summary>Name of the generated C# type.</summary>
    public required string TypeName { get; init; }

    /// <summary>Size in bytes.</summary>
    public required int Size { get; init; }

    /// <summary>The fields in bit order (for a variant: shared and own).</summary>
    public required IReadOnlyList<FieldInfo> Fields { get; init; }

    /// <summary>The field whose value selects the variant, or null.</summary>
    public FieldInfo? Discriminator { get; init; }

    /// <summary>The variants, in spec order.</summary>
    public IReadOnlyList<VariantInfo> Variants { get; init; } = Array.Empty<VariantInfo>();

    /// <summary>The profiles (named field masks).</summary>
    public IReadOnlyList<ProfileInfo> Profiles { get; init; } = Array.Empty<ProfileInfo>();

    /// <summary>Description from the spec.</summary>
    public string? Doc { get; init; }

    /// <summary>Section of the governing specification.</summary>
    public string? Section { get; init; }

    /// <summary>First version that has the record.</summary>
    public string? Since { get; init; }

    /// <summary>Number of 64-bit words.</summary>
    public int WordCount => Size / 8;

    /// <summary>The variant with discriminator <paramref name="value"/>, or null (an unknown opcode or event id).</summary>
    public VariantInfo? FindVariant(ulong value)
    {
        foreach (var v in Variants)
        {
            if (v.Value == value)
            {
                return v;
            }
        }

        return null;
    }

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
