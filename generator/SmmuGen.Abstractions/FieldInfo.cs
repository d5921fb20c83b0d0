using System.Collections.Generic;

namespace SmmuGen;

/// <summary>
/// Metadata of one field, generated as data from the spec: where its bits are, how software
/// may access it, its encodings and its documentation.
/// </summary>
/// <param name="Name">Architecture name, e.g. <c>SMMUEN</c>.</param>
/// <param name="PropertyName">Name of the generated C# property.</param>
/// <param name="Lsb">Lowest bit, counted over the whole little-endian value.</param>
/// <param name="Width">Number of bits.</param>
/// <param name="Access">Software-visible behaviour.</param>
/// <param name="IsAddress">The field stores address bits in place.</param>
/// <param name="SelfClearing">The device clears the field when the update it starts completes.</param>
/// <param name="EnumValues">Named encodings; empty when the field has none.</param>
/// <param name="Doc">Description from the spec.</param>
/// <param name="Section">Section of the governing specification.</param>
/// <param name="Since">First version that has the field.</param>
public sealed record FieldInfo(
    string Name,
    string PropertyName,
    int Lsb,
    int Width,
    FieldAccess Access,
    bool IsAddress,
    bool SelfClearing,
    IReadOnlyList<EnumValueInfo> EnumValues,
    string? Doc,
    string? Section,
    string? Since)
{
    /// <summary>Highest bit.</summary>
    public int Msb => Lsb + Width - 1;

    /// <summary>Largest value the field holds.</summary>
    public ulong MaxValue => Width >= 64 ? ulong.MaxValue : (1UL << Width) - 1;

    /// <summary>Mask of the field in a value of at most 64 bits.</summary>
    public ulong Mask => MaxValue << Lsb;

    /// <summary>The field's value in <paramref name="raw"/> (a value of at most 64 bits), shifted down.</summary>
    public ulong Extract(ulong raw) => (raw >> Lsb) & MaxValue;

    /// <summary>The field's value in a multi-word little-endian value (a record), shifted down.</summary>
    public ulong ExtractFrom(System.ReadOnlySpan<ulong> words)
    {
        var word = Lsb / 64;
        var shift = Lsb % 64;
        var value = words[word] >> shift;
        if (shift + Width > 64)
        {
            value |= words[word + 1] << (64 - shift);
        }

        return value & MaxValue;
    }

    /// <summary>The name of <paramref name="value"/> among the field's encodings, or null.</summary>
    public string? NameOf(ulong value)
    {
        foreach (var e in EnumValues)
        {
            if (e.Value == value)
            {
                return e.Name;
            }
        }

        return null;
    }

    /// <summary>Architecture notation of the bits: <c>51:6</c>, or <c>3</c>.</summary>
    public string Bits => Width == 1 ? Lsb.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Msb}:{Lsb}";
}
