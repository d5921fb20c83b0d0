using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Spec.Validation;

/// <summary>The rules of the C side: layouts, C types, ioctls, record links.</summary>
public sealed partial class SpecValidator
{
    /// <summary>The C types a record link may use: one 64-bit little-endian word per element.</summary>
    private static readonly string[] RecordWordTypes = { "__aligned_le64", "__le64", "__aligned_u64", "__u64" };

    /// <summary>The ioctl number's size field is 14 bits (the kernel's _IOC_SIZEBITS on x86_64 and arm64).</summary>
    private const ulong IoctlSizeMax = IoctlNumber.MaxSize;

    private LayoutAnalysis? _layouts;

    private LayoutAnalysis CLayouts => _layouts ??= CStructLayout.Analyze(_doc);

    private void CheckStructRules()
    {
        CheckStructIdentifiers();
        CheckDuplicateStructNames();
        CheckDuplicateMemberNames();
        CheckGeneratedMemberNames();
        CheckDuplicateConstantAndIoctlNames();
        CheckCEnumMemberNames();
        CheckCTypes();
        CheckStructTooLarge();
        CheckPaddingHoles();
        CheckStatedSizeAndAlign();
        CheckStatedOffsets();
        CheckMemberEnumReferences();
        CheckMemberEnumValuesFit();
        CheckSizePrefix();
        CheckRecordLinks();
        CheckIoctlTargets();
        CheckIoctlSize();
        CheckMinSizeMember();
    }

    /// <summary>Every member of every struct, at any depth, with the struct it belongs to.</summary>
    private IEnumerable<(StructSpec Struct, MemberSpec Member)> AllMembers()
    {
        foreach (var s in _doc.Structs)
        {
            var pending = new Stack<MemberSpec>(s.Members.Reverse());
            while (pending.Count > 0)
            {
                var m = pending.Pop();
                yield return (s, m);
                foreach (var inner in m.Members.Reverse())
                {
                    pending.Push(inner);
                }
            }
        }
    }

    /// <summary>
    /// The scopes of member names: a struct and each named inline union or struct. Members of an
    /// anonymous one belong to the enclosing scope (C11 6.7.2.1p13).
    /// </summary>
    private IEnumerable<(string Owner, List<MemberSpec> Members)> MemberScopes()
    {
        var scopes = new List<(string, List<MemberSpec>)>();
        void Collect(string owner, IEnumerable<MemberSpec> members)
        {
            var own = new List<MemberSpec>();
            void Add(IEnumerable<MemberSpec> list)
            {
                foreach (var m in list)
                {
                    if (m.Name is null)
                    {
                        Add(m.Members);
                    }
                    else
                    {
                        own.Add(m);
                        if (m.Kind is MemberKind.Union or MemberKind.InlineStruct)
                        {
                            Collect($"{owner}.{m.Name}", m.Members);
                        }
                    }
                }
            }

            Add(members);
            scopes.Add((owner, own));
        }

        foreach (var s in _doc.Structs)
        {
            Collect(s.Name, s.Members);
        }

        return scopes;
    }

    // SMMUGEN018
    private void CheckStructIdentifiers()
    {
        foreach (var s in _doc.Structs)
        {
            if (!Identifiers.IsValid(s.Name))
            {
                Report(SpecRules.InvalidIdentifier, s.Span, $"struct name '{s.Name}' is not an identifier (a C struct tag)");
            }

            if (s.CSharpName is { } cs && !Identifiers.IsValid(cs))
            {
                Report(SpecRules.InvalidIdentifier, s.Span, $"struct {s.Name}: csharp-name '{cs}' is not an identifier");
            }
        }

        foreach (var (s, m) in AllMembers())
        {
            if (m.Name is { } name && !Identifiers.IsValid(name))
            {
                Report(SpecRules.InvalidIdentifier, m.Span, $"struct {s.Name}: member name '{name}' is not an identifier");
            }

            if (m.CSharpName is { } cs && !Identifiers.IsValid(cs))
            {
                Report(SpecRules.InvalidIdentifier, m.Span, $"member {s.Name}.{m.Name ?? "(anonymous)"}: csharp-name '{cs}' is not an identifier");
            }
        }

        foreach (var c in _doc.Constants.Where(c => !Identifiers.IsValid(c.Name)))
        {
            Report(SpecRules.InvalidIdentifier, c.Span, $"constant name '{c.Name}' is not an identifier");
        }

        foreach (var i in _doc.Ioctls.Where(i => !Identifiers.IsValid(i.Name)))
        {
            Report(SpecRules.InvalidIdentifier, i.Span, $"ioctl name '{i.Name}' is not an identifier");
        }
    }

