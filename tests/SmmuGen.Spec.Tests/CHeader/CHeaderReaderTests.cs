using System;
using System.Linq;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Tests.CHeader;

/// <summary>The C header reader, feature by feature, on headers written here in the uAPI style.</summary>
public sealed class CHeaderReaderTests
{
    private static CHeaderResult Read(string text, CHeaderOptions? options = null) => CHeaderCompiler.Compile("t.h", text, options);

    private static SpecDocument Clean(string text)
    {
        var result = Read(text);
        Assert.True(result.Diagnostics.Count == 0, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Document!;
    }

    [Fact]
    public void GuardIncludesAndDefines_AreRecorded_ConstantsEvaluated()
    {
        var result = Read("""
            /* SPDX-License-Identifier: MIT */
            #ifndef _UAPI_WIDGET_H
            #define _UAPI_WIDGET_H

            #include <linux/types.h>
            #include "widget-common.h"

            #define WIDGET_TYPE (';')          /* the ioctl type byte */
            #define WIDGET_BASE 0x40
            #define WIDGET_LAST (WIDGET_BASE + 3)
            #define WIDGET_MASK (~0U >> 4)
            #define WIDGET_BIG (1ULL << 40)
            #define WIDGET_BIT _BITUL(5)
            #define WIDGET_NAME "widget"
            #define WIDGET_PICK(x) ((x) & 3)
            #define WIDGET_PICKED WIDGET_PICK(7)
            #define WIDGET_LONG \
            	(WIDGET_BASE | \
            	 0x100)

            #endif /* _UAPI_WIDGET_H */
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("_UAPI_WIDGET_H", result.Facts.IncludeGuard);
        Assert.Equal(new[] { ("linux/types.h", true), ("widget-common.h", false) }, result.Facts.Includes.Select(i => (i.Path, i.IsSystem)));
        var constants = result.Document!.Constants.ToDictionary(c => c.Name, c => c.Value);
        Assert.Equal(0x3bUL, constants["WIDGET_TYPE"]);
        Assert.Equal(0x43UL, constants["WIDGET_LAST"]);
        Assert.Equal(0x0FFF_FFFFUL, constants["WIDGET_MASK"]);
        Assert.Equal(1UL << 40, constants["WIDGET_BIG"]);
        Assert.Equal(32UL, constants["WIDGET_BIT"]);
        Assert.Equal(3UL, constants["WIDGET_PICKED"]);
        Assert.Equal(0x140UL, constants["WIDGET_LONG"]);
        Assert.DoesNotContain("WIDGET_NAME", constants.Keys);
        Assert.DoesNotContain("_UAPI_WIDGET_H", constants.Keys);
        Assert.Contains(result.Facts.OtherMacros, m => m.Name == "WIDGET_NAME" && m.Reason == "a string");
        Assert.Contains(result.Facts.OtherMacros, m => m.Name == "WIDGET_PICK" && m.Reason == "a function-like macro");
        Assert.Equal("the ioctl type byte", result.Document.Constants.Single(c => c.Name == "WIDGET_TYPE").Doc);
        Assert.Equal(8, result.Document.Constants.Single(c => c.Name == "WIDGET_TYPE").Span.Line);
    }

    [Fact]
    public void Enums_ImplicitValues_ConstantExpressions_EarlierEnumerators()
    {
        var doc = Clean("""
            #define SHIFT 4
            enum widget_flags {
            	WIDGET_F_A = 1 << 0,
            	WIDGET_F_B = (1 << 1),
            	WIDGET_F_C = WIDGET_F_A | WIDGET_F_B | (1 << SHIFT),
            };
            enum widget_step {
            	WIDGET_STEP_ZERO,
            	WIDGET_STEP_ONE,
            	WIDGET_STEP_TEN = 10,
            	WIDGET_STEP_ELEVEN,
            	WIDGET_STEP_CHAR = 'x',
            	WIDGET_STEP_NEG = -1,
            };
            """);
        Assert.Equal(new[] { 1UL, 2UL, 0x13UL }, doc.Enums.Single(e => e.Name == "widget_flags").Values.Select(v => v.Value));
        Assert.Equal(new[] { 0UL, 1UL, 10UL, 11UL, 0x78UL, ulong.MaxValue }, doc.Enums.Single(e => e.Name == "widget_step").Values.Select(v => v.Value));
        Assert.Null(doc.Enums[0].Prefix); // the reader states what the header says; guesses are the importer's
    }

    [Fact]
    public void AnonymousEnum_IsNamedAfterItsCommonPrefix()
    {
        var result = Read("enum {\n\tWIDGET_CMD_BASE = 0x80,\n\tWIDGET_CMD_OPEN = WIDGET_CMD_BASE,\n\tWIDGET_CMD_CLOSE,\n};\nenum { X_ONE, Y_TWO };\n");
        Assert.Equal(new[] { "widget_cmd", "anonymous_enum_line6" }, result.Document!.Enums.Select(e => e.Name));
        Assert.Equal(new[] { 0x80UL, 0x80UL, 0x81UL }, result.Document.Enums[0].Values.Select(v => v.Value));
        Assert.Equal(new[] { "widget_cmd", "anonymous_enum_line6" }, result.Facts.AnonymousEnums);
    }

    [Fact]
    public void Structs_AllScalarTypes_Arrays_NestedStructs_AndTheirLayout()
    {
        var doc = Clean("""
            struct widget_range {
            	__aligned_u64 start;
            	__aligned_u64 last;
            };
            struct widget_all {
            	__u8 u8; __s8 s8; __u16 u16;
            	__u32 u32; __s32 s32; __s16 s16; __le16 le16; __be16 be16; __u16 pad16;
            	__le32 le32; __be32 be32; __u32 pad32;
            	__u64 u64; __s64 s64; __le64 le64; __be64 be64;
            	__aligned_u64 a64; __aligned_le64 ale64;
            	__u32 words[2 * 3];
            	struct widget_range ranges[2];
            	struct widget_range one;
            };
            """);
        var all = doc.Structs.Single(s => s.Name == "widget_all");
        Assert.Equal(
            new[] { "__u8", "__s8", "__u16", "__u32", "__s32", "__s16", "__le16", "__be16", "__u16", "__le32", "__be32", "__u32", "__u64", "__s64", "__le64", "__be64", "__aligned_u64", "__aligned_le64", "__u32", "struct widget_range", "struct widget_range" },
            all.Members.Select(m => m.Type));
        Assert.Equal(6, all.Members.Single(m => m.Name == "words").Count);
        Assert.Equal((MemberKind.Struct, (int?)2), all.Members.Where(m => m.Name == "ranges").Select(m => (m.Kind, m.Count)).Single());
        Assert.Null(all.Members.Single(m => m.Name == "one").Count);
        var layout = CStructLayout.Compute(doc)["widget_all"];
        Assert.Equal(8UL, layout.Align);
        Assert.Equal(80UL, layout.Find("words")!.Offset);
        Assert.Equal(104UL, layout.Find("ranges")!.Offset);
        Assert.Equal(152UL, layout.Size);
    }

    [Fact]
    public void UnionsAndInlineStructs_AnonymousAndNamed_AndTopLevelUnions()
    {
        var result = Read("""
            union widget_id {
            	__u32 raw;
            	__u16 half[2];
            };
            struct widget_msg {
            	__u32 size;
            	union {
            		__u32 in_kind;
            		__u32 out_kind;
            	};
            	struct {
            		__u16 lo;
            		__u16 hi;
            	} pair;
            	union widget_id id;
            	struct widget_sub {
            		__u64 v;
            	} sub;
            };
            """);
        Assert.Empty(result.Diagnostics);
        var doc = result.Document!;
        Assert.Equal(new[] { "widget_id", "widget_sub", "widget_msg" }, doc.Structs.Select(s => s.Name));
        Assert.Equal(new[] { "widget_id" }, result.Facts.Unions);
        var msg = doc.Structs.Single(s => s.Name == "widget_msg");
        Assert.True(msg.SizePrefixed);
        Assert.Equal(new[] { (MemberKind.Scalar, "size"), (MemberKind.Union, (string?)null), (MemberKind.InlineStruct, "pair"), (MemberKind.Struct, "id"), (MemberKind.Struct, "sub") }, msg.Members.Select(m => (m.Kind, m.Name)));
        Assert.Equal("struct widget_id", msg.Members[3].Type);
        var layout = CStructLayout.Compute(doc)["widget_msg"];
        Assert.Equal(4UL, layout.Find("in_kind")!.Offset);
        Assert.Equal(4UL, layout.Find("out_kind")!.Offset);
        Assert.Equal(10UL, layout.Find("pair")!.Inner.Single(m => m.Name == "hi").Offset);
        Assert.Equal(16UL, layout.Find("sub")!.Offset);
        Assert.Equal(24UL, layout.Size);
    }

    [Fact]
    public void FlexibleArrays_AreRecorded_AndAddOnlyAlignment()
    {
        var result = Read("""
            struct widget_blob {
            	__u32 count;
            	__u64 data[];
            };
            struct widget_old_style {
            	__u32 count;
            	__u32 entries[0];
            };
            """);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == SpecSeverity.Error);
        Assert.Equal(new[] { ("widget_blob", "data", "__u64"), ("widget_old_style", "entries", "__u32") }, result.Facts.FlexibleArrays.Select(f => (f.Struct, f.Member, f.Type)));
        var layouts = CStructLayout.Compute(result.Document!);
        Assert.Equal((8UL, 8UL), (layouts["widget_blob"].Size, layouts["widget_blob"].Find("data")!.Offset));
        Assert.Equal(4UL, layouts["widget_old_style"].Size);
    }

    [Fact]
    public void Typedefs_AreRecordedAndResolved_IncludingStructTypedefs()
    {
        var result = Read("""
            typedef __u32 widget_id_t;
            typedef widget_id_t widget_ids_t[4];
            typedef struct {
            	__u16 a;
            	__u16 b;
            } widget_pair_t;
            typedef struct widget_tagged { __u64 x; } widget_tagged_t;
            struct widget_use {
            	widget_id_t id;
            	widget_ids_t ids;
            	widget_pair_t pair;
            	widget_tagged_t tagged;
            	unsigned int plain;
            	unsigned int plain2;
            	unsigned long long wide;
            };
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "widget_id_t", "widget_ids_t", "widget_pair_t", "widget_tagged_t" }, result.Facts.Typedefs.Select(t => t.Name));
        var use = result.Document!.Structs.Single(s => s.Name == "widget_use");
        Assert.Equal(new[] { ("__u32", (int?)null), ("__u32", 4), ("struct widget_pair_t", null), ("struct widget_tagged", null), ("__u32", null), ("__u32", null), ("__u64", null) }, use.Members.Select(m => (m.Type!, m.Count)));
    }

