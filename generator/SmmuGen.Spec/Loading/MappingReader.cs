using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Loading;

/// <summary>
/// Reads one YAML mapping of the spec language: reports unknown keys (with a suggestion) and
/// gives typed access to the known ones. Wrong types become diagnostics and a null result.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, KeyValuePair<YamlNode, YamlNode>> _entries = new();
    private readonly LoadContext _context;

    public MappingReader(YamlMappingNode node, string what, IReadOnlyCollection<string> knownKeys, LoadContext context)
    {
        Node = node;
        What = what;
        _context = context;
        foreach (var entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key })
            {
                context.Report(SpecRules.InvalidValue, entry.Key, $"{what}: keys must be plain words");
                continue;
            }

            if (!knownKeys.Contains(key))
            {
                var suggestion = KeySuggestion.Nearest(key, knownKeys);
                var hint = suggestion is null
                    ? $"known keys: {string.Join(", ", knownKeys)}"
                    : $"did you mean '{suggestion}'?";
                context.Report(SpecRules.UnknownKey, entry.Key, $"{what}: unknown key '{key}'; {hint}");
                continue;
            }

            _entries[key] = entry;
        }
    }

    public YamlMappingNode Node { get; }

    public string What { get; }

    public SourceSpan Span => _context.SpanOf(Node);

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? Value(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    public SourceSpan ValueSpan(string key) => _entries.TryGetValue(key, out var e) ? _context.SpanOf(e.Value) : Span;

    /// <summary>Reports SMMUGEN003 for each absent key; true when all are present.</summary>
    public bool Require(params string[] keys)
    {
        var ok = true;
        foreach (var key in keys)
        {
            if (!_entries.ContainsKey(key))
            {
                _context.Report(SpecRules.MissingKey, Node, $"{What}: missing required key '{key}'");
                ok = false;
            }
        }

        return ok;
    }

    public string? Text(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        _context.Report(SpecRules.InvalidValue, node, $"{What}: '{key}' must be a single value, not a {Kind(node)}");
        return null;
    }

    public ulong? Number(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (ScalarParser.TryParseNumber(text, out var value))
        {
            return value;
        }

        _context.Report(SpecRules.InvalidValue, Value(key)!, $"{What}: '{key}' must be a number (decimal, 0x hex or 0b binary), not '{text}'");
        return null;
    }

    public bool Flag(string key)
    {
        var text = Text(key);
        switch (text)
        {
            case null: return false;
            case "true": return true;
            case "false": return false;
            default:
                _context.Report(SpecRules.InvalidValue, Value(key)!, $"{What}: '{key}' must be true or false, not '{text}'");
                return false;
        }
    }

    public YamlSequenceNode? Sequence(string key)
    {
        var node = Value(key);
        if (node is null or YamlSequenceNode)
        {
            return (YamlSequenceNode?)node;
        }

        _context.Report(SpecRules.InvalidValue, node, $"{What}: '{key}' must be a list, not a {Kind(node)}");
        return null;
    }

    public static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "single value",
    };
}
