using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Diff;

/// <summary>A struct as the diff sees it: layout facts and flattened leaf members; null layout when it could not be laid out.</summary>
internal sealed record UapiStruct(
    string Name,
    ulong? Size,
    ulong? Align,
    bool SizePrefixed,
    IReadOnlyList<UapiField> Fields,
    IReadOnlyList<(ulong Offset, ulong Size)> Holes,
    SourceSpan Span);
