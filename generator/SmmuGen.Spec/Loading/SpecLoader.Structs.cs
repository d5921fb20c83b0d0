using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Loading;

/// <summary>Reading the C side: constants, structs and ioctls.</summary>
internal sealed partial class SpecLoader
{
    internal static readonly string[] ConstantKeys = { "name", "value", "doc", "since" };
    internal static readonly string[] StructKeys = { "name", "members", "size", "align", "size-prefixed", "doc", "section", "since", "csharp-name", "waivers" };
    internal static readonly string[] MemberKeys = { "name", "type", "count", "offset", "reserved", "enum", "flags", "record", "union", "struct", "doc", "since", "csharp-name" };
    internal static readonly string[] IoctlKeys = { "name", "type", "number", "direction", "struct", "min-size-member", "doc", "since" };

    /// <summary>The spellings of <see cref="IoctlDirection"/> in spec files, in enum order.</summary>
    internal static readonly string[] DirectionNames = { "none", "write", "read", "readwrite" };

    /// <summary>The ioctl number packs type and nr into one byte each (the kernel's _IOC_TYPEBITS, _IOC_NRBITS).</summary>
    private const ulong IoctlByteMax = IoctlNumber.MaxTypeOrNumber;

    /// <summary>Constants read so far, so an ioctl's <c>type</c> can name one (constants are read before ioctls).</summary>
    private readonly Dictionary<string, ulong> _constants = new();

    private ConstantSpec? ReadConstant(YamlMappingNode node)
    {
        var name = NameOf(node);
        var what = name is null ? "constant" : $"constant {name}";
        var r = new MappingReader(node, what, ConstantKeys, _context);
        var hasRequired = r.Require("name", "value");
        var value = r.Number("value");
        if (!hasRequired || value is null)
        {
            return null;
        }

        if (!_constants.ContainsKey(name!))
        {
            _constants[name!] = value.Value;
        }

        return new ConstantSpec(name!, value.Value, r.Text("doc"), r.Text("since"), r.Span);
    }

    private StructSpec? ReadStruct(YamlMappingNode node)
    {
        var name = NameOf(node);
        var what = name is null ? "struct" : $"struct {name}";
        var r = new MappingReader(node, what, StructKeys, _context);
        ReadWaivers(r, r.Span);
        var hasRequired = r.Require("name", "members");
        var members = ReadMembers(r, "members", name ?? "?");
        var size = r.Number("size");
        var align = r.Number("align");
        if (!hasRequired || members is null)
        {
            return null;
        }

        return new StructSpec(
            name!,
            r.Text("csharp-name"),
            members.ToEquatableArray(),
            size,
            align,
            r.Flag("size-prefixed"),
            r.Text("doc"),
            r.Text("section"),
            r.Text("since"),
            r.Span)
        {
            SizeSpan = r.ValueSpan("size"),
            AlignSpan = r.ValueSpan("align"),
        };
    }

    /// <summary>
    /// Reads a list of members (of a struct, or of an inline union or struct). An empty list is an
    /// error: C has no empty structs or unions (an empty one is a GNU extension of size 0).
    /// </summary>
    private List<MemberSpec>? ReadMembers(MappingReader owner, string key, string path)
    {
        if (owner.Sequence(key) is not { } sequence)
        {
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            _context.Report(SpecRules.InvalidValue, sequence, $"{owner.What}: '{key}' is empty; a C struct or union needs at least one member");
            return null;
        }

        return ReadList(owner, key, n => ReadMember(n, path));
    }

