namespace SmmuGen;

/// <summary>A place in a register file: page and byte offset inside the page.</summary>
public readonly record struct RegisterLocation(int Page, ulong Offset);
