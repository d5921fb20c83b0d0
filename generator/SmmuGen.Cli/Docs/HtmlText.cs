using System.Text;

namespace SmmuGen.Cli.Docs;

/// <summary>Escapes spec text for HTML and inline SVG: element content and quoted attribute values alike.</summary>
internal static class HtmlText
{
    /// <summary>
    /// Replaces the five characters markup gives meaning to. Spec docs are prose and may say
    /// "&lt; 4 KiB" or "A &amp; B"; the SVG parts are also parsed as XML by tests, so the
    /// same entities serve both.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
