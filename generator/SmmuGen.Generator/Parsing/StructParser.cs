using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Generator.Model;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;
using SmmuGen.Spec.Validation;

namespace SmmuGen.Generator.Parsing;

/// <summary>
/// Derives the C side's emitter model from a spec without errors: C# names, field types, the
/// computed C layout, ioctl numbers. Runs after validation, so every name it looks up exists.
/// </summary>
internal static class StructParser
{
    /// <summary>Member names every generated struct already uses, or that C# reserves.</summary>
    private static readonly string[] ReservedNames =
    {
        "CName", "Size", "Align", "MinSize", "Info", "Read", "Write", "ReadFrom", "WriteTo",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
    };

    /// <summary>
    /// True for an enum the C side owns: one that struct members use, or that is written as a C
    /// enum (with a prefix or as flags), as long as no register or record field uses it too
    /// (those keep the register enum form their fields need).
    /// </summary>
    public static bool IsCEnum(SpecDocument doc, EnumSpec e)
    {
        if (e.IsInline)
        {
            return false;
        }

        var fieldUse = doc.Registers.SelectMany(r => r.Fields)
            .Concat(doc.Records.SelectMany(r => r.Fields.Concat(r.Variants.SelectMany(v => v.Fields))))
            .Any(f => f.EnumName == e.Name);
        if (fieldUse)
        {
            return false;
        }

        return e.Prefix is not null || e.IsFlags || AllMembers(doc).Any(m => m.EnumName == e.Name);
    }

    public static StructSetGenerationSpec Build(SpecDocument doc, IReadOnlyDictionary<string, EnumGenerationSpec> registerEnums)
    {
        if (doc.Structs.Count == 0 && doc.Ioctls.Count == 0 && doc.Constants.Count == 0 && !doc.Enums.Any(e => IsCEnum(doc, e)))
        {
            return StructSetGenerationSpec.Empty;
        }

        var layouts = CStructLayout.Compute(doc);
        var cEnums = doc.Enums.Where(e => IsCEnum(doc, e)).Select(e => BuildEnum(doc, e)).ToList();

        // Enum name → (C# type, underlying integer type), C enums first.
        var enumTypes = new Dictionary<string, (string TypeName, string Underlying)>(StringComparer.Ordinal);
        foreach (var e in cEnums)
        {
            enumTypes[e.Name] = (e.TypeName, e.UnderlyingType);
        }

        foreach (var e in registerEnums.Values.Where(e => !enumTypes.ContainsKey(e.Name)))
        {
            enumTypes[e.Name] = (e.TypeName, e.UnderlyingType);
        }

        var structTypes = doc.Structs.ToDictionary(s => s.Name, s => s.CSharpName ?? Identifiers.ToPascal(s.Name), StringComparer.Ordinal);
        var context = new Context(structTypes, enumTypes);
        var structs = new List<StructGenerationSpec>();
        foreach (var s in doc.Structs)
        {
            var layout = layouts[s.Name];
            var body = BuildBody(context, structTypes[s.Name], $"struct {s.Name}", (int)layout.Size, s.Members, layout.Members, 0);
            var fieldNames = FlatFieldNames(body);
            var members = layout.Members
                .Select(m => new StructMemberGenerationSpec(m.Name, fieldNames[m.Name], (int)m.Offset, (int)m.Size, CTypeOf(m.Spec), m.Count, m.Spec.Reserved, m.Spec.Since, m.Spec.Doc))
                .ToEquatableArray();
            structs.Add(new StructGenerationSpec(s.Name, body, (int)layout.Align, s.SizePrefixed, MinSize(doc, s, layout), s.Doc, s.Section, s.Since, members));
        }

        var constants = doc.Constants
            .Select(c => new StructConstantGenerationSpec(c.Name, c.Value, c.Value <= uint.MaxValue ? "uint" : "ulong", c.Doc, c.Since))
            .ToEquatableArray();
        var ioctls = doc.Ioctls.Select(i => BuildIoctl(i, layouts, structTypes)).ToEquatableArray();
        return new StructSetGenerationSpec(cEnums.ToEquatableArray(), structs.ToEquatableArray(), constants, ioctls);
    }

