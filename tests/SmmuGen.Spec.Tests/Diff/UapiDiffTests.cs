using System;
using System.IO;
using System.Linq;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Diff;
using SmmuGen.Spec.Emit;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Tests.CHeader;

namespace SmmuGen.Spec.Tests.Diff;

/// <summary>
/// The diff engine, one change class at a time, on small headers written here: each change gets
/// the verdict iommufd's rules give it.
/// </summary>
public sealed class UapiDiffTests
{
    private const UapiVerdict Compatible = UapiVerdict.Compatible;
    private const UapiVerdict Review = UapiVerdict.NeedsReview;
    private const UapiVerdict Breaking = UapiVerdict.Breaking;

    private static SpecDocument Header(string text, string file = "h.h")
    {
        var result = CHeaderCompiler.Compile(file, text);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Document!;
    }

    private static UapiDiffResult Diff(string oldHeader, string newHeader) =>
        UapiDiff.Compare(new[] { Header(oldHeader, "old.h") }, new[] { Header(newHeader, "new.h") });

    private static string Dump(UapiDiffResult r) => string.Join(Environment.NewLine, r.Changes.Select(c => $"{c.Verdict} {c.Kind} {c.Scope} {c.Subject}: {c.Message}"));

    /// <summary>Asserts the changes, as (verdict, kind, subject), in order.</summary>
    private static void Expect(UapiDiffResult r, params (UapiVerdict Verdict, UapiChangeKind Kind, string Subject)[] expected)
    {
        Assert.True(
            r.Changes.Select(c => (c.Verdict, c.Kind, c.Subject)).SequenceEqual(expected),
            $"expected [{string.Join(", ", expected)}], got:{Environment.NewLine}{Dump(r)}");
    }

    private const string Alloc = """
        struct w_alloc {
        	__u32 size;
        	__u32 flags;
        	__u32 kind;
        	__u32 __reserved;
        	__aligned_u64 out_id;
        };
        """;

    [Fact]
    public void Identical_HasNoChanges()
    {
        var r = Diff(Alloc, Alloc);
        Assert.False(r.HasChanges);
        Assert.Null(r.Worst);
    }

