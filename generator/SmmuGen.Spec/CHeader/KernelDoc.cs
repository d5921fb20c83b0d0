using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A kernel-doc comment: <c>/** struct NAME - summary</c>, <c>@member: text</c> lines, then a
/// free description. Docs become one paragraph per line of the result: wrapped lines are joined
/// with spaces, blank lines separate paragraphs.
/// </summary>
/// <param name="Kind"><c>struct</c>, <c>union</c>, <c>enum</c>, <c>typedef</c>, or null for a block without such a heading.</param>
/// <param name="Name">The name the heading documents, or null.</param>
/// <param name="Summary">The heading's text after the dash, or null.</param>
/// <param name="Description">The text after the member lines, or null.</param>
/// <param name="Members">Text per <c>@name</c> (member paths like <c>u.x</c> as written).</param>
/// <param name="Span">The comment.</param>
internal sealed record KernelDoc(string? Kind, string? Name, string? Summary, string? Description, IReadOnlyDictionary<string, string> Members, SourceSpan Span)
{
    private static readonly Regex Heading = new(@"^(?:(struct|union|enum|typedef)\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:\(\))?\s*(?:[-:]+\s*(.*))?$", RegexOptions.CultureInvariant);

    private static readonly Regex MemberLine = new(@"^@([A-Za-z_][A-Za-z0-9_.\[\]]*|\.\.\.)\s*:\s*(.*)$", RegexOptions.CultureInvariant);

    /// <summary>The doc of the documented thing: summary and description.</summary>
    public string? Doc => Join(Summary, Description);

    /// <summary>The text of a comment, decorations removed; a kernel-doc block or not.</summary>
    public static IReadOnlyList<string> Lines(CComment comment)
    {
        var text = comment.Text;
        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            return new[] { text.Substring(2).Trim() };
        }

        var start = text.StartsWith("/**", StringComparison.Ordinal) ? 3 : 2;
        var body = text.Substring(start, Math.Max(0, text.Length - start - 2));
        return body.Replace("\r", string.Empty).Split('\n')
            .Select(l => l.Trim())
            .Select(l => l.StartsWith("*", StringComparison.Ordinal) ? l.Substring(1).Trim() : l)
            .ToList();
    }

    /// <summary>Paragraphs of <paramref name="lines"/>: wrapped lines joined, one paragraph per output line.</summary>
    public static string? Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Append(string.Empty))
        {
            if (line.Length == 0)
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(string.Join(" ", current));
                    current.Clear();
                }
            }
            else
            {
                current.Add(Regex.Replace(line, @"\s+", " "));
            }
        }

        return paragraphs.Count == 0 ? null : string.Join("\n", paragraphs);
    }

    /// <summary>Reads a <c>/** … */</c> comment; null when it is not one.</summary>
    public static KernelDoc? Parse(CComment comment)
    {
        if (!comment.IsKernelDoc)
        {
            return null;
        }

        var lines = Lines(comment);
        var i = 0;
        while (i < lines.Count && lines[i].Length == 0)
        {
            i++;
        }

        string? kind = null;
        string? name = null;
        var summary = new List<string>();
        if (i < lines.Count && !lines[i].StartsWith("@", StringComparison.Ordinal) && Heading.Match(lines[i]) is { Success: true } h
            && (h.Groups[1].Success || h.Groups[3].Success))
        {
            kind = h.Groups[1].Success ? h.Groups[1].Value : null;
            name = h.Groups[2].Value;
            if (h.Groups[3].Success && h.Groups[3].Value.Length > 0)
            {
                summary.Add(h.Groups[3].Value);
            }

            // The summary may wrap onto the next lines, up to a blank line or the first @member.
            for (i++; i < lines.Count && lines[i].Length > 0 && !lines[i].StartsWith("@", StringComparison.Ordinal); i++)
            {
                summary.Add(lines[i]);
            }
        }

        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var description = new List<string>();
        string? member = null;
        var memberText = new List<string>();
        void EndMember()
        {
            if (member is not null && !members.ContainsKey(member))
            {
                members[member] = Paragraphs(memberText) ?? string.Empty;
            }

            member = null;
            memberText.Clear();
        }

        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (MemberLine.Match(line) is { Success: true } m)
            {
                EndMember();
                member = m.Groups[1].Value;
                memberText.Add(m.Groups[2].Value);
            }
            else if (member is not null && line.Length > 0)
            {
                memberText.Add(line);
            }
            else
            {
                EndMember();
                description.Add(line);
            }
        }

        EndMember();
        return new KernelDoc(kind, name, Paragraphs(summary), Paragraphs(description), members, comment.Span);
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + "\n" + b;
}