    private MemberSpec? ReadMember(YamlMappingNode node, string path)
    {
        var name = NameOf(node);
        var what = name is null ? $"struct {path} member" : $"member {path}.{name}";
        var r = new MappingReader(node, what, MemberKeys, _context);

        // A member is exactly one of: a C type (scalar or struct NAME), an inline union, an inline struct.
        var shapes = new[] { "type", "union", "struct" }.Where(r.Has).ToList();
        if (shapes.Count == 0)
        {
            _context.Report(SpecRules.MissingKey, node, $"{what}: missing required key 'type', 'union' or 'struct' (a member has a C type, or is an inline union or struct with its own member list)");
            return null;
        }

        if (shapes.Count > 1)
        {
            _context.Report(SpecRules.InvalidValue, r.ValueSpan(shapes[1]), $"{what}: '{shapes[0]}' and '{shapes[1]}' exclude each other; a member has a C type or is an inline union or struct");
            return null;
        }

        var kind = shapes[0] switch
        {
            "union" => MemberKind.Union,
            "struct" => MemberKind.InlineStruct,
            _ => MemberKind.Scalar,
        };
        var inline = kind is MemberKind.Union or MemberKind.InlineStruct;
        string? type = null;
        var members = new List<MemberSpec>();
        if (inline)
        {
            var list = ReadMembers(r, shapes[0], name is null ? path : $"{path}.{name}");
            if (list is null)
            {
                return null;
            }

            members = list;
        }
        else
        {
            type = r.Text("type");
            if (type is null)
            {
                return null;
            }

            // `struct NAME` names another struct of the file; anything else is a scalar type,
            // checked against the known C types by the validator (SMMUGEN026).
            if (type.StartsWith("struct ", System.StringComparison.Ordinal) || type.StartsWith("struct\t", System.StringComparison.Ordinal))
            {
                kind = MemberKind.Struct;
            }
        }

        if (name is null && !inline)
        {
            _context.Report(SpecRules.MissingKey, node, $"{what}: missing required key 'name'; only an inline union or struct may be anonymous");
            return null;
        }

        var ok = true;
        int? count = null;
        if (r.Number("count") is { } c)
        {
            if (inline)
            {
                _context.Report(SpecRules.InvalidValue, r.ValueSpan("count"), $"{what}: 'count' on an inline {shapes[0]} is not supported; declare a named struct and use type: struct NAME");
                ok = false;
            }
            else if (c == 0 || c > int.MaxValue)
            {
                // A zero-length array is a GNU extension the generated C# cannot express.
                _context.Report(SpecRules.InvalidValue, r.ValueSpan("count"), $"{what}: count {c} must be between 1 and {int.MaxValue}");
                ok = false;
            }
            else
            {
                count = (int)c;
            }
        }

        var enumName = r.Text("enum");
        var flagsName = r.Text("flags");
        if (enumName is not null && flagsName is not null)
        {
            _context.Report(SpecRules.InvalidValue, r.ValueSpan("flags"), $"{what}: 'enum' and 'flags' exclude each other; 'flags' names an enum whose values are bit flags");
            ok = false;
        }
        else if ((enumName ?? flagsName) is not null && kind != MemberKind.Scalar)
        {
            var key = enumName is null ? "flags" : "enum";
            _context.Report(SpecRules.InvalidValue, r.ValueSpan(key), $"{what}: '{key}' needs a scalar member (an integer C type), not {(inline ? "an inline " + shapes[0] : type)}");
            ok = false;
        }

        var offset = r.Number("offset");
        var reserved = r.Flag("reserved");
        var record = r.Text("record");
        if (!ok)
        {
            return null;
        }

        return new MemberSpec(
            name,
            r.Text("csharp-name"),
            kind,
            type,
            count,
            offset,
            reserved,
            enumName ?? flagsName,
            flagsName is not null,
            record,
            members.ToEquatableArray(),
            r.Text("doc"),
            r.Text("since"),
            r.Span,
            r.ValueSpan("type"))
        {
            CountSpan = r.ValueSpan("count"),
            OffsetSpan = r.ValueSpan("offset"),
            EnumSpan = r.ValueSpan(enumName is null ? "flags" : "enum"),
            RecordSpan = r.ValueSpan("record"),
        };
    }

    private IoctlSpec? ReadIoctl(YamlMappingNode node)
    {
        var name = NameOf(node);
        var what = name is null ? "ioctl" : $"ioctl {name}";
        var r = new MappingReader(node, what, IoctlKeys, _context);
        var hasRequired = r.Require("name", "type", "number");
        var type = r.Has("type") ? IoctlType(r, what) : null;
        var number = r.Number("number");
        if (number > IoctlByteMax)
        {
            _context.Report(SpecRules.InvalidValue, r.ValueSpan("number"), $"{what}: number 0x{number:x} does not fit the 8-bit nr field of an ioctl number (0-0xff)");
            number = null;
        }

        var direction = IoctlDirection.None;
        var directionOk = true;
        if (r.Text("direction") is { } directionText)
        {
            var index = System.Array.IndexOf(DirectionNames, directionText);
            if (index < 0)
            {
                var suggestion = KeySuggestion.Nearest(directionText, DirectionNames);
                _context.Report(
                    SpecRules.InvalidValue,
                    r.ValueSpan("direction"),
                    $"{what}: direction '{directionText}' is not one of {string.Join(", ", DirectionNames)}" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
                directionOk = false;
            }
            else
            {
                direction = (IoctlDirection)index;
            }
        }

        if (!hasRequired || type is null || number is null || !directionOk)
        {
            return null;
        }

        return new IoctlSpec(
            name!,
            type.Value,
            number.Value,
            direction,
            r.Text("struct"),
            r.Text("min-size-member"),
            r.Text("doc"),
            r.Text("since"),
            r.Span,
            r.ValueSpan("struct"))
        {
            MinSizeMemberSpan = r.ValueSpan("min-size-member"),
        };
    }

    /// <summary>
    /// An ioctl's type byte: a number, a constant of the file, or a one-character string (the
    /// kernel writes <c>_IO(';', …)</c>, so <c>";"</c> is the byte 0x3b).
    /// </summary>
    private ulong? IoctlType(MappingReader r, string what)
    {
        var text = r.Text("type");
        if (text is null)
        {
            return null;
        }

        ulong value;
        if (ScalarParser.TryParseNumber(text, out var number))
        {
            value = number;
        }
        else if (_constants.TryGetValue(text, out var constant))
        {
            value = constant;
        }
        else if (text.Length == 1)
        {
            value = text[0];
        }
        else
        {
            var suggestion = KeySuggestion.Nearest(text, _constants.Keys);
            _context.Report(
                SpecRules.InvalidValue,
                r.ValueSpan("type"),
                $"{what}: type '{text}' is not a number, a constant of this file or a one-character string such as \";\"" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
            return null;
        }

        if (value > IoctlByteMax)
        {
            _context.Report(SpecRules.InvalidValue, r.ValueSpan("type"), $"{what}: type 0x{value:x} does not fit the 8-bit type field of an ioctl number (0-0xff)");
            return null;
        }

        return value;
    }
}