    [Fact]
    public void Ioctls_FromIoMacros_WithStructSizesAndTypeConstants()
    {
        var result = Read("""
            #define WIDGET_TYPE 'W'
            struct widget_arg { __u32 size; __u32 id; __aligned_u64 data; };
            #define WIDGET_PLAIN _IO(WIDGET_TYPE, 0x01)
            #define WIDGET_GET _IOR(WIDGET_TYPE, 0x02, struct widget_arg)
            #define WIDGET_SET _IOW('W', 0x03, struct widget_arg)
            #define WIDGET_XCHG (_IOWR(WIDGET_TYPE, 0x04, struct widget_arg))
            #define WIDGET_SCALAR _IOR(WIDGET_TYPE, 0x05, __u32)
            """);
        var ioctls = result.Document!.Ioctls.ToDictionary(i => i.Name);
        Assert.Equal((0x57UL, 0x01UL, IoctlDirection.None, (string?)null), (ioctls["WIDGET_PLAIN"].Type, ioctls["WIDGET_PLAIN"].Number, ioctls["WIDGET_PLAIN"].Direction, ioctls["WIDGET_PLAIN"].StructName));
        Assert.Equal((IoctlDirection.Read, "widget_arg"), (ioctls["WIDGET_GET"].Direction, ioctls["WIDGET_GET"].StructName));
        Assert.Equal(IoctlDirection.Write, ioctls["WIDGET_SET"].Direction);
        Assert.Equal(IoctlDirection.ReadWrite, ioctls["WIDGET_XCHG"].Direction);
        Assert.Equal("WIDGET_TYPE", result.Facts.IoctlTypeConstants["WIDGET_GET"]);
        Assert.False(result.Facts.IoctlTypeConstants.ContainsKey("WIDGET_SET"));

        // A scalar payload is said once (SMMUGEN044), not again as a missing struct (SMMUGEN027).
        Assert.Equal(new[] { "SMMUGEN044" }, result.Diagnostics.Select(d => d.Id));
        Assert.Null(ioctls["WIDGET_SCALAR"].StructName);
        Assert.DoesNotContain(result.Document.Constants, c => c.Name.StartsWith("WIDGET_", StringComparison.Ordinal) && c.Name != "WIDGET_TYPE");
    }

