using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>
/// A C enum of the uAPI: members named with the prefix stripped, <c>[Flags]</c> for bit flags,
/// and the underlying type of the struct members it types (so such a field can be the enum).
/// </summary>
internal sealed record StructEnumGenerationSpec(
    string Name,
    string TypeName,
    string UnderlyingType,
    bool IsFlags,
    string? Doc,
    string? Since,
    EquatableArray<StructEnumValueGenerationSpec> Values);

/// <summary>One C enum value: C name, C# member name, value.</summary>
internal sealed record StructEnumValueGenerationSpec(string CName, string MemberName, ulong Value, string? Doc, string? Since);