    /// <summary>Every C member of the file, at any depth.</summary>
    private static IEnumerable<MemberSpec> AllMembers(SpecDocument doc)
    {
        IEnumerable<MemberSpec> Walk(IEnumerable<MemberSpec> members) => members.SelectMany(m => new[] { m }.Concat(Walk(m.Members)));
        return doc.Structs.SelectMany(s => Walk(s.Members));
    }

    private static StructEnumGenerationSpec BuildEnum(SpecDocument doc, EnumSpec e)
    {
        // The enum takes the integer type of the widest member it types, so those fields can be
        // the enum itself with the exact C size; C enum constants are int, hence uint by default.
        var underlying = AllMembers(doc)
            .Where(m => m.EnumName == e.Name && m.Type is not null && IntegerTypeOf(m.Type) is not null)
            .Select(m => IntegerTypeOf(m.Type!)!)
            .OrderByDescending(SizeOf)
            .FirstOrDefault() ?? "uint";
        if (e.Values.Any(v => v.Value > MaxOf(underlying)))
        {
            underlying = "ulong";
        }

        var values = e.Values
            .Select(v => new StructEnumValueGenerationSpec(v.Name, SpecValidator.CEnumMemberName(v.Name, e.Prefix), v.Value, v.Doc, v.Since))
            .ToEquatableArray();
        return new StructEnumGenerationSpec(e.Name, Identifiers.ToPascal(e.Name), underlying, e.IsFlags, e.Doc, e.Since, values);
    }

    private static StructIoctlGenerationSpec BuildIoctl(IoctlSpec i, IReadOnlyDictionary<string, StructLayout> layouts, IReadOnlyDictionary<string, string> structTypes)
    {
        var layout = i.StructName is null ? null : layouts[i.StructName];

        var number = IoctlNumber.Encode(i.Direction, i.Type, i.Number, layout?.Size ?? 0);
        var minSize = layout is null ? 0 : (int)(i.MinSizeMember is { } member ? layout.Find(member)!.End : layout.Size);
        return new StructIoctlGenerationSpec(
            i.Name,
            (uint)number,
            i.Direction.ToString(),
            (byte)i.Type,
            (byte)i.Number,
            i.StructName is null ? null : structTypes[i.StructName],
            minSize,
            i.Doc,
            i.Since);
    }

    /// <summary>The smallest first-version size any ioctl accepts for the struct; its full size when no ioctl says.</summary>
    private static int MinSize(SpecDocument doc, StructSpec s, StructLayout layout)
    {
        var ends = doc.Ioctls
            .Where(i => i.StructName == s.Name && i.MinSizeMember is not null)
            .Select(i => layout.Find(i.MinSizeMember!)!.End)
            .ToList();
        return (int)(s.SizePrefixed && ends.Count > 0 ? ends.Min() : layout.Size);
    }

    private sealed record Context(IReadOnlyDictionary<string, string> StructTypes, IReadOnlyDictionary<string, (string TypeName, string Underlying)> EnumTypes);

    /// <summary>Names inside one generated type: fields first, then methods and nested types, each unique.</summary>
    private sealed class Names
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

        public Names(string typeName)
        {
            _taken.Add(typeName); // a member may not share its enclosing type's name
            _taken.UnionWith(ReservedNames);
        }

        public string Take(string wanted)
        {
            // A C member called size becomes SizeField: the generated Size constant keeps its name.
            var name = _taken.Contains(wanted) ? wanted + "Field" : wanted;
            var candidate = name;
            for (var n = 2; _taken.Contains(candidate); n++)
            {
                candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _taken.Add(candidate);
            return candidate;
        }
    }

