using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Loading;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>
/// One spec file as Markdown (GitHub flavour): the HTML page's content as tables. A bitfield
/// diagram is a table whose header row holds the bit ranges, one column per box, with a row of
/// field names (and, for registers, a row of reset values); records get one such table per
/// 64-bit word. Items carry the same ids as in the HTML page.
/// </summary>
internal sealed class MarkdownPage
{
    private const string Extension = ".md";

    private readonly DocsPage _page;
    private readonly DocsSite _site;
    private readonly StringBuilder _sb = new();

    private MarkdownPage(DocsPage page, DocsSite site)
    {
        _page = page;
        _site = site;
    }

    private SpecDocument Doc => _page.Doc;

    public static string Render(DocsPage page, DocsSite site) => new MarkdownPage(page, site).Build();

    private static string M(string? text) => MarkdownText.Escape(text);

    private static string C(string text) => MarkdownText.Code(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private string Build()
    {
        Line($"# {M(Doc.Name)}");
        Line();
        Line($"Spec file {C(_page.SourcePath)} · namespace {C(Doc.Namespace)}"
            + (Doc.Section is null ? string.Empty : $" · section {M(Doc.Section)}")
            + (Doc.Since is null ? string.Empty : $" · since {M(Doc.Since)}"));
        Line();
        if (!string.IsNullOrEmpty(Doc.Doc))
        {
            Line(M(Doc.Doc));
            Line();
        }

        var enums = _page.SharedEnums.ToList();
        Contents(enums);
        if (Doc.Registers.Count > 0)
        {
            Line("## Registers");
            Line();
            foreach (var r in Doc.Registers)
            {
                Register(r);
            }
        }

        if (Doc.Records.Count > 0)
        {
            Line("## Records");
            Line();
            foreach (var r in Doc.Records)
            {
                Record(r);
            }
        }

        if (Doc.Structs.Count > 0)
        {
            Line("## Structs");
            Line();
            foreach (var s in Doc.Structs)
            {
                Struct(s);
            }
        }

        if (Doc.Ioctls.Count > 0)
        {
            Ioctls();
        }

        if (Doc.Constants.Count > 0)
        {
            Constants();
        }

        if (enums.Count > 0)
        {
            Line("## Enums");
            Line();
            foreach (var e in enums)
            {
                Enum(e);
            }
        }

        return _sb.ToString().TrimEnd('\n') + "\n";
    }

    private void Contents(List<EnumSpec> enums)
    {
        void Links(string title, IEnumerable<(string Id, string Name)> items)
        {
            var list = items.ToList();
            if (list.Count > 0)
            {
                Line($"- {title}: " + string.Join(", ", list.Select(i => $"[{M(i.Name)}](#{i.Id})")));
            }
        }

        Links("Registers", Doc.Registers.Select(r => (DocAnchors.Register(r.Name), r.Name)));
        Links("Records", Doc.Records.Select(r => (DocAnchors.Record(r.Name), r.Name)));
        Links("Structs", Doc.Structs.Select(s => (DocAnchors.Struct(s.Name), s.Name)));
        if (Doc.Ioctls.Count > 0)
        {
            Line("- [ioctls](#ioctl-table)");
        }

        if (Doc.Constants.Count > 0)
        {
            Line("- [Constants](#constant-table)");
        }

        Links("Enums", enums.Select(e => (DocAnchors.Enum(e.Name), e.Name)));
        Line();
    }

    // ------------------------------------------------------------------ registers

    private void Register(RegisterSpec r)
    {
        Line($"### <a id=\"{DocAnchors.Register(r.Name)}\"></a>{M(r.Name)}");
        Line();
        var meta = new List<string> { Inv($"page {r.Page}"), $"offset {C(FieldValues.Hex(r.Offset))}", Inv($"{r.Width}-bit") };
        meta.AddRange(r.Aliases.Select(a => Inv($"alias page {a.Page} offset {C(FieldValues.Hex(a.Offset))}")));
        if (r.Ack is { } ack)
        {
            meta.Add($"{(ack.Kind == AckKind.Mirror ? "mirrors" : "toggle-acknowledges")} [{M(ack.Of)}](#{DocAnchors.Register(ack.Of)})");
        }

        Meta(meta, r.Section, r.Since);
        Prose(r.Doc);
        Line($"Reset: {M(RegisterReset.Summary(r))}");
        Line();
        var row = BitfieldDiagram.ForRegister(r).Rows[0];
        DiagramTable("Bits", row, s => s.Label, s => RegisterReset.Of(r, s).Text);
        FieldTable(r.Fields, record: false, f => DocAnchors.RegisterField(r.Name, f.Name));
    }

    // ------------------------------------------------------------------ records

    private void Record(RecordSpec r)
    {
        Line($"### <a id=\"{DocAnchors.Record(r.Name)}\"></a>{M(r.Name)}");
        Line();
        var meta = new List<string> { Inv($"{r.SizeBytes} bytes"), Inv($"{r.Words} × 64-bit word{(r.Words == 1 ? string.Empty : "s")}") };
        if (r.Discriminator is not null)
        {
            meta.Add($"variant selected by {C(r.Discriminator)}");
        }

        Meta(meta, r.Section, r.Since);
        Prose(r.Doc);
        RecordDiagram(BitfieldDiagram.ForRecord(r, r.Fields), s => s.Label);
        if (r.Fields.Count > 0)
        {
            if (r.Variants.Count > 0)
            {
                Line("Shared fields:");
                Line();
            }

            FieldTable(r.Fields, record: true, f => DocAnchors.RecordField(r.Name, f.Name));
        }

        Profiles(r.Profiles);
        if (r.Variants.Count == 0)
        {
            return;
        }

        Line($"Variants by {C(r.Discriminator ?? string.Empty)}:");
        Line();
        Line($"| {M(r.Discriminator)} | Variant | Fields | Description |");
        Line("|---|---|---|---|");
        foreach (var v in r.Variants.OrderBy(v => v.Value))
        {
            var fields = string.Join(", ", v.Fields.Select(f => $"[{M(f.Name)}](#{DocAnchors.VariantField(r.Name, v.Name, f.Name)})"));
            Line($"| {C(FieldValues.Hex(v.Value))} | [{M(v.Name)}](#{DocAnchors.Variant(r.Name, v.Name)}) | {fields} | {M(v.Doc)} |");
        }

        Line();
        foreach (var v in r.Variants)
        {
            Variant(r, v);
        }
    }

    private void Variant(RecordSpec r, VariantSpec v)
    {
        Line($"#### <a id=\"{DocAnchors.Variant(r.Name, v.Name)}\"></a>{M(r.Name)} {M(v.Name)} ({M(r.Discriminator)} = {C(FieldValues.Hex(v.Value))})");
        Line();
        Meta(new List<string> { $"variant of [{M(r.Name)}](#{DocAnchors.Record(r.Name)})" }, v.Section, v.Since);
        Prose(v.Doc);
        RecordDiagram(
            BitfieldDiagram.ForRecord(r, r.Fields.Concat(v.Fields)),
            s => s.Field?.Name == r.Discriminator && !s.IsPartial ? $"{s.Field!.Name}={FieldValues.Hex(v.Value)}" : s.Label);
        if (v.Fields.Count > 0)
        {
            FieldTable(v.Fields, record: true, f => DocAnchors.VariantField(r.Name, v.Name, f.Name));
        }
        else
        {
            Line("No fields beyond the shared ones.");
            Line();
        }

        Profiles(v.Profiles);
    }

    private void RecordDiagram(BitfieldDiagram diagram, Func<BitSegment, string> label)
    {
        foreach (var row in diagram.Rows)
        {
            DiagramTable(Inv($"Word {row.Index} ({row.AbsoluteRange})"), row, label, reset: null);
        }
    }

    private void Profiles(IReadOnlyList<ProfileSpec> profiles)
    {
        if (profiles.Count == 0)
        {
            return;
        }

        Line("| Profile | Fields | Description |");
        Line("|---|---|---|");
        foreach (var p in profiles)
        {
            Line($"| {M(p.Name)} | {M(string.Join(", ", p.Fields))} | {M(p.Doc)} |");
        }

        Line();
    }

    // ------------------------------------------------------------------ diagrams and fields

    /// <summary>Header: the in-row bit ranges; then field names; then the reset values when given.</summary>
    private void DiagramTable(string corner, BitRow row, Func<BitSegment, string> label, Func<BitSegment, string>? reset)
    {
        var segments = row.Segments;
        Line($"| {M(corner)} | " + string.Join(" | ", segments.Select(s => s.Bits)) + " |");
        Line("|---|" + string.Concat(segments.Select(_ => ":-:|")));
        Line("| Field | " + string.Join(" | ", segments.Select(s => s.IsReserved && s.Field is null ? "*RES0*" : C(label(s)))) + " |");
        if (reset is not null)
        {
            Line("| Reset | " + string.Join(" | ", segments.Select(s => M(reset(s)))) + " |");
        }

        Line();
    }

    private void FieldTable(IEnumerable<FieldSpec> fields, bool record, Func<FieldSpec, string> anchorOf)
    {
        Line(record
            ? "| Bits | Word | Access | Name | Values | Description | Section | Since |"
            : "| Bits | Access | Name | Values | Description | Section | Since |");
        Line(record ? "|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|");
        foreach (var f in fields.OrderByDescending(f => f.Bits.Msb))
        {
            var word = record ? $" {FieldValues.Words(f)} |" : string.Empty;
            Line($"| {f.Bits} |{word} {M(ScalarParser.AccessName(f.Access))} | <a id=\"{anchorOf(f)}\"></a>{C(f.Name)} | {Values(f)} | {M(f.Doc)} | {M(f.Section)} | {M(f.Since)} |");
        }

        Line();
    }

    private string Values(FieldSpec f)
    {
        var parts = FieldValues.Notes(f).Select(M).ToList();
        var e = _page.FindEnum(f.EnumName);
        if (e is not null)
        {
            var values = string.Join("<br>", FieldValues.Encodings(e).Select(v => $"{C(v.Value)} {M(v.Name)}"));
            parts.Add(e.IsInline ? values : $"[{M(e.Name)}](#{DocAnchors.Enum(e.Name)}):<br>{values}");
        }

        return string.Join("<br>", parts);
    }

    // ------------------------------------------------------------------ uAPI

    private void Struct(StructSpec s)
    {
        Line($"### <a id=\"{DocAnchors.Struct(s.Name)}\"></a>struct {M(s.Name)}");
        Line();
        _page.Layouts.TryGetValue(s.Name, out var layout);
        var meta = new List<string>();
        if (layout is not null)
        {
            meta.Add(Inv($"size {layout.Size}"));
            meta.Add(Inv($"align {layout.Align}"));
            var padding = layout.Holes.Aggregate(0UL, (n, h) => n + h.Size);
            if (padding > 0)
            {
                meta.Add(Inv($"{padding} padding byte{(padding == 1 ? string.Empty : "s")}"));
            }
        }

        if (s.SizePrefixed)
        {
            meta.Add("size-prefixed (extensible)");
        }

        foreach (var i in Doc.Ioctls.Where(i => i.StructName == s.Name))
        {
            var min = IoctlNumbers.MinSize(i, layout);
            meta.Add($"[{M(i.Name)}](#{DocAnchors.Ioctl(i.Name)})" + (min is { } m ? Inv($" (min size {m})") : string.Empty));
        }

        Meta(meta, s.Section, s.Since);
        Prose(s.Doc);
        if (layout is null)
        {
            Line("No layout: the struct uses a type the layout engine cannot size.");
            Line();
            return;
        }

        Line("| Offset | Size | Type | Name | Values | Description | Since |");
        Line("|--:|--:|---|---|---|---|---|");
        foreach (var row in StructRows.Build(s, layout))
        {
            StructRow(s, row);
        }

        Line();
    }

    private void StructRow(StructSpec s, StructRow row)
    {
        // Non-breaking spaces indent members of inline unions and structs (Markdown drops plain ones).
        var indent = string.Concat(Enumerable.Repeat("&#160;&#160;&#160;&#160;", row.Depth));
        if (row.Kind == StructRowKind.Padding)
        {
            var hole = row.Hole!;
            var where = hole.After is null ? $"at the end of {hole.Container}" : $"before {hole.After}";
            Line(Inv($"| {row.Offset} | {row.Size} | | {indent}*padding* | | {M($"{row.Size} byte{(row.Size == 1 ? string.Empty : "s")} the compiler inserts {where}")} | |"));
            return;
        }

        var m = row.Member!;
        var type = m.Kind switch
        {
            MemberKind.Union => "union",
            MemberKind.InlineStruct => "struct",
            _ => m.Type ?? string.Empty,
        };
        if (m.Count is { } count)
        {
            type += Inv($"[{count}]");
        }

        var typeCell = m.Kind == MemberKind.Struct && m.StructTag is { } tag && Doc.Structs.Any(x => x.Name == tag)
            ? $"[{M(type)}](#{DocAnchors.Struct(tag)})"
            : C(type);
        var anchor = row.Path.Length > 0 ? $"<a id=\"{DocAnchors.Member(s.Name, row.Path)}\"></a>" : string.Empty;
        var name = m.Name is null ? $"*anonymous {M(type)}*" : C(m.Name);
        var values = new List<string>();
        if (m.Reserved)
        {
            values.Add("reserved, must be 0");
        }

        if (m.EnumName is { } en)
        {
            var label = (m.IsFlags ? "flags " : "enum ") + M(en);
            values.Add(_page.FindEnum(en) is null ? label : $"[{label}](#{DocAnchors.Enum(en)})");
        }

        if (m.RecordName is { } rec)
        {
            var href = _site.RecordHref(rec, _page, Extension);
            values.Add(href is null ? $"words of record {M(rec)}" : $"words of record [{M(rec)}]({href})");
        }

        Line(Inv($"| {row.Offset} | {row.Size} | {typeCell} | {indent}{anchor}{name} | {string.Join("; ", values)} | {M(m.Doc)} | {M(m.Since)} |"));
    }

    private void Ioctls()
    {
        Line("## <a id=\"ioctl-table\"></a>ioctls");
        Line();
        Line("| Name | Number | Macro | Struct | Min size | Description | Since |");
        Line("|---|---|---|---|--:|---|---|");
        foreach (var i in Doc.Ioctls)
        {
            StructLayout? layout = null;
            if (i.StructName is not null)
            {
                _page.Layouts.TryGetValue(i.StructName, out layout);
            }

            var number = IoctlNumbers.Number(i, layout) is { } n ? C(Inv($"0x{n:x8}")) : "—";
            var structCell = i.StructName is null ? "—" : $"[struct {M(i.StructName)}](#{DocAnchors.Struct(i.StructName)})";
            var min = IoctlNumbers.MinSize(i, layout) is { } m ? Inv($"{m}") : "—";
            Line($"| <a id=\"{DocAnchors.Ioctl(i.Name)}\"></a>{C(i.Name)} | {number} | {C(IoctlNumbers.Macro(i))} | {structCell} | {min} | {M(i.Doc)} | {M(i.Since)} |");
        }

        Line();
    }

    private void Constants()
    {
        Line("## <a id=\"constant-table\"></a>Constants");
        Line();
        Line("| Name | Value | Description | Since |");
        Line("|---|---|---|---|");
        foreach (var c in Doc.Constants)
        {
            Line($"| <a id=\"{DocAnchors.Constant(c.Name)}\"></a>{C(c.Name)} | {C(FieldValues.Hex(c.Value))} | {M(c.Doc)} | {M(c.Since)} |");
        }

        Line();
    }

    private void Enum(EnumSpec e)
    {
        Line($"### <a id=\"{DocAnchors.Enum(e.Name)}\"></a>{(e.IsFlags ? "flags" : "enum")} {M(e.Name)}");
        Line();
        Meta(e.Prefix is null ? new List<string>() : new List<string> { $"prefix {C(e.Prefix)}" }, null, e.Since);
        Prose(e.Doc);
        Line("| Value | Name | Description | Since |");
        Line("|---|---|---|---|");
        foreach (var v in e.Values.OrderBy(v => v.Value))
        {
            Line($"| {C(FieldValues.Hex(v.Value))} | {M(v.Name)} | {M(v.Doc)} | {M(v.Since)} |");
        }

        Line();
    }

    // ------------------------------------------------------------------ shared bits

    private void Meta(List<string> parts, string? section, string? since)
    {
        if (section is not null)
        {
            parts.Add($"section {M(section)}");
        }

        if (since is not null)
        {
            parts.Add($"since {M(since)}");
        }

        if (parts.Count > 0)
        {
            Line(string.Join(" · ", parts));
            Line();
        }
    }

    private void Prose(string? doc)
    {
        if (!string.IsNullOrEmpty(doc))
        {
            Line(M(doc));
            Line();
        }
    }

    private void Line(string text = "") => _sb.Append(text).Append('\n');
}
