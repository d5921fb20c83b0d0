using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A macro that became neither a constant nor an ioctl: function-like macros, strings, types, and
/// bodies that name things from other headers.
/// </summary>
/// <param name="Name">The macro name.</param>
/// <param name="Body">The replacement text.</param>
/// <param name="Reason">Why it is not a constant.</param>
/// <param name="Span">The macro name in its <c>#define</c>.</param>
public sealed record CMacroFact(string Name, string Body, string Reason, SourceSpan Span);
