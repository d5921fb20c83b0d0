using System.Globalization;

namespace SmmuGen.Memory;

/// <summary>One guest memory access as an <see cref="IMemoryObserver"/> sees it, after it happened.</summary>
public readonly struct MemoryAccess
{
    /// <summary>An access of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public MemoryAccess(MemoryAccessKind kind, ulong address, int length, MemoryAccessResult result)
    {
        Kind = kind;
        Address = address;
        Length = length;
        Result = result;
    }

    /// <summary>The kind of access.</summary>
    public MemoryAccessKind Kind { get; }

    /// <summary>The first address accessed.</summary>
    public ulong Address { get; }

    /// <summary>The number of bytes accessed.</summary>
    public int Length { get; }

    /// <summary>Success, or the abort.</summary>
    public MemoryAccessResult Result { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} 0x{Address:X} [{Length}]: {Result}");
}
