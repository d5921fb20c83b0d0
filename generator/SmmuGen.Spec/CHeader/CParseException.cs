using System;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>Unwinds a declaration the parser cannot read to the point where it recovers; never escapes the reader.</summary>
internal sealed class CParseException : Exception
{
    public CParseException(SourceSpan span, string message, SpecRule? rule = null)
        : base(message)
    {
        Span = span;
        Rule = rule ?? SpecRules.CSyntax;
    }

    public SourceSpan Span { get; }

    public SpecRule Rule { get; }
}
