using System;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>Unwinds an evaluation to its error; never escapes <see cref="CExpressionEvaluator"/>.</summary>
internal sealed class CEvaluationException : Exception
{
    public CEvaluationException(SourceSpan span, string message, string? undefinedName = null, bool cascaded = false)
        : base(message)
    {
        Span = span;
        UndefinedName = undefinedName;
        Cascaded = cascaded;
    }

    public SourceSpan Span { get; }

    public string? UndefinedName { get; }

    /// <summary>The error follows from one already reported.</summary>
    public bool Cascaded { get; }
}
