using System.Collections.Generic;

namespace SmmuGen;

/// <summary>A named set of a record's fields and the mask they make, one 64-bit word per record word.</summary>
public sealed record ProfileInfo(string Name, IReadOnlyList<string> Fields, IReadOnlyList<ulong> Mask, string? Doc);
