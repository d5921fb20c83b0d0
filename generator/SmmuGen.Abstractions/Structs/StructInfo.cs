using System;
using System.Collections.Generic;

namespace SmmuGen;

/// <summary>
/// Metadata of one C struct of the uAPI, generated as data from the spec: its C layout (LP64),
/// the iommufd size rule when it is size-prefixed, and its members.
/// </summary>
public sealed record StructInfo
{
    /// <summary>The C struct tag, e.g. <c>iommu_hwpt_alloc</c>.</summary>
    public required string CName { get; init; }

    /// <summary>Name of the generated C# type.</summary>
    public required string TypeName { get; init; }

    /// <summary><c>sizeof</c> the struct.</summary>
    public required int Size { get; init; }

    /// <summary><c>_Alignof</c> the struct.</summary>
    public required int Align { get; init; }

    /// <summary>The first member is <c>__u32 size</c>: iommufd's extensible-struct rule applies.</summary>
    public bool SizePrefixed { get; init; }

    /// <summary>
    /// For a size-prefixed struct, the fewest bytes a caller may pass (the end of the first
    /// version's last member); otherwise <see cref="Size"/>.
    /// </summary>
    public required int MinSize { get; init; }

    /// <summary>Every member C code names directly, in declaration order (members of anonymous unions and structs included).</summary>
    public required IReadOnlyList<StructMemberInfo> Members { get; init; }

    /// <summary>Description from the spec.</summary>
    public string? Doc { get; init; }

    /// <summary>Section of the governing specification.</summary>
    public string? Section { get; init; }

    /// <summary>First version that has the struct.</summary>
    public string? Since { get; init; }

    /// <summary>The member named <paramref name="name"/> (C or C# name), or null.</summary>
    public StructMemberInfo? FindMember(string name)
    {
        foreach (var m in Members)
        {
            if (string.Equals(m.CName, name, StringComparison.Ordinal) || string.Equals(m.CSharpName, name, StringComparison.Ordinal))
            {
                return m;
            }
        }

        return null;
    }
}
