using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>A <c>#define</c>: object-like, or function-like with parameters.</summary>
/// <param name="Name">The macro name.</param>
/// <param name="Parameters">Parameter names (the variadic one as <c>__VA_ARGS__</c> or its GNU name); null for an object-like macro.</param>
/// <param name="IsVariadic">The last parameter takes the remaining arguments.</param>
/// <param name="Body">The replacement tokens.</param>
/// <param name="Span">The macro name in its directive.</param>
/// <param name="BodyText">The replacement as written, for messages and facts.</param>
internal sealed record CMacro(string Name, IReadOnlyList<string>? Parameters, bool IsVariadic, IReadOnlyList<CToken> Body, SourceSpan Span, string BodyText)
{
    public bool IsFunctionLike => Parameters is not null;

    /// <summary>True when both define the same thing (C allows such a redefinition silently).</summary>
    public bool SameDefinitionAs(CMacro other)
    {
        if (IsFunctionLike != other.IsFunctionLike || Body.Count != other.Body.Count || IsVariadic != other.IsVariadic)
        {
            return false;
        }

        if (Parameters is not null && (other.Parameters is null || !System.Linq.Enumerable.SequenceEqual(Parameters, other.Parameters)))
        {
            return false;
        }

        for (var i = 0; i < Body.Count; i++)
        {
            if (Body[i].Text != other.Body[i].Text || (i > 0 && Body[i].SpaceBefore != other.Body[i].SpaceBefore))
            {
                return false;
            }
        }

        return true;
    }
}