    [Fact]
    public void KernelDoc_DocumentsStructsMembersEnumsAndValues_AndLinksIoctls()
    {
        var doc = Clean("""
            /**
             * struct widget_open - ioctl(WIDGET_OPEN)
             * @size: bytes the caller
             *        filled in
             * @u.raw: the raw word
             * @in_kind: what to open
             *
             * Opens a widget.
             *
             * The second paragraph.
             */
            struct widget_open {
            	__u32 size;
            	union {
            		__u32 in_kind;
            		__u32 out_kind; /* what was opened */
            	};
            	union {
            		__u32 raw;
            	} u;
            };
            #define WIDGET_OPEN _IO('W', 1)

            /**
             * enum widget_colour - colours
             * @WIDGET_RED: warm
             */
            enum widget_colour {
            	WIDGET_RED,
            	/* cool */
            	WIDGET_BLUE,
            };
            """);
        var open = doc.Structs.Single();
        Assert.Equal("ioctl(WIDGET_OPEN)\nOpens a widget.\nThe second paragraph.", open.Doc);
        Assert.Equal("bytes the caller filled in", open.Members[0].Doc);
        Assert.Equal(new[] { "what to open", "what was opened" }, open.Members[1].Members.Select(m => m.Doc));
        Assert.Equal("the raw word", open.Members[2].Members[0].Doc);
        Assert.Equal("widget_open", doc.Ioctls.Single().StructName);
        var colour = doc.Enums.Single();
        Assert.Equal("colours", colour.Doc);
        Assert.Equal(new[] { "warm", "cool" }, colour.Values.Select(v => v.Doc));
    }

