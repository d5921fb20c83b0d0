using System.Globalization;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Loading;

/// <summary>Parses the scalar forms the spec language uses: numbers, bit ranges, access names.</summary>
public static class ScalarParser
{
    private static readonly Regex BitsPattern = new(@"^\s*\[?\s*([0-9]+)\s*(?::\s*([0-9]+)\s*)?\]?\s*$", RegexOptions.CultureInvariant);

    /// <summary>The highest bit number a spec may use (a 4096-bit value is far past any SMMUv3 record).</summary>
    public const int MaxBit = 4095;

    /// <summary>Parses decimal, <c>0x</c> hex or <c>0b</c> binary, with optional <c>_</c> separators.</summary>
    public static bool TryParseNumber(string text, out ulong value)
    {
        value = 0;
        var s = text.Trim().Replace("_", string.Empty);
        if (s.Length == 0)
        {
            return false;
        }

        if (s.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase))
        {
            return s.Length > 2 && ulong.TryParse(s.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (s.StartsWith("0b", System.StringComparison.OrdinalIgnoreCase))
        {
            if (s.Length == 2 || s.Length > 66)
            {
                return false;
            }

            foreach (var c in s.Substring(2))
            {
                if (c != '0' && c != '1')
                {
                    return false;
                }

                value = (value << 1) | (c == '1' ? 1UL : 0UL);
            }

            return true;
        }

        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Parses <c>hi:lo</c>, a single bit <c>n</c>, or the bracketed architecture form <c>[hi:lo]</c>.
    /// Returns an error text (without location) when the text is not a valid range.
    /// </summary>
    public static string? TryParseBits(string text, out BitRange bits)
    {
        bits = default;
        var m = BitsPattern.Match(text);
        if (!m.Success)
        {
            return $"'{text}' is not a bit range; write \"hi:lo\" (e.g. \"51:6\") or a single bit number";
        }

        if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var hi) || hi > MaxBit)
        {
            return $"bit {m.Groups[1].Value} in '{text}' is above the highest allowed bit {MaxBit}";
        }

        var lo = hi;
        if (m.Groups[2].Success && (!int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out lo) || lo > MaxBit))
        {
            return $"bit {m.Groups[2].Value} in '{text}' is above the highest allowed bit {MaxBit}";
        }

        if (hi < lo)
        {
            return $"bit range '{text}' is reversed; write the high bit first (\"{lo}:{hi}\")";
        }

        bits = new BitRange(hi, lo);
        return null;
    }

    /// <summary>The spellings of <see cref="FieldAccess"/> in spec files.</summary>
    public static readonly string[] AccessNames = { "RO", "RW", "WO", "W1C", "RAZ/WI", "RES0", "RES1" };

    /// <summary>Parses an access name as spec files write it.</summary>
    public static bool TryParseAccess(string text, out FieldAccess access)
    {
        switch (text.Trim())
        {
            case "RO": access = FieldAccess.RO; return true;
            case "RW": access = FieldAccess.RW; return true;
            case "WO": access = FieldAccess.WO; return true;
            case "W1C": access = FieldAccess.W1C; return true;
            case "RAZ/WI": access = FieldAccess.RazWi; return true;
            case "RES0": access = FieldAccess.Res0; return true;
            case "RES1": access = FieldAccess.Res1; return true;
            default: access = default; return false;
        }
    }

    /// <summary>The spec-file spelling of an access value.</summary>
    public static string AccessName(FieldAccess access) => access switch
    {
        FieldAccess.RazWi => "RAZ/WI",
        FieldAccess.Res0 => "RES0",
        FieldAccess.Res1 => "RES1",
        _ => access.ToString(),
    };
}
