namespace SmmuGen.Generator.Model;

/// <summary>
/// One ioctl: its number computed as Linux's <c>_IOC(dir, type, nr, size)</c> does on x86_64
/// and arm64, <c>dir &lt;&lt; 30 | size &lt;&lt; 16 | type &lt;&lt; 8 | nr</c>, size only for a direction.
/// </summary>
internal sealed record StructIoctlGenerationSpec(
    string Name,
    uint Number,
    string Direction,
    byte Type,
    byte Nr,
    string? StructTypeName,
    int MinSize,
    string? Doc,
    string? Since);

/// <summary>A C constant; <see cref="CSharpType"/> is <c>uint</c> when the value fits, else <c>ulong</c>.</summary>
internal sealed record StructConstantGenerationSpec(string Name, ulong Value, string CSharpType, string? Doc, string? Since);
