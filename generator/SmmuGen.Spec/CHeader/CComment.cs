using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A comment of the header, kept for documentation. <see cref="IsKernelDoc"/> marks the
/// <c>/** … */</c> form that kernel-doc reads.
/// </summary>
/// <param name="Text">The whole comment, delimiters included.</param>
/// <param name="Span">Where it starts; its length covers the whole comment.</param>
/// <param name="EndLine">The line of its last character.</param>
internal sealed record CComment(string Text, SourceSpan Span, int EndLine)
{
    /// <summary>Offset just past the comment.</summary>
    public int End => Span.Offset + Span.Length;

    /// <summary>A <c>/** … */</c> block (not the empty <c>/**/</c>).</summary>
    public bool IsKernelDoc => Text.StartsWith("/**", System.StringComparison.Ordinal) && Text.Length > 4 && Text[3] != '/';
}