    [Fact]
    public void Conditionals_KeepTheUserSpaceView()
    {
        var doc = Clean("""
            #define HAVE_WIDE 1
            #ifdef __KERNEL__
            struct kernel_only { __u32 x; };
            #else
            struct user_visible { __u32 x; };
            #endif
            #if defined(HAVE_WIDE) && HAVE_WIDE >= 1
            struct wide { __u64 x; };
            #elif 1
            struct never { __u32 x; };
            #else
            struct never_either { __u32 x; };
            #endif
            #ifdef __cplusplus
            extern "C" {
            #endif
            struct inside_extern { __u32 y; };
            #ifdef __cplusplus
            }
            #endif
            """);
        Assert.Equal(new[] { "user_visible", "wide", "inside_extern" }, doc.Structs.Select(s => s.Name));
    }

    [Fact]
    public void Attributes_AreSkipped_ButPackedAndAlignedAreNoted()
    {
        var result = Read("""
            struct __attribute__((__packed__)) widget_a { __u32 x; };
            struct widget_b { __u32 x __attribute__((aligned(8))); } __attribute__((deprecated));
            """);
        Assert.Equal(new[] { "SMMUGEN044", "SMMUGEN044" }, result.Diagnostics.Select(d => d.Id));
        Assert.Equal(new[] { ("struct widget_a", "__packed__"), ("widget_b.x", "aligned(8)") }, result.Facts.LayoutAttributes.Select(a => (a.Owner, a.Attribute)));
        Assert.Equal(new[] { "widget_a", "widget_b" }, result.Document!.Structs.Select(s => s.Name));
    }

    [Fact]
    public void ReservedNames_MarkMustBeZeroMembers()
    {
        var s = Clean("struct r { __u32 a; __u32 __reserved; __u16 __reserved2; __u8 pad; __u8 __rsvd[1]; __u32 reserved_flags_owner; };").Structs.Single();
        Assert.Equal(new[] { false, true, true, true, true, false }, s.Members.Select(m => m.Reserved));
    }

    [Fact]
    public void NameAndNamespace_DefaultFromTheFile_OrComeFromOptions()
    {
        Assert.Equal(("IommufdShape", "SmmuGen.IommufdShape"), (CHeaderCompiler.DefaultName("dir/iommufd-shape.h"), CHeaderCompiler.DefaultNamespace("IommufdShape")));
        Assert.Equal("Iommufd", CHeaderCompiler.DefaultName("include/uapi/linux/iommufd.h@v6.17"));
        var doc = Read("struct x { __u32 a; };", new CHeaderOptions("Widgets", "Acme.Widgets")).Document!;
        Assert.Equal(("Widgets", "Acme.Widgets"), (doc.Name, doc.Namespace));
    }

    [Fact]
    public void TheTarget_IsLp64LittleEndian_AndKernelHelpersAreKnown()
    {
        var doc = Clean("""
            #if defined(__LITTLE_ENDIAN_BITFIELD) && __BITS_PER_LONG == 64 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            struct w_le { __u32 a; };
            #else
            #error wrong target
            #endif
            struct w_group {
            	__u32 size;
            	__struct_group(w_hdr, hdr, /* no attributes */,
            		__u32 kind;
            		__u32 len;
            	);
            	__u32 tail;
            };
            #define W_LIST(first, ...) (first , ## __VA_ARGS__)
            #define W_ONE W_LIST(1)
            #define W_SUM(a, ...) (a + W_FIRST_OF(0 , ## __VA_ARGS__))
            #define W_FIRST_OF(x, ...) (x)
            #define W_THREE W_SUM(3)
            """);
        Assert.Equal(new[] { "w_le", "w_hdr", "w_group" }, doc.Structs.Select(s => s.Name));
        var layout = Layout.CStructLayout.Compute(doc)["w_group"];
        Assert.Equal((4UL, 4UL, 8UL, 4UL, 16UL), (layout.Find("kind")!.Offset, layout.Find("hdr")!.Offset, layout.Find("len")!.Offset + 0, layout.Find("len")!.Size, layout.Size));
        Assert.Equal((1UL, 3UL), (doc.Constants.Single(c => c.Name == "W_ONE").Value, doc.Constants.Single(c => c.Name == "W_THREE").Value));
    }

