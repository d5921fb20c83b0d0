using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Loading;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// spec/smmugen.schema.json against the loader: the same keys at every level, the same required
/// keys, the same closed value sets, and examples that both accept.
/// </summary>
public sealed class SchemaTests
{
    /// <summary>
    /// A spec that uses every key of every level once, each on its own line and tagged
    /// <c># level.key</c> (level = the schema definition, <c>file</c> for the top level). It
    /// compiles with no diagnostic: each waiver in it waives something real.
    /// </summary>
    internal const string FullTemplate =
        """
        name: Full                                   # file.name
        namespace: Full.Device                       # file.namespace
        doc: Uses every key the loader knows.        # file.doc
        section: "6.3"                               # file.section
        since: "3.0"                                 # file.since
        page-size: 0x10000                           # file.page-size
        waivers:                                     # file.waivers
          -
            id: SMMUGEN019                           # waiver.id
            reason: CTRLACK.BUSY has no CTRL counterpart by design.   # waiver.reason
        enums:                                       # file.enums
          -
            name: Shareability                       # enum.name
            doc: Shareability of an access.          # enum.doc
            prefix: SH_                              # enum.prefix
            flags: false                             # enum.flags
            since: "3.0"                             # enum.since
            values:                                  # enum.values
              NSH: 0
              OSH:
                value: 2                             # enumValueDetail.value
                doc: Outer Shareable.                # enumValueDetail.doc
                since: "3.0"                         # enumValueDetail.since
              ISH: 3
          - { name: FullFlags, flags: true, values: { FULL_A: 0x1, FULL_B: 0x2 } }
        registers:                                   # file.registers
          -
            name: CTRL                               # register.name
            offset: 0x20                             # register.offset
            page: 0                                  # register.page
            width: 32                                # register.width
            reset: 0x100                             # register.reset
            doc: Global control.                     # register.doc
            section: "6.3.9"                         # register.section
            since: "3.0"                             # register.since
            csharp-name: Control                     # register.csharp-name
            waivers:                                 # register.waivers
              - { id: SMMUGEN009, reason: Bit 8 resets to one on this part. }
            fields:                                  # register.fields
              -
                name: SH                             # field.name
                bits: 4                              # field.bits
                access: RW                           # field.access
                enum: Shareability                   # field.enum
                address: false                       # field.address
                self-clear: false                    # field.self-clear
                doc: Shareability, one bit wide.     # field.doc
                section: "6.3.9.1"                   # field.section
                since: "3.1"                         # field.since
                csharp-name: Share                   # field.csharp-name
                waivers:                             # field.waivers
                  - { id: SMMUGEN010, reason: OSH and ISH are never written to this bit. }
              - { name: EN, bits: 0, access: RW }
              - { name: MODE, bits: "3:1", access: RW, enum: { OFF: 0, FAST: 1 } }
          -
            name: CTRLACK
            offset: 0x24
            width: 32
            reset: 0
            ack:                                     # register.ack
              of: CTRL                               # ack.of
              kind: mirror                           # ack.kind
            aliases:                                 # register.aliases
              -
                page: 1                              # alias.page
                offset: 0x24                         # alias.offset
            fields:
              - { name: EN, bits: 0, access: RO }
              - { name: BUSY, bits: 31, access: RO }
          -
            name: BASE
            offset: 0x28
            width: 64
            reset:
              value: 0x0                             # resetDetail.value
              impdef: [RA]                           # resetDetail.impdef
              unknown: [ADDR]                        # resetDetail.unknown
              allowed: [0x0, 0x4000000000000000]     # resetDetail.allowed
            fields:
              - { name: RA, bits: 62, access: RW }
              - { name: ADDR, bits: "51:6", access: RW, address: true }
        records:                                     # file.records
          -
            name: CMD                                # record.name
            size: 16                                 # record.size
            discriminator: OPCODE                    # record.discriminator
            doc: A command.                          # record.doc
            section: "4.1"                           # record.section
            since: "3.0"                             # record.since
            csharp-name: Command                     # record.csharp-name
            waivers:                                 # record.waivers
              - { id: SMMUGEN029, reason: The profile names a field of a later revision on purpose. }
            profiles:                                # record.profiles
              -
                name: ALL                            # profile.name
                fields: [OPCODE, LATER]              # profile.fields
                doc: Every field.                    # profile.doc
            fields:                                  # record.fields
              -
                name: OPCODE                         # recordField.name
                word: 0                              # recordField.word
                bits: "7:0"                          # recordField.bits
                access: RW                           # recordField.access
                enum: { NOP: 0, BIG: 0x1FF }         # recordField.enum
                address: false                       # recordField.address
                self-clear: false                    # recordField.self-clear
                doc: The command opcode.             # recordField.doc
                section: "4.1.1"                     # recordField.section
                since: "3.0"                         # recordField.since
                csharp-name: Op                      # recordField.csharp-name
                waivers:                             # recordField.waivers
                  - { id: SMMUGEN010, reason: BIG is a sentinel that is never written. }
            variants:                                # record.variants
              -
                name: CMD_SYNC                       # variant.name
                value: 0x46                          # variant.value
                doc: Waits for earlier commands.     # variant.doc
                section: "4.7.3"                     # variant.section
                since: "3.0"                         # variant.since
                csharp-name: Sync                    # variant.csharp-name
                waivers:                             # variant.waivers
                  - { id: SMMUGEN022, reason: ODD crosses words in this made-up layout. }
                profiles:                            # variant.profiles
                  - { name: SYNC_ONLY, fields: [CS] }
                fields:                              # variant.fields
                  - { name: CS, bits: "13:12" }
                  - { name: ODD, bits: "71:60", address: true }
        constants:                                   # file.constants
          -
            name: FULL_TYPE                          # constant.name
            value: 0x3b                              # constant.value
            doc: The ioctl type byte, ';'.           # constant.doc
            since: "3.0"                             # constant.since
        structs:                                     # file.structs
          -
            name: full_range                         # struct.name
            size: 16                                 # struct.size
            align: 8                                 # struct.align
            doc: A range after a 32-bit kind.        # struct.doc
            section: "1.2"                           # struct.section
            since: "3.0"                             # struct.since
            csharp-name: FullRange                   # struct.csharp-name
            waivers:                                 # struct.waivers
              - { id: SMMUGEN024, reason: The hole after kind is part of this made-up ABI. }
            members:                                 # struct.members
              - { name: kind, type: __u32 }
              - { name: start, type: __aligned_u64 }
          -
            name: full_alloc
            size-prefixed: true                      # struct.size-prefixed
            members:
              - { name: size, type: __u32 }
              -
                name: options
                type: __u32                          # member.type
                flags: FullFlags                     # member.flags
                offset: 4                            # member.offset
                doc: Allocation options.             # member.doc
                since: "3.1"                         # member.since
                csharp-name: Options                 # member.csharp-name
              -
                name: mode
                type: __u32
                enum: Shareability                   # member.enum
              -
                name: __reserved
                type: __u32
                reserved: true                       # member.reserved
              -
                name: cmd
                type: __aligned_le64
                count: 2                             # member.count
                record: CMD                          # member.record
              -
                name: u                              # member.name
                union:                               # member.union
                  - { name: a, type: __u32 }
                  - { name: b, type: __aligned_u64 }
              -
                struct:                              # member.struct
                  - { name: lo, type: __u32 }
                  - { name: hi, type: __u32 }
        ioctls:                                      # file.ioctls
          -
            name: FULL_ALLOC                         # ioctl.name
            type: FULL_TYPE                          # ioctl.type
            number: 0x80                             # ioctl.number
            direction: readwrite                     # ioctl.direction
            struct: full_alloc                       # ioctl.struct
            min-size-member: mode                    # ioctl.min-size-member
            doc: Allocates something.                # ioctl.doc
            since: "3.0"                             # ioctl.since
        """;

