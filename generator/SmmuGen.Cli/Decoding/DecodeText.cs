using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SmmuGen.Cli.Decoding;

/// <summary>
/// The text of decoded values: a title line, then indented lines, one field a line, in aligned
/// columns (name, bits, value, enum name). Hex is lower case, as kernel logs print it.
/// </summary>
internal static class DecodeText
{
    /// <summary>Indentation of the lines under a title.</summary>
    public const string Indent = "  ";

    /// <summary><c>0x1f</c>.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary><c>0x000000000000001f</c>: a 64-bit word as Linux prints it (<c>0x%016llx</c>).</summary>
    public static string Word(ulong value) => "0x" + value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Every field of the register, zero or not, then any reserved bits that are wrong.</summary>
    public static IReadOnlyList<string> Register(DecodedRegister decoded)
    {
        var register = decoded.Register;
        var digits = register.Width / 4;
        var lines = new List<string>
        {
            $"{register.Name} = 0x{decoded.Value.ToString("x" + digits, CultureInfo.InvariantCulture)} (page {register.Page}, offset {Hex(register.Offset)}, {register.Width}-bit)",
        };
        lines.AddRange(FieldRows(decoded.Fields));
        lines.AddRange(ReservedRows(decoded.Res0Set, decoded.Res1Clear));
        return lines;
    }

    /// <summary>
    /// The record's variant and fields. <paramref name="showZero"/> also lists fields that are zero
    /// (the discriminator is always listed); <paramref name="showWords"/> lists the raw words,
    /// which an unknown variant always does since its words are all there is to show.
    /// </summary>
    public static IReadOnlyList<string> Record(DecodedRecord decoded, bool showZero, bool showWords)
    {
        var record = decoded.Record;
        var lines = new List<string>();
        if (decoded.Variant is { } variant)
        {
            lines.Add($"{record.Name} {variant.Name} ({record.Discriminator} {Hex(variant.Value)})");
        }
        else if (decoded.IsUnknownVariant)
        {
            lines.Add($"{record.Name} unknown {record.Discriminator} {Hex(decoded.Discriminator!.Value)}: no {record.Name} layout has this value; shared fields only");
        }
        else
        {
            lines.Add($"{record.Name} ({record.SizeBytes} bytes)");
        }

        if (showWords || decoded.IsUnknownVariant)
        {
            lines.Add(Indent + "words: " + string.Join(" ", decoded.Words.Select(Word)));
        }

        if (EventSummary.Describe(decoded) is { } summary)
        {
            lines.Add(Indent + "summary: " + summary);
        }

        var shown = decoded.Fields.Where(f => showZero || f.Value != 0 || ReferenceEquals(f, decoded.Discriminator)).ToList();
        lines.AddRange(FieldRows(shown));
        var hidden = decoded.Fields.Count - shown.Count;
        if (hidden > 0)
        {
            lines.Add(Indent + $"({hidden} zero field{(hidden == 1 ? string.Empty : "s")} not shown; --all shows them)");
        }

        lines.AddRange(ReservedRows(decoded.Res0Set, decoded.Res1Clear));
        return lines;
    }

    /// <summary>The value as shown: <c>1</c>/<c>0</c> for one bit, hex otherwise.</summary>
    public static string Value(DecodedField field) => field.Spec.Bits.IsSingleBit ? (field.Value != 0 ? "1" : "0") : Hex(field.Value);

    private static IEnumerable<string> FieldRows(IReadOnlyList<DecodedField> fields)
    {
        if (fields.Count == 0)
        {
            yield break;
        }

        var nameWidth = fields.Max(f => f.Spec.Name.Length);
        var bitsWidth = fields.Max(f => f.Spec.Bits.ToString().Length) + 2;
        var valueWidth = fields.Max(f => Value(f).Length);
        foreach (var field in fields)
        {
            var row = $"{Indent}{field.Spec.Name.PadRight(nameWidth)}  {("[" + field.Spec.Bits + "]").PadRight(bitsWidth)}  {Value(field).PadRight(valueWidth)}";
            if (field.ValueName is not null)
            {
                row += "  " + field.ValueName;
            }

            yield return row.TrimEnd();
        }
    }

    private static IEnumerable<string> ReservedRows(IReadOnlyList<Spec.Model.BitRange> res0Set, IReadOnlyList<Spec.Model.BitRange> res1Clear)
    {
        if (res0Set.Count > 0)
        {
            yield return $"{Indent}! reserved (RES0) bits set: {WordBits.Describe(res0Set)}";
        }

        if (res1Clear.Count > 0)
        {
            yield return $"{Indent}! RES1 bits clear: {WordBits.Describe(res1Clear)}";
        }
    }
}
