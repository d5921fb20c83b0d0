using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmmuGen.Spec.Loading;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Rendering;

/// <summary>Text forms of register properties, shared by every verb that shows registers.</summary>
internal static class RegisterFormat
{
    /// <summary><c>0x1F</c>: upper-case hex, no padding.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    /// <summary><c>0x0020</c>: four digits, so offsets inside a 64 KiB page line up.</summary>
    public static string Offset(ulong offset) => "0x" + offset.ToString("X4", CultureInfo.InvariantCulture);

    /// <summary><c>0x0</c>, <c>0x0 (IMPDEF: ABORT)</c>, <c>0x0 (UNKNOWN: WR)</c>, <c>IMPDEF</c> or <c>UNKNOWN</c>.</summary>
    public static string Reset(ResetSpec reset)
    {
        if (reset.AllImpdef)
        {
            return "IMPDEF";
        }

        if (reset.AllUnknown)
        {
            return "UNKNOWN";
        }

        var text = Hex(reset.Value);
        if (reset.ImpdefFields.Count > 0)
        {
            text += $" (IMPDEF: {string.Join(", ", reset.ImpdefFields)})";
        }

        if (reset.UnknownFields.Count > 0)
        {
            text += $" (UNKNOWN: {string.Join(", ", reset.UnknownFields)})";
        }

        return text;
    }

    /// <summary>The distinct field accesses in a fixed order (<c>RO, W1C</c>), or <c>-</c> without fields.</summary>
    public static string Access(RegisterSpec register)
    {
        if (register.Fields.Count == 0)
        {
            return "-";
        }

        return string.Join(", ", register.Fields.Select(f => f.Access).Distinct().OrderBy(a => a).Select(ScalarParser.AccessName));
    }

    /// <summary>The fields as <c>NAME[hi:lo]</c> (or <c>NAME[n]</c>), highest bit first.</summary>
    public static IReadOnlyList<string> Fields(RegisterSpec register) =>
        register.Fields
            .OrderByDescending(f => f.Bits.Msb)
            .ThenByDescending(f => f.Bits.Lsb)
            .Select(f => $"{f.Name}[{f.Bits}]")
            .ToList();
}
