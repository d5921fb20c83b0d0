using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// The C layout engine: unit tests of each C rule, and a comparison with gcc itself over a
/// varied set of structs (a generated C program prints sizeof, _Alignof and offsetof).
/// </summary>
public sealed class CStructLayoutTests
{
    private static IReadOnlyDictionary<string, StructLayout> LayOut(string structsYaml)
    {
        var result = SpecAssert.Compile("name: T\nnamespace: T.Ns\n" + structsYaml);
        Assert.True(result.Document is not null && !result.HasErrors, SpecAssert.Dump(result));
        return CStructLayout.Compute(result.Document!);
    }

    private static (string Name, ulong Offset, ulong Size)[] Members(StructLayout layout) =>
        layout.Members.Select(m => (m.Name, m.Offset, m.Size)).ToArray();

    private static (ulong Offset, ulong Size, string? Before, string? After)[] Holes(StructLayout layout) =>
        layout.Holes.Select(h => (h.Offset, h.Size, h.Before, h.After)).ToArray();

    [Fact]
    public void EachMember_GoesToTheNextMultipleOfItsAlignment_AndTheHoleIsRecorded()
    {
        var s = LayOut(
            """
            structs:
              - name: s
                members:
                  - { name: a, type: __u8 }
                  - { name: b, type: __u16 }
                  - { name: c, type: __u8 }
                  - { name: d, type: __u32 }
                  - { name: e, type: __u64 }
            """)["s"];
        Assert.Equal(new[] { ("a", 0UL, 1UL), ("b", 2UL, 2UL), ("c", 4UL, 1UL), ("d", 8UL, 4UL), ("e", 16UL, 8UL) }, Members(s));
        Assert.Equal(new (ulong, ulong, string?, string?)[] { (1, 1, "a", "b"), (5, 3, "c", "d"), (12, 4, "d", "e") }, Holes(s));
        Assert.Equal((24UL, 8UL), (s.Size, s.Align));
    }

    [Fact]
    public void TheSize_IsRoundedUpToTheAlignment_WithTailPadding()
    {
        var s = LayOut(
            """
            structs:
              - name: s
                members:
                  - { name: addr, type: __aligned_u64 }
                  - { name: len, type: __u16 }
            """)["s"];
        Assert.Equal((16UL, 8UL), (s.Size, s.Align));
        Assert.Equal(new (ulong, ulong, string?, string?)[] { (10, 6, "len", null) }, Holes(s));
    }

    [Fact]
    public void OnLp64_U64IsEightAligned_LikeAlignedU64()
    {
        foreach (var type in new[] { "__u64", "__s64", "__le64", "__be64", "__aligned_u64", "__aligned_le64", "__aligned_be64" })
        {
            var s = LayOut($"structs:\n  - name: s\n    members:\n      - {{ name: a, type: __u32 }}\n      - {{ name: b, type: {type} }}\n")["s"];
            Assert.Equal((8UL, 16UL, 8UL), (s.Find("b")!.Offset, s.Size, s.Align));
        }
    }

    [Fact]
    public void ArraysTakeTheElementAlignment_AndCountTimesTheElementSize()
    {
        var s = LayOut(
            """
            structs:
              - name: s
                members:
                  - { name: bytes, type: __u8, count: 3 }
                  - { name: words, type: __u32, count: 5 }
                  - { name: one, type: __le16, count: 1 }
            """)["s"];
        Assert.Equal(new[] { ("bytes", 0UL, 3UL), ("words", 4UL, 20UL), ("one", 24UL, 2UL) }, Members(s));
        Assert.Equal(4UL, s.Find("words")!.ElementSize);
        Assert.Equal((28UL, 4UL), (s.Size, s.Align));
        Assert.Equal(new (ulong, ulong, string?, string?)[] { (3, 1, "bytes", "words"), (26, 2, "one", null) }, Holes(s));
    }

