namespace SmmuGen.Generator.Model;

/// <summary>One enum member: spec name, C# name, value, doc.</summary>
internal sealed record EnumValueGenerationSpec(string Name, string MemberName, ulong Value, string? Doc);
