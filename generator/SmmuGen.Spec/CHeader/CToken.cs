using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// One C token with its place in the header. <see cref="StartsLine"/> marks the first token of a
/// logical line (what makes a <c>#</c> a directive); <see cref="SpaceBefore"/> tells
/// <c>#define F(x)</c> (a function-like macro) from <c>#define F (x)</c>.
/// </summary>
internal readonly record struct CToken(CTokenKind Kind, string Text, SourceSpan Span, bool StartsLine, bool SpaceBefore)
{
    /// <summary>Offset just past the token's last character.</summary>
    public int End => Span.Offset + Span.Length;

    /// <summary>True for the punctuator <paramref name="text"/>.</summary>
    public bool Is(string text) => Kind == CTokenKind.Punctuator && Text == text;

    /// <summary>True for the identifier or keyword <paramref name="name"/>.</summary>
    public bool IsWord(string name) => Kind == CTokenKind.Identifier && Text == name;

    /// <inheritdoc />
    public override string ToString() => Kind == CTokenKind.EndOfFile ? "end of file" : $"'{Text}'";
}
