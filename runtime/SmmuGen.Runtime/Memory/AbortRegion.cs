using System;
using System.Globalization;

namespace SmmuGen.Memory;

/// <summary>A range of guest physical addresses where every access ends in an external abort:
/// the model of bad DMA targets. Created by <see cref="GuestMemory.AddAbortRegion"/>; immutable,
/// so an access result can carry it without copying.</summary>
public sealed class AbortRegion
{
    internal AbortRegion(ulong baseAddress, ulong size, AbortKind kind, string description)
    {
        Base = baseAddress;
        Size = size;
        Kind = kind;
        Description = description;
    }

    /// <summary>The first address of the region.</summary>
    public ulong Base { get; }

    /// <summary>The size in bytes (at least 1).</summary>
    public ulong Size { get; }

    /// <summary>The last address of the region, inclusive; kept inclusive so that a region ending at
    /// the top of the address space (Base + Size = 2^64) is representable.</summary>
    public ulong Last => Base + (Size - 1);

    /// <summary>What an access to the region reports.</summary>
    public AbortKind Kind { get; }

    /// <summary>Free text for diagnostics (what the region stands for).</summary>
    public string Description { get; }

    /// <summary>Whether any byte of <paramref name="first"/>..<paramref name="last"/> (inclusive) is in the region.</summary>
    public bool Overlaps(ulong first, ulong last) => Base <= last && first <= Last;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} abort 0x{Base:X}..0x{Last:X}") + (Description.Length == 0 ? string.Empty : " (" + Description + ")");

    internal static void Validate(ulong baseAddress, ulong size)
    {
        if (size == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "An abort region holds at least one byte.");
        }

        if (baseAddress + (size - 1) < baseAddress)
        {
            throw new ArgumentOutOfRangeException(nameof(size), string.Create(CultureInfo.InvariantCulture, $"An abort region at 0x{baseAddress:X} of 0x{size:X} bytes runs past the top of the 64-bit address space."));
        }
    }
}
