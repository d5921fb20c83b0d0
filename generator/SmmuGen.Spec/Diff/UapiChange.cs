using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Diff;

/// <summary>
/// One difference between two versions of a uAPI, with its verdict.
/// </summary>
/// <param name="Verdict">Compatible, needs review, or breaking.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Scope">What it belongs to: <c>struct NAME</c>, <c>enum NAME</c>, <c>ioctl NAME</c>, <c>constant NAME</c>.</param>
/// <param name="Subject">The member, value or property changed (<c>data_len</c>, <c>size</c>, <c>number</c>); empty for the scope itself.</param>
/// <param name="Message">Why the verdict is what it is, for a person.</param>
/// <param name="Old">The old state, briefly (<c>__u32 at 24</c>), or null when added.</param>
/// <param name="New">The new state, briefly, or null when removed.</param>
/// <param name="OldSpan">Where the old state is written, or null.</param>
/// <param name="NewSpan">Where the new state is written, or null.</param>
public sealed record UapiChange(
    UapiVerdict Verdict,
    UapiChangeKind Kind,
    string Scope,
    string Subject,
    string Message,
    string? Old,
    string? New,
    SourceSpan? OldSpan,
    SourceSpan? NewSpan);
