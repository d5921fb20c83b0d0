using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// An ioctl: type character, command number, direction and payload struct.
/// <see cref="MinSizeMember"/> is the last member of the struct's first version: a caller's
/// size below its end is EINVAL.
/// </summary>
public sealed record IoctlSpec(
    string Name,
    ulong Type,
    ulong Number,
    IoctlDirection Direction,
    string? StructName,
    string? MinSizeMember,
    string? Doc,
    string? Since,
    SourceSpan Span,
    SourceSpan StructSpan)
{
    /// <summary>The <c>min-size-member</c> value, or the ioctl's node.</summary>
    public SourceSpan MinSizeMemberSpan { get; init; } = Span;
}
