using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Emit;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Spec.Import;

/// <summary>
/// Turns a header, read, into a spec skeleton: what the header says, stated the way a spec author
/// would (sizes, alignments and offsets from the layout engine, so <c>check</c> keeps them honest;
/// enum prefixes and flags guessed; members linked to the enum their doc names), plus comments for
/// what the spec language cannot say. Review it before relying on it.
/// </summary>
public static class SpecSkeleton
{
    private static readonly Regex EnumMention = new(@"\benum\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    /// <summary>The skeleton document and the writer options (comments, ioctl type names) that go with it.</summary>
    public static (SpecDocument Document, SpecYamlWriterOptions Options) From(CHeaderResult header, string headerDisplayName)
    {
        var source = header.Document ?? throw new ArgumentException("the header could not be read", nameof(header));
        var notes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Note(string key, string text)
        {
            if (!notes.TryGetValue(key, out var list))
            {
                notes[key] = list = new List<string>();
            }

            list.Add(text);
        }

        // What has no spec form is left out and listed at the end of the file.
        var trailer = new List<string>();

        // An enum without values (all of them from other headers) has no spec form.
        foreach (var empty in source.Enums.Where(e => e.Values.Count == 0))
        {
            trailer.Add($"enum {empty.Name} left out: the header defines none of its values");
        }

        var enums = source.Enums.Where(e => e.Values.Count > 0)
            .Select(e => e with { Prefix = EnumPrefix.Guess(e.Name, e.Values.Select(v => v.Name).ToList()), IsFlags = IsFlags(e) })
            .ToList();
        var enumsByName = enums.ToDictionary(e => e.Name, StringComparer.Ordinal);

        // The spec language has no flexible arrays: they are dropped, and said so.
        foreach (var flexible in header.Facts.FlexibleArrays)
        {
            Note(flexible.Struct, $"flexible array member {flexible.Type} {flexible.Member}[] left out: the spec language cannot state one (it adds no bytes, only alignment)");
        }

        var structs = source.Structs.Select(s => s with { Members = Members(s.Members, enumsByName) }).ToList();
        foreach (var union in header.Facts.Unions)
        {
            Note(union, $"a union in the header: written as a struct holding one anonymous union, which has the same layout");
        }

        foreach (var attribute in header.Facts.LayoutAttributes)
        {
            Note(attribute.Owner.StartsWith("struct ", StringComparison.Ordinal) ? attribute.Owner.Substring(7) : attribute.Owner, $"the header gives it {attribute.Attribute}, which the layout below does not include");
        }

        var draft = source with { Enums = enums.ToEquatableArray(), Structs = structs.ToEquatableArray() };
        var analysis = CStructLayout.Analyze(draft);
        structs = structs.Select(s => Stated(s, analysis)).ToList();
        // An ioctl whose payload is not a struct has no spec form (its number's size bits come from a struct).
        foreach (var i in source.Ioctls.Where(i => i.Direction != IoctlDirection.None && i.StructName is null))
        {
            trailer.Add($"ioctl {i.Name} (direction {Loading.SpecLoader.DirectionNames[(int)i.Direction]}, type {YamlScalar.Hex(i.Type)}, nr {YamlScalar.Hex(i.Number)}) left out: its payload is not a struct, which the spec language cannot link");
        }

        // Two C names for one C# type (struct x and enum x) would not compile: the struct gets a csharp-name.
        var enumTypes = new HashSet<string>(enums.Select(e => Identifiers.ToPascal(e.Name)), StringComparer.Ordinal);
        structs = structs.Select(s => s.CSharpName is null && enumTypes.Contains(Identifiers.ToPascal(s.Name)) ? s with { CSharpName = Identifiers.ToPascal(s.Name) + "Struct" } : s).ToList();

        structs = structs.Select(s => s with { Members = DistinctCSharpNames(s.Members, new HashSet<string>(StringComparer.Ordinal)) }).ToList();

        var ioctls = source.Ioctls.Where(i => i.Direction == IoctlDirection.None || i.StructName is not null).ToList();
        var document = draft with { Structs = structs.ToEquatableArray(), Ioctls = ioctls.ToEquatableArray() };
        var options = new SpecYamlWriterOptions
        {
            HeaderComments = new[]
            {
                $"Imported by smmugen import from {headerDisplayName}: a skeleton to review.",
                "Sizes, alignments and offsets are the computed LP64 layout; enum prefixes, flags and",
                "member enum links are guesses; since, min-size-member and record links are for you to add.",
            },
            IoctlTypeNames = header.Facts.IoctlTypeConstants,
            TrailerComments = trailer,
            Notes = notes.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal),
        };
        return (document, options);
    }

