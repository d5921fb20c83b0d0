using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>What a row of a struct layout table is.</summary>
internal enum StructRowKind
{
    /// <summary>A scalar, array or named-struct member.</summary>
    Member,

    /// <summary>An inline union or struct (named or anonymous); its members follow, one level deeper.</summary>
    Aggregate,

    /// <summary>Bytes the compiler inserts that no member covers.</summary>
    Padding,
}

/// <summary>One row of a struct's layout table, in declaration order with padding where it falls.</summary>
/// <param name="Kind">Member, inline aggregate, or padding.</param>
/// <param name="Depth">Nesting inside inline unions and structs (0 for the struct's own members).</param>
/// <param name="Offset">Byte offset from the start of the struct.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Path">The member's name path (<c>u.x</c>); empty for anonymous aggregates and padding.</param>
/// <param name="Member">The member as the spec writes it; null for padding.</param>
/// <param name="Hole">The padding hole; null for members.</param>
internal sealed record StructRow(StructRowKind Kind, int Depth, ulong Offset, ulong Size, string Path, MemberSpec? Member, PaddingHole? Hole);

/// <summary>Lines up a struct's members (from the spec) with their offsets and its holes (from the layout engine).</summary>
internal static class StructRows
{
    public static IReadOnlyList<StructRow> Build(StructSpec spec, StructLayout layout)
    {
        // The layout keeps the spec's MemberSpec objects, so identity finds each member's placement.
        var placed = new Dictionary<MemberSpec, MemberLayout>(ReferenceEqualityComparer.Instance);
        foreach (var m in layout.Members)
        {
            Index(m, placed);
        }

        var members = new List<StructRow>();
        Walk(spec.Members, 0, string.Empty, placed, members);

        // A hole goes before the first row at or past its end: declaration order is offset order
        // in a struct, and the tail hole of an inline aggregate lands after its last member.
        var holesBefore = layout.Holes
            .OrderBy(h => h.Offset)
            .ToLookup(h =>
            {
                var at = members.FindIndex(r => r.Offset >= h.Offset + h.Size);
                return at < 0 ? members.Count : at;
            });
        var rows = new List<StructRow>();
        for (var i = 0; i <= members.Count; i++)
        {
            var depth = i < members.Count ? members[i].Depth : 0;
            rows.AddRange(holesBefore[i].Select(h => new StructRow(StructRowKind.Padding, depth, h.Offset, h.Size, string.Empty, null, h)));
            if (i < members.Count)
            {
                rows.Add(members[i]);
            }
        }

        return rows;
    }

    private static void Index(MemberLayout m, Dictionary<MemberSpec, MemberLayout> placed)
    {
        placed[m.Spec] = m;
        foreach (var inner in m.Inner)
        {
            Index(inner, placed);
        }
    }

    private static void Walk(IReadOnlyList<MemberSpec> members, int depth, string prefix, Dictionary<MemberSpec, MemberLayout> placed, List<StructRow> rows)
    {
        foreach (var m in members)
        {
            var path = m.Name is null ? string.Empty : prefix + m.Name;
            if (m.Kind is MemberKind.Union or MemberKind.InlineStruct)
            {
                var at = rows.Count;
                Walk(m.Members, depth + 1, m.Name is null ? prefix : path + ".", placed, rows);
                var (offset, size) = placed.TryGetValue(m, out var own)
                    ? (own.Offset, own.Size)
                    : Extent(rows.Skip(at).Where(r => r.Kind == StructRowKind.Member).ToList());
                rows.Insert(at, new StructRow(StructRowKind.Aggregate, depth, offset, size, path, m, null));
            }
            else if (placed.TryGetValue(m, out var layout))
            {
                rows.Add(new StructRow(StructRowKind.Member, depth, layout.Offset, layout.Size, path, m, null));
            }
        }
    }

    /// <summary>
    /// An anonymous aggregate has no entry of its own in the layout (C flattens it); its extent
    /// is that of its members. Its tail padding, if any, is a padding row of its own.
    /// </summary>
    private static (ulong Offset, ulong Size) Extent(IReadOnlyList<StructRow> inner) =>
        inner.Count == 0 ? (0, 0) : (inner.Min(r => r.Offset), inner.Max(r => r.Offset + r.Size) - inner.Min(r => r.Offset));
}