    [Fact]
    public void SizePrefixedStruct_GrowingAtTheTail_IsCompatible()
    {
        var r = Diff(Alloc, Alloc.Replace("__aligned_u64 out_id;", "__aligned_u64 out_id;\n\t__u32 out_slot;\n\t__u32 __reserved2;"));
        Expect(r, (Compatible, UapiChangeKind.Changed, "size"), (Compatible, UapiChangeKind.Added, "out_slot"), (Compatible, UapiChangeKind.Added, "__reserved2"));
        Assert.Contains("E2BIG", r.Changes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StructWithoutSizePrefix_Growing_IsBreaking()
    {
        var r = Diff("struct w_rec { __u32 a; __u32 b; };", "struct w_rec { __u32 a; __u32 b; __u32 c; __u32 d; };");
        Expect(r, (Breaking, UapiChangeKind.Changed, "size"), (Review, UapiChangeKind.Added, "c"), (Review, UapiChangeKind.Added, "d"));
    }

    [Fact]
    public void ReservedMember_BecomingNamedMembersOfTheSameWidth_IsCompatible()
    {
        var r = Diff(Alloc, Alloc.Replace("__u32 __reserved;", "__u16 colour;\n\t__u8 shade;\n\t__u8 tint;"));
        Expect(r, (Compatible, UapiChangeKind.Added, "colour"), (Compatible, UapiChangeKind.Added, "shade"), (Compatible, UapiChangeKind.Added, "tint"), (Compatible, UapiChangeKind.Removed, "__reserved"));
        Assert.Contains("now hold colour, shade, tint", r.Changes[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReservedMember_PartlyReclaimed_IsCompatible()
    {
        var r = Diff(Alloc, Alloc.Replace("__u32 __reserved;", "__u8 colour;\n\t__u8 __reserved[3];"));
        Expect(r, (Compatible, UapiChangeKind.Added, "colour"), (Compatible, UapiChangeKind.Changed, "__reserved"));
    }

    [Fact]
    public void ReservedMember_RemovedIntoPadding_NeedsReview()
    {
        var r = Diff(Alloc, Alloc.Replace("\t__u32 __reserved;\n", string.Empty));
        Expect(r, (Review, UapiChangeKind.Removed, "__reserved"));
        Assert.Contains("implicit padding", r.Changes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewMemberInAnImplicitHole_NeedsReview()
    {
        var r = Diff("struct w_h { __u32 a; __aligned_u64 b; };", "struct w_h { __u32 a; __u32 c; __aligned_u64 b; };");
        Expect(r, (Review, UapiChangeKind.Added, "c"));
        Assert.Contains("implicit padding (bytes 4..7)", r.Changes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewMemberInTailPadding_SizeUnchanged_NeedsReview()
    {
        var r = Diff("struct w_t { __size_unused_pad; };".Replace("__size_unused_pad", "__aligned_u64 a; __u32 b"), "struct w_t { __aligned_u64 a; __u32 b; __u32 c; };");
        Expect(r, (Review, UapiChangeKind.Added, "c"));
    }

    [Fact]
    public void ReorderedMembers_AreBreaking()
    {
        var r = Diff("struct w_p { __u32 first; __u32 second; };", "struct w_p { __u32 second; __u32 first; };");
        Expect(r, (Breaking, UapiChangeKind.Changed, "second"), (Breaking, UapiChangeKind.Changed, "first"));
        Assert.Contains("members reordered", r.Changes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovedMember_IsBreaking()
    {
        var r = Diff("struct w_r { __u32 start; __u32 len; __u32 stride; __u32 pad; };", "struct w_r { __u32 start; __u32 len; __u32 pad; };");
        Expect(r, (Breaking, UapiChangeKind.Changed, "size"), (Breaking, UapiChangeKind.Changed, "pad"), (Breaking, UapiChangeKind.Removed, "stride"));
    }

    [Fact]
    public void WidthChange_IsBreaking()
    {
        var r = Diff("struct w_s { __u32 count; __u32 total; };", "struct w_s { __u32 count; __u16 total; __u16 more; };");
        Expect(r, (Breaking, UapiChangeKind.Changed, "total"), (Breaking, UapiChangeKind.Added, "more"));
    }

    [Fact]
    public void OffsetChange_ByAnInsertion_IsBreaking()
    {
        var r = Diff("struct w_o { __u32 a; __u32 b; };", "struct w_o { __u32 a; __u32 x; __u32 b; __u32 y; };");
        Expect(r, (Breaking, UapiChangeKind.Changed, "size"), (Breaking, UapiChangeKind.Added, "x"), (Breaking, UapiChangeKind.Changed, "b"), (Review, UapiChangeKind.Added, "y"));
    }

    [Theory]
    [InlineData("__s32", "__u32", "signedness")]
    [InlineData("__le32", "__be32", "byte order")]
    [InlineData("__u64", "__aligned_u64", "32-bit x86")]
    public void SameWidthTypeChange_NeedsReview(string before, string after, string why)
    {
        var r = Diff($"struct w_y {{ {before} v; }};", $"struct w_y {{ {after} v; }};");
        Expect(r, (Review, UapiChangeKind.Changed, "v"));
        Assert.Contains(why, r.Changes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renamed_SameOffsetAndType_NeedsReview()
    {
        var r = Diff("struct w_n { __u32 a; __u32 old_name; };", "struct w_n { __u32 a; __u32 new_name; };");
        Expect(r, (Review, UapiChangeKind.Changed, "old_name"));
        Assert.Contains("renamed to new_name", r.Changes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemberJoiningAUnionThatKeepsItsOffset_IsCompatible()
    {
        var r = Diff(
            "struct w_i { __u32 size; __u32 out_type; __u32 flags; __u32 __reserved; };",
            "struct w_i { __u32 size; union { __u32 in_type; __u32 out_type; }; __u32 flags; __u32 __reserved; };");
        Expect(r, (Compatible, UapiChangeKind.Added, "in_type"), (Compatible, UapiChangeKind.Changed, "out_type"));
    }

    [Fact]
    public void UnionAlternativeWiderThanTheOldMember_IsBreaking()
    {
        var r = Diff(
            "struct w_u { __u32 size; __u32 out_type; __u32 flags; };",
            "struct w_u { __u32 size; union { __aligned_u64 wide; __u32 out_type; }; __u32 flags; };");
        Assert.Equal(Breaking, r.Worst);
    }

    [Fact]
    public void EnumValueChange_IsBreaking_NewValue_IsCompatible()
    {
        var r = Diff("enum w_mode { W_OFF = 0, W_ON = 1 };", "enum w_mode { W_OFF = 0, W_ON = 2, W_AUTO = 3 };");
        Expect(r, (Breaking, UapiChangeKind.Changed, "W_ON"), (Compatible, UapiChangeKind.Added, "W_AUTO"));
    }

    [Theory]
    [InlineData("W_KIND_MAX")]
    [InlineData("__W_KIND_MAX")]
    [InlineData("W_KIND_NUM")]
    public void SentinelMoving_IsCompatible(string sentinel)
    {
        var r = Diff($"enum w_kind {{ W_A, W_B, {sentinel} }};", $"enum w_kind {{ W_A, W_B, W_C, {sentinel} }};");
        Expect(r, (Compatible, UapiChangeKind.Added, "W_C"), (Compatible, UapiChangeKind.Changed, sentinel));
        Assert.True(UapiDiff.IsSentinel(sentinel));
    }

    [Fact]
    public void SentinelRemoved_NeedsReview_OtherValueRemoved_IsBreaking()
    {
        var r = Diff("enum w_kind { W_A, W_B, W_KIND_MAX };", "enum w_kind { W_A };");
        Expect(r, (Breaking, UapiChangeKind.Removed, "W_B"), (Review, UapiChangeKind.Removed, "W_KIND_MAX"));
    }

    [Fact]
    public void ValueMovingFromAnEnumToADefine_WithTheSameValue_IsNoChange()
    {
        Assert.False(Diff("enum { W_CMD_BASE = 0x80, W_CMD_OPEN = W_CMD_BASE };", "#define W_CMD_BASE 0x80\nenum w_cmd { W_CMD_OPEN = 0x80 };").HasChanges);
    }

    [Fact]
    public void IoctlNumberChange_IsBreaking()
    {
        var r = Diff("#define W_RESET _IO('W', 4)", "#define W_RESET _IO('W', 5)");
        Expect(r, (Breaking, UapiChangeKind.Changed, "number"));
        Assert.Contains("nr 0x4 → 0x5", r.Changes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IowStructGrowth_ChangesTheNumber_IsBreaking()
    {
        var r = Diff(
            "struct w_stat { __u32 count; __u32 total; };\n#define W_STAT _IOWR('W', 3, struct w_stat)",
            "struct w_stat { __u32 count; __u32 total; __aligned_u64 bytes; };\n#define W_STAT _IOWR('W', 3, struct w_stat)");
        Assert.Contains(r.Changes, c => c.Scope == "ioctl W_STAT" && c.Verdict == Breaking && c.Message.Contains("encoded size 8 → 16", StringComparison.Ordinal));
    }

    [Fact]
    public void NewStructsEnumsIoctls_AreCompatible_RemovedOnesBreak()
    {
        var r = Diff(
            "struct w_gone { __u32 a; };\nenum w_old { W_OLD_A };\n#define W_OLDCMD _IO('W', 6)",
            "struct w_new { __u32 a; };\nenum w_fresh { W_FRESH_A, W_FRESH_B };\n#define W_NEWCMD _IO('W', 7)");
        Assert.Equal(
            new[] { ("struct w_new", Compatible), ("struct w_gone", Breaking), ("enum w_fresh", Compatible), ("enum w_old", Breaking), ("ioctl W_NEWCMD", Compatible), ("ioctl W_OLDCMD", Breaking) },
            r.Changes.Select(c => (c.Scope, c.Verdict)));
    }

    [Fact]
    public void MinimumSize_Growing_IsBreaking_Shrinking_NeedsReview()
    {
        static SpecDocument Spec(string member) => SpecAssert.Clean($$"""
            name: T
            namespace: T.Ns
            structs:
              - name: w_arg
                size-prefixed: true
                members:
                  - { name: size, type: __u32 }
                  - { name: id, type: __u32 }
                  - { name: extra, type: __u32 }
                  - { name: more, type: __u32 }
            ioctls:
              - { name: W_CALL, type: 0x57, number: 1, struct: w_arg, min-size-member: {{member}} }
            """);

        var grew = UapiDiff.Compare(new[] { Spec("id") }, new[] { Spec("extra") });
        Expect(grew, (Breaking, UapiChangeKind.Changed, "min-size"));
        Assert.Contains("from 8 to 12 bytes", grew.Changes[0].Message, StringComparison.Ordinal);
        var shrank = UapiDiff.Compare(new[] { Spec("more") }, new[] { Spec("id") });
        Expect(shrank, (Review, UapiChangeKind.Changed, "min-size"));
    }

    [Fact]
    public void TheBundledIommufdSpec_AgainstItsOwnEmittedHeader_HasNoChange()
    {
        var path = TestFiles.Repository("spec", "iommufd", "iommufd.yaml");
        var spec = SpecCompiler.Compile(path, File.ReadAllText(path)).Document!;
        var header = Header(CHeaderEmitter.Emit(new[] { spec }, "IOMMUFD_EMITTED_H"), "iommufd-emitted.h");
        var r = UapiDiff.Compare(new[] { spec }, new[] { header });
        Assert.True(!r.HasChanges, Dump(r));
        Assert.Equal(spec.Structs.Count, header.Structs.Count);
        Assert.Equal(spec.Ioctls.Count, header.Ioctls.Count);
    }

    [Fact]
    public void ASpecWithEveryUapiShape_AgainstItsOwnEmittedHeader_HasNoChange()
    {
        var spec = SpecAssert.Clean("""
            name: Shapes
            namespace: T.Shapes
            constants:
              - { name: SHAPE_TYPE, value: 0x53 }
            enums:
              - name: shape_kind
                prefix: SHAPE_KIND_
                values: { SHAPE_KIND_NONE: 0, SHAPE_KIND_ROUND: 1, SHAPE_KIND_MAX: 2 }
              - name: shape_flags
                flags: true
                prefix: SHAPE_F_
                values: { SHAPE_F_A: 0x1, SHAPE_F_B: 0x80000000 }
            structs:
              - name: shape_point
                size: 8
                members:
                  - { name: x, type: __s32 }
                  - { name: y, type: __s32 }
              - name: shape_arg
                size-prefixed: true
                size: 48
                members:
                  - { name: size, type: __u32 }
                  - { name: flags, type: __u32, flags: shape_flags }
                  - union:
                      - { name: in_kind, type: __u32, enum: shape_kind }
                      - { name: out_kind, type: __u32 }
                  - { name: __reserved, type: __u32, reserved: true }
                  - name: span
                    struct:
                      - { name: lo, type: __le16 }
                      - { name: hi, type: __be16 }
                  - { name: __reserved2, type: __u8, count: 4, reserved: true }
                  - { name: points, type: struct shape_point, count: 2 }
                  - { name: cookie, type: __aligned_u64 }
            ioctls:
              - { name: SHAPE_SET, type: SHAPE_TYPE, number: 0x10, struct: shape_arg }
              - { name: SHAPE_GET, type: SHAPE_TYPE, number: 0x11, direction: read, struct: shape_arg }
              - { name: SHAPE_XCHG, type: ";", number: 0x12, direction: readwrite, struct: shape_point }
            """);
        var header = Header(CHeaderEmitter.Emit(new[] { spec }, "SHAPES_H"), "shapes.h");
        var r = UapiDiff.Compare(new[] { spec }, new[] { header });
        Assert.True(!r.HasChanges, Dump(r));
    }
}
