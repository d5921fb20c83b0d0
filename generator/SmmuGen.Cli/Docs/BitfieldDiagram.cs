using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>
/// The boxes of a bitfield diagram, independent of how they are drawn: rows of segments from the
/// highest bit to the lowest, each a field's bits inside that row or a run of bits no field names.
/// A register is one row; a record is one row per 64-bit word, so a field that crosses a word
/// boundary becomes two segments.
/// </summary>
internal sealed record BitfieldDiagram(IReadOnlyList<BitRow> Rows, bool PerWord)
{
    /// <summary>One row of a register's <see cref="RegisterSpec.Width"/> bits.</summary>
    public static BitfieldDiagram ForRegister(RegisterSpec register) =>
        Build(register.Fields, register.Width, register.Width, perWord: false);

    /// <summary>One row per 64-bit word of <paramref name="record"/>, for the given fields (shared plus a variant's).</summary>
    public static BitfieldDiagram ForRecord(RecordSpec record, IEnumerable<FieldSpec> fields) =>
        Build(fields, record.SizeBits, 64, perWord: true);

    private static BitfieldDiagram Build(IEnumerable<FieldSpec> fields, int totalBits, int rowBits, bool perWord)
    {
        var all = fields.ToList();
        var rows = new List<BitRow>();
        for (var index = 0; index * rowBits < totalBits; index++)
        {
            var low = index * rowBits;
            var high = Math.Min(totalBits, low + rowBits) - 1;
            var pieces = all
                .Where(f => f.Bits.Lsb <= high && f.Bits.Msb >= low)
                .Select(f => (Field: f, Msb: Math.Min(f.Bits.Msb, high), Lsb: Math.Max(f.Bits.Lsb, low)))
                .OrderByDescending(p => p.Msb)
                .ToList();

            var segments = new List<BitSegment>();
            var cursor = high;
            foreach (var (field, msb, lsb) in pieces)
            {
                if (msb > cursor)
                {
                    // Overlapping fields are a spec error the compiler reports; draw the first only.
                    continue;
                }

                if (msb < cursor)
                {
                    segments.Add(new BitSegment(cursor - low, msb + 1 - low, cursor, msb + 1, null));
                }

                segments.Add(new BitSegment(msb - low, lsb - low, msb, lsb, field));
                cursor = lsb - 1;
            }

            if (cursor >= low)
            {
                segments.Add(new BitSegment(cursor - low, 0, cursor, low, null));
            }

            rows.Add(new BitRow(index, low, high - low + 1, segments));
        }

        return new BitfieldDiagram(rows, perWord);
    }
}

/// <summary>One row: bits <see cref="BaseBit"/> + <see cref="Width"/> - 1 down to <see cref="BaseBit"/>.</summary>
internal sealed record BitRow(int Index, int BaseBit, int Width, IReadOnlyList<BitSegment> Segments)
{
    /// <summary>"bits 127:64" for word 1 of a record.</summary>
    public string AbsoluteRange => string.Create(CultureInfo.InvariantCulture, $"{BaseBit + Width - 1}:{BaseBit}");
}

/// <summary>
/// A box: bits <see cref="Msb"/>:<see cref="Lsb"/> counted inside its row, which are bits
/// <see cref="AbsoluteMsb"/>:<see cref="AbsoluteLsb"/> of the whole value; <see cref="Field"/>
/// is null for bits no field names (RES0).
/// </summary>
internal sealed record BitSegment(int Msb, int Lsb, int AbsoluteMsb, int AbsoluteLsb, FieldSpec? Field)
{
    public int Width => Msb - Lsb + 1;

    /// <summary>Unnamed bits, or a field the spec marks RES0/RES1 to document reserved bits.</summary>
    public bool IsReserved => Field is null || Field.Access is FieldAccess.Res0 or FieldAccess.Res1;

    /// <summary>The field continues in another row (it crosses a 64-bit word boundary).</summary>
    public bool IsPartial => Field is not null && (Field.Bits.Msb != AbsoluteMsb || Field.Bits.Lsb != AbsoluteLsb);

    /// <summary>The field continues in a higher word: this box's low end is the field's low end, its top edge goes on.</summary>
    public bool ContinuesAbove => Field is not null && Field.Bits.Msb > AbsoluteMsb;

    /// <summary>The field continues in a lower word.</summary>
    public bool ContinuesBelow => Field is not null && Field.Bits.Lsb < AbsoluteLsb;

    /// <summary>In-row bits in architecture notation: "63:60", or "5".</summary>
    public string Bits => Msb == Lsb ? Msb.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Msb}:{Lsb}");

    /// <summary>Which bits of the field this box holds, for a partial box: "[3:0]"; empty for a whole field.</summary>
    public string FieldPart
    {
        get
        {
            if (Field is null || !IsPartial)
            {
                return string.Empty;
            }

            var hi = AbsoluteMsb - Field.Bits.Lsb;
            var lo = AbsoluteLsb - Field.Bits.Lsb;
            return hi == lo ? string.Create(CultureInfo.InvariantCulture, $"[{hi}]") : string.Create(CultureInfo.InvariantCulture, $"[{hi}:{lo}]");
        }
    }

    /// <summary>Name shown in the box: the field's, with the part it holds when it crosses a word.</summary>
    public string Label => Field is null ? "RES0" : Field.Name + FieldPart;
}