    /// <summary>
    /// Members whose C names make one C# field (<c>asiv</c> and <c>__asiv</c>) get a csharp-name
    /// (<c>Asiv_2</c>); anonymous unions and structs share their enclosing scope, as in C.
    /// </summary>
    private static EquatableArray<MemberSpec> DistinctCSharpNames(IEnumerable<MemberSpec> members, HashSet<string> used) =>
        members.Select(m =>
        {
            if (m.Name is null)
            {
                return m with { Members = DistinctCSharpNames(m.Members, used) };
            }

            var inner = m.Members.Count > 0 ? m with { Members = DistinctCSharpNames(m.Members, new HashSet<string>(StringComparer.Ordinal)) } : m;
            var pascal = Identifiers.ToPascal(m.Name);
            if (used.Add(pascal))
            {
                return inner;
            }

            var n = 2;
            while (!used.Add($"{pascal}_{n}"))
            {
                n++;
            }

            return inner with { CSharpName = $"{pascal}_{n}" };
        }).ToEquatableArray();

    /// <summary>Flags: every value a single bit, and the name says so.</summary>
    public static bool IsFlags(EnumSpec e)
    {
        var name = e.Name.ToLowerInvariant();
        var named = name.Contains("flag") || name.EndsWith("_caps", StringComparison.Ordinal) || name.Contains("capabilit") || name.Contains("_perm");
        return named && e.Values.Count > 0 && e.Values.All(v => v.Value != 0 && (v.Value & (v.Value - 1)) == 0);
    }

    /// <summary>Members without flexible arrays, linked to the one enum their doc names when its values fit.</summary>
    private static EquatableArray<MemberSpec> Members(IEnumerable<MemberSpec> members, IReadOnlyDictionary<string, EnumSpec> enums) =>
        members.Where(m => m.Count != 0)
            .Select(m => m.Kind is MemberKind.Union or MemberKind.InlineStruct
                ? m with { Members = Members(m.Members, enums) }
                : Link(m, enums))
            .ToEquatableArray();

    private static MemberSpec Link(MemberSpec m, IReadOnlyDictionary<string, EnumSpec> enums)
    {
        if (m.EnumName is { } known)
        {
            return enums.TryGetValue(known, out var e) ? m with { IsFlags = e.IsFlags } : m with { EnumName = null, IsFlags = false };
        }

        if (m.Kind != MemberKind.Scalar || m.Count is not null || m.Doc is null || m.Type is null || !CStructLayout.TryGetScalarSize(m.Type, out var size))
        {
            return m;
        }

        var named = EnumMention.Matches(m.Doc).Cast<Match>().Select(x => x.Groups[1].Value).Where(enums.ContainsKey).Distinct().ToList();
        if (named.Count != 1)
        {
            return m;
        }

        var target = enums[named[0]];
        var max = size >= 8 ? ulong.MaxValue : (1UL << (int)(size * 8)) - 1;
        return target.Values.All(v => v.Value <= max) ? m with { EnumName = target.Name, IsFlags = target.IsFlags } : m;
    }

    /// <summary>The struct with its computed size, alignment and member offsets stated (members of a union take the union's).</summary>
    private static StructSpec Stated(StructSpec s, LayoutAnalysis analysis)
    {
        if (!analysis.Layouts.TryGetValue(s.Name, out var layout) || !analysis.Placements.TryGetValue(s.Name, out var placements))
        {
            return s;
        }

        var offsets = new Dictionary<MemberSpec, ulong>(new SameMember());
        foreach (var p in placements)
        {
            offsets[p.Member] = p.Offset;
        }

        EquatableArray<MemberSpec> State(IEnumerable<MemberSpec> members, bool inUnion) =>
            members.Select(m =>
            {
                var stated = inUnion || !offsets.TryGetValue(m, out var offset) ? m : m with { Offset = offset };
                return m.Kind is MemberKind.Union or MemberKind.InlineStruct
                    ? stated with { Members = State(m.Members, m.Kind == MemberKind.Union) }
                    : stated;
            }).ToEquatableArray();

        return s with { Size = layout.Size, Align = layout.Align, Members = State(s.Members, inUnion: false) };
    }

    private sealed class SameMember : IEqualityComparer<MemberSpec>
    {
        public bool Equals(MemberSpec? x, MemberSpec? y) => ReferenceEquals(x, y);

        public int GetHashCode(MemberSpec obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