    // SMMUGEN004
    private void CheckDuplicateStructNames()
    {
        foreach (var dup in Duplicates(_doc.Structs, s => s.Name))
        {
            Report(SpecRules.DuplicateName, dup.Span, $"struct {dup.Name} is defined more than once");
        }
    }

    // SMMUGEN004: C forbids two members of one scope with one name, anonymous members included.
    private void CheckDuplicateMemberNames()
    {
        foreach (var (owner, members) in MemberScopes())
        {
            foreach (var dup in Duplicates(members, m => m.Name!))
            {
                Report(SpecRules.DuplicateName, dup.Span, $"struct {owner}: member {dup.Name} is defined more than once (members of anonymous unions and structs share the enclosing scope)");
            }
        }
    }

    // SMMUGEN004: two C names that become one C# field would not compile.
    private void CheckGeneratedMemberNames()
    {
        foreach (var (owner, members) in MemberScopes())
        {
            var seen = new Dictionary<string, string>();
            foreach (var m in members)
            {
                var cs = m.CSharpName ?? Identifiers.ToPascal(m.Name!);
                if (seen.TryGetValue(cs, out var first) && first != m.Name)
                {
                    Report(SpecRules.DuplicateName, m.Span, $"struct {owner}: members {first} and {m.Name} both become the C# field {cs}; set csharp-name on one of them");
                }
                else
                {
                    seen[cs] = m.Name!;
                }
            }
        }
    }

    // SMMUGEN004: constants and ioctls are all #defines of one C namespace, and C# constants of the generated classes.
    private void CheckDuplicateConstantAndIoctlNames()
    {
        var items = _doc.Constants.Select(c => (c.Name, What: "constant", c.Span)).Concat(_doc.Ioctls.Select(i => (i.Name, What: "ioctl", i.Span)));
        var seen = new Dictionary<string, string>();
        foreach (var (name, what, span) in items)
        {
            if (seen.TryGetValue(name, out var first))
            {
                Report(SpecRules.DuplicateName, span, $"{what} {name} is defined more than once" + (first == what ? string.Empty : $" (also as a {first})"));
            }
            else
            {
                seen[name] = what;
            }
        }
    }

    // SMMUGEN004: a C enum's members are named with its prefix stripped, which can make two names one.
    private void CheckCEnumMemberNames()
    {
        foreach (var e in _doc.Enums.Where(e => e.Prefix is not null))
        {
            var seen = new Dictionary<string, string>();
            foreach (var v in e.Values)
            {
                var cs = CEnumMemberName(v.Name, e.Prefix);
                if (seen.TryGetValue(cs, out var first) && first != v.Name)
                {
                    Report(SpecRules.DuplicateName, v.Span, $"enum {e.Name}: values {first} and {v.Name} both become the C# member {cs} once the prefix {e.Prefix} is stripped; rename one of them");
                }
                else
                {
                    seen[cs] = v.Name;
                }
            }
        }
    }

    /// <summary>
    /// The C# member name of a C enum value: the prefix stripped, then PascalCase
    /// (<c>IOMMU_HWPT_DATA_ARM_SMMUV3</c> with prefix <c>IOMMU_HWPT_DATA_</c> → <c>ArmSmmuv3</c>).
    /// A value that does not start with the prefix keeps its whole name.
    /// </summary>
    public static string CEnumMemberName(string valueName, string? prefix) =>
        Identifiers.ToPascal(prefix is not null && valueName.Length > prefix.Length && valueName.StartsWith(prefix, System.StringComparison.Ordinal)
            ? valueName.Substring(prefix.Length)
            : valueName);

    // SMMUGEN026
    private void CheckCTypes()
    {
        foreach (var p in CLayouts.Problems.Where(p => p.Kind == LayoutProblemKind.UnknownType))
        {
            Report(SpecRules.UnknownCType, p.Span, p.Message);
        }
    }

    // SMMUGEN014
    private void CheckStructTooLarge()
    {
        foreach (var p in CLayouts.Problems.Where(p => p.Kind == LayoutProblemKind.TooLarge))
        {
            Report(SpecRules.InvalidValue, p.Span, p.Message);
        }
    }

    // SMMUGEN024: uAPI structs spell out every byte (__reserved members), because implicit
    // padding differs between ABIs and leaks kernel stack contents when copied back to user space.
    private void CheckPaddingHoles()
    {
        foreach (var layout in CLayouts.Layouts.Values)
        {
            foreach (var h in layout.Holes)
            {
                var where = (h.Before, h.After) switch
                {
                    (not null, not null) => $"between {h.Before} (ends at {h.Offset}) and {h.After} (at {h.Offset + h.Size})",
                    (not null, null) => $"at the end, after {h.Before} (ends at {h.Offset}), so that the size is a multiple of the alignment",
                    (null, not null) => $"before {h.After} (at {h.Offset + h.Size})",
                    _ => $"at the end of {h.Container}, after its largest member",
                };
                var inside = h.Container == $"struct {layout.Name}" ? string.Empty : $" inside {h.Container}";
                Report(SpecRules.PaddingHole, h.Span, $"struct {layout.Name}: {h.Size}-byte implicit padding hole at offset {h.Offset}{inside}, {where}; declare it as an explicit reserved member");
            }
        }
    }

