using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SmmuGen;

/// <summary>
/// The exceptions generated setters throw; messages name the field, its bits and its limits.
/// The throwing is kept out of line so the setters stay small enough to inline.
/// </summary>
public static class FieldErrors
{
    /// <summary>Throws <see cref="TooWide"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTooWide(string owner, string field, string bits, int width, ulong value) =>
        throw TooWide(owner, field, bits, width, value);

    /// <summary>Throws <see cref="BadAddress"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBadAddress(string owner, string field, string bits, int lsb, int msb, ulong address) =>
        throw BadAddress(owner, field, bits, lsb, msb, address);

    /// <summary>A value that does not fit a field.</summary>
    public static ArgumentOutOfRangeException TooWide(string owner, string field, string bits, int width, ulong value) =>
        new("value", value, string.Create(CultureInfo.InvariantCulture, $"{owner}.{field} (bits {bits}) is {width} bit{(width == 1 ? string.Empty : "s")} wide; 0x{value:X} does not fit (maximum 0x{(width >= 64 ? ulong.MaxValue : (1UL << width) - 1):X})."));

    /// <summary>An address that a field storing address bits in place cannot hold.</summary>
    public static ArgumentOutOfRangeException BadAddress(string owner, string field, string bits, int lsb, int msb, ulong address)
    {
        var reason = (address & ((1UL << lsb) - 1)) != 0
            ? $"is not {1UL << lsb}-byte aligned"
            : $"has bits above bit {msb}";
        return new ArgumentOutOfRangeException("value", address, string.Create(CultureInfo.InvariantCulture, $"{owner}.{field} holds address bits {bits}; address 0x{address:X} {reason}."));
    }
}
