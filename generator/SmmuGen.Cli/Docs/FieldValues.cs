using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>What the Values column says about a field: its enum's encodings and its special behaviours.</summary>
internal static class FieldValues
{
    /// <summary>The enum values as (hex value, name, doc), in value order.</summary>
    public static IReadOnlyList<(string Value, string Name, string? Doc)> Encodings(EnumSpec? e) =>
        e is null
            ? new List<(string, string, string?)>()
            : e.Values.OrderBy(v => v.Value).Select(v => (Hex(v.Value), v.Name, v.Doc)).ToList();

    /// <summary>Notes such as "holds address bits 51:6" and "self-clearing".</summary>
    public static IReadOnlyList<string> Notes(FieldSpec field)
    {
        var notes = new List<string>();
        if (field.IsAddress)
        {
            // The address keeps its bit positions inside the 64-bit word (an address field never crosses one).
            var inWord = new BitRange(field.Bits.Msb % 64, field.Bits.Lsb % 64);
            notes.Add($"holds address bits {inWord}");
        }

        if (field.SelfClearing)
        {
            notes.Add("self-clearing");
        }

        return notes;
    }

    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The 64-bit words a record field lies in: "1", or "0–1" when it crosses.</summary>
    public static string Words(FieldSpec field) =>
        field.Bits.FirstWord == field.Bits.LastWord
            ? field.Bits.FirstWord.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{field.Bits.FirstWord}–{field.Bits.LastWord}");
}