    // SMMUGEN025
    private void CheckStatedSizeAndAlign()
    {
        foreach (var s in _doc.Structs)
        {
            if (!CLayouts.Layouts.TryGetValue(s.Name, out var layout) || Duplicates(_doc.Structs, x => x.Name).Contains(s))
            {
                continue;
            }

            if (s.Size is { } size && size != layout.Size)
            {
                Report(SpecRules.LayoutMismatch, s.SizeSpan, $"struct {s.Name}: the spec states size {size}, but the C layout gives sizeof {layout.Size}");
            }

            if (s.Align is { } align && align != layout.Align)
            {
                Report(SpecRules.LayoutMismatch, s.AlignSpan, $"struct {s.Name}: the spec states align {align}, but the C layout gives alignof {layout.Align}");
            }
        }
    }

    // SMMUGEN025: a stated offset is offsetof from the start of the outermost struct.
    private void CheckStatedOffsets()
    {
        foreach (var entry in CLayouts.Placements)
        {
            var name = entry.Key;
            foreach (var p in entry.Value.Where(p => p.Member.Offset is { } stated && stated != p.Offset))
            {
                var member = p.Member.Name ?? $"(anonymous {(p.Member.Kind == MemberKind.Union ? "union" : "struct")})";
                Report(SpecRules.LayoutMismatch, p.Member.OffsetSpan, $"struct {name}: member {member} is stated at offset {p.Member.Offset}, but the C layout places it at offset {p.Offset}");
            }
        }
    }

    // SMMUGEN017
    private void CheckMemberEnumReferences()
    {
        foreach (var (s, m) in AllMembers().Where(x => x.Member.EnumName is not null && !_enums.ContainsKey(x.Member.EnumName)))
        {
            var known = _enums.Values.Where(e => !e.IsInline).Select(e => e.Name).ToList();
            var suggestion = Loading.KeySuggestion.Nearest(m.EnumName!, known);
            var hint = known.Count == 0 ? "the file defines no enums" : suggestion is null ? $"defined enums: {string.Join(", ", known)}" : $"did you mean '{suggestion}'?";
            Report(SpecRules.UnknownEnum, m.EnumSpan, $"member {s.Name}.{m.Name}: {(m.IsFlags ? "flags" : "enum")} '{m.EnumName}' is not defined; {hint}");
        }
    }

    // SMMUGEN010: a value the member's C type cannot hold.
    private void CheckMemberEnumValuesFit()
    {
        foreach (var (s, m) in AllMembers())
        {
            if (m.EnumName is null || !_enums.TryGetValue(m.EnumName, out var e) || m.Type is null || !CStructLayout.TryGetScalarSize(m.Type, out var size) || size >= 8)
            {
                continue;
            }

            var max = (1UL << (int)(size * 8)) - 1;
            foreach (var v in e.Values.Where(v => v.Value > max))
            {
                Report(SpecRules.EnumValueTooWide, m.EnumSpan, $"member {s.Name}.{m.Name} ({m.Type}, {size * 8} bits): enum {e.Name} value {v.Name} = {Hex(v.Value)} does not fit (maximum {Hex(max)})");
            }
        }
    }

    // SMMUGEN014: iommufd reads the caller's size from the first 4 bytes of the argument.
    private void CheckSizePrefix()
    {
        foreach (var s in _doc.Structs.Where(s => s.SizePrefixed))
        {
            var first = s.Members.Count > 0 ? s.Members[0] : null;
            if (first is null || first.Name != "size" || first.Type != "__u32" || first.Count is not null)
            {
                var actual = first is null ? "no member" : $"{first.Type ?? first.Kind.ToString().ToLowerInvariant()}{(first.Count is { } n ? $"[{n}]" : string.Empty)} {first.Name ?? "(anonymous)"}";
                Report(SpecRules.InvalidValue, first?.Span ?? s.Span, $"struct {s.Name} is size-prefixed, so its first member must be __u32 size, not {actual}");
            }
        }
    }

