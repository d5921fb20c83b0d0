using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// A register's reset. <see cref="Value"/> is the architected value, or the default for the
/// bits that are IMPLEMENTATION DEFINED; <see cref="ImpdefFields"/> names those fields, and
/// <see cref="AllImpdef"/> marks a wholly IMPLEMENTATION DEFINED register (the ID registers).
/// </summary>
public sealed record ResetSpec(
    ulong Value,
    bool AllImpdef,
    EquatableArray<string> ImpdefFields,
    EquatableArray<ulong> Allowed,
    SourceSpan Span);