    /// <summary>Each schema level that describes a mapping of fixed keys, with the loader's key array for it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Levels = new Dictionary<string, string[]>
    {
        ["file"] = SpecLoader.FileKeys,
        ["enum"] = SpecLoader.EnumKeys,
        ["enumValueDetail"] = SpecLoader.EnumValueKeys,
        ["register"] = SpecLoader.RegisterKeys,
        ["field"] = SpecLoader.FieldKeys,
        ["resetDetail"] = SpecLoader.ResetKeys,
        ["ack"] = SpecLoader.AckKeys,
        ["alias"] = SpecLoader.AliasKeys,
        ["waiver"] = SpecLoader.WaiverKeys,
        ["record"] = SpecLoader.RecordKeys,
        ["recordField"] = SpecLoader.RecordFieldKeys,
        ["variant"] = SpecLoader.VariantKeys,
        ["profile"] = SpecLoader.ProfileKeys,
        ["constant"] = SpecLoader.ConstantKeys,
        ["struct"] = SpecLoader.StructKeys,
        ["member"] = SpecLoader.MemberKeys,
        ["ioctl"] = SpecLoader.IoctlKeys,
    };

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec", "smmugen.schema.json"))));

    private static JsonElement Root => Document.Value.RootElement;

    private static MiniJsonSchema Schema => new(Root);

