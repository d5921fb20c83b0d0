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
/// One spec file as one self-contained HTML page: inline CSS and script, inline SVG diagrams, no
/// external assets. Every item (register, record, variant, struct, enum, ioctl table) is a
/// <c>section.item</c> with an id and a <c>data-search</c> text; every field row a
/// <c>tr.row</c> with its own. The script filters on both as the search box changes.
/// </summary>
internal sealed class HtmlPage
{
    private const string Extension = ".html";

    private readonly DocsPage _page;
    private readonly DocsSite _site;
    private readonly StringBuilder _sb = new();

    private HtmlPage(DocsPage page, DocsSite site)
    {
        _page = page;
        _site = site;
    }

    private SpecDocument Doc => _page.Doc;

    public static string Render(DocsPage page, DocsSite site) => new HtmlPage(page, site).Build();

    private static string E(string? text) => HtmlText.Escape(text);

    /// <summary>Search text: lower case, so the script compares without case folding of its own.</summary>
    private static string S(params string?[] parts) =>
        E(string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p))).ToLowerInvariant());

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private string Build()
    {
        var enums = _page.SharedEnums.ToList();
        _sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        _sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        _sb.Append("<title>").Append(E(_page.Title)).Append("</title>\n");
        _sb.Append("<style>\n").Append(PageStyle.Css).Append("</style>\n</head>\n<body>\n");

        // The hatch for reserved bits, defined once for every diagram on the page.
        _sb.Append("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs><pattern id=\"rsv-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e4e6ea\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b8bcc4\" stroke-width=\"2\"/></pattern></defs></svg>\n");

        _sb.Append("<header class=\"top\">\n<div class=\"title\"><h1>").Append(E(Doc.Name)).Append("</h1>");
        _sb.Append("<span class=\"src\">").Append(E(_page.SourcePath)).Append("</span>");
        _sb.Append("<a class=\"up\" href=\"").Append(DocsSite.IndexName).Append(Extension).Append("\">all specs</a></div>\n");
        _sb.Append("<div class=\"search\"><input id=\"q\" type=\"search\" placeholder=\"Filter by name or text (press /)\" aria-label=\"Filter registers, records, structs and fields by name or text\" autocomplete=\"off\" spellcheck=\"false\">");
        _sb.Append("<span id=\"count\" aria-live=\"polite\"></span></div>\n</header>\n");

        _sb.Append("<div class=\"layout\">\n");
        Toc(enums);
        _sb.Append("<main>\n");
        Intro();
        if (Doc.Registers.Count > 0)
        {
            Group("registers", "Registers", () => Doc.Registers.ToList().ForEach(Register));
        }

        if (Doc.Records.Count > 0)
        {
            Group("records", "Records", () => Doc.Records.ToList().ForEach(Record));
        }

        if (Doc.Structs.Count > 0)
        {
            Group("structs", "Structs", () => Doc.Structs.ToList().ForEach(Struct));
        }

        if (Doc.Ioctls.Count > 0)
        {
            Group("ioctls", "ioctls", Ioctls);
        }

        if (Doc.Constants.Count > 0)
        {
            Group("constants", "Constants", Constants);
        }

        if (enums.Count > 0)
        {
            Group("enums", "Enums", () => enums.ForEach(Enum));
        }

        _sb.Append("<p id=\"none\" class=\"none\" hidden>Nothing matches the filter.</p>\n");
        _sb.Append("</main>\n</div>\n<script>\n").Append(PageScript.Js).Append("</script>\n</body>\n</html>\n");
        return _sb.ToString();
    }

    private void Toc(List<EnumSpec> enums)
    {
        _sb.Append("<nav id=\"toc\" aria-label=\"Contents\">\n<ul>\n");
        TocGroup("registers", "Registers", Doc.Registers.Select(r => (DocAnchors.Register(r.Name), r.Name, Array.Empty<(string, string)>())));
        TocGroup("records", "Records", Doc.Records.Select(r => (DocAnchors.Record(r.Name), r.Name, r.Variants.Select(v => (DocAnchors.Variant(r.Name, v.Name), v.Name)).ToArray())));
        TocGroup("structs", "Structs", Doc.Structs.Select(s => (DocAnchors.Struct(s.Name), s.Name, Array.Empty<(string, string)>())));
        if (Doc.Ioctls.Count > 0)
        {
            TocGroup("ioctls", "ioctls", new[] { ("ioctl-table", Plural(Doc.Ioctls.Count, "ioctl"), Array.Empty<(string, string)>()) });
        }

        if (Doc.Constants.Count > 0)
        {
            TocGroup("constants", "Constants", new[] { ("constant-table", Plural(Doc.Constants.Count, "constant"), Array.Empty<(string, string)>()) });
        }

        TocGroup("enums", "Enums", enums.Select(e => (DocAnchors.Enum(e.Name), e.Name, Array.Empty<(string, string)>())));
        _sb.Append("</ul>\n</nav>\n");
    }

    private void TocGroup(string id, string title, IEnumerable<(string Id, string Name, (string Id, string Name)[] Children)> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        _sb.Append(Inv($"<li class=\"tg\" data-group=\"{id}\"><a href=\"#{id}\">{E(title)}</a><ul>\n"));
        foreach (var (itemId, name, children) in list)
        {
            _sb.Append(Inv($"<li data-item=\"{itemId}\"><a href=\"#{itemId}\">{E(name)}</a>"));
            if (children.Length > 0)
            {
                _sb.Append("<ul>");
                foreach (var (childId, childName) in children)
                {
                    _sb.Append(Inv($"<li data-item=\"{childId}\"><a href=\"#{childId}\">{E(childName)}</a></li>"));
                }

                _sb.Append("</ul>");
            }

            _sb.Append("</li>\n");
        }

        _sb.Append("</ul></li>\n");
    }

    private void Intro()
    {
        _sb.Append("<section class=\"intro\">\n");
        if (!string.IsNullOrEmpty(Doc.Doc))
        {
            _sb.Append("<p class=\"doc\">").Append(E(Doc.Doc)).Append("</p>\n");
        }

        var facts = new List<string> { $"namespace <code>{E(Doc.Namespace)}</code>" };
        if (Doc.Section is not null)
        {
            facts.Add($"section {E(Doc.Section)}");
        }

        if (Doc.Since is not null)
        {
            facts.Add($"since {E(Doc.Since)}");
        }

        if (Doc.Registers.Count > 0)
        {
            facts.Add($"page size {FieldValues.Hex(Doc.PageSize)}");
        }

        facts.Add(string.Join(", ", Counts()));
        _sb.Append("<p class=\"meta\">").Append(string.Join(" · ", facts)).Append("</p>\n</section>\n");
    }

    private static string Plural(int n, string noun) => Inv($"{n} {noun}{(n == 1 ? string.Empty : "s")}");

    private IEnumerable<string> Counts()
    {
        static string N(int n, string noun) => Plural(n, noun);
        if (Doc.Registers.Count > 0)
        {
            yield return N(Doc.Registers.Count, "register");
        }

        if (Doc.Records.Count > 0)
        {
            yield return N(Doc.Records.Count, "record") + (Doc.Records.Sum(r => r.Variants.Count) is var v and > 0 ? $" ({N(v, "variant")})" : string.Empty);
        }

        if (Doc.Structs.Count > 0)
        {
            yield return N(Doc.Structs.Count, "struct");
        }

        if (Doc.Ioctls.Count > 0)
        {
            yield return N(Doc.Ioctls.Count, "ioctl");
        }
    }

    private void Group(string id, string title, Action body)
    {
        _sb.Append(Inv($"<section class=\"group\" id=\"{id}\">\n<h2>{E(title)}</h2>\n"));
        body();
        _sb.Append("</section>\n");
    }

    // ------------------------------------------------------------------ registers

    private void Register(RegisterSpec r)
    {
        var id = DocAnchors.Register(r.Name);
        _sb.Append(Inv($"<section class=\"item reg\" id=\"{id}\" data-search=\"{S(r.Name, r.CSharpName, r.Doc, FieldValues.Hex(r.Offset))}\">\n"));
        _sb.Append(Inv($"<h3><a class=\"self\" href=\"#{id}\">{E(r.Name)}</a></h3>\n"));
        var meta = new List<string>
        {
            Inv($"page {r.Page}"),
            $"offset <code>{FieldValues.Hex(r.Offset)}</code>",
            Inv($"{r.Width}-bit"),
        };
        meta.AddRange(r.Aliases.Select(a => Inv($"alias page {a.Page} offset <code>{FieldValues.Hex(a.Offset)}</code>")));
        if (r.Ack is { } ack)
        {
            var kind = ack.Kind == AckKind.Mirror ? "mirrors" : "toggle-acknowledges";
            meta.Add($"{kind} <a href=\"#{DocAnchors.Register(ack.Of)}\">{E(ack.Of)}</a>");
        }

        Meta(meta, r.Section, r.Since);
        Prose(r.Doc);

        var diagram = BitfieldDiagram.ForRegister(r);
        _sb.Append("<figure class=\"diagram\">");
        _sb.Append(SvgBitfield.Render(diagram, $"{r.Name} bitfields", f => DocAnchors.RegisterField(r.Name, f.Name), resetOf: s => RegisterReset.Of(r, s)));
        _sb.Append("<figcaption>Reset: <span class=\"resetsum\">").Append(E(RegisterReset.Summary(r))).Append("</span>");

        // A key only for the marks this register's reset strip uses.
        var cells = diagram.Rows.SelectMany(row => row.Segments).Select(s => RegisterReset.Of(r, s).Kind).ToHashSet();
        if (cells.Contains(ResetKind.Impdef))
        {
            _sb.Append(" <span class=\"legend\"><span class=\"k impdef\">IMPDEF</span> IMPLEMENTATION DEFINED</span>");
        }

        if (cells.Contains(ResetKind.Unknown))
        {
            _sb.Append(" <span class=\"legend\"><span class=\"k unknown\">UNKNOWN</span> software must not rely on it</span>");
        }

        _sb.Append("</figcaption></figure>\n");

        FieldTable(r.Fields, record: false, f => DocAnchors.RegisterField(r.Name, f.Name));
        _sb.Append("</section>\n");
    }

    // ------------------------------------------------------------------ records

    private void Record(RecordSpec r)
    {
        var id = DocAnchors.Record(r.Name);
        _sb.Append(Inv($"<section class=\"item rec\" id=\"{id}\" data-search=\"{S(r.Name, r.CSharpName, r.Doc)}\">\n"));
        _sb.Append(Inv($"<h3><a class=\"self\" href=\"#{id}\">{E(r.Name)}</a></h3>\n"));
        var meta = new List<string> { Inv($"{r.SizeBytes} bytes"), Inv($"{r.Words} × 64-bit word{(r.Words == 1 ? string.Empty : "s")}") };
        if (r.Discriminator is not null)
        {
            meta.Add($"variant selected by <code>{E(r.Discriminator)}</code>");
        }

        Meta(meta, r.Section, r.Since);
        Prose(r.Doc);

        var diagram = BitfieldDiagram.ForRecord(r, r.Fields);
        _sb.Append("<figure class=\"diagram\">");
        _sb.Append(SvgBitfield.Render(diagram, $"{r.Name} bitfields", f => DocAnchors.RecordField(r.Name, f.Name)));
        _sb.Append("</figure>\n");

        if (r.Fields.Count > 0)
        {
            _sb.Append(r.Variants.Count > 0 ? "<h4>Shared fields</h4>\n" : string.Empty);
            FieldTable(r.Fields, record: true, f => DocAnchors.RecordField(r.Name, f.Name));
        }

        Profiles(r.Profiles);
        if (r.Variants.Count > 0)
        {
            VariantTable(r);
            foreach (var v in r.Variants)
            {
                Variant(r, v);
            }
        }

        _sb.Append("</section>\n");
    }

    private void VariantTable(RecordSpec r)
    {
        _sb.Append(Inv($"<h4>Variants by {E(r.Discriminator)}</h4>\n<table class=\"variants\"><thead><tr><th>{E(r.Discriminator)}</th><th>Variant</th><th>Fields</th><th>Description</th></tr></thead><tbody>\n"));
        foreach (var v in r.Variants.OrderBy(v => v.Value))
        {
            var vid = DocAnchors.Variant(r.Name, v.Name);
            var fields = string.Join(", ", v.Fields.Select(f => Inv($"<a href=\"#{DocAnchors.VariantField(r.Name, v.Name, f.Name)}\">{E(f.Name)}</a>")));
            _sb.Append(Inv($"<tr class=\"row\" data-search=\"{S(v.Name, v.Doc, FieldValues.Hex(v.Value))}\"><td class=\"num\"><code>{FieldValues.Hex(v.Value)}</code></td><td class=\"name\"><a href=\"#{vid}\">{E(v.Name)}</a></td><td>{fields}</td><td>{E(v.Doc)}</td></tr>\n"));
        }

        _sb.Append("</tbody></table>\n");
    }

    private void Variant(RecordSpec r, VariantSpec v)
    {
        var id = DocAnchors.Variant(r.Name, v.Name);
        _sb.Append(Inv($"<section class=\"item variant\" id=\"{id}\" data-search=\"{S(v.Name, v.CSharpName, v.Doc, FieldValues.Hex(v.Value))}\">\n"));
        _sb.Append(Inv($"<h4><a class=\"self\" href=\"#{id}\">{E(v.Name)}</a> <span class=\"disc\">{E(r.Discriminator)} = <code>{FieldValues.Hex(v.Value)}</code></span></h4>\n"));
        Meta(new List<string> { $"variant of <a href=\"#{DocAnchors.Record(r.Name)}\">{E(r.Name)}</a>" }, v.Section, v.Since);
        Prose(v.Doc);

        var own = new HashSet<FieldSpec>(v.Fields, ReferenceEqualityComparer.Instance);
        string Anchor(FieldSpec f) => own.Contains(f) ? DocAnchors.VariantField(r.Name, v.Name, f.Name) : DocAnchors.RecordField(r.Name, f.Name);
        string? Label(BitSegment s) => s.Field?.Name == r.Discriminator && !s.IsPartial ? $"{s.Field!.Name}={FieldValues.Hex(v.Value)}" : null;

        var diagram = BitfieldDiagram.ForRecord(r, r.Fields.Concat(v.Fields));
        _sb.Append("<figure class=\"diagram\">");
        _sb.Append(SvgBitfield.Render(diagram, $"{r.Name} {v.Name} bitfields", Anchor, Label));
        _sb.Append("</figure>\n");
        if (v.Fields.Count > 0)
        {
            FieldTable(v.Fields, record: true, Anchor);
        }
        else
        {
            _sb.Append("<p class=\"note\">No fields beyond the shared ones.</p>\n");
        }

        Profiles(v.Profiles);
        _sb.Append("</section>\n");
    }

    private void Profiles(IReadOnlyList<ProfileSpec> profiles)
    {
        if (profiles.Count == 0)
        {
            return;
        }

        _sb.Append("<table class=\"profiles\"><thead><tr><th>Profile</th><th>Fields</th><th>Description</th></tr></thead><tbody>\n");
        foreach (var p in profiles)
        {
            _sb.Append(Inv($"<tr><td class=\"name\">{E(p.Name)}</td><td>{E(string.Join(", ", p.Fields))}</td><td>{E(p.Doc)}</td></tr>\n"));
        }

        _sb.Append("</tbody></table>\n");
    }

    // ------------------------------------------------------------------ fields

    private void FieldTable(IEnumerable<FieldSpec> fields, bool record, Func<FieldSpec, string> anchorOf)
    {
        _sb.Append("<table class=\"fields\"><thead><tr><th>Bits</th>");
        _sb.Append(record ? "<th>Word</th>" : string.Empty);
        _sb.Append("<th>Access</th><th>Name</th><th>Values</th><th>Description</th><th>Section</th><th>Since</th></tr></thead><tbody>\n");
        foreach (var f in fields.OrderByDescending(f => f.Bits.Msb))
        {
            var e = _page.FindEnum(f.EnumName);
            var reserved = f.Access is FieldAccess.Res0 or FieldAccess.Res1 ? " rsv" : string.Empty;
            _sb.Append(Inv($"<tr class=\"row{reserved}\" id=\"{anchorOf(f)}\" data-search=\"{S(f.Name, f.CSharpName, f.Doc, e?.Name, e is null ? null : string.Join(' ', e.Values.Select(x => x.Name)))}\">"));
            _sb.Append(Inv($"<td class=\"bits\">{f.Bits}</td>"));
            _sb.Append(record ? $"<td class=\"num\">{FieldValues.Words(f)}</td>" : string.Empty);
            _sb.Append(Inv($"<td>{E(ScalarParser.AccessName(f.Access))}</td><td class=\"name\">{E(f.Name)}</td><td>"));
            Values(f, e);
            _sb.Append(Inv($"</td><td>{E(f.Doc)}</td><td>{E(f.Section)}</td><td>{E(f.Since)}</td></tr>\n"));
        }

        _sb.Append("</tbody></table>\n");
    }

    private void Values(FieldSpec f, EnumSpec? e)
    {
        foreach (var note in FieldValues.Notes(f))
        {
            _sb.Append("<span class=\"tag\">").Append(E(note)).Append("</span> ");
        }

        if (e is null)
        {
            return;
        }

        if (!e.IsInline)
        {
            _sb.Append(Inv($"<a href=\"#{DocAnchors.Enum(e.Name)}\">{E(e.Name)}</a>"));
        }

        _sb.Append("<ul class=\"vals\">");
        foreach (var (value, name, doc) in FieldValues.Encodings(e))
        {
            _sb.Append(Inv($"<li><code>{value}</code> {E(name)}"));
            _sb.Append(string.IsNullOrEmpty(doc) ? string.Empty : $"<span class=\"vdoc\"> — {E(doc)}</span>");
            _sb.Append("</li>");
        }

        _sb.Append("</ul>");
    }

    // ------------------------------------------------------------------ uAPI

    private void Struct(StructSpec s)
    {
        var id = DocAnchors.Struct(s.Name);
        _sb.Append(Inv($"<section class=\"item struct\" id=\"{id}\" data-search=\"{S(s.Name, s.CSharpName, s.Doc)}\">\n"));
        _sb.Append(Inv($"<h3><a class=\"self\" href=\"#{id}\">struct {E(s.Name)}</a></h3>\n"));
        _page.Layouts.TryGetValue(s.Name, out var layout);
        var meta = new List<string>();
        if (layout is not null)
        {
            meta.Add(Inv($"size {layout.Size}"));
            meta.Add(Inv($"align {layout.Align}"));
            var padding = layout.Holes.Aggregate(0UL, (n, h) => n + h.Size);
            if (padding > 0)
            {
                meta.Add(Inv($"<span class=\"padnote\">{padding} padding byte{(padding == 1 ? string.Empty : "s")}</span>"));
            }
        }

        if (s.SizePrefixed)
        {
            meta.Add("size-prefixed (extensible)");
        }

        foreach (var i in Doc.Ioctls.Where(i => i.StructName == s.Name))
        {
            var min = IoctlNumbers.MinSize(i, layout);
            meta.Add(Inv($"<a href=\"#{DocAnchors.Ioctl(i.Name)}\">{E(i.Name)}</a>") + (min is { } m ? Inv($" (min size {m})") : string.Empty));
        }

        Meta(meta, s.Section, s.Since);
        Prose(s.Doc);
        if (layout is null)
        {
            _sb.Append("<p class=\"note\">No layout: the struct uses a type the layout engine cannot size.</p>\n</section>\n");
            return;
        }

        _sb.Append("<table class=\"members\"><thead><tr><th>Offset</th><th>Size</th><th>Type</th><th>Name</th><th>Values</th><th>Description</th><th>Since</th></tr></thead><tbody>\n");
        foreach (var row in StructRows.Build(s, layout))
        {
            StructRow(s, row);
        }

        _sb.Append("</tbody></table>\n</section>\n");
    }

    private void StructRow(StructSpec s, StructRow row)
    {
        var indent = Inv($" style=\"padding-left:{0.5 + (row.Depth * 1.25)}em\"");
        var offset = Inv($"<td class=\"num\">{row.Offset}</td><td class=\"num\">{row.Size}</td>");
        if (row.Kind == StructRowKind.Padding)
        {
            _sb.Append(Inv($"<tr class=\"row pad\" data-search=\"padding hole\">{offset}<td></td><td class=\"name\"{indent}><em>padding</em></td><td></td><td>{row.Size} byte{(row.Size == 1 ? string.Empty : "s")} the compiler inserts {E(HoleWhere(row.Hole!))}</td><td></td></tr>\n"));
            return;
        }

        var m = row.Member!;
        var id = row.Path.Length > 0 ? Inv($" id=\"{DocAnchors.Member(s.Name, row.Path)}\"") : string.Empty;
        var type = m.Kind switch
        {
            MemberKind.Union => "union",
            MemberKind.InlineStruct => "struct",
            MemberKind.Struct when m.StructTag is { } tag && Doc.Structs.Any(x => x.Name == tag) => Inv($"<a href=\"#{DocAnchors.Struct(tag)}\">{E(m.Type)}</a>"),
            _ => E(m.Type),
        };
        if (m.Count is { } count)
        {
            type += Inv($"[{count}]");
        }

        var name = m.Name is null ? $"<em>anonymous {type}</em>" : $"<code>{E(m.Name)}</code>";
        var values = new List<string>();
        if (m.Reserved)
        {
            values.Add("<span class=\"tag\">reserved, must be 0</span>");
        }

        if (m.EnumName is { } en)
        {
            var target = _page.FindEnum(en);
            var label = (m.IsFlags ? "flags " : "enum ") + E(en);
            values.Add(target is null ? label : Inv($"<a href=\"#{DocAnchors.Enum(en)}\">{label}</a>"));
        }

        if (m.RecordName is { } rec)
        {
            var href = _site.RecordHref(rec, _page, Extension);
            values.Add(href is null ? $"words of record {E(rec)}" : $"words of record <a href=\"{E(href)}\">{E(rec)}</a>");
        }

        var cls = m.Reserved ? "row reserved" : "row";
        _sb.Append(Inv($"<tr class=\"{cls}\"{id} data-search=\"{S(m.Name, m.CSharpName, m.Type, m.Doc, m.EnumName, m.RecordName)}\">{offset}<td>{type}</td><td class=\"name\"{indent}>{name}</td><td>{string.Join(" ", values)}</td><td>{E(m.Doc)}</td><td>{E(m.Since)}</td></tr>\n"));
    }

    private static string HoleWhere(PaddingHole hole) =>
        hole.After is null
            ? $"at the end of {hole.Container}" + (hole.Before is null ? string.Empty : $", after {hole.Before}")
            : $"before {hole.After}" + (hole.Before is null ? string.Empty : $", after {hole.Before}");

    private void Ioctls()
    {
        _sb.Append("<section class=\"item ioctls\" id=\"ioctl-table\" data-search=\"\">\n");
        _sb.Append("<table class=\"ioctls\"><thead><tr><th>Name</th><th>Number</th><th>Macro</th><th>Struct</th><th>Min size</th><th>Description</th><th>Since</th></tr></thead><tbody>\n");
        foreach (var i in Doc.Ioctls)
        {
            StructLayout? layout = null;
            if (i.StructName is not null)
            {
                _page.Layouts.TryGetValue(i.StructName, out layout);
            }

            var number = IoctlNumbers.Number(i, layout) is { } n ? Inv($"<code>0x{n:x8}</code>") : "—";
            var structCell = i.StructName is null ? "—" : Inv($"<a href=\"#{DocAnchors.Struct(i.StructName)}\">struct {E(i.StructName)}</a>");
            var min = IoctlNumbers.MinSize(i, layout) is { } m ? Inv($"{m}") + (i.MinSizeMember is null ? string.Empty : $" (to <code>{E(i.MinSizeMember)}</code>)") : "—";
            _sb.Append(Inv($"<tr class=\"row\" id=\"{DocAnchors.Ioctl(i.Name)}\" data-search=\"{S(i.Name, i.StructName, i.Doc)}\"><td class=\"name\"><code>{E(i.Name)}</code></td><td>{number}</td><td><code>{E(IoctlNumbers.Macro(i))}</code></td><td>{structCell}</td><td>{min}</td><td>{E(i.Doc)}</td><td>{E(i.Since)}</td></tr>\n"));
        }

        _sb.Append("</tbody></table>\n</section>\n");
    }

    private void Constants()
    {
        _sb.Append("<section class=\"item consts\" id=\"constant-table\" data-search=\"\">\n");
        _sb.Append("<table class=\"consts\"><thead><tr><th>Name</th><th>Value</th><th>Description</th><th>Since</th></tr></thead><tbody>\n");
        foreach (var c in Doc.Constants)
        {
            _sb.Append(Inv($"<tr class=\"row\" id=\"{DocAnchors.Constant(c.Name)}\" data-search=\"{S(c.Name, c.Doc)}\"><td class=\"name\"><code>{E(c.Name)}</code></td><td><code>{FieldValues.Hex(c.Value)}</code></td><td>{E(c.Doc)}</td><td>{E(c.Since)}</td></tr>\n"));
        }

        _sb.Append("</tbody></table>\n</section>\n");
    }

    private void Enum(EnumSpec e)
    {
        var id = DocAnchors.Enum(e.Name);
        _sb.Append(Inv($"<section class=\"item enum\" id=\"{id}\" data-search=\"{S(e.Name, e.Doc)}\">\n"));
        _sb.Append(Inv($"<h3><a class=\"self\" href=\"#{id}\">{(e.IsFlags ? "flags" : "enum")} {E(e.Name)}</a></h3>\n"));
        var meta = new List<string>();
        if (e.Prefix is not null)
        {
            meta.Add($"prefix <code>{E(e.Prefix)}</code>");
        }

        Meta(meta, null, e.Since);
        Prose(e.Doc);
        _sb.Append("<table class=\"enumvals\"><thead><tr><th>Value</th><th>Name</th><th>Description</th><th>Since</th></tr></thead><tbody>\n");
        foreach (var v in e.Values.OrderBy(v => v.Value))
        {
            _sb.Append(Inv($"<tr class=\"row\" data-search=\"{S(v.Name, v.Doc)}\"><td class=\"num\"><code>{FieldValues.Hex(v.Value)}</code></td><td class=\"name\">{E(v.Name)}</td><td>{E(v.Doc)}</td><td>{E(v.Since)}</td></tr>\n"));
        }

        _sb.Append("</tbody></table>\n</section>\n");
    }

    // ------------------------------------------------------------------ shared bits

    private void Meta(List<string> parts, string? section, string? since)
    {
        if (section is not null)
        {
            parts.Add($"section {E(section)}");
        }

        if (since is not null)
        {
            parts.Add($"since {E(since)}");
        }

        if (parts.Count > 0)
        {
            _sb.Append("<p class=\"meta\">").Append(string.Join(" · ", parts)).Append("</p>\n");
        }
    }

    private void Prose(string? doc)
    {
        if (!string.IsNullOrEmpty(doc))
        {
            _sb.Append("<p class=\"doc\">").Append(E(doc)).Append("</p>\n");
        }
    }
}