    [Fact]
    public void ANamedStructMember_HasTheStructsSizeAndAlignment_AndItsHolesStayInIt()
    {
        var layouts = LayOut(
            """
            structs:
              - name: outer
                members:
                  - { name: tag, type: __u8 }
                  - { name: first, type: struct inner }
                  - { name: more, type: struct inner, count: 2 }
              - name: inner
                members:
                  - { name: a, type: __u8 }
                  - { name: b, type: __u32 }
            """);
        var inner = layouts["inner"];
        Assert.Equal((8UL, 4UL), (inner.Size, inner.Align));
        Assert.Single(inner.Holes);
        var outer = layouts["outer"];
        Assert.Equal(new[] { ("tag", 0UL, 1UL), ("first", 4UL, 8UL), ("more", 12UL, 16UL) }, Members(outer));
        Assert.Equal((28UL, 4UL), (outer.Size, outer.Align));
        Assert.Equal(new (ulong, ulong, string?, string?)[] { (1, 3, "tag", "first") }, Holes(outer));
    }

    [Fact]
    public void AUnion_IsItsLargestMember_RoundedUpToItsAlignment()
    {
        var s = LayOut(
            """
            structs:
              - name: s
                members:
                  - { name: kind, type: __u32 }
                  - name: u
                    union:
                      - { name: bytes, type: __u8, count: 9 }
                      - { name: word, type: __u32 }
            """)["s"];
        var u = s.Find("u")!;
        Assert.Equal((4UL, 12UL, 4UL), (u.Offset, u.Size, u.Align));
        Assert.Equal(new[] { ("bytes", 4UL, 9UL), ("word", 4UL, 4UL) }, u.Inner.Select(m => (m.Name, m.Offset, m.Size)).ToArray());
        Assert.Equal((16UL, 4UL), (s.Size, s.Align));

        // The three bytes after the nine are in no member: padding at the end of the union.
        var hole = Assert.Single(s.Holes);
        Assert.Equal((13UL, 3UL, "union u"), (hole.Offset, hole.Size, hole.Container));
    }

