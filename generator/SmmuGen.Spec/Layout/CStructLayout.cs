using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Layout;

/// <summary>
/// Lays out the C structs of a spec the way a C compiler does for LP64 (x86_64 and arm64 Linux;
/// the uAPI headers are written so that both agree): each member at the next multiple of its
/// alignment, a union's members all at its start, an aggregate as aligned as its most aligned
/// member and as large as its end rounded up to that alignment. Every byte that no member covers
/// is recorded as a padding hole.
/// </summary>
public static class CStructLayout
{
    // Sizes and alignments of the kernel's fixed-width types (include/uapi/asm-generic/int-ll64.h,
    // include/uapi/linux/types.h). On LP64 __u64 is already 8-aligned; __aligned_u64 exists for
    // i386, where a plain u64 member is only 4-aligned, and is 8/8 everywhere.
    private static readonly Dictionary<string, ulong> Scalars = new(StringComparer.Ordinal)
    {
        ["__u8"] = 1, ["__s8"] = 1,
        ["__u16"] = 2, ["__s16"] = 2, ["__le16"] = 2, ["__be16"] = 2,
        ["__u32"] = 4, ["__s32"] = 4, ["__le32"] = 4, ["__be32"] = 4,
        ["__u64"] = 8, ["__s64"] = 8, ["__le64"] = 8, ["__be64"] = 8,
        ["__aligned_u64"] = 8, ["__aligned_le64"] = 8, ["__aligned_be64"] = 8,
    };

    /// <summary>The scalar C types the spec language knows, in the order spec/README.md lists them.</summary>
    public static IReadOnlyList<string> ScalarTypes { get; } = new[]
    {
        "__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64", "__le16", "__le32", "__le64",
        "__be16", "__be32", "__be64", "__aligned_u64", "__aligned_le64", "__aligned_be64",
    };

    /// <summary>Size (and alignment: every known scalar is naturally aligned) of a scalar C type.</summary>
    public static bool TryGetScalarSize(string type, out ulong size) => Scalars.TryGetValue(type, out size);

    /// <summary>True for <c>__be16</c>, <c>__be32</c>, <c>__be64</c> and <c>__aligned_be64</c>.</summary>
    public static bool IsBigEndian(string type) => type.StartsWith("__be", StringComparison.Ordinal) || type == "__aligned_be64";

    /// <summary>True for the signed types <c>__s8</c> … <c>__s64</c>.</summary>
    public static bool IsSigned(string type) => type.StartsWith("__s", StringComparison.Ordinal);

    /// <summary>
    /// The layout of every struct of <paramref name="doc"/> that can be laid out: structs with an
    /// unknown C type, or that contain themselves, are left out (the validator reports them).
    /// When a name is defined twice, the first definition counts.
    /// </summary>
    public static IReadOnlyDictionary<string, StructLayout> Compute(SpecDocument doc) => Analyze(doc).Layouts;

    internal static LayoutAnalysis Analyze(SpecDocument doc)
    {
        var engine = new Engine(doc);
        var analysis = new LayoutAnalysis();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in doc.Structs)
        {
            var first = seen.Add(s.Name);
            var agg = first ? engine.Struct(s.Name) : engine.Fresh(s);
            if (agg is null || !first)
            {
                continue;
            }

            analysis.Layouts[s.Name] = new StructLayout(s.Name, agg.Size, agg.Align, agg.Members, agg.Holes.OrderBy(h => h.Offset).ToList());
            analysis.Placements[s.Name] = agg.All;
        }