    private static StructBodyGenerationSpec BuildBody(
        Context context,
        string typeName,
        string description,
        int size,
        IEnumerable<MemberSpec> specs,
        IReadOnlyList<MemberLayout> scope,
        ulong origin)
    {
        var names = new Names(typeName);

        // Anonymous unions and structs contribute their members to this type (C11 anonymous members).
        IEnumerable<MemberSpec> Named(IEnumerable<MemberSpec> list) => list.SelectMany(m => m.Name is null ? Named(m.Members) : new[] { m });
        var named = Named(specs).Select(m => (Spec: m, Layout: scope.First(l => l.Name == m.Name))).ToList();
        var fieldNames = named.Select(x => names.Take(x.Spec.CSharpName ?? Identifiers.ToPascal(x.Spec.Name!))).ToList();

        var links = new List<StructRecordLinkGenerationSpec>();
        for (var i = 0; i < named.Count; i++)
        {
            if (named[i].Spec.RecordName is { } record)
            {
                var field = fieldNames[i];
                links.Add(new StructRecordLinkGenerationSpec(field, named[i].Spec.Name!, named[i].Spec.Count ?? 1, record, names.Take("Get" + field), names.Take("Set" + field)));
            }
        }

        var fields = new List<StructFieldGenerationSpec>();
        var nested = new List<StructBodyGenerationSpec>();
        for (var i = 0; i < named.Count; i++)
        {
            var (m, l) = named[i];
            var fieldName = fieldNames[i];
            var offset = (int)(l.Offset - origin);
            var elementSize = (int)l.ElementSize;
            string elementType;
            string? integerType = null;
            string? enumType = null;
            string? enumProperty = null;
            StructFieldKind kind;
            switch (m.Kind)
            {
                case MemberKind.Union or MemberKind.InlineStruct:
                    kind = StructFieldKind.Inline;
                    elementType = names.Take(fieldName + (m.Kind == MemberKind.Union ? "Union" : "Struct"));
                    nested.Add(BuildBody(context, elementType, $"{(m.Kind == MemberKind.Union ? "union" : "struct")} {m.Name} of {description}", (int)l.Size, m.Members, l.Inner, l.Offset));
                    break;
                case MemberKind.Struct:
                    kind = StructFieldKind.Struct;
                    elementType = context.StructTypes[m.StructTag!];
                    break;
                default:
                    kind = StructFieldKind.Scalar;
                    integerType = IntegerTypeOf(m.Type!)!;
                    elementType = integerType;
                    if (m.EnumName is not null && context.EnumTypes.TryGetValue(m.EnumName, out var e))
                    {
                        enumType = e.TypeName;
                        if (e.Underlying == integerType)
                        {
                            elementType = e.TypeName;
                        }
                        else if (m.Count is null)
                        {
                            enumProperty = names.Take(fieldName + "As" + e.TypeName);
                        }
                    }

                    break;
            }

            var buffer = m.Count is null ? null : names.Take(fieldName + "Buffer");
            fields.Add(new StructFieldGenerationSpec(
                m.Name!,
                fieldName,
                kind,
                offset,
                elementSize,
                m.Count,
                elementType,
                integerType,
                buffer,
                CTypeOf(m),
                enumType,
                enumProperty,
                m.Reserved,
                m.Doc,
                m.Since));
        }

        return new StructBodyGenerationSpec(typeName, description, size, fields.ToEquatableArray(), nested.ToEquatableArray(), links.ToEquatableArray());
    }

    private static Dictionary<string, string> FlatFieldNames(StructBodyGenerationSpec body) =>
        body.Fields.ToDictionary(f => f.CName, f => f.FieldName, StringComparer.Ordinal);

    private static string CTypeOf(MemberSpec m) => m.Kind switch
    {
        MemberKind.Union => "union",
        MemberKind.InlineStruct => "struct",
        MemberKind.Struct => $"struct {m.StructTag}",
        _ => m.Type!,
    };

    /// <summary>The C# integer a kernel type holds: __u32 → uint, __s16 → short, __aligned_le64 → ulong.</summary>
    internal static string? IntegerTypeOf(string cType)
    {
        if (!CStructLayout.TryGetScalarSize(cType, out var size))
        {
            return null;
        }

        var signed = CStructLayout.IsSigned(cType);
        return size switch
        {
            1 => signed ? "sbyte" : "byte",
            2 => signed ? "short" : "ushort",
            4 => signed ? "int" : "uint",
            _ => signed ? "long" : "ulong",
        };
    }

    private static int SizeOf(string integerType) => integerType switch
    {
        "byte" or "sbyte" => 1,
        "short" or "ushort" => 2,
        "int" or "uint" => 4,
        _ => 8,
    };

    private static ulong MaxOf(string integerType) => integerType switch
    {
        "byte" or "sbyte" => byte.MaxValue,
        "short" or "ushort" => ushort.MaxValue,
        "int" or "uint" => uint.MaxValue,
        _ => ulong.MaxValue,
    };
}
