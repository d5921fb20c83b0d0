using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>What a register's reset says about one box of its diagram.</summary>
internal enum ResetKind
{
    /// <summary>An architected value.</summary>
    Value,

    /// <summary>IMPLEMENTATION DEFINED: the implementation fixes it.</summary>
    Impdef,

    /// <summary>UNKNOWN: software must not rely on it.</summary>
    Unknown,
}

/// <summary>The reset of one box: the text to show and its kind.</summary>
internal sealed record ResetCell(string Text, ResetKind Kind);

/// <summary>Reads a register's <see cref="ResetSpec"/> as text for the docs.</summary>
internal static class RegisterReset
{
    /// <summary>The reset of the bits of <paramref name="segment"/>: a value, IMPDEF or UNKNOWN.</summary>
    public static ResetCell Of(RegisterSpec register, BitSegment segment)
    {
        var reset = register.Reset;
        var name = segment.Field?.Name;
        if (reset.AllImpdef || (name is not null && reset.ImpdefFields.Contains(name)))
        {
            return new ResetCell("IMPDEF", ResetKind.Impdef);
        }

        if (reset.AllUnknown || (name is not null && reset.UnknownFields.Contains(name)))
        {
            return new ResetCell("UNKNOWN", ResetKind.Unknown);
        }

        var width = segment.Width;
        var mask = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
        var value = (reset.Value >> segment.Lsb) & mask;
        var text = width == 1 ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("x", CultureInfo.InvariantCulture);
        return new ResetCell(text, ResetKind.Value);
    }

    /// <summary>
    /// One line: "0x00000000", "IMPLEMENTATION DEFINED", "UNKNOWN", or the value with the fields
    /// the implementation chooses or leaves UNKNOWN and the values it may pick.
    /// </summary>
    public static string Summary(RegisterSpec register)
    {
        var reset = register.Reset;
        if (reset.AllImpdef)
        {
            return "IMPLEMENTATION DEFINED (the whole value)";
        }

        if (reset.AllUnknown)
        {
            return "UNKNOWN (the whole value)";
        }

        var parts = new List<string> { Hex(reset.Value, register.Width) };
        if (reset.ImpdefFields.Count > 0)
        {
            parts.Add("IMPLEMENTATION DEFINED: " + string.Join(", ", reset.ImpdefFields));
        }

        if (reset.UnknownFields.Count > 0)
        {
            parts.Add("UNKNOWN: " + string.Join(", ", reset.UnknownFields));
        }

        if (reset.Allowed.Count > 0)
        {
            parts.Add("allowed: " + string.Join(", ", reset.Allowed.Select(v => Hex(v, register.Width))));
        }

        return string.Join("; ", parts);
    }

    /// <summary>Zero-padded to the register width: 0x00000009.</summary>
    public static string Hex(ulong value, int widthBits) =>
        "0x" + value.ToString("x" + ((widthBits + 3) / 4).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
