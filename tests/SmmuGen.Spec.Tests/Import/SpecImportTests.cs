using System;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Diff;
using SmmuGen.Spec.Emit;
using SmmuGen.Spec.Import;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;
using SmmuGen.Spec.Tests.CHeader;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Tests.Import;

/// <summary>
/// Header → spec skeleton → YAML → spec: the guesses (prefix, flags, enum links), the stated
/// layout, the YAML writer's quoting, and the round trip (the imported spec loads cleanly and
/// equals its header by the diff).
/// </summary>
public sealed class SpecImportTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true);

    private static (SpecDocument Header, string Yaml, SpecResult Back) RoundTrip(string header, string file = "w.h")
    {
        var read = CHeaderCompiler.Compile(file, header);
        Assert.False(read.HasErrors, string.Join(Environment.NewLine, read.Diagnostics));
        var (skeleton, options) = SpecSkeleton.From(read, file);
        var yaml = SpecYamlWriter.Write(skeleton, options);
        return (read.Document!, yaml, SpecCompiler.Compile("w.yaml", yaml));
    }

    [Theory]
    [InlineData(new[] { "IOMMU_HWPT_ALLOC_NEST_PARENT", "IOMMU_HWPT_ALLOC_DIRTY_TRACKING", "IOMMU_HWPT_FAULT_ID_VALID" }, "IOMMU_HWPT_")]
    [InlineData(new[] { "W_A", "W_AB" }, "W_")]
    [InlineData(new[] { "ALPHA", "BETA" }, "")]
    [InlineData(new[] { "ONLY_ONE_NAME" }, "ONLY_ONE_")]
    public void CommonPrefix_IsUnderscoreBounded_AndLeavesEveryNameARest(string[] names, string expected)
    {
        Assert.Equal(expected, EnumPrefix.Common(names));
    }

    [Fact]
    public void PrefixOfASingleValue_SharesTheEnumsName()
    {
        Assert.Equal("IOMMU_HW_INFO_VTD_", EnumPrefix.Guess("iommu_hw_info_vtd_flags", new[] { "IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17" }));
        Assert.Equal("W_MODE_", EnumPrefix.Guess("other", new[] { "W_MODE_ON" }));
        Assert.Null(EnumPrefix.Guess("x", new[] { "PLAIN" }));
        Assert.Equal("W_KIND_", EnumPrefix.Guess("w_kind", new[] { "W_KIND_A", "W_KIND_B", "__W_KIND_MAX" }));
    }

    [Fact]
    public void Skeleton_GuessesPrefixFlagsAndEnumLinks_AndStatesTheLayout()
    {
        var (_, yaml, back) = RoundTrip("""
            #define W_TYPE 'W'
            /**
             * enum w_open_flags - how to open
             * @W_OPEN_READ: read
             * @W_OPEN_WRITE: write
             */
            enum w_open_flags {
            	W_OPEN_READ = 1 << 0,
            	W_OPEN_WRITE = 1 << 1,
            };
            enum w_kind { W_KIND_A = 1, W_KIND_B = 2 };
            enum w_sizes { W_SIZE_ONE = 1, W_SIZE_TWO = 2 };
            /**
             * struct w_open - ioctl(W_OPEN)
             * @size: bytes filled in
             * @flags: a mix of enum w_open_flags
             * @kind: one of enum w_kind
             * @__reserved: zero
             */
            struct w_open {
            	__u32 size;
            	__u32 flags;
            	__u16 kind;
            	__u16 __reserved;
            	union {
            		__u32 in_id;
            		__u32 out_id;
            	};
            };
            #define W_OPEN _IO(W_TYPE, 0x01)
            """);
        Assert.True(back.Diagnostics.Count == 0, string.Join(Environment.NewLine, back.Diagnostics) + "\n" + yaml);
        var doc = back.Document!;
        var flags = doc.Enums.Single(e => e.Name == "w_open_flags");
        Assert.Equal((true, "W_OPEN_"), (flags.IsFlags, flags.Prefix));
        Assert.False(doc.Enums.Single(e => e.Name == "w_sizes").IsFlags);
        var open = doc.Structs.Single();
        Assert.Equal((true, (ulong?)16, (ulong?)4), (open.SizePrefixed, open.Size, open.Align));
        Assert.Equal(new[] { (string?)"size", "flags", "kind", "__reserved", null }, open.Members.Select(m => m.Name));
        Assert.Equal(new ulong?[] { 0, 4, 8, 10, 12 }, open.Members.Select(m => m.Offset));
        Assert.Equal(("w_open_flags", true), (open.Members[1].EnumName, open.Members[1].IsFlags));
        Assert.Equal(("w_kind", false), (open.Members[2].EnumName, open.Members[2].IsFlags));
        Assert.True(open.Members[3].Reserved);
        Assert.All(open.Members[4].Members, m => Assert.Null(m.Offset));
        Assert.Equal(("W_TYPE", "w_open"), (yaml.Split('\n').Single(l => l.Contains("type: W", StringComparison.Ordinal)).Trim().Substring(6), doc.Ioctls.Single().StructName));
    }

    [Fact]
    public void ImportedSpec_EqualsItsHeader_ByTheDiff_AndIsDeterministic()
    {
        var text = File.ReadAllText(TestFiles.Fixture("iommufd-shape.h"));
        var (header, yaml, back) = RoundTrip(text, "iommufd-shape.h");
        Assert.True(back.Diagnostics.Count == 0, string.Join(Environment.NewLine, back.Diagnostics));
        var diff = UapiDiff.Compare(new[] { back.Document! }, new[] { header });
        Assert.True(!diff.HasChanges, string.Join(Environment.NewLine, diff.Changes.Select(c => $"{c.Scope} {c.Subject}: {c.Message}")));
        Assert.Equal(yaml, RoundTrip(text, "iommufd-shape.h").Yaml);
    }

    [Fact]
    public void WhatTheSpecLanguageCannotSay_BecomesComments_AndTheSkeletonStillChecks()
    {
        var (_, yaml, back) = RoundTrip("""
            struct w_blob { __u32 count; __u32 pad; __u64 data[]; };
            #define W_PEEK _IOR('W', 2, __u32)
            enum w_from_elsewhere { W_FIRST = OTHER_HEADER_BASE, W_SECOND };
            struct w_uses { enum w_from_elsewhere e; };
            """);
        Assert.Contains("  # flexible array member __u64 data[] left out", yaml, StringComparison.Ordinal);
        Assert.Contains("# ioctl W_PEEK (direction read, type 0x57, nr 0x2) left out: its payload is not a struct", yaml, StringComparison.Ordinal);
        Assert.Contains("# enum w_from_elsewhere left out: the header defines none of its values", yaml, StringComparison.Ordinal);
        Assert.True(back.Diagnostics.Count == 0, string.Join(Environment.NewLine, back.Diagnostics) + "\n" + yaml);
    }

    [Fact]
    public void CSharpNameClashes_GetCsharpNames()
    {
        var (_, yaml, back) = RoundTrip("""
            enum w_cmd { W_CMD_A = 1, W_CMD_B = 2 };
            struct w_cmd { __u32 asiv; __u32 __asiv; union { __u32 __Asiv; }; };
            """);
        Assert.True(back.Diagnostics.Count == 0, string.Join(Environment.NewLine, back.Diagnostics) + "\n" + yaml);
        var s = back.Document!.Structs.Single();
        Assert.Equal("WCmdStruct", s.CSharpName);
        Assert.Equal(new[] { null, "Asiv_2" }, s.Members.Take(2).Select(m => m.CSharpName));
        Assert.Equal("Asiv_3", s.Members[2].Members[0].CSharpName);
    }

    [Fact]
    public void ScalarWriter_RoundTripsAnyString_ThroughAYamlReader()
    {
        static bool RoundTrips(string? value)
        {
            var s = value ?? string.Empty;
            foreach (var flow in new[] { false, true })
            {
                var text = flow ? $"{{ k: {YamlScalar.Write(s, flow: true)} }}" : $"k: {YamlScalar.Write(s)}";
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                var read = ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("k")]).Value;
                if (read != s)
                {
                    throw new InvalidOperationException($"{(flow ? "flow" : "block")}: wrote {text}, read back {read}");
                }
            }

            return true;
        }

        Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => RoundTrips(s)).Check(Quick);
        foreach (var tricky in new[] { "yes", "No", "null", "~", "0x10", "1e3", "-", "- x", "a: b", "a #b", "[x]", "{x}", "x,y", "'", "\"", "@x", "`x", "#x", "%x", " lead", "trail ", "a\nb", "tab\there", "é→✓", "😀", ".5", "+1", "<<", "=" })
        {
            Assert.True(RoundTrips(tricky), tricky);
        }
    }

    [Fact]
    public void LongAndMultiParagraphDocs_AreFolded_AndReadBackExactly()
    {
        var words = Gen.Elements("the", "kernel", "zero-fills", "what", "an", "older", "caller", "omits;", "E2BIG", "#hash", "a:", "b-", "[x]", "{y}", "it's", "\"q\"", "100%")
            .NonEmptyListOf().Select(w => string.Join(" ", w));
        var docs = words.NonEmptyListOf().Select(ps => string.Join("\n", ps));
        Prop.ForAll(docs.ToArbitrary(), doc =>
        {
            var spec = new SpecDocument("d.yaml", "D", "D.Ns", doc, null, null, 0x10000, EquatableArray<EnumSpec>.Empty, EquatableArray<RegisterSpec>.Empty, EquatableArray<Waiver>.Empty, default)
            {
                Constants = new[] { new ConstantSpec("D_C", 1, doc, null, default) }.ToEquatableArray(),
            };
            var back = SpecCompiler.Compile("d.yaml", SpecYamlWriter.Write(spec)).Document!;
            return back.Doc == doc && back.Constants.Single().Doc == doc;
        }).Check(Quick);
    }
}
