using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Loading;

/// <summary>
/// Turns YAML text into a <see cref="SpecDocument"/>: shape and types only (keys, required
/// values, scalars). Semantic rules live in <see cref="Validation.SpecValidator"/>.
/// An element that lacks a required key is reported and left out of the model, so later rules
/// never see half-built nodes.
/// </summary>
internal sealed partial class SpecLoader
{
    internal static readonly string[] FileKeys = { "name", "namespace", "doc", "section", "since", "page-size", "enums", "registers", "records", "constants", "structs", "ioctls", "waivers" };
    internal static readonly string[] EnumKeys = { "name", "doc", "values", "prefix", "flags", "since" };
    internal static readonly string[] EnumValueKeys = { "value", "doc", "since" };
    internal static readonly string[] RegisterKeys = { "name", "offset", "page", "width", "reset", "fields", "ack", "aliases", "doc", "section", "since", "csharp-name", "waivers" };
    internal static readonly string[] FieldKeys = { "name", "bits", "access", "enum", "address", "self-clear", "doc", "section", "since", "csharp-name", "waivers" };
    internal static readonly string[] ResetKeys = { "value", "impdef", "unknown", "allowed" };
    internal static readonly string[] AckKeys = { "of", "kind" };
    internal static readonly string[] AliasKeys = { "page", "offset" };
    internal static readonly string[] WaiverKeys = { "id", "reason" };

    private readonly LoadContext _context;

    private SpecLoader(LoadContext context) => _context = context;

    /// <summary>Loads one file. Never throws: every problem is a diagnostic in <paramref name="context"/>.</summary>
    public static SpecDocument? Load(string text, LoadContext context)
    {
        YamlStream stream;
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream = new YamlStream();
            stream.Load(new GuardedParser(new Parser(scanner)));
        }
        catch (YamlException ex)
        {
            // Some scanner errors (a tab used as indentation) carry no position at all; the
            // scanner's own position is where it stopped, which is the offending character.
            var mark = ex is SyntaxErrorException && ex.Start.Index == 0 && ex.End.Index == 0 ? scanner.CurrentPosition : ex.Start;
            var span = new SourceSpan(context.File, (int)mark.Line, (int)mark.Column, (int)mark.Index, 0);
            context.Report(SpecRules.YamlSyntax, span, $"YAML syntax error: {Innermost(ex).Message}");
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // YamlDotNet's scanner fails with other exceptions on some malformed text (an
            // InvalidOperationException when a line continuing a { } or [ ] inside a block list is
            // indented no deeper than the list). That is the author's YAML, not a tool failure.
            var mark = scanner.CurrentPosition;
            var span = new SourceSpan(context.File, (int)mark.Line, (int)mark.Column, (int)mark.Index, 0);
            context.Report(SpecRules.YamlSyntax, span, $"YAML syntax error: the YAML reader cannot read past this point ({ex.GetType().Name}); check the indentation of lines that continue a {{ }} or [ ]");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            context.Report(SpecRules.MissingKey, SourceSpan.StartOf(context.File), "the file is empty; a spec needs at least 'name' and 'namespace'");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            context.Report(SpecRules.InvalidValue, stream.Documents[1].RootNode, "a spec file holds one YAML document; split the others into their own files");
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            context.Report(SpecRules.InvalidValue, root, $"the top level of a spec must be a mapping, not a {MappingReader.Kind(root)}");
            return null;
        }

        return new SpecLoader(context).ReadFile(mapping);
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is YamlException inner ? Innermost(inner) : ex;

    private SpecDocument? ReadFile(YamlMappingNode node)
    {
        var r = new MappingReader(node, "spec", FileKeys, _context);
        ReadWaivers(r, r.Span);
        var hasRequired = r.Require("name", "namespace");
        var pageSize = r.Number("page-size") ?? 0x10000;
        var enums = ReadList(r, "enums", ReadEnum);
        var registers = ReadList(r, "registers", ReadRegister);
        var records = ReadList(r, "records", ReadRecord);
        var constants = ReadList(r, "constants", ReadConstant);
        var structs = ReadList(r, "structs", ReadStruct);
        var ioctls = ReadList(r, "ioctls", ReadIoctl);
        if (!hasRequired)
        {
            return null;
        }

        return new SpecDocument(
            _context.File,
            r.Text("name") ?? string.Empty,
            r.Text("namespace") ?? string.Empty,
            r.Text("doc"),
            r.Text("section"),
            r.Text("since"),
            pageSize,
            enums.Concat(_context.InlineEnums).ToEquatableArray(),
            registers.ToEquatableArray(),
            _context.Waivers.ToEquatableArray(),
            r.Span)
        {
            Records = records.ToEquatableArray(),
            Constants = constants.ToEquatableArray(),
            Structs = structs.ToEquatableArray(),
            Ioctls = ioctls.ToEquatableArray(),
        };
    }

