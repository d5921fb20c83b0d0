using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>Another place in the register file where the same register appears.</summary>
public sealed record RegisterAlias(int Page, ulong Offset, SourceSpan Span);
