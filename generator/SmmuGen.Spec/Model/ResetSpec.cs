using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// A register's reset. <see cref="Value"/> is the architected value, or the default for the
/// bits that are not architected; <see cref="ImpdefFields"/> names the fields whose reset the
/// implementation chooses and <see cref="UnknownFields"/> those the architecture leaves UNKNOWN.
/// <see cref="AllImpdef"/> marks a wholly IMPLEMENTATION DEFINED register (the ID registers),
/// <see cref="AllUnknown"/> a wholly UNKNOWN one (queue and table base registers).
/// </summary>
/// <remarks>
/// The two differ for a model: an IMPLEMENTATION DEFINED value is fixed by the implementation
/// (an emulator option), an UNKNOWN one may be anything and software must not rely on it.
/// </remarks>
public sealed record ResetSpec(
    ulong Value,
    bool AllImpdef,
    EquatableArray<string> ImpdefFields,
    EquatableArray<ulong> Allowed,
    SourceSpan Span,
    bool AllUnknown = false,
    EquatableArray<string> UnknownFields = default);