    private List<T> ReadList<T>(MappingReader parent, string key, Func<YamlMappingNode, T?> read)
        where T : class
    {
        var result = new List<T>();
        var sequence = parent.Sequence(key);
        if (sequence is null)
        {
            return result;
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                _context.Report(SpecRules.InvalidValue, item, $"{parent.What}: each entry of '{key}' must be a mapping, not a {MappingReader.Kind(item)}");
                continue;
            }

            if (read(mapping) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private EnumSpec? ReadEnum(YamlMappingNode node)
    {
        var name = NameOf(node);
        var what = name is null ? "enum" : $"enum {name}";
        var r = new MappingReader(node, what, EnumKeys, _context);
        if (!r.Require("name", "values"))
        {
            return null;
        }

        var values = ReadEnumValues(r.Value("values")!, what);
        return values is null ? null : new EnumSpec(name!, r.Text("doc"), values.Value, IsInline: false, r.Span, r.Text("prefix"), r.Flag("flags"), r.Text("since"));
    }

    private EquatableArray<EnumValueSpec>? ReadEnumValues(YamlNode node, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            _context.Report(SpecRules.InvalidValue, node, $"{what}: values must be a mapping of NAME: value");
            return null;
        }

        var values = new List<EnumValueSpec>();
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } name })
            {
                _context.Report(SpecRules.InvalidValue, entry.Key, $"{what}: value names must be plain words");
                continue;
            }

            var span = _context.SpanOf(entry.Key);
            switch (entry.Value)
            {
                case YamlScalarNode scalar when ScalarParser.TryParseNumber(scalar.Value ?? string.Empty, out var v):
                    values.Add(new EnumValueSpec(name, v, null, span));
                    break;
                case YamlMappingNode detail:
                    var d = new MappingReader(detail, $"{what} value {name}", EnumValueKeys, _context);
                    if (d.Require("value") && d.Number("value") is { } dv)
                    {
                        values.Add(new EnumValueSpec(name, dv, d.Text("doc"), span, d.Text("since")));
                    }

                    break;
                default:
                    _context.Report(SpecRules.InvalidValue, entry.Value, $"{what}: value {name} must be a number or {{ value: N, doc: text }}");
                    break;
            }
        }

        return values.ToEquatableArray();
    }

    private RegisterSpec? ReadRegister(YamlMappingNode node)
    {
        var name = NameOf(node);
        var what = name is null ? "register" : $"register {name}";
        var r = new MappingReader(node, what, RegisterKeys, _context);
        ReadWaivers(r, r.Span);
        var hasRequired = r.Require("name", "offset", "width", "reset");
        var offset = r.Number("offset");
        var page = r.Number("page") ?? 0;
        var width = r.Number("width");
        if (width is not null and not 32 and not 64)
        {
            _context.Report(SpecRules.InvalidValue, r.ValueSpan("width"), $"{what}: width must be 32 or 64, not {width}");
            width = null;
        }

        if (page > int.MaxValue)
        {
            _context.Report(SpecRules.InvalidValue, r.ValueSpan("page"), $"{what}: page {page} is too large");
            page = 0;
        }

        var fields = ReadList(r, "fields", n => ReadField(n, name ?? "?", record: null));
        var reset = r.Value("reset") is { } resetNode ? ReadReset(resetNode, what) : null;
        var ack = r.Value("ack") is { } ackNode ? ReadAck(ackNode, what) : null;
        var aliases = ReadList(r, "aliases", n => ReadAlias(n, what));
        if (!hasRequired || offset is null || width is null || reset is null)
        {
            return null;
        }

        return new RegisterSpec(
            name!,
            r.Text("csharp-name"),
            offset.Value,
            (int)page,
            (int)width.Value,
            reset,
            fields.ToEquatableArray(),
            ack,
            aliases.ToEquatableArray(),
            r.Text("doc"),
            r.Text("section"),
            r.Text("since"),
            r.Span,
            r.ValueSpan("offset"));
    }

    /// <summary>
    /// Reads a field of a register (<paramref name="record"/> null) or of a record, where
    /// <c>access</c> is optional and <c>word</c> may make <c>bits</c> count inside one 64-bit word.
    /// </summary>
    private FieldSpec? ReadField(YamlMappingNode node, string owner, RecordShape? record)
    {
        var name = NameOf(node);
        var what = name is null ? $"{(record is null ? "register" : "record")} {owner} field" : $"field {owner}.{name}";
        var r = new MappingReader(node, what, record is null ? FieldKeys : RecordFieldKeys, _context);
        ReadWaivers(r, r.Span);
        var hasRequired = record is null ? r.Require("name", "bits", "access") : r.Require("name", "bits");

        BitRange? bits = null;
        if (r.Value("bits") is YamlSequenceNode { Children.Count: 1 } unquoted && unquoted.Children[0] is YamlScalarNode)
        {
            // YAML reads an unquoted [51:6] as a one-item list; say so rather than "not a single value".
            _context.Report(SpecRules.InvalidBits, r.ValueSpan("bits"), $"{what}: an unquoted [hi:lo] is a YAML list; write bits: \"hi:lo\" (quoted) or bits: hi:lo");
        }
        else if (r.Text("bits") is { } bitsText)
        {
            var error = ScalarParser.TryParseBits(bitsText, out var parsed);
            if (error is null)
            {
                bits = parsed;
            }
            else
            {
                _context.Report(SpecRules.InvalidBits, r.ValueSpan("bits"), $"{what}: {error}");
            }
        }

        if (record is not null && r.Has("word") && r.Number("word") is { } word && bits is { } inWord)
        {
            bits = WordBits(word, inWord, record, what, r.ValueSpan("word"), r.ValueSpan("bits"));
        }

        FieldAccess? access = record is null ? null : FieldAccess.RW;
        if (r.Text("access") is { } accessText)
        {
            if (ScalarParser.TryParseAccess(accessText, out var parsed))
            {
                access = parsed;
            }
            else
            {
                var suggestion = KeySuggestion.Nearest(accessText, ScalarParser.AccessNames);
                _context.Report(
                    SpecRules.InvalidValue,
                    r.ValueSpan("access"),
                    $"{what}: access '{accessText}' is not one of {string.Join(", ", ScalarParser.AccessNames)}" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
            }
        }

        string? enumName = null;
        if (r.Value("enum") is { } enumNode)
        {
            if (enumNode is YamlScalarNode scalar)
            {
                enumName = scalar.Value;
            }
            else if (name is not null)
            {
                // An inline enum belongs to its field; its name joins owner and field names.
                enumName = $"{owner}_{name}";
                if (ReadEnumValues(enumNode, $"{what} enum") is { } values)
                {
                    _context.InlineEnums.Add(new EnumSpec(enumName, null, values, IsInline: true, _context.SpanOf(enumNode)));
                }
            }
        }

        if (!hasRequired || bits is null || access is null)
        {
            return null;
        }

        return new FieldSpec(
            name!,
            r.Text("csharp-name"),
            bits.Value,
            access.Value,
            enumName,
            r.Flag("address"),
            r.Flag("self-clear"),
            r.Text("doc"),
            r.Text("section"),
            r.Text("since"),
            r.Span,
            r.ValueSpan("bits"),
            r.ValueSpan("enum"));
    }

    private ResetSpec? ReadReset(YamlNode node, string what)
    {
        var span = _context.SpanOf(node);
        switch (node)
        {
            case YamlScalarNode { Value: "impdef" }:
                return new ResetSpec(0, AllImpdef: true, EquatableArray<string>.Empty, EquatableArray<ulong>.Empty, span);
            case YamlScalarNode { Value: "unknown" }:
                return new ResetSpec(0, AllImpdef: false, EquatableArray<string>.Empty, EquatableArray<ulong>.Empty, span, AllUnknown: true, EquatableArray<string>.Empty);
            case YamlScalarNode scalar when ScalarParser.TryParseNumber(scalar.Value ?? string.Empty, out var value):
                return new ResetSpec(value, AllImpdef: false, EquatableArray<string>.Empty, EquatableArray<ulong>.Empty, span);
            case YamlMappingNode mapping:
                var r = new MappingReader(mapping, $"{what} reset", ResetKeys, _context);
                if (!r.Require("value"))
                {
                    return null;
                }

                var defaultValue = r.Number("value");
                var impdef = r.Has("impdef") ? ReadWordList(r, "impdef") : EquatableArray<string>.Empty;
                var unknown = r.Has("unknown") ? ReadWordList(r, "unknown") : EquatableArray<string>.Empty;
                var allowed = new List<ulong>();
                foreach (var item in r.Sequence("allowed")?.Children ?? (IList<YamlNode>)Array.Empty<YamlNode>())
                {
                    if (item is YamlScalarNode s && ScalarParser.TryParseNumber(s.Value ?? string.Empty, out var a))
                    {
                        allowed.Add(a);
                    }
                    else
                    {
                        _context.Report(SpecRules.InvalidValue, item, $"{what} reset: each allowed value must be a number");
                    }
                }

                return defaultValue is null || impdef is null || unknown is null
                    ? null
                    : new ResetSpec(defaultValue.Value, AllImpdef: false, impdef.Value, allowed.ToEquatableArray(), span, AllUnknown: false, unknown.Value);
            default:
                _context.Report(SpecRules.InvalidValue, node, $"{what}: reset must be a number, 'impdef', 'unknown', or {{ value: N, impdef: [FIELD, ...], unknown: [FIELD, ...], allowed: [N, ...] }}");
                return null;
        }
    }

    private EquatableArray<string>? ReadWordList(MappingReader r, string key)
    {
        var sequence = r.Sequence(key);
        if (sequence is null)
        {
            return null;
        }

        var words = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } word })
            {
                words.Add(word);
            }
            else
            {
                _context.Report(SpecRules.InvalidValue, item, $"{r.What}: each entry of '{key}' must be a name");
            }
        }

        return words.ToEquatableArray();
    }

    private AckSpec? ReadAck(YamlNode node, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            _context.Report(SpecRules.InvalidValue, node, $"{what}: ack must be {{ of: REGISTER, kind: mirror | toggle }}");
            return null;
        }

        var r = new MappingReader(mapping, $"{what} ack", AckKeys, _context);
        if (!r.Require("of", "kind"))
        {
            return null;
        }

        var kindText = r.Text("kind");
        AckKind? kind = kindText switch
        {
            "mirror" => AckKind.Mirror,
            "toggle" => AckKind.Toggle,
            _ => null,
        };
        if (kind is null)
        {
            if (kindText is not null)
            {
                _context.Report(SpecRules.InvalidValue, r.ValueSpan("kind"), $"{what}: ack kind '{kindText}' is not 'mirror' or 'toggle'");
            }

            return null;
        }

        var of = r.Text("of");
        return of is null ? null : new AckSpec(of, kind.Value, r.ValueSpan("of"));
    }

    private RegisterAlias? ReadAlias(YamlMappingNode node, string what)
    {
        var r = new MappingReader(node, $"{what} alias", AliasKeys, _context);
        if (!r.Require("offset"))
        {
            return null;
        }

        var page = r.Number("page") ?? 0;
        var offset = r.Number("offset");
        return offset is null || page > int.MaxValue ? null : new RegisterAlias((int)page, offset.Value, r.Span);
    }

    private void ReadWaivers(MappingReader owner, SourceSpan scope)
    {
        var sequence = owner.Sequence("waivers");
        if (sequence is null)
        {
            return;
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                _context.Report(SpecRules.InvalidWaiver, item, $"{owner.What}: a waiver is {{ id: SMMUGENnnn, reason: text }}");
                continue;
            }

            var r = new MappingReader(mapping, $"{owner.What} waiver", WaiverKeys, _context);
            var id = r.Text("id");
            var reason = r.Text("reason");
            if (id is null)
            {
                _context.Report(SpecRules.InvalidWaiver, mapping, $"{owner.What}: waiver has no 'id'");
                continue;
            }

            var rule = SpecRules.Find(id);
            if (rule is null || !SpecRules.IsWaivable(rule))
            {
                _context.Report(SpecRules.InvalidWaiver, r.ValueSpan("id"), $"{owner.What}: '{id}' is not a diagnostic id that can be waived");
                continue;
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                _context.Report(SpecRules.InvalidWaiver, mapping, $"{owner.What}: waiver of {id} needs a 'reason' saying why the diagnostic does not apply");
                continue;
            }

            _context.Waivers.Add(new Waiver(id, reason!, scope, r.Span));
        }
    }

    private static string? NameOf(YamlMappingNode node) =>
        node.Children.TryGetValue(new YamlScalarNode("name"), out var value) && value is YamlScalarNode { Value: { } name } ? name : null;
}
