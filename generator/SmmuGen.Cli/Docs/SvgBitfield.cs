using System;
using System.Globalization;
using System.Linq;
using System.Text;
using SmmuGen.Spec.Loading;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>
/// Draws a <see cref="BitfieldDiagram"/> as inline SVG: per row, bit numbers above each box,
/// the field name inside (rotated or shortened when the box is narrow, the full name always in
/// the box's tooltip), reserved bits hatched, and for registers a strip with each box's reset.
/// Every field box is a link to its row in the field table.
/// </summary>
internal static class SvgBitfield
{
    // Geometry in SVG user units; the SVG scales to the page width through its viewBox.
    private const double BitsArea = 1152;   // 18 per bit for a 64-bit row, 36 for a 32-bit one
    private const double WordLabel = 64;    // left margin for "word N" on record rows
    private const double NumbersHeight = 13;
    private const double FlatBox = 40;
    private const double TallBox = 96;      // room for a rotated name of up to 15 characters
    private const double ResetHeight = 16;
    private const double RowGap = 10;
    private const double CharWidth = 0.62;  // of the font size, for the monospace font the CSS asks for

    /// <param name="diagram">The boxes.</param>
    /// <param name="title">Accessible name of the figure ("CR0 bitfields").</param>
    /// <param name="anchorOf">The id of a field's table row, which its box links to.</param>
    /// <param name="labelOf">Text for a field box instead of its name (the discriminator's fixed value), or null.</param>
    /// <param name="resetOf">The reset strip of a register, or null for none.</param>
    public static string Render(
        BitfieldDiagram diagram,
        string title,
        Func<FieldSpec, string> anchorOf,
        Func<BitSegment, string?>? labelOf = null,
        Func<BitSegment, ResetCell>? resetOf = null)
    {
        var rowBits = diagram.Rows.Count == 0 ? 1 : diagram.Rows.Max(r => r.Width);
        var bitWidth = BitsArea / rowBits;
        var left = diagram.PerWord ? WordLabel : 0;

        // Decide every label first: one rotated name makes all boxes tall, so rows line up.
        var labels = diagram.Rows
            .SelectMany(r => r.Segments)
            .ToDictionary(s => s, s => Fit(labelOf?.Invoke(s) ?? s.Label, s, s.Width * bitWidth));
        var boxHeight = labels.Values.Any(l => l.Rotated) ? TallBox : FlatBox;
        var resetHeight = resetOf is null ? 0 : ResetHeight;
        var rowHeight = NumbersHeight + boxHeight + resetHeight + RowGap;
        var width = left + BitsArea + 2;
        var height = (diagram.Rows.Count * rowHeight) - RowGap + 2;

        var sb = new StringBuilder();
        sb.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bitfield\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{HtmlText.Escape(title)}\">"));
        for (var r = 0; r < diagram.Rows.Count; r++)
        {
            var row = diagram.Rows[r];
            var top = (r * rowHeight) + 1;
            var boxTop = top + NumbersHeight;
            sb.Append(Invariant($"<g class=\"row\" data-row=\"{row.Index}\">"));
            if (diagram.PerWord)
            {
                sb.Append(Invariant($"<text class=\"word\" x=\"0\" y=\"{boxTop + (boxHeight / 2) - 3}\">word {row.Index}</text>"));
                sb.Append(Invariant($"<text class=\"wordbits\" x=\"0\" y=\"{boxTop + (boxHeight / 2) + 10}\">{row.AbsoluteRange}</text>"));
            }

            foreach (var segment in row.Segments)
            {
                var x = left + 1 + ((row.Width - 1 - segment.Msb) * bitWidth);
                var w = segment.Width * bitWidth;
                Segment(sb, segment, labels[segment], x, top, w, bitWidth, boxHeight, anchorOf, resetOf);
            }

            sb.Append("</g>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Segment(
        StringBuilder sb,
        BitSegment s,
        Label label,
        double x,
        double top,
        double w,
        double bitWidth,
        double boxHeight,
        Func<FieldSpec, string> anchorOf,
        Func<BitSegment, ResetCell>? resetOf)
    {
        var boxTop = top + NumbersHeight;
        var classes = s.IsReserved ? "seg rsv" : "seg fld";
        if (s.IsPartial)
        {
            classes += " part";
        }

        if (s.Field is { } field)
        {
            sb.Append(Invariant($"<a href=\"#{anchorOf(field)}\" class=\"{classes}\" data-field=\"{HtmlText.Escape(field.Name)}\" data-bits=\"{s.Bits}\" data-field-bits=\"{field.Bits}\">"));
        }
        else
        {
            sb.Append(Invariant($"<g class=\"{classes}\" data-bits=\"{s.Bits}\">"));
        }

        sb.Append("<title>").Append(HtmlText.Escape(Tooltip(s))).Append("</title>");
        sb.Append(Invariant($"<rect class=\"box\" x=\"{x}\" y=\"{boxTop}\" width=\"{w}\" height=\"{boxHeight}\"/>"));

        // Bit ticks along the bottom edge show the width at a glance.
        for (var i = 1; i < s.Width; i++)
        {
            var tx = x + (i * bitWidth);
            sb.Append(Invariant($"<line class=\"tick\" x1=\"{tx}\" y1=\"{boxTop + boxHeight - 5}\" x2=\"{tx}\" y2=\"{boxTop + boxHeight}\"/>"));
        }

        // A field that crosses a word: the edge where it goes on is dashed.
        if (s.ContinuesAbove)
        {
            sb.Append(Invariant($"<line class=\"cont\" x1=\"{x}\" y1=\"{boxTop}\" x2=\"{x}\" y2=\"{boxTop + boxHeight}\"/>"));
        }

        if (s.ContinuesBelow)
        {
            sb.Append(Invariant($"<line class=\"cont\" x1=\"{x + w}\" y1=\"{boxTop}\" x2=\"{x + w}\" y2=\"{boxTop + boxHeight}\"/>"));
        }

        var numberY = top + NumbersHeight - 3;
        sb.Append(Invariant($"<text class=\"bitno\" x=\"{x + (bitWidth / 2)}\" y=\"{numberY}\">{s.Msb}</text>"));
        if (s.Width > 1)
        {
            sb.Append(Invariant($"<text class=\"bitno\" x=\"{x + w - (bitWidth / 2)}\" y=\"{numberY}\">{s.Lsb}</text>"));
        }

        if (label.Text.Length > 0)
        {
            var cx = x + (w / 2);
            var cy = boxTop + (boxHeight / 2);
            var baseline = cy + (label.FontSize * 0.35);
            var rotate = label.Rotated ? Invariant($" transform=\"rotate(-90 {cx} {cy})\"") : string.Empty;
            sb.Append(Invariant($"<text class=\"name\" x=\"{cx}\" y=\"{baseline}\" font-size=\"{label.FontSize}\"{rotate}>{HtmlText.Escape(label.Text)}</text>"));
        }

        if (resetOf is not null)
        {
            var reset = resetOf(s);
            var ry = boxTop + boxHeight;
            var kind = reset.Kind switch
            {
                ResetKind.Impdef => "reset impdef",
                ResetKind.Unknown => "reset unknown",
                _ => "reset",
            };
            sb.Append(Invariant($"<rect class=\"{kind}\" x=\"{x}\" y=\"{ry}\" width=\"{w}\" height=\"{ResetHeight}\"/>"));
            var text = ShortReset(reset, w);
            if (text.Length > 0)
            {
                sb.Append(Invariant($"<text class=\"resetv\" x=\"{x + (w / 2)}\" y=\"{ry + 11.5}\">{HtmlText.Escape(text)}</text>"));
            }
        }

        sb.Append(s.Field is null ? "</g>" : "</a>");
    }

    private static string Tooltip(BitSegment s)
    {
        if (s.Field is not { } f)
        {
            return s.AbsoluteMsb == s.AbsoluteLsb ? $"bit {s.AbsoluteMsb}: reserved (RES0)" : $"bits {s.AbsoluteMsb}:{s.AbsoluteLsb}: reserved (RES0)";
        }

        var text = $"{f.Name} [{f.Bits}] {ScalarParser.AccessName(f.Access)}";
        if (s.IsPartial)
        {
            text += $"; this box: {f.Name}{s.FieldPart} in bits {s.Bits} of word {s.AbsoluteLsb / 64}";
        }

        return string.IsNullOrEmpty(f.Doc) ? text : text + " — " + f.Doc;
    }

    private static string ShortReset(ResetCell reset, double w)
    {
        var candidates = reset.Kind switch
        {
            ResetKind.Impdef => new[] { "IMPDEF", "IMP", "I" },
            ResetKind.Unknown => new[] { "UNKNOWN", "UNK", "?" },
            _ => new[] { reset.Text },
        };
        return candidates.FirstOrDefault(c => (c.Length * CharWidth * 9) + 2 <= w) ?? string.Empty;
    }

    /// <summary>
    /// How a name is drawn in a box <paramref name="w"/> wide: across at the largest size that
    /// fits, else rotated along the (tall) box when that shows more of it, else shortened with an
    /// ellipsis. The full name is always in the box's tooltip.
    /// </summary>
    private static Label Fit(string text, BitSegment s, double w)
    {
        var room = w - 4;
        var along = TallBox - 8;
        foreach (var size in new[] { 12.0, 10.0, 9.0 })
        {
            if (Fits(text, size, room))
            {
                return new Label(text, size, false);
            }
        }

        // A partial box drops its "[3:0]" before the name gets shortened.
        var name = s.Field?.Name ?? text;
        if (name.Length < text.Length && Fits(name, 9, room))
        {
            return new Label(name, 9, false);
        }

        if (w < 48)
        {
            foreach (var size in new[] { 10.0, 9.0 })
            {
                if (Fits(name, size, along))
                {
                    return new Label(name, size, true);
                }
            }
        }

        var across = (int)Math.Floor(room / (CharWidth * 9));
        var rotated = (int)Math.Floor(along / (CharWidth * 9));
        return w < 48 && rotated > across
            ? new Label(Shorten(name, rotated), 9, true)
            : new Label(Shorten(name, across), 9, false);
    }

    private static bool Fits(string text, double size, double room) => text.Length * CharWidth * size <= room;

    private static string Shorten(string text, int chars) =>
        chars <= 0 ? string.Empty
        : text.Length <= chars ? text
        : chars == 1 ? text.Substring(0, 1)
        : text.Substring(0, chars - 1) + "…";

    // Coordinates rounded to 0.01 so the markup stays short (no 0.30000000000000004).
    private static string Invariant(FormattableString s) =>
        string.Format(CultureInfo.InvariantCulture, s.Format, s.GetArguments().Select(a => a is double d ? Math.Round(d, 2) : a).ToArray());

    private sealed record Label(string Text, double FontSize, bool Rotated);
}
