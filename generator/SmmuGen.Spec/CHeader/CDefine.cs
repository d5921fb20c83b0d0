using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>A <c>#define</c> still in force at the end of the header, where the directive sits.</summary>
/// <param name="Macro">The macro.</param>
/// <param name="Directive">The directive's '#'.</param>
/// <param name="EndOffset">Offset just past the directive's last token (a trailing comment follows it).</param>
/// <param name="EndLine">The line of the directive's last token.</param>
internal sealed record CDefine(CMacro Macro, SourceSpan Directive, int EndOffset, int EndLine);