    [Fact]
    public void AnonymousUnionsAndStructs_AreFlattenedIntoTheParent_AtTheirOffsets()
    {
        var s = LayOut(
            """
            structs:
              - name: s
                members:
                  - { name: flags, type: __u32 }
                  - union:
                      - struct:
                          - { name: lo, type: __u32 }
                          - { name: hi, type: __u32 }
                      - { name: whole, type: __aligned_u64 }
                  - { name: tail, type: __u16 }
            """)["s"];
        Assert.Equal(new[] { ("flags", 0UL, 4UL), ("lo", 8UL, 4UL), ("hi", 12UL, 4UL), ("whole", 8UL, 8UL), ("tail", 16UL, 2UL) }, Members(s));
        Assert.Equal((24UL, 8UL), (s.Size, s.Align));
        Assert.Equal(new (ulong Offset, ulong Size)[] { (4, 4), (18, 6) }, s.Holes.Select(h => (h.Offset, h.Size)).ToArray());
        Assert.StartsWith("the anonymous union (", s.Holes[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public void AStructWithAnUnknownType_IsLeftOut_AndSoIsAStructThatContainsIt()
    {
        var result = SpecAssert.Compile(
            """
            name: T
            namespace: T.Ns
            structs:
              - { name: ok, members: [ { name: a, type: __u32 } ] }
              - { name: bad, members: [ { name: a, type: __u31 } ] }
              - { name: user, members: [ { name: b, type: struct bad } ] }
            """);
        Assert.Equal(new[] { "SMMUGEN026" }, result.Diagnostics.Select(d => d.Id));
        Assert.Equal(new[] { "ok" }, CStructLayout.Compute(result.Document!).Keys);
    }

    [Fact]
    public void TheBundledIommufdSpec_LaysOutWithoutHoles()
    {
        var path = Path.Combine(RepositoryRoot(), "spec", "iommufd", "iommufd.yaml");
        var result = SpecCompiler.Compile(path, File.ReadAllText(path));
        Assert.False(result.HasErrors, SpecAssert.Dump(result));
        var layouts = CStructLayout.Compute(result.Document!);
        Assert.Equal(result.Document!.Structs.Count, layouts.Count);
        Assert.All(layouts.Values, l => Assert.Empty(l.Holes));
        Assert.Equal((48UL, 8UL), (layouts["iommu_hwpt_alloc"].Size, layouts["iommu_hwpt_alloc"].Align));
    }

    // ---- gcc as the oracle ---------------------------------------------------------------------

    /// <summary>Structs chosen to exercise every rule: written in dependency order, so the C emitted from them compiles as is.</summary>
    private const string Varied =
        """
        structs:
          - name: scalars
            members:
              - { name: a, type: __u8 }
              - { name: b, type: __s16 }
              - { name: c, type: __le32 }
              - { name: d, type: __u8 }
              - { name: e, type: __be64 }
              - { name: f, type: __s8 }
              - { name: g, type: __aligned_le64 }
              - { name: h, type: __be16 }
              - { name: i, type: __s64 }
              - { name: j, type: __le16 }
              - { name: k, type: __aligned_be64 }
              - { name: l, type: __s32 }
              - { name: m, type: __u64 }
              - { name: n, type: __be32 }
              - { name: o, type: __le64 }
              - { name: p, type: __aligned_u64 }
          - name: arrays
            members:
              - { name: bytes, type: __u8, count: 3 }
              - { name: halves, type: __u16, count: 3 }
              - { name: words, type: __u32, count: 5 }
              - { name: quads, type: __aligned_u64, count: 2 }
              - { name: odd, type: __u8, count: 7 }
          - name: bytes_only
            members:
              - { name: a, type: __u8 }
              - { name: b, type: __u8, count: 2 }
          - name: inner
            members:
              - { name: a, type: __u8 }
              - { name: b, type: __u32 }
              - { name: c, type: __u16 }
          - name: nested
            members:
              - { name: tag, type: __u8 }
              - { name: one, type: struct inner }
              - { name: two, type: struct inner, count: 2 }
              - { name: wide, type: struct arrays }
              - { name: last, type: __u8 }
          - name: unions
            members:
              - { name: kind, type: __u16 }
              - union:
                  - struct:
                      - { name: lo, type: __u32 }
                      - { name: hi, type: __u16 }
                  - { name: whole, type: __aligned_u64 }
                  - { name: raw, type: __u8, count: 9 }
              - name: named
                union:
                  - { name: x, type: __u16 }
                  - { name: y, type: __u8, count: 5 }
              - name: inline_struct
                struct:
                  - { name: p, type: __u8 }
                  - { name: q, type: __u32 }
                  - name: deep
                    union:
                      - { name: r, type: __u8 }
                      - { name: s, type: struct inner }
              - { name: after, type: __u8 }
          - name: iommu_hw_info_like
            members:
              - { name: size, type: __u32 }
              - { name: flags, type: __u32 }
              - { name: dev_id, type: __u32 }
              - { name: data_len, type: __u32 }
              - { name: data_uptr, type: __aligned_u64 }
              - union:
                  - { name: in_data_type, type: __u32 }
                  - { name: out_data_type, type: __u32 }
              - { name: out_max_pasid_log2, type: __u8 }
              - { name: __reserved, type: __u8, count: 3 }
              - { name: out_capabilities, type: __aligned_u64 }
        """;

    [Fact]
    public void TheEngine_AgreesWithGcc_OnSizesAlignmentsAndOffsets()
    {
        // The engine describes LP64 Linux; gcc on this machine must be such a target to be the oracle.
        Assert.True(
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture is Architecture.X64 or Architecture.Arm64,
            $"the gcc comparison needs x86_64 or arm64 Linux, not {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}");
        var result = SpecAssert.Compile("name: T\nnamespace: T.Ns\n" + Varied);
        Assert.False(result.HasErrors, SpecAssert.Dump(result));
        var doc = result.Document!;
        var layouts = CStructLayout.Compute(doc);
        Assert.Equal(doc.Structs.Count, layouts.Count);

        var expected = new List<string>();
        var c = new StringBuilder("#include <linux/types.h>\n#include <stddef.h>\n#include <stdio.h>\n\n");
        foreach (var s in doc.Structs)
        {
            c.Append("struct ").Append(s.Name).Append(" {\n");
            foreach (var m in s.Members)
            {
                EmitC(c, m, 1);
            }

            c.Append("};\n\n");
        }

        c.Append("int main(void)\n{\n");
        foreach (var s in doc.Structs)
        {
            var layout = layouts[s.Name];
            c.Append(CultureInfo.InvariantCulture, $"    printf(\"struct {s.Name} %zu %zu\\n\", sizeof(struct {s.Name}), _Alignof(struct {s.Name}));\n");
            expected.Add($"struct {s.Name} {layout.Size} {layout.Align}");
            foreach (var (path, m) in Designators(layout.Members, string.Empty))
            {
                c.Append(CultureInfo.InvariantCulture, $"    printf(\"{s.Name}.{path} %zu %zu\\n\", offsetof(struct {s.Name}, {path}), sizeof(((struct {s.Name} *)0)->{path}));\n");
                expected.Add($"{s.Name}.{path} {m.Offset} {m.Size}");
            }
        }

        c.Append("    return 0;\n}\n");
        var actual = CompileAndRun(c.ToString());
        Assert.Equal(expected, actual);
        Assert.True(expected.Count > 60, $"only {expected.Count} facts compared");
    }

    /// <summary>Every member gcc can name, named inline aggregates opened up (<c>u.x</c>).</summary>
    private static IEnumerable<(string Path, MemberLayout Member)> Designators(IEnumerable<MemberLayout> members, string prefix)
    {
        foreach (var m in members)
        {
            yield return (prefix + m.Name, m);
            foreach (var inner in Designators(m.Inner, prefix + m.Name + "."))
            {
                yield return inner;
            }
        }
    }

    private static void EmitC(StringBuilder c, MemberSpec m, int depth)
    {
        var indent = new string(' ', depth * 4);
        if (m.Kind is MemberKind.Union or MemberKind.InlineStruct)
        {
            c.Append(indent).Append(m.Kind == MemberKind.Union ? "union" : "struct").Append(" {\n");
            foreach (var inner in m.Members)
            {
                EmitC(c, inner, depth + 1);
            }

            c.Append(indent).Append('}').Append(m.Name is null ? string.Empty : " " + m.Name).Append(";\n");
            return;
        }

        c.Append(indent).Append(m.Type).Append(' ').Append(m.Name);
        if (m.Count is { } count)
        {
            c.Append('[').Append(count.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        c.Append(";\n");
    }

    private static List<string> CompileAndRun(string source)
    {
        var dir = Directory.CreateTempSubdirectory("smmugen-layout-");
        try
        {
            var file = Path.Combine(dir.FullName, "layout.c");
            var exe = Path.Combine(dir.FullName, "layout");
            File.WriteAllText(file, source);
            var (gccExit, gccOut) = Run("gcc", $"-std=gnu11 -Wall -Werror -o \"{exe}\" \"{file}\"", "gcc is needed to check the layout engine against a real C compiler; install gcc (Debian: apt-get install gcc linux-libc-dev)");
            Assert.True(gccExit == 0, $"gcc failed on the generated C:{Environment.NewLine}{gccOut}{Environment.NewLine}{source}");
            var (exit, output) = Run(exe, string.Empty, "the compiled layout program did not start");
            Assert.True(exit == 0, output);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int Exit, string Output) Run(string program, string arguments, string whenMissing)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"{whenMissing} ({program}: {ex.Message})");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), $"{program} did not finish within a minute");
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    private static string RepositoryRoot()
    {
        // The build records the repository; the output may live elsewhere (an artifacts path).
        var recorded = typeof(CStructLayoutTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SmmuGen.RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "SmmuGen.sln")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmmuGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (SmmuGen.sln)");
    }
}
