using SmmuGen.Spec.Model;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Loading;

/// <summary>Reading the C side: constants, structs and ioctls.</summary>
internal sealed partial class SpecLoader
{
    internal static readonly string[] ConstantKeys = { "name", "value", "doc", "since" };
    internal static readonly string[] StructKeys = { "name", "members", "size", "align", "size-prefixed", "doc", "section", "since", "csharp-name", "waivers" };
    internal static readonly string[] MemberKeys = { "name", "type", "count", "offset", "reserved", "enum", "flags", "record", "union", "struct", "doc", "since", "csharp-name" };
    internal static readonly string[] IoctlKeys = { "name", "type", "number", "direction", "struct", "min-size-member", "doc", "since" };

    private ConstantSpec? ReadConstant(YamlMappingNode node) => null;

    private StructSpec? ReadStruct(YamlMappingNode node) => null;

    private IoctlSpec? ReadIoctl(YamlMappingNode node) => null;
}
