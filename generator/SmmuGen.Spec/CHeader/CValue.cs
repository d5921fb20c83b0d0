using System.Globalization;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// An integer constant with its C type, reduced to what matters for arithmetic on LP64: 32 or 64
/// bits (<c>int</c>, <c>long</c> = <c>long long</c>) and signed or unsigned. <see cref="Bits"/>
/// holds the value truncated to the width and, for signed types, sign-extended to 64 bits.
/// </summary>
internal readonly record struct CValue
{
    private CValue(ulong bits, bool unsigned, bool wide)
    {
        Unsigned = unsigned;
        Wide = wide;
        Bits = wide ? bits : unsigned ? bits & 0xFFFF_FFFFUL : (ulong)(long)(int)(uint)bits;
    }

    public ulong Bits { get; }

    public bool Unsigned { get; }

    /// <summary>64 bits (<c>long</c>, <c>long long</c>) rather than 32 (<c>int</c>).</summary>
    public bool Wide { get; }

    /// <summary>The value as a signed 64-bit number (exact for every type except large unsigned long).</summary>
    public long Signed => (long)Bits;

    public bool IsZero => Bits == 0;

    public static CValue Of(ulong bits, bool unsigned, bool wide) => new(bits, unsigned, wide);

    /// <summary>An <c>int</c> (the type of comparisons, <c>!</c>, <c>&amp;&amp;</c> and character constants).</summary>
    public static CValue Int(long value) => new((ulong)value, unsigned: false, wide: false);

    /// <summary>The usual arithmetic conversions of C for LP64: the common type of two operands.</summary>
    public static (bool Unsigned, bool Wide) Common(CValue a, CValue b)
    {
        if (a.Wide || b.Wide)
        {
            // long holds every unsigned int, so only an unsigned long operand makes the result unsigned.
            return ((a.Wide && a.Unsigned) || (b.Wide && b.Unsigned), true);
        }

        return (a.Unsigned || b.Unsigned, false);
    }

    /// <summary>This value converted to another integer type.</summary>
    public CValue As(bool unsigned, bool wide) => new(Bits, unsigned, wide);

    /// <inheritdoc />
    public override string ToString() => Unsigned
        ? Bits.ToString(CultureInfo.InvariantCulture)
        : Signed.ToString(CultureInfo.InvariantCulture);
}
