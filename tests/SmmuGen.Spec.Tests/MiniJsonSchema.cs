using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// Just enough of JSON Schema draft-07 to check instances against spec/smmugen.schema.json in
/// tests (no validator package is available offline). It refuses keywords it does not know, so
/// the schema cannot quietly grow a rule these tests would ignore.
/// </summary>
internal sealed class MiniJsonSchema
{
    /// <summary>Keywords that only annotate: they never make an instance invalid.</summary>
    public static readonly string[] Annotations = { "$schema", "$comment", "title", "description", "default", "examples", "definitions" };

    /// <summary>Keywords that this validator checks.</summary>
    public static readonly string[] Assertions =
    {
        "$ref", "type", "enum", "const", "pattern", "minimum", "maximum", "properties", "required",
        "additionalProperties", "propertyNames", "items", "allOf", "anyOf", "oneOf",
    };

    public MiniJsonSchema(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public JsonElement Resolve(string reference)
    {
        const string prefix = "#/definitions/";
        if (reference == "#")
        {
            return Root;
        }

        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"only local definitions are supported, not {reference}");
        }

        return Root.GetProperty("definitions").GetProperty(reference.Substring(prefix.Length));
    }

    public List<string> Validate(JsonNode? instance) => Validate(Root, instance);

    public List<string> Validate(JsonElement schema, JsonNode? instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonNode? node, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: not allowed");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    Check(Resolve(value.GetString()!), node, path, errors);
                    break;
                case "type":
                    var types = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!).ToList() : new List<string> { value.GetString()! };
                    if (!types.Any(t => HasType(node, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, not {Describe(node)}");
                    }

                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(v => SameValue(v, node)))
                    {
                        errors.Add($"{path}: {Describe(node)} is not one of {value.GetRawText()}");
                    }

                    break;
                case "const":
                    if (!SameValue(value, node))
                    {
                        errors.Add($"{path}: {Describe(node)} is not {value.GetRawText()}");
                    }

                    break;
                case "pattern":
                    if (AsString(node) is { } s && !PatternMatches(s, value.GetString()!))
                    {
                        errors.Add($"{path}: \"{s}\" does not match {value.GetString()}");
                    }

                    break;
                case "minimum":
                    if (AsNumber(node) is { } low && low < value.GetDecimal())
                    {
                        errors.Add($"{path}: {low} is below {value.GetDecimal()}");
                    }

                    break;
                case "maximum":
                    if (AsNumber(node) is { } high && high > value.GetDecimal())
                    {
                        errors.Add($"{path}: {high} is above {value.GetDecimal()}");
                    }

                    break;
                case "properties":
                    if (node is JsonObject withProperties)
                    {
                        foreach (var property in value.EnumerateObject().Where(p => withProperties.ContainsKey(p.Name)))
                        {
                            Check(property.Value, withProperties[property.Name], $"{path}.{property.Name}", errors);
                        }
                    }

                    break;
                case "required":
                    if (node is JsonObject withRequired)
                    {
                        foreach (var name in value.EnumerateArray().Select(n => n.GetString()!).Where(n => !withRequired.ContainsKey(n)))
                        {
                            errors.Add($"{path}: missing required property '{name}'");
                        }
                    }

                    break;
                case "additionalProperties":
                    if (node is JsonObject withAdditional)
                    {
                        var declared = schema.TryGetProperty("properties", out var props) ? props.EnumerateObject().Select(p => p.Name).ToHashSet() : new HashSet<string>();
                        foreach (var (name, child) in withAdditional.Where(kv => !declared.Contains(kv.Key)))
                        {
                            if (value.ValueKind == JsonValueKind.False)
                            {
                                errors.Add($"{path}: property '{name}' is not allowed");
                            }
                            else
                            {
                                Check(value, child, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "propertyNames":
                    if (node is JsonObject withNames)
                    {
                        foreach (var name in withNames.Select(kv => kv.Key))
                        {
                            Check(value, JsonValue.Create(name), $"{path}[name '{name}']", errors);
                        }
                    }

                    break;
                case "items":
                    if (node is JsonArray array)
                    {
                        for (var i = 0; i < array.Count; i++)
                        {
                            Check(value, array[i], $"{path}[{i}]", errors);
                        }
                    }

                    break;
                case "allOf":
                    foreach (var branch in value.EnumerateArray())
                    {
                        Check(branch, node, path, errors);
                    }

                    break;
                case "anyOf":
                case "oneOf":
                    var passing = value.EnumerateArray().Count(branch => Validate(branch, node).Count == 0);
                    if (keyword.Name == "anyOf" ? passing == 0 : passing != 1)
                    {
                        errors.Add($"{path}: {Describe(node)} matches {passing} of the {keyword.Name} branches");
                    }

                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                    {
                        throw new NotSupportedException($"schema keyword '{keyword.Name}' is unknown to this test validator");
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Matches as JavaScript does: in .NET '$' also matches before a final newline, in
    /// JavaScript (without the m flag) only at the very end.
    /// </summary>
    public static bool PatternMatches(string text, string pattern) =>
        Regex.IsMatch(text, Regex.Replace(pattern, @"(?<!\\)\$", @"(?!\n)$$"), RegexOptions.ECMAScript);

    private static bool HasType(JsonNode? node, string type) => type switch
    {
        "null" => node is null,
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => AsString(node) is not null,
        "boolean" => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => AsNumber(node) is not null,
        "integer" => AsNumber(node) is { } n && n == decimal.Truncate(n),
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    private static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static decimal? AsNumber(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static bool SameValue(JsonElement expected, JsonNode? node) => expected.ValueKind switch
    {
        JsonValueKind.Null => node is null,
        JsonValueKind.String => AsString(node) == expected.GetString(),
        JsonValueKind.Number => AsNumber(node) == expected.GetDecimal(),
        JsonValueKind.True or JsonValueKind.False => node is JsonValue v && v.GetValueKind() == expected.ValueKind,
        _ => JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), node),
    };

    private static string Describe(JsonNode? node) => node is null ? "null" : node.ToJsonString();
}

/// <summary>
/// Turns a YAML document into the JSON value an editor's YAML language server validates: plain
/// scalars are typed by the YAML 1.2 core schema (0x20 is the integer 32, 0b101 stays text).
/// </summary>
internal static class YamlJson
{
    public static JsonNode? FromYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new System.IO.StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (Regex.IsMatch(text, "^[-+]?[0-9]+$"))
        {
            return JsonValue.Create(decimal.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (Regex.IsMatch(text, "^0x[0-9a-fA-F]+$"))
        {
            return JsonValue.Create((decimal)BigInteger.Parse("0" + text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }

        if (Regex.IsMatch(text, "^0o[0-7]+$"))
        {
            return JsonValue.Create(text.Substring(2).Aggregate(0m, (acc, c) => (acc * 8) + (c - '0')));
        }

        if (Regex.IsMatch(text, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"))
        {
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }
}
