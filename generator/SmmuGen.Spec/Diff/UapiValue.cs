using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Diff;

/// <summary>A named integer constant of the uAPI: a #define or an enumerator (one C namespace, so compared as one).</summary>
/// <param name="Name">The C name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Enum">The enum it belongs to, or null for a constant.</param>
/// <param name="Span">Where it is defined.</param>
internal sealed record UapiValue(string Name, ulong Value, string? Enum, SourceSpan Span);
