using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>The outcome of evaluating a constant expression: a value, or an error located in the header.</summary>
/// <param name="Value">The value, or null on error.</param>
/// <param name="Error">What went wrong, or null.</param>
/// <param name="ErrorSpan">Where it went wrong.</param>
/// <param name="UndefinedName">The identifier that was not defined, when that was the error.</param>
/// <param name="Cascaded">The error follows from another one already reported (a struct that cannot be laid out).</param>
internal readonly record struct CEvaluation(CValue? Value, string? Error, SourceSpan ErrorSpan, string? UndefinedName, bool Cascaded = false);
