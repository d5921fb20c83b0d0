using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>An enum to emit, with its C# underlying type chosen from the widest field using it.</summary>
internal sealed record EnumGenerationSpec(string Name, string TypeName, string UnderlyingType, string? Doc, EquatableArray<EnumValueGenerationSpec> Values);