        analysis.Problems.AddRange(engine.Problems);
        return analysis;
    }

    private static ulong AlignUp(ulong value, ulong align) => checked((value + align - 1) / align * align);

    /// <summary>An aggregate laid out from offset 0: a struct, or an inline union or struct.</summary>
    private sealed class Aggregate
    {
        public ulong Size { get; set; }

        public ulong Align { get; set; } = 1;

        public List<MemberLayout> Members { get; } = new();

        public List<PaddingHole> Holes { get; } = new();

        public List<Placement> All { get; } = new();
    }

    private sealed class Engine
    {
        private readonly Dictionary<string, StructSpec> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Aggregate?> _done = new(StringComparer.Ordinal);
        private readonly List<string> _inProgress = new();

        public Engine(SpecDocument doc)
        {
            foreach (var s in doc.Structs.Where(s => !_byName.ContainsKey(s.Name)))
            {
                _byName[s.Name] = s;
            }
        }

        public List<LayoutProblem> Problems { get; } = new();

        /// <summary>The layout of the struct defined first under <paramref name="name"/>, or null when it cannot be laid out.</summary>
        public Aggregate? Struct(string name)
        {
            if (_done.TryGetValue(name, out var done))
            {
                return done;
            }

            _inProgress.Add(name);
            var result = Fresh(_byName[name]);
            _inProgress.RemoveAt(_inProgress.Count - 1);
            _done[name] = result;
            return result;
        }

        public Aggregate? Fresh(StructSpec s)
        {
            try
            {
                return Lay(s.Members, union: false, $"struct {s.Name}", string.Empty, s.Span);
            }
            catch (OverflowException)
            {
                Problems.Add(new LayoutProblem(LayoutProblemKind.TooLarge, s.Span, $"struct {s.Name} is larger than 2^64 bytes; check the counts of its arrays"));
                return null;
            }
        }

        private Aggregate? Lay(IReadOnlyList<MemberSpec> members, bool union, string container, string prefix, SourceSpan containerSpan)
        {
            var agg = new Aggregate();
            var failed = false;
            ulong cursor = 0;
            string? previous = null;
            foreach (var m in members)
            {
                var shape = Shape(m, prefix);
                if (shape is null)
                {
                    failed = true;
                    continue;
                }

                var (size, align, inner) = shape.Value;
                var offset = union ? 0 : AlignUp(cursor, align);
                if (offset > cursor && !failed)
                {
                    agg.Holes.Add(new PaddingHole(cursor, offset - cursor, previous, Display(m, prefix), container, m.Span));
                }

                agg.Align = Math.Max(agg.Align, align);
                agg.All.Add(new Placement(m, offset, size));
                if (inner is not null)
                {
                    agg.All.AddRange(inner.All.Select(p => p with { Offset = p.Offset + offset }));
                    agg.Holes.AddRange(inner.Holes.Select(h => h with { Offset = h.Offset + offset }));
                }

                var shiftedInner = inner?.Members.Select(x => Shift(x, offset)).ToList();
                if (m.Name is null)
                {
                    // C11 anonymous members: their members are members of the enclosing aggregate.
                    agg.Members.AddRange(shiftedInner ?? new List<MemberLayout>());
                }
                else
                {
                    agg.Members.Add(new MemberLayout(m.Name, offset, size, align, m) { Inner = (IReadOnlyList<MemberLayout>?)shiftedInner ?? Array.Empty<MemberLayout>() });
                }

                if (union)
                {
                    cursor = Math.Max(cursor, size);
                }
                else
                {
                    cursor = checked(offset + size);
                    previous = Display(m, prefix);
                }
            }

            if (failed)
            {
                return null;
            }

            agg.Size = AlignUp(cursor, agg.Align);
            if (agg.Size > cursor)
            {
                agg.Holes.Add(new PaddingHole(cursor, agg.Size - cursor, union ? null : previous, null, container, containerSpan));
            }

            return agg;
        }

        /// <summary>Size, alignment and (for inline aggregates) layout of one member; null when it cannot be laid out.</summary>
        private (ulong Size, ulong Align, Aggregate? Inner)? Shape(MemberSpec m, string prefix)
        {
            switch (m.Kind)
            {
                case MemberKind.Union or MemberKind.InlineStruct:
                    var union = m.Kind == MemberKind.Union;
                    var kind = union ? "union" : "struct";
                    var container = m.Name is null ? $"an anonymous {kind}" : $"{kind} {prefix}{m.Name}";
                    var innerPrefix = m.Name is null ? prefix : $"{prefix}{m.Name}.";
                    var inner = Lay(m.Members, union, container, innerPrefix, m.Span);
                    return inner is null ? null : (inner.Size, inner.Align, inner);

                case MemberKind.Struct:
                    var tag = m.StructTag ?? string.Empty;
                    if (!_byName.ContainsKey(tag))
                    {
                        var hint = Loading.KeySuggestion.Nearest(tag, _byName.Keys);
                        Problems.Add(new LayoutProblem(
                            LayoutProblemKind.UnknownType,
                            m.TypeSpan,
                            $"'{m.Type}' is not a struct this file defines" + (hint is null ? string.Empty : $"; did you mean 'struct {hint}'?")));
                        return null;
                    }

                    var cycle = _inProgress.IndexOf(tag);
                    if (cycle >= 0)
                    {
                        var chain = string.Join(" → ", _inProgress.Skip(cycle).Append(tag));
                        Problems.Add(new LayoutProblem(
                            LayoutProblemKind.UnknownType,
                            m.TypeSpan,
                            $"struct {tag} contains itself ({chain}); a C struct cannot hold a member of its own type, only a pointer (__aligned_u64)"));
                        return null;
                    }

                    var nested = Struct(tag);
                    return nested is null ? null : (checked(nested.Size * (ulong)(m.Count ?? 1)), nested.Align, null);

                default:
                    var type = m.Type ?? string.Empty;
                    if (!Scalars.TryGetValue(type, out var scalar))
                    {
                        var suggestion = Loading.KeySuggestion.Nearest(type, ScalarTypes);
                        Problems.Add(new LayoutProblem(
                            LayoutProblemKind.UnknownType,
                            m.TypeSpan,
                            $"'{type}' is not a C type the spec language knows (the kernel's __u8 … __s64, __le16 … __be64, __aligned_u64/le64/be64, or struct NAME)"
                            + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")));
                        return null;
                    }

                    return (checked(scalar * (ulong)(m.Count ?? 1)), scalar, null);
            }
        }

        private static MemberLayout Shift(MemberLayout m, ulong by) =>
            m with { Offset = m.Offset + by, Inner = m.Inner.Select(i => Shift(i, by)).ToList() };

        private static string Display(MemberSpec m, string prefix) =>
            m.Name is { } name ? prefix + name
            : $"the anonymous {(m.Kind == MemberKind.Union ? "union" : "struct")} ({string.Join(", ", m.Members.Select(x => x.Name ?? "…"))})";
    }
}

/// <summary>Where one member of any depth lies, from the start of the outermost struct.</summary>
internal sealed record Placement(MemberSpec Member, ulong Offset, ulong Size);

/// <summary>Why a struct cannot be laid out.</summary>
internal enum LayoutProblemKind
{
    /// <summary>An unknown C type, an undefined struct, or a struct that contains itself.</summary>
    UnknownType,

    /// <summary>A size past 2^64.</summary>
    TooLarge,
}

/// <summary>A reason a struct cannot be laid out, located at its cause.</summary>
internal sealed record LayoutProblem(LayoutProblemKind Kind, SourceSpan Span, string Message);

/// <summary>Everything the validator needs from one layout run.</summary>
internal sealed class LayoutAnalysis
{
    public Dictionary<string, StructLayout> Layouts { get; } = new(StringComparer.Ordinal);

    /// <summary>Per struct: every member at every depth (inside named and anonymous inline aggregates too).</summary>
    public Dictionary<string, List<Placement>> Placements { get; } = new(StringComparer.Ordinal);

    public List<LayoutProblem> Problems { get; } = new();
}
