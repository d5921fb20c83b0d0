using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Diff;

/// <summary>An ioctl as the diff sees it: the encoded number (null when its payload size is unknown) and the minimum size.</summary>
internal sealed record UapiIoctl(
    string Name,
    ulong Type,
    ulong Number,
    IoctlDirection Direction,
    ulong? PayloadSize,
    string? StructName,
    string? MinSizeMember,
    ulong? MinSize,
    SourceSpan Span)
{
    /// <summary>The 32-bit number user space passes (asm-generic: dir 31:30, size 29:16, type 15:8, nr 7:0).</summary>
    public ulong? Encoded => Direction == IoctlDirection.None
        ? IoctlNumber.Encode(Direction, Type, Number, 0)
        : PayloadSize is { } size ? IoctlNumber.Encode(Direction, Type, Number, size) : null;
}
