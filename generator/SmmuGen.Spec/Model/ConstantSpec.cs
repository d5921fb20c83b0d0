using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>A named C constant (<c>#define</c>), such as an ioctl type character.</summary>
public sealed record ConstantSpec(string Name, ulong Value, string? Doc, string? Since, SourceSpan Span);
