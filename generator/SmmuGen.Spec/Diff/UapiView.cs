using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Diff;

/// <summary>
/// The uAPI part of one or more spec documents (from YAML or from headers), indexed by C name:
/// named values, enum types, structs with their computed layout, ioctls. Registers and records
/// are not part of it. When a name is defined twice, the first definition counts.
/// </summary>
internal sealed class UapiView
{
    public List<UapiValue> Values { get; } = new();

    public List<UapiEnum> Enums { get; } = new();

    public List<UapiStruct> Structs { get; } = new();

    public List<UapiIoctl> Ioctls { get; } = new();

    public static UapiView From(IEnumerable<SpecDocument> documents)
    {
        var view = new UapiView();
        var values = new HashSet<string>(StringComparer.Ordinal);
        var enums = new HashSet<string>(StringComparer.Ordinal);
        var structs = new HashSet<string>(StringComparer.Ordinal);
        var ioctls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            var analysis = CStructLayout.Analyze(doc);
            foreach (var c in doc.Constants.Where(c => values.Add(c.Name)))
            {
                view.Values.Add(new UapiValue(c.Name, c.Value, null, c.Span));
            }

            // A register file's shared enums are field encodings, not C enums (emit-c agrees).
            var hasCApi = doc.Structs.Count + doc.Ioctls.Count + doc.Constants.Count > 0 || doc.Registers.Count + doc.Records.Count == 0;
            foreach (var e in doc.Enums.Where(e => !e.IsInline && hasCApi && enums.Add(e.Name)))
            {
                view.Enums.Add(new UapiEnum(e.Name, e.Values.Select(v => v.Name).ToList(), e.Span));
                foreach (var v in e.Values.Where(v => values.Add(v.Name)))
                {
                    view.Values.Add(new UapiValue(v.Name, v.Value, e.Name, v.Span));
                }
            }

            foreach (var s in doc.Structs.Where(s => structs.Add(s.Name)))
            {
                view.Structs.Add(Struct(s, analysis));
            }

            foreach (var i in doc.Ioctls.Where(i => ioctls.Add(i.Name)))
            {
                view.Ioctls.Add(Ioctl(i, analysis.Layouts));
            }
        }

        return view;
    }

    private static UapiStruct Struct(StructSpec s, LayoutAnalysis analysis)
    {
        if (!analysis.Layouts.TryGetValue(s.Name, out var layout) || !analysis.Placements.TryGetValue(s.Name, out var placements))
        {
            return new UapiStruct(s.Name, null, null, s.SizePrefixed, Array.Empty<UapiField>(), Array.Empty<(ulong, ulong)>(), s.Span);
        }

        var where = new Dictionary<MemberSpec, Placement>(SameMember.Instance);
        foreach (var p in placements)
        {
            where[p.Member] = p;
        }

        var fields = new List<UapiField>();
        void Walk(IEnumerable<MemberSpec> members, string prefix, (ulong, ulong)? union)
        {
            foreach (var m in members)
            {
                if (!where.TryGetValue(m, out var p))
                {
                    continue;
                }

                if (m.Kind is MemberKind.Union or MemberKind.InlineStruct)
                {
                    var inner = m.Name is null ? prefix : prefix + m.Name + ".";
                    Walk(m.Members, inner, m.Kind == MemberKind.Union ? (p.Offset, p.Size) : union);
                    continue;
                }

                fields.Add(new UapiField(prefix + m.Name, m.Type ?? string.Empty, m.Count, p.Offset, p.Size, m.Reserved, union, fields.Count, m.Span));
            }
        }

        Walk(s.Members, string.Empty, null);
        return new UapiStruct(s.Name, layout.Size, layout.Align, s.SizePrefixed, fields, layout.Holes.Select(h => (h.Offset, h.Size)).ToList(), s.Span);
    }

    private static UapiIoctl Ioctl(IoctlSpec i, IReadOnlyDictionary<string, StructLayout> layouts)
    {
        StructLayout? layout = null;
        if (i.StructName is { } name)
        {
            layouts.TryGetValue(name, out layout);
        }

        var minSize = i.MinSizeMember is { } member && layout?.Find(member) is { } m ? m.End : (ulong?)null;
        return new UapiIoctl(i.Name, i.Type, i.Number, i.Direction, layout?.Size, i.StructName, i.MinSizeMember, minSize, i.Span);
    }

    /// <summary>Members by identity: two equal members at different places are different members.</summary>
    private sealed class SameMember : IEqualityComparer<MemberSpec>
    {
        public static readonly SameMember Instance = new();

        public bool Equals(MemberSpec? x, MemberSpec? y) => ReferenceEquals(x, y);

        public int GetHashCode(MemberSpec obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
