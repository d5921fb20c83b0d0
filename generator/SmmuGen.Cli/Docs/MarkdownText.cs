using System;
using System.Text;

namespace SmmuGen.Cli.Docs;

/// <summary>Escapes spec text for Markdown table cells and paragraphs (CommonMark with GitHub tables).</summary>
internal static class MarkdownText
{
    // Characters that would start markup: emphasis, code, links, raw HTML, entities, table cells,
    // strikethrough. CommonMark lets any ASCII punctuation be backslash-escaped, so a backslash
    // before each keeps the text literal without changing how it reads in the raw file.
    private const string Special = "\\`*_[]<>|~&";

    /// <summary>Escaped text on one line (table cells cannot hold line breaks).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in OneLine(text))
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A code span (identifiers, numbers). Its content is literal, except that a table still
    /// splits on '|', so that one is escaped; a backtick inside takes a longer fence.
    /// </summary>
    public static string Code(string text)
    {
        var body = OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);
        var fence = body.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        var pad = body.StartsWith('`') || body.EndsWith('`') ? " " : string.Empty;
        return fence + pad + body + pad + fence;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
