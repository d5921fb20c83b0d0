using System.Text;
using System.Text.RegularExpressions;

namespace SmmuGen.Spec.Naming;

/// <summary>
/// Turns architecture names into C# names: <c>STRTAB_BASE_CFG</c> → <c>StrtabBaseCfg</c>,
/// <c>EVENTQ_IRQEN</c> → <c>EventqIrqen</c>. Parts already in mixed case keep their case
/// (<c>nGnRE</c> → <c>NGnRE</c>), so spec authors keep control through the spelling.
/// </summary>
public static class Identifiers
{
    private static readonly Regex Identifier = new(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

    /// <summary>True when <paramref name="name"/> is a letter-or-underscore led run of letters, digits and underscores.</summary>
    public static bool IsValid(string name) => Identifier.IsMatch(name);

    /// <summary>True for a dotted C# namespace such as <c>SmmuGen.Smmuv3</c>.</summary>
    public static bool IsValidNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!IsValid(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The PascalCase form of an UPPER_SNAKE architecture name.</summary>
    public static string ToPascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var part in name.Split('_'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var hasLower = false;
            foreach (var c in part)
            {
                hasLower |= char.IsLower(c);
            }

            // V3_0 stays V3_0: joining digit to digit would make V30, which reads as a different name.
            if (sb.Length > 0 && char.IsDigit(sb[sb.Length - 1]) && char.IsDigit(part[0]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(part[0]));
            sb.Append(hasLower ? part.Substring(1) : part.Substring(1).ToLowerInvariant());
        }

        if (sb.Length == 0 || char.IsDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }

        return sb.ToString();
    }
}