    private static JsonElement Level(string level) => level == "file" ? Root : Root.GetProperty("definitions").GetProperty(level);

    private static string[] PropertiesOf(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();

    private static string[] RequiredOf(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToArray() : Array.Empty<string>();

    /// <summary>Keys a level requires in some of its shapes: those named by the <c>required</c> of an allOf/anyOf/oneOf branch.</summary>
    private static HashSet<string> ConditionallyRequiredOf(JsonElement schema)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches))
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    keys.UnionWith(RequiredOf(branch));
                    keys.UnionWith(ConditionallyRequiredOf(branch));
                }
            }
        }

        return keys;
    }

    /// <summary>Every subschema, with a JSON-pointer-like path.</summary>
    private static IEnumerable<(string Path, JsonElement Schema)> AllSchemas()
    {
        var pending = new Stack<(string, JsonElement)>();
        pending.Push(("#", Root));
        while (pending.Count > 0)
        {
            var (path, schema) = pending.Pop();
            if (schema.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            yield return (path, schema);
            foreach (var keyword in schema.EnumerateObject())
            {
                switch (keyword.Name)
                {
                    case "properties" or "definitions":
                        foreach (var child in keyword.Value.EnumerateObject())
                        {
                            pending.Push(($"{path}/{keyword.Name}/{child.Name}", child.Value));
                        }

                        break;
                    case "items" or "additionalProperties" or "propertyNames":
                        pending.Push(($"{path}/{keyword.Name}", keyword.Value));
                        break;
                    case "allOf" or "anyOf" or "oneOf":
                        var i = 0;
                        foreach (var branch in keyword.Value.EnumerateArray())
                        {
                            pending.Push(($"{path}/{keyword.Name}/{i++}", branch));
                        }

                        break;
                }
            }
        }
    }

    // ---- The schema's own structure ----------------------------------------------------------

    [Fact]
    public void Schema_IsDraft07_AndUsesOnlyKeywordsTheTestsUnderstand()
    {
        Assert.Equal("http://json-schema.org/draft-07/schema#", Root.GetProperty("$schema").GetString());
        var known = MiniJsonSchema.Annotations.Concat(MiniJsonSchema.Assertions).ToHashSet();
        foreach (var (path, schema) in AllSchemas())
        {
            foreach (var keyword in schema.EnumerateObject())
            {
                Assert.True(known.Contains(keyword.Name), $"{path}: keyword '{keyword.Name}'");
            }
        }
    }

    [Fact]
    public void EveryRef_PointsAtADefinition_AndEveryDefinitionIsUsed()
    {
        var refs = AllSchemas().Where(s => s.Schema.TryGetProperty("$ref", out _)).Select(s => s.Schema.GetProperty("$ref").GetString()!).ToHashSet();
        foreach (var reference in refs)
        {
            Schema.Resolve(reference); // throws when it does not resolve
        }

        var definitions = Root.GetProperty("definitions").EnumerateObject().Select(d => "#/definitions/" + d.Name);
        Assert.Empty(definitions.Except(refs));
    }

    [Fact]
    public void EveryObjectSchema_IsClosed_OrIsANameToValueMap()
    {
        foreach (var (path, schema) in AllSchemas())
        {
            if (schema.TryGetProperty("properties", out _))
            {
                Assert.True(
                    schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False,
                    $"{path} lists properties but does not set additionalProperties: false");
            }
            else if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object")
            {
                // A map (enum values: NAME -> value) names its keys by pattern and types its values.
                Assert.True(schema.TryGetProperty("propertyNames", out _), $"{path} is an open object without propertyNames");
                Assert.True(schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object, $"{path} is a map without a value schema");
            }
        }
    }

    [Fact]
    public void EveryPropertyAndDefinition_HasADescription()
    {
        foreach (var (path, schema) in AllSchemas().Where(s => Regex.IsMatch(s.Path, "/(properties|definitions)/[^/]+$")))
        {
            Assert.True(
                schema.TryGetProperty("description", out var description) && description.GetString()!.Trim().Length >= 10,
                $"{path} has no useful description");
        }

        Assert.True(Root.GetProperty("description").GetString()!.Length > 10);
    }

    [Fact]
    public void EveryRequiredKey_IsAListedProperty()
    {
        var byPath = AllSchemas().ToDictionary(s => s.Path, s => s.Schema);
        foreach (var (path, schema) in AllSchemas().Where(s => s.Schema.TryGetProperty("required", out _)))
        {
            // A branch of allOf/anyOf/oneOf (a conditional requirement) names keys of the level it sits in.
            var level = Regex.Replace(path, "(/(allOf|anyOf|oneOf)/[0-9]+)+$", string.Empty);
            Assert.Empty(RequiredOf(schema).Except(PropertiesOf(byPath[level])));
            Assert.True(path.Length > 0);
        }
    }

    // ---- Schema and loader agree -------------------------------------------------------------

    [Fact]
    public void SchemaKeys_AreTheLoaderKeys_AtEveryLevel()
    {
        foreach (var (level, keys) in Levels)
        {
            Assert.True(
                keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(PropertiesOf(Level(level)).OrderBy(k => k, StringComparer.Ordinal)),
                $"{level}: loader keys [{string.Join(", ", keys)}] but schema keys [{string.Join(", ", PropertiesOf(Level(level)))}]");
        }
    }

    [Fact]
    public void EveryLevelWithKeys_IsPairedWithALoaderKeyArray_AndBack()
    {
        var withProperties = AllSchemas()
            .Where(s => s.Schema.TryGetProperty("properties", out _))
            .Select(s => s.Path == "#" ? "file" : s.Path.Substring("#/definitions/".Length))
            .ToHashSet();
        Assert.Equal(Levels.Keys.OrderBy(k => k), withProperties.OrderBy(k => k));

        var loaderArrays = typeof(SpecLoader)
            .GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string[]) && f.Name.EndsWith("Keys", StringComparison.Ordinal))
            .Select(f => (string[])f.GetValue(null)!)
            .ToList();
        Assert.Equal(loaderArrays.Count, Levels.Count);
        Assert.All(loaderArrays, array => Assert.Contains(Levels.Values, v => ReferenceEquals(v, array)));
    }

    [Fact]
    public void FullTemplate_CompilesCleanly_AndTheSchemaAcceptsIt()
    {
        SpecAssert.Clean(FullTemplate);
        Assert.Empty(Schema.Validate(YamlJson.FromYaml(FullTemplate)));
    }

    [Fact]
    public void FullTemplate_TagsExactlyTheSchemaKeys()
    {
        var tags = Tags(FullTemplate).Select(t => (t.Level, t.Key)).ToList();
        var expected = Levels.Keys.SelectMany(level => PropertiesOf(Level(level)).Select(key => (level, key))).ToList();
        Assert.Equal(expected.OrderBy(t => t.ToString()), tags.OrderBy(t => t.ToString()));
    }

    [Fact]
    public void RequiredKeys_AreRequiredByTheLoader_AndOptionalKeysAreNot()
    {
        var failures = new List<string>();
        foreach (var level in Levels.Keys)
        {
            var required = RequiredOf(Level(level));
            var conditional = ConditionallyRequiredOf(Level(level));
            foreach (var key in PropertiesOf(Level(level)))
            {
                var result = SpecAssert.Compile(Without(FullTemplate, level, key));
                var missing = result.Diagnostics
                    .Where(d => d.Id is "SMMUGEN003" or "SMMUGEN015" && d.Message.Contains($"'{key}'", StringComparison.Ordinal))
                    .ToList();
                if (required.Contains(key) && missing.Count == 0)
                {
                    failures.Add($"{level}.{key} is required by the schema, but the loader accepts the spec without it:{Environment.NewLine}{SpecAssert.Dump(result)}");
                }
                else if (conditional.Contains(key))
                {
                    // Required only in some shapes (a member needs 'type' unless it is an inline
                    // union or struct): the loader may ask for it, but then by name.
                    if (result.Diagnostics.Any(d => d.Id is "SMMUGEN003" or "SMMUGEN015") && missing.Count == 0)
                    {
                        failures.Add($"{level}.{key} is conditionally required in the schema, but the loader asks for something else without it:{Environment.NewLine}{SpecAssert.Dump(result)}");
                    }
                }
                else if (!required.Contains(key) && result.Diagnostics.Any(d => d.Id is "SMMUGEN003" or "SMMUGEN015"))
                {
                    failures.Add($"{level}.{key} is optional in the schema, but the loader asks for something without it:{Environment.NewLine}{SpecAssert.Dump(result)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void WaiverIds_AreExactlyTheIdsTheLoaderLetsAWaiverName()
    {
        var schemaIds = Level("waiver").GetProperty("properties").GetProperty("id").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        foreach (var rule in SpecRules.All)
        {
            var result = SpecAssert.Compile($"name: T\nnamespace: T.Ns\nwaivers:\n  - {{ id: {rule.Id}, reason: Test. }}\n");
            var refused = result.Diagnostics.Any(d => d.Id == "SMMUGEN015" && d.Message.Contains("is not a diagnostic id that can be waived", StringComparison.Ordinal));
            Assert.True(refused != schemaIds.Contains(rule.Id), $"{rule.Id}: loader refuses = {refused}, schema allows = {schemaIds.Contains(rule.Id)}");
        }

        Assert.Empty(schemaIds.Except(SpecRules.All.Select(r => r.Id)));
    }

    [Fact]
    public void ClosedValueSets_AreTheLoaders()
    {
        string[] EnumOf(string level, string key) =>
            Level(level).GetProperty("properties").GetProperty(key).GetProperty("enum").EnumerateArray().Select(e => e.ToString()).ToArray();

        Assert.Equal(ScalarParser.AccessNames, EnumOf("field", "access"));
        Assert.Equal(new[] { "32", "64" }, EnumOf("register", "width"));
        Assert.Equal(new[] { "mirror", "toggle" }, EnumOf("ack", "kind"));
        Assert.Equal(SpecLoader.DirectionNames.OrderBy(n => n, StringComparer.Ordinal), EnumOf("ioctl", "direction").OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(Layout.CStructLayout.ScalarTypes, Level("member").GetProperty("properties").GetProperty("type").GetProperty("anyOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            Enum.GetNames<Model.AckKind>().Select(n => n.ToLowerInvariant()),
            EnumOf("ack", "kind"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("42")]
    [InlineData("0x20")]
    [InlineData("0X1f")]
    [InlineData("0x1_0000")]
    [InlineData("0b101")]
    [InlineData("0B1_0")]
    [InlineData("1_000")]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0x_")]
    [InlineData("0b")]
    [InlineData("0b2")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("0o17")]
    [InlineData("ten")]
    [InlineData("0xg")]
    public void NumberPattern_AgreesWithScalarParser(string text)
    {
        var pattern = Schema.Resolve("#/definitions/number").GetProperty("oneOf")[1].GetProperty("pattern").GetString()!;
        Assert.Equal(ScalarParser.TryParseNumber(text, out _), MiniJsonSchema.PatternMatches(text, pattern));
    }

    [Theory]
    [InlineData("51:6")]
    [InlineData("3")]
    [InlineData("[51:6]")]
    [InlineData("[62]")]
    [InlineData(" 7 : 0 ")]
    [InlineData("x")]
    [InlineData("3-0")]
    [InlineData("1:2:3")]
    [InlineData(":3")]
    [InlineData("")]
    [InlineData("\u0663:0")]
    public void BitsPattern_AgreesWithScalarParser(string text)
    {
        var pattern = Level("field").GetProperty("properties").GetProperty("bits").GetProperty("oneOf")[1].GetProperty("pattern").GetString()!;
        Assert.Equal(ScalarParser.TryParseBits(text, out _) is null, MiniJsonSchema.PatternMatches(text, pattern));
    }

    [Theory]
    [InlineData("CR0")]
    [InlineData("_x")]
    [InlineData("STRTAB_BASE_CFG")]
    [InlineData("0X")]
    [InlineData("CR-0")]
    [InlineData("")]
    [InlineData("CR0\n")]
    [InlineData("\u00C9TAT")]
    public void IdentifierPattern_AgreesWithIdentifiers(string text)
    {
        var pattern = Schema.Resolve("#/definitions/identifier").GetProperty("pattern").GetString()!;
        Assert.Equal(Identifiers.IsValid(text), MiniJsonSchema.PatternMatches(text, pattern));
    }

    [Theory]
    [InlineData("Demo.Device")]
    [InlineData("Demo")]
    [InlineData("A..B")]
    [InlineData("A.")]
    [InlineData("1A")]
    public void NamespacePattern_AgreesWithIdentifiers(string text)
    {
        var pattern = Root.GetProperty("properties").GetProperty("namespace").GetProperty("pattern").GetString()!;
        Assert.Equal(Identifiers.IsValidNamespace(text), MiniJsonSchema.PatternMatches(text, pattern));
    }

    // ---- The schema's examples ---------------------------------------------------------------

    [Fact]
    public void SchemaExample_IsTheReadmeExample_AndBothSchemaAndLoaderAcceptIt()
    {
        var example = Assert.Single(Root.GetProperty("examples").EnumerateArray());
        var readme = YamlJson.FromYaml(ValidSpecTests.ReadmeExample);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example.GetRawText()), readme), $"schema example and README example differ:{Environment.NewLine}{readme?.ToJsonString()}");
        Assert.Empty(Schema.Validate(JsonNode.Parse(example.GetRawText())));
        SpecAssert.Clean(ValidSpecTests.ReadmeExample);
    }

    [Fact]
    public void PropertyExamplesAndDefaults_AreValidValuesOfTheirProperty()
    {
        var checkedValues = 0;
        foreach (var (path, schema) in AllSchemas().Where(s => Regex.IsMatch(s.Path, "/properties/[^/]+$")))
        {
            var values = new List<JsonElement>();
            if (schema.TryGetProperty("examples", out var examples))
            {
                values.AddRange(examples.EnumerateArray());
            }

            if (schema.TryGetProperty("default", out var defaultValue))
            {
                values.Add(defaultValue);
            }

            foreach (var value in values)
            {
                Assert.True(Schema.Validate(schema, JsonNode.Parse(value.GetRawText())).Count == 0, $"{path}: {value.GetRawText()}");
                checkedValues++;
            }
        }

        Assert.True(checkedValues >= 10, $"only {checkedValues} examples and defaults");
    }

    /// <summary>Specs that the schema and the loader must both refuse (each with the loader's id).</summary>
    [Theory]
    [InlineData("SMMUGEN002", "name: T\nnamespace: T.Ns\nregsiters: []\n")]
    [InlineData("SMMUGEN003", "name: T\n")]
    [InlineData("SMMUGEN002", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 32, reset: 0, fields: [ { name: F, bits: 0, access: RW, adress: true } ] }\n")]
    [InlineData("SMMUGEN003", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, width: 32, reset: 0 }\n")]
    [InlineData("SMMUGEN014", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 48, reset: 0 }\n")]
    [InlineData("SMMUGEN014", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: -4, width: 32, reset: 0 }\n")]
    [InlineData("SMMUGEN014", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 32, reset: IMPDEF }\n")]
    [InlineData("SMMUGEN014", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 32, reset: 0, fields: [ { name: F, bits: 0, access: R/W } ] }\n")]
    [InlineData("SMMUGEN007", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 32, reset: 0, fields: [ { name: F, bits: [3:0], access: RW } ] }\n")]
    [InlineData("SMMUGEN007", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 32, reset: 0, fields: [ { name: F, bits: \"3-0\", access: RW } ] }\n")]
    [InlineData("SMMUGEN014", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 32, reset: 0, ack: { of: Q, kind: echo } }\n")]
    [InlineData("SMMUGEN003", "name: T\nnamespace: T.Ns\nregisters:\n  - { name: R, offset: 0, width: 32, reset: { impdef: [] } }\n")]
    [InlineData("SMMUGEN015", "name: T\nnamespace: T.Ns\nwaivers: [ { id: SMMUGEN012 } ]\n")]
    [InlineData("SMMUGEN015", "name: T\nnamespace: T.Ns\nwaivers: [ { id: SMMUGEN012, reason: \" \" } ]\n")]
    [InlineData("SMMUGEN015", "name: T\nnamespace: T.Ns\nwaivers: [ { id: SMMUGEN016, reason: No. } ]\n")]
    [InlineData("SMMUGEN018", "name: T\nnamespace: T..Ns\n")]
    [InlineData("SMMUGEN018", "name: T\nnamespace: T.Ns\nenums: [ { name: E, values: { 48_BIT: 0 } } ]\n")]
    [InlineData("SMMUGEN003", "name: T\nnamespace: T.Ns\nenums: [ { name: E, values: { A: { doc: no value } } } ]\n")]
    [InlineData("SMMUGEN003", "name: T\nnamespace: T.Ns\nstructs: [ { name: s, members: [ { name: a } ] } ]\n")]
    [InlineData("SMMUGEN003", "name: T\nnamespace: T.Ns\nstructs: [ { name: s, members: [ { type: __u32 } ] } ]\n")]
    [InlineData("SMMUGEN014", "name: T\nnamespace: T.Ns\nstructs: [ { name: s, members: [ { name: a, type: __u32, union: [ { name: b, type: __u32 } ] } ] } ]\n")]
    [InlineData("SMMUGEN026", "name: T\nnamespace: T.Ns\nstructs: [ { name: s, members: [ { name: a, type: u32 } ] } ]\n")]
    [InlineData("SMMUGEN014", "name: T\nnamespace: T.Ns\nioctls: [ { name: I, type: 0x3b, number: 1, direction: rw } ]\n")]
    [InlineData("SMMUGEN003", "name: T\nnamespace: T.Ns\nioctls: [ { name: I, number: 1 } ]\n")]
    public void InvalidSpec_IsRefusedByBothSchemaAndLoader(string id, string yaml)
    {
        Assert.NotEmpty(Schema.Validate(YamlJson.FromYaml(yaml)));
        var result = SpecAssert.Compile(yaml);
        Assert.True(result.Diagnostics.Any(d => d.Id == id && d.Severity == SpecSeverity.Error), SpecAssert.Dump(result));
    }

    private sealed record Tag(string Level, string Key, int Line);

    private static List<Tag> Tags(string template) =>
        template.Replace("\r\n", "\n").Split('\n')
            .Select((line, index) => (Match: Regex.Match(line, @"#\s*([A-Za-z]+)\.([a-z-]+)\s*$"), index))
            .Where(t => t.Match.Success)
            .Select(t => new Tag(t.Match.Groups[1].Value, t.Match.Groups[2].Value, t.index))
            .ToList();

    /// <summary>The template without the tagged key: its line and the lines nested under it.</summary>
    private static string Without(string template, string level, string key)
    {
        var lines = template.Replace("\r\n", "\n").Split('\n').ToList();
        var tag = Tags(template).SingleOrDefault(t => t.Level == level && t.Key == key)
            ?? throw new InvalidOperationException($"the template has no line tagged {level}.{key}");
        static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
        var indent = Indent(lines[tag.Line]);
        var end = tag.Line + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent))
        {
            end++;
        }

        lines.RemoveRange(tag.Line, end - tag.Line);
        return string.Join("\n", lines);
    }
}
