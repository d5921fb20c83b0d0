using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SmmuGen.Spec.Emit;

/// <summary>
/// Writes one YAML scalar so any YAML 1.1 or 1.2 reader gets back exactly the same string: plain
/// when that is unambiguous, single-quoted when only indicators get in the way, double-quoted
/// with escapes when the text has control characters or line breaks.
/// </summary>
public static class YamlScalar
{
    // Plain scalars a YAML reader would turn into something else: booleans (1.1 and 1.2), null, numbers.
    private static readonly Regex NotAString = new(
        @"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|[-+]?[0-9][0-9_.:eExXoObB+a-fA-F-]*|[-+]?\.[0-9].*|<<|=)$",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// The scalar as YAML text. <paramref name="flow"/> is true inside <c>{ … }</c> or <c>[ … ]</c>,
    /// where commas and brackets end a plain scalar.
    /// </summary>
    public static string Write(string text, bool flow = false)
    {
        if (NeedsDoubleQuotes(text))
        {
            return DoubleQuoted(text);
        }

        return CanBePlain(text, flow) ? text : "'" + text.Replace("'", "''") + "'";
    }

    /// <summary>An unsigned number in hex (<c>0x3b</c>), as specs write values and masks.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>An unsigned number in decimal, as specs write sizes and offsets.</summary>
    public static string Decimal(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>True for text that is safe in a folded block scalar (<c>&gt;-</c>): printable, no leading or trailing blanks on any line, single spaces.</summary>
    public static bool CanFold(string text) =>
        text.Length > 0
        && text.All(c => c == '\n' || (c >= ' ' && c != '\u007f' && !char.IsSurrogate(c) && c != '\u0085' && c != '\u2028' && c != '\u2029' && c != '\ufeff'))
        && text.Split('\n').All(line => line.Length > 0 && line[0] != ' ' && line[line.Length - 1] != ' ' && !line.Contains("  "));

    private static bool NeedsDoubleQuotes(string text) =>
        text.Any(c => c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff' || char.IsSurrogate(c));

    private static bool CanBePlain(string text, bool flow)
    {
        if (text.Length == 0 || text != text.Trim() || NotAString.IsMatch(text))
        {
            return false;
        }

        // Indicators that start something else, and sequences that end or comment a plain scalar.
        if ("-?:,[]{}#&*!|>'\"%@`".IndexOf(text[0]) >= 0)
        {
            return false;
        }

        if (text.Contains(": ") || text.Contains(" #") || text.EndsWith(":", System.StringComparison.Ordinal))
        {
            return false;
        }

        return !flow || text.IndexOfAny(new[] { ',', '[', ']', '{', '}' }) < 0;
    }

    private static string DoubleQuoted(string text)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // One character beyond the BMP: YAML escapes code points, not UTF-16 halves.
                sb.Append("\\U").Append(char.ConvertToUtf32(c, text[++i]).ToString("x8", CultureInfo.InvariantCulture));
                continue;
            }

            if (char.IsSurrogate(c))
            {
                sb.Append("\\ufffd"); // a lone half is not a character; no YAML reader takes it back
                continue;
            }

            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
