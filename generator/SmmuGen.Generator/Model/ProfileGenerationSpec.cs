using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>A profile to emit: its C# name, field names and mask words.</summary>
internal sealed record ProfileGenerationSpec(string Name, string MemberName, EquatableArray<string> Fields, EquatableArray<ulong> Mask, string? Doc);
