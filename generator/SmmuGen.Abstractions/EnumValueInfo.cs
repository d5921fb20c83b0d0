namespace SmmuGen;

/// <summary>One named encoding of a field: the spec's name, its value and its description.</summary>
public sealed record EnumValueInfo(string Name, ulong Value, string? Doc);