    // SMMUGEN028: a typed view copies whole 64-bit little-endian words of the record.
    private void CheckRecordLinks()
    {
        var records = new Dictionary<string, RecordSpec>();
        foreach (var r in _doc.Records.Where(r => !records.ContainsKey(r.Name)))
        {
            records[r.Name] = r;
        }

        foreach (var (s, m) in AllMembers().Where(x => x.Member.RecordName is not null))
        {
            var what = $"member {s.Name}.{m.Name ?? "(anonymous)"}";
            if (m.Kind != MemberKind.Scalar || m.Count is null || !RecordWordTypes.Contains(m.Type))
            {
                var actual = m.Kind is MemberKind.Union or MemberKind.InlineStruct ? $"an inline {(m.Kind == MemberKind.Union ? "union" : "struct")}" : $"{m.Type}{(m.Count is { } n ? $"[{n}]" : " (not an array)")}";
                Report(SpecRules.RecordLink, m.RecordSpan, $"{what} links record {m.RecordName}, but is {actual}; a record link needs an array of 64-bit words ({string.Join(", ", RecordWordTypes)})");
            }
            else if (records.TryGetValue(m.RecordName!, out var record) && (ulong)m.Count.Value * 8 > (ulong)record.SizeBytes)
            {
                Report(SpecRules.RecordLink, m.RecordSpan, $"{what} holds {m.Count} words ({m.Count * 8} bytes), but record {record.Name} is {record.SizeBytes} bytes ({record.Words} words); the member must not be longer than the record");
            }
        }
    }

    // SMMUGEN027
    private void CheckIoctlTargets()
    {
        var structNames = _doc.Structs.Select(s => s.Name).ToList();
        foreach (var i in _doc.Ioctls)
        {
            if (i.StructName is null)
            {
                if (i.Direction != IoctlDirection.None)
                {
                    Report(SpecRules.IoctlTargetMissing, i.Span, $"ioctl {i.Name} has direction {Loading.SpecLoader.DirectionNames[(int)i.Direction]} but names no struct; the number's size bits are the struct's size");
                }
                else if (i.MinSizeMember is not null)
                {
                    Report(SpecRules.IoctlTargetMissing, i.MinSizeMemberSpan, $"ioctl {i.Name}: min-size-member {i.MinSizeMember} needs a 'struct' to be a member of");
                }
            }
            else if (!structNames.Contains(i.StructName))
            {
                var suggestion = Loading.KeySuggestion.Nearest(i.StructName, structNames);
                Report(SpecRules.IoctlTargetMissing, i.StructSpan, $"ioctl {i.Name}: struct {i.StructName} is not defined in this file" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
            }
            else if (i.MinSizeMember is not null && CLayouts.Layouts.TryGetValue(i.StructName, out var layout) && layout.Find(i.MinSizeMember) is null)
            {
                var names = layout.Members.Select(m => m.Name).ToList();
                var suggestion = Loading.KeySuggestion.Nearest(i.MinSizeMember, names);
                Report(SpecRules.IoctlTargetMissing, i.MinSizeMemberSpan, $"ioctl {i.Name}: min-size-member {i.MinSizeMember} is not a member of struct {i.StructName}" + (suggestion is null ? $" (members: {string.Join(", ", names)})" : $"; did you mean '{suggestion}'?"));
            }
        }
    }

    // SMMUGEN014: _IOR/_IOW/_IOWR encode sizeof the payload in 14 bits.
    private void CheckIoctlSize()
    {
        foreach (var i in _doc.Ioctls.Where(i => i.Direction != IoctlDirection.None && i.StructName is not null))
        {
            if (CLayouts.Layouts.TryGetValue(i.StructName!, out var layout) && layout.Size > IoctlSizeMax)
            {
                Report(SpecRules.InvalidValue, i.StructSpan, $"ioctl {i.Name}: struct {i.StructName} is {layout.Size} bytes, more than the {IoctlSizeMax} an ioctl number's 14-bit size field holds");
            }
        }
    }

    // SMMUGEN014: the minimum size is iommufd's rule for extensible (size-prefixed) structs; it
    // must at least cover the size member the kernel reads first.
    private void CheckMinSizeMember()
    {
        foreach (var i in _doc.Ioctls.Where(i => i.MinSizeMember is not null && i.StructName is not null))
        {
            var s = _doc.Structs.FirstOrDefault(x => x.Name == i.StructName);
            if (s is null || !CLayouts.Layouts.TryGetValue(s.Name, out var layout) || layout.Find(i.MinSizeMember!) is not { } member)
            {
                continue; // reported as SMMUGEN027
            }

            if (!s.SizePrefixed)
            {
                Report(SpecRules.InvalidValue, i.MinSizeMemberSpan, $"ioctl {i.Name}: min-size-member needs a size-prefixed struct, and struct {s.Name} is not (set size-prefixed: true, or drop min-size-member)");
            }
            else if (member.End <= 4)
            {
                Report(SpecRules.InvalidValue, i.MinSizeMemberSpan, $"ioctl {i.Name}: min-size-member {member.Name} ends at byte {member.End}, inside the size prefix; name the last member of the struct's first version");
            }
        }
    }
}
