using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>
/// One C struct to emit as an explicit-layout C# struct. <see cref="MinSize"/> is the fewest
/// bytes iommufd accepts for a size-prefixed struct (the end of the first version's last
/// member, from the ioctls that name the struct), else <see cref="Size"/>.
/// </summary>
internal sealed record StructGenerationSpec(
    string CName,
    StructBodyGenerationSpec Body,
    int Align,
    bool SizePrefixed,
    int MinSize,
    string? Doc,
    string? Section,
    string? Since,
    EquatableArray<StructMemberGenerationSpec> Members)
{
    public string TypeName => Body.TypeName;

    public int Size => Body.Size;
}

/// <summary>
/// The fields of one generated type: a struct, or a named inline union or struct (emitted as a
/// nested type). Offsets are from the start of this type; the members of anonymous unions and
/// structs are fields of the enclosing type, so fields of a union, or of an anonymous union,
/// overlap.
/// </summary>
internal sealed record StructBodyGenerationSpec(
    string TypeName,
    string CDescription,
    int Size,
    EquatableArray<StructFieldGenerationSpec> Fields,
    EquatableArray<StructBodyGenerationSpec> Nested,
    EquatableArray<StructRecordLinkGenerationSpec> RecordLinks);

/// <summary>One row of the generated <c>StructInfo.Members</c>.</summary>
internal sealed record StructMemberGenerationSpec(string CName, string CSharpName, int Offset, int Size, string CType, int Count, bool Reserved, string? Since, string? Doc);
