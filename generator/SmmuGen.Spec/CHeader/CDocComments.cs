using System;
using System.Collections.Generic;
using System.Linq;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// Finds the documentation of a declaration: the kernel-doc block that names it
/// (<c>/** struct x - …</c>, its <c>@member:</c> lines), else a comment on the lines just above
/// it, else a comment after it on its last line. License headers are never documentation.
/// </summary>
internal sealed class CDocComments
{
    private readonly List<CComment> _comments;
    private readonly List<CToken> _raw;
    private readonly List<KernelDoc> _kernelDocs;

    /// <param name="comments">Every comment, in order.</param>
    /// <param name="raw">Every token before preprocessing (directives included), in order.</param>
    public CDocComments(List<CComment> comments, List<CToken> raw)
    {
        _comments = comments;
        _raw = raw;
        _kernelDocs = comments.Select(KernelDoc.Parse).OfType<KernelDoc>().ToList();
    }

    /// <summary>The kernel-doc block whose heading is <c><paramref name="kind"/> <paramref name="name"/></c>.</summary>
    public KernelDoc? For(string kind, string name) =>
        _kernelDocs.FirstOrDefault(k => k.Name == name && (k.Kind == kind || (k.Kind is "struct" or "union" && kind is "struct" or "union")));

    /// <summary>Every kernel-doc block, in order.</summary>
    public IReadOnlyList<KernelDoc> KernelDocs => _kernelDocs;

    /// <summary>
    /// The doc of <paramref name="name"/> from kernel-doc <c>@</c> lines: those of
    /// <paramref name="owner"/> first, then inline blocks inside the body between the two offsets.
    /// </summary>
    public string? Member(KernelDoc? owner, string name, int bodyStart, int bodyEnd)
    {
        if (owner is not null && owner.Members.TryGetValue(name, out var text))
        {
            return text.Length == 0 ? null : text;
        }

        foreach (var k in _kernelDocs.Where(k => k.Span.Offset > bodyStart && k.Span.Offset < bodyEnd))
        {
            if (k.Members.TryGetValue(name, out var inline))
            {
                return inline.Length == 0 ? null : inline;
            }
        }

        return null;
    }

    /// <summary>The comment(s) on the lines right above <paramref name="first"/>, with nothing but blanks between.</summary>
    public string? Before(CToken first) => Before(first.Span);

    /// <summary>The comment(s) on the lines right above what starts at <paramref name="first"/>.</summary>
    public string? Before(Diagnostics.SourceSpan first)
    {
        var previousToken = LastRawBefore(first.Offset);
        var lines = new List<string>();
        var expectedEndLine = first.Line;
        for (var i = LastCommentBefore(first.Offset); i >= 0; i--)
        {
            var c = _comments[i];

            // Directly above (or on the same line, before it) and after the previous token's line.
            if (c.EndLine < expectedEndLine - 1 || (previousToken is { } p && (p.End > c.Span.Offset || p.Span.Line >= c.Span.Line)))
            {
                break;
            }

            if (c.IsKernelDoc && KernelDoc.Parse(c) is { Kind: not null })
            {
                break; // documents a struct, union, enum or typedef by name: For() finds it
            }

            lines.InsertRange(0, KernelDoc.Lines(c).Append(string.Empty));
            expectedEndLine = c.Span.Line;
            if (!c.Text.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }
        }

        return Clean(lines);
    }

    /// <summary>A comment that starts after <paramref name="endOffset"/> on line <paramref name="line"/>, with no token between.</summary>
    public string? After(int endOffset, int line)
    {
        var next = _comments.FirstOrDefault(c => c.Span.Offset >= endOffset && c.Span.Line == line);
        if (next is null)
        {
            return null;
        }

        var between = _raw.Any(t => t.Kind != CTokenKind.EndOfFile && t.Span.Offset >= endOffset && t.Span.Offset < next.Span.Offset);
        return between || (next.IsKernelDoc && KernelDoc.Parse(next) is { Kind: not null }) ? null : Clean(KernelDoc.Lines(next));
    }

    private static string? Clean(IEnumerable<string> lines)
    {
        var text = KernelDoc.Paragraphs(lines);
        return text is null || text.StartsWith("SPDX-License-Identifier", StringComparison.Ordinal) ? null : text;
    }

    private CToken? LastRawBefore(int offset)
    {
        int lo = 0, hi = _raw.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_raw[mid].Span.Offset < offset && _raw[mid].Kind != CTokenKind.EndOfFile)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? null : _raw[found];
    }

    private int LastCommentBefore(int offset)
    {
        int lo = 0, hi = _comments.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_comments[mid].End <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
