using System;
using System.Globalization;

namespace SmmuGen;

/// <summary>The exceptions generated setters throw; messages name the field, its bits and its limits.</summary>
public static class FieldErrors
{
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
