using System;

namespace SmmuGen.Spec.Model;

/// <summary>
/// An inclusive range of bits, <c>Msb:Lsb</c>, over a little-endian value of any width
/// (a 32-bit register or a 512-bit record): bit n is bit n % 64 of 64-bit word n / 64.
/// </summary>
public readonly record struct BitRange(int Msb, int Lsb)
{
    /// <summary>Number of bits.</summary>
    public int Width => Msb - Lsb + 1;

    /// <summary>True for a single bit.</summary>
    public bool IsSingleBit => Msb == Lsb;

    /// <summary>The 64-bit word holding the lowest bit.</summary>
    public int FirstWord => Lsb / 64;

    /// <summary>The 64-bit word holding the highest bit.</summary>
    public int LastWord => Msb / 64;

    /// <summary>The largest value the field holds.</summary>
    public ulong MaxValue => Width >= 64 ? ulong.MaxValue : (1UL << Width) - 1;

    /// <summary>Mask of the range inside a value of at most 64 bits.</summary>
    public ulong Mask
    {
        get
        {
            if (Msb > 63)
            {
                throw new InvalidOperationException($"bits {this} do not fit one 64-bit word");
            }

            return MaxValue << Lsb;
        }
    }

    /// <summary>
    /// The range's value, right-aligned, in a value held as 64-bit words (bit n is bit n % 64 of
    /// word n / 64). The range may cross one word boundary; it is at most 64 bits wide.
    /// </summary>
    public ulong ExtractFrom(System.Collections.Generic.IReadOnlyList<ulong> words)
    {
        var shift = Lsb % 64;
        var value = words[FirstWord] >> shift;
        if (shift + Width > 64)
        {
            value |= words[FirstWord + 1] << (64 - shift);
        }

        return value & MaxValue;
    }

    /// <summary>Sets the range's bits in <paramref name="words"/>, a mask held as 64-bit words.</summary>
    public void SetIn(ulong[] words)
    {
        for (var bit = Lsb; bit <= Msb; bit++)
        {
            words[bit / 64] |= 1UL << (bit % 64);
        }
    }

    /// <summary>True when the two ranges share a bit.</summary>
    public bool Overlaps(BitRange other) => Lsb <= other.Msb && other.Lsb <= Msb;

    /// <summary>Architecture notation: <c>51:6</c>, or <c>3</c> for one bit.</summary>
    public override string ToString() => IsSingleBit ? Msb.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Msb}:{Lsb}";
}
