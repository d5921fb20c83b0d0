using System;
using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Layout;

/// <summary>The computed C layout of one struct (LP64: x86_64, arm64).</summary>
/// <param name="Name">The C struct tag.</param>
/// <param name="Size"><c>sizeof</c>: the end of the last member rounded up to <paramref name="Align"/>.</param>
/// <param name="Align"><c>_Alignof</c>: that of the most aligned member.</param>
/// <param name="Members">
/// Every member C code can name directly, in declaration order: the struct's own named members,
/// and the members of its anonymous unions and structs (flattened, as C lets code reach them).
/// A named inline union or struct is one entry, whose <see cref="MemberLayout.Inner"/> lists its own.
/// </param>
/// <param name="Holes">Every implicit padding hole, between members and at the tail, in offset order.</param>
public sealed record StructLayout(string Name, ulong Size, ulong Align, IReadOnlyList<MemberLayout> Members, IReadOnlyList<PaddingHole> Holes)
{
    /// <summary>The member C code names <paramref name="name"/>, or null.</summary>
    public MemberLayout? Find(string name)
    {
        foreach (var m in Members)
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        return null;
    }
}

/// <summary>Where one member lies.</summary>
/// <param name="Name">The C name.</param>
/// <param name="Offset">Byte offset from the start of the outermost struct (<c>offsetof</c>).</param>
/// <param name="Size">Bytes the member occupies (all elements of an array).</param>
/// <param name="Align">Alignment of the member's type.</param>
/// <param name="Spec">The member as the spec writes it.</param>
public sealed record MemberLayout(string Name, ulong Offset, ulong Size, ulong Align, MemberSpec Spec)
{
    /// <summary>
    /// For a named inline union or struct: its directly nameable members (anonymous ones
    /// flattened), with offsets from the start of the outermost struct. Empty otherwise.
    /// </summary>
    public IReadOnlyList<MemberLayout> Inner { get; init; } = Array.Empty<MemberLayout>();

    /// <summary>The element count: <see cref="MemberSpec.Count"/>, or 1 for a plain member.</summary>
    public int Count => Spec.Count ?? 1;

    /// <summary>Bytes of one element.</summary>
    public ulong ElementSize => Size / (ulong)Count;

    /// <summary>The byte just past the member: what a caller must provide to include it.</summary>
    public ulong End => Offset + Size;
}

/// <summary>
/// Bytes the C compiler inserts that no member covers: before a member whose alignment the
/// previous one's end does not meet, or at the end so the size is a multiple of the alignment.
/// </summary>
/// <param name="Offset">First byte of the hole, from the start of the outermost struct.</param>
/// <param name="Size">Bytes in the hole.</param>
/// <param name="Before">The member that ends where the hole starts (a path such as <c>u.x</c> inside a named union), or null.</param>
/// <param name="After">The member that starts where the hole ends, or null for tail padding.</param>
/// <param name="Container">What the hole is in: <c>struct NAME</c>, <c>union u</c>, <c>an anonymous union</c>.</param>
/// <param name="Span">Where to report it: the member after the hole, or the container for tail padding.</param>
public sealed record PaddingHole(ulong Offset, ulong Size, string? Before, string? After, string Container, SourceSpan Span);
