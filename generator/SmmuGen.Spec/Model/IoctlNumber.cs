namespace SmmuGen.Spec.Model;

/// <summary>
/// Linux's ioctl request encoding, <c>_IOC(dir, type, nr, size)</c> of
/// include/uapi/asm-generic/ioctl.h as x86_64 and arm64 use it: nr in bits 7:0, type in 15:8,
/// argument size in 29:16, direction in 31:30. The one place this layout is written down.
/// </summary>
public static class IoctlNumber
{
    /// <summary>Largest type or command number (8 bits each).</summary>
    public const ulong MaxTypeOrNumber = 0xFF;

    /// <summary>Largest argument size the 14-bit size field holds.</summary>
    public const ulong MaxSize = (1UL << SizeBits) - 1;

    private const int TypeShift = 8;
    private const int SizeShift = 16;
    private const int SizeBits = 14;
    private const int DirectionShift = 30;

    /// <summary>The request number; <paramref name="size"/> is ignored for <see cref="IoctlDirection.None"/> (<c>_IO</c>).</summary>
    public static ulong Encode(IoctlDirection direction, ulong type, ulong number, ulong size) =>
        ((ulong)direction << DirectionShift)
        | ((direction == IoctlDirection.None ? 0 : size) << SizeShift)
        | (type << TypeShift)
        | number;
}
