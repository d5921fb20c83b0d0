using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SmmuGen.Cli.Docs;

/// <summary>The entry page of a docs directory: one line per spec file with what it holds.</summary>
internal static class IndexPage
{
    public static string Html(DocsSite site)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>SmmuGen spec documentation</title>\n<style>\n").Append(PageStyle.Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header class=\"top\"><div class=\"title\"><h1>SmmuGen spec documentation</h1></div></header>\n<main>\n");
        sb.Append("<table class=\"index\"><thead><tr><th>Spec</th><th>File</th><th>Contents</th><th>Description</th><th>Markdown</th></tr></thead><tbody>\n");
        foreach (var page in site.Pages)
        {
            sb.Append("<tr><td class=\"name\"><a href=\"").Append(HtmlText.Escape(page.FileName(".html"))).Append("\">").Append(HtmlText.Escape(page.Doc.Name)).Append("</a></td>");
            sb.Append("<td><code>").Append(HtmlText.Escape(page.SourcePath)).Append("</code></td>");
            sb.Append("<td>").Append(HtmlText.Escape(Contents(page))).Append("</td>");
            sb.Append("<td>").Append(HtmlText.Escape(page.Doc.Doc)).Append("</td>");
            sb.Append("<td><a href=\"").Append(HtmlText.Escape(page.FileName(".md"))).Append("\">").Append(HtmlText.Escape(page.FileName(".md"))).Append("</a></td></tr>\n");
        }

        sb.Append("</tbody></table>\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    public static string Markdown(DocsSite site)
    {
        var sb = new StringBuilder("# SmmuGen spec documentation\n\n| Spec | File | Contents | Description |\n|---|---|---|---|\n");
        foreach (var page in site.Pages)
        {
            sb.Append("| [").Append(MarkdownText.Escape(page.Doc.Name)).Append("](").Append(page.FileName(".md")).Append(") | ")
                .Append(MarkdownText.Code(page.SourcePath)).Append(" | ")
                .Append(MarkdownText.Escape(Contents(page))).Append(" | ")
                .Append(MarkdownText.Escape(page.Doc.Doc)).Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>"46 registers, 3 records (27 variants), 35 structs, 21 ioctls": only what the file has.</summary>
    private static string Contents(DocsPage page)
    {
        static string N(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
        var doc = page.Doc;
        var parts = new List<string>();
        if (doc.Registers.Count > 0)
        {
            parts.Add(N(doc.Registers.Count, "register"));
        }

        if (doc.Records.Count > 0)
        {
            var variants = doc.Records.Sum(r => r.Variants.Count);
            parts.Add(N(doc.Records.Count, "record") + (variants > 0 ? $" ({N(variants, "variant")})" : string.Empty));
        }

        if (doc.Structs.Count > 0)
        {
            parts.Add(N(doc.Structs.Count, "struct"));
        }

        if (doc.Ioctls.Count > 0)
        {
            parts.Add(N(doc.Ioctls.Count, "ioctl"));
        }

        if (doc.Enums.Any(e => !e.IsInline))
        {
            parts.Add(N(doc.Enums.Count(e => !e.IsInline), "enum"));
        }

        return parts.Count == 0 ? "empty" : string.Join(", ", parts);
    }
}