    [Fact]
    public void NamesFromIncludes_AreWarnedAndLeftOut_OrGivenWithDefines()
    {
        const string text = """
            struct w_arg { __u32 size; __u32 id; };
            enum w_cmd { W_CMD_FIRST = OTHER_BASE, W_CMD_SECOND, W_CMD_OWN = 9, W_CMD_NEXT };
            #define W_GET _IOR(OTHER_TYPE, 1, struct w_arg)
            #define W_PEEK _IOR('W', 2, size_t)
            #define W_SETUP _IOW('W', 3, struct other_setup)
            struct w_aligned { __u64 x OTHER_ALIGN; __u32 name[OTHER_LEN]; };
            """;
        var result = Read(text);
        Assert.Equal(new[] { "W_CMD_OWN", "W_CMD_NEXT" }, result.Document!.Enums.Single().Values.Select(v => v.Name));
        Assert.Equal(new[] { "W_PEEK", "W_SETUP" }, result.Document.Ioctls.Select(i => i.Name));
        Assert.All(result.Document.Ioctls, i => Assert.Null(i.StructName));
        Assert.Equal(
            new[] { ("SMMUGEN044", 2), ("SMMUGEN044", 3), ("SMMUGEN044", 4), ("SMMUGEN044", 5), ("SMMUGEN044", 6), ("SMMUGEN042", 6) },
            result.Diagnostics.Select(d => (d.Id, d.Span.Line)));
        Assert.Contains("-D OTHER_LEN=VALUE", result.Diagnostics.Last().Message, StringComparison.Ordinal);

        var defines = new System.Collections.Generic.Dictionary<string, string> { ["OTHER_BASE"] = "0x10", ["OTHER_TYPE"] = "'W'", ["OTHER_LEN"] = "16", ["OTHER_ALIGN"] = string.Empty };
        var given = Read(text, new CHeaderOptions(Defines: defines));
        Assert.Equal(new[] { 0x10UL, 0x11UL, 9UL, 10UL }, given.Document!.Enums.Single().Values.Select(v => v.Value));
        Assert.Equal("w_arg", given.Document.Ioctls.Single(i => i.Name == "W_GET").StructName);
        Assert.Equal(16, given.Document.Structs.Single(s => s.Name == "w_aligned").Members[1].Count);
        Assert.DoesNotContain("OTHER_BASE", given.Document.Constants.Select(c => c.Name));
    }

    [Fact]
    public void PointersToVoid_ArrayPayloads_UnnamedBitFields_AndFunctions()
    {
        var result = Read("""
            struct w_p { void *p; };
            #define W_ARR _IOW('W', 1, __u64[4])
            struct w_bits { __u32 a; __u32 : 8; };
            static __inline__ void w_helper(struct w_p *in) { in->p = 0; }
            """);
        Assert.Equal("__u64", result.Document!.Structs.Single(s => s.Name == "w_p").Members[0].Type);
        Assert.Equal(new[] { ("SMMUGEN044", 1), ("SMMUGEN044", 2), ("SMMUGEN045", 3), ("SMMUGEN044", 4) }, result.Diagnostics.Select(d => (d.Id, d.Span.Line)));
        Assert.Contains("(32 bytes) is not a struct", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStructThatCannotBeLaidOut_IsReportedOnce_NotAgainWhereItsSizeIsUsed()
    {
        var result = Read("""
            struct w_bad { mystery_t x; };
            enum { W_SIZE = sizeof(struct w_bad) };
            #define W_CALL _IOR('W', 1, struct w_bad)
            _Static_assert(sizeof(struct w_bad) == 4, "");
            """);
        Assert.Equal(new[] { "SMMUGEN026" }, result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void PaddingHoles_AreTheSpecRule_AtTheHeaderLine()
    {
        var result = Read("struct holey {\n\t__u32 a;\n\t__aligned_u64 b;\n};\n");
        var hole = Assert.Single(result.Diagnostics);
        Assert.Equal(("SMMUGEN024", 3, 16), (hole.Id, hole.Span.Line, hole.Span.Column));
    }
}
