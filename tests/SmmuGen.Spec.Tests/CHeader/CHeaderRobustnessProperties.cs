using System;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Diff;
using SmmuGen.Spec.Emit;
using SmmuGen.Spec.Import;

namespace SmmuGen.Spec.Tests.CHeader;

/// <summary>
/// The C header reader never throws and never fails internally, whatever the text: garbage,
/// C-flavoured garbage, mutated real-shaped headers, and pathological nesting. Every diagnostic
/// points at a real line and column of the file. What it returns also goes through the diff and
/// the importer without throwing.
/// </summary>
public sealed class CHeaderRobustnessProperties
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("SMMUGEN_FUZZ_CASES"), out var n) && n > 0 ? n : 300;

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true);

    private static readonly char[] CAlphabet =
        "structunionenumdefineifndefendifincludetypedef_IO_IOR__u32__aligned_u64 abcxyzXYZ0123456789{}[]();,:=+-*/%<>&|^~!?#'\"\\.@$`\t\n\r\0\u00e9".ToCharArray();

    private static readonly string[] Snippets =
    {
        "#define X (", "#if", "#endif", "#else", "#elif 1/0", "/*", "*/", "/**", " * @a: b", "struct", "union {", "};", "{", "}", "[", "]", "[]",
        "enum { A = 1 << 99 };", "__attribute__((packed))", "_IOR(';', 1, struct nope)", "'\\x'", "\"", "'", "\\\n", "#define F(a, a) a",
        "#define G(x) #y", "#define H ## x", "typedef", "__u32 x : 3;", "struct a { struct a x; };", "sizeof(struct", "_Static_assert(0, \"x\");",
        "extern \"C\" {", "#include", "__DECLARE_FLEX_ARRAY(", "0x", "0b2", "1e5", "9999999999999999999999", "-", "(", ")", ",",
    };

    private static readonly Lazy<string[]> ShapeLines = new(() =>
        File.ReadAllText(TestFiles.Fixture("iommufd-shape.h")).Replace("\r\n", "\n").Split('\n'));

    private static bool ReadsSafely(string? text)
    {
        var input = text ?? string.Empty;
        CHeaderResult result;
        try
        {
            result = CHeaderCompiler.Compile("fuzz.h", input);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Compile threw on {Show(input)}", ex);
        }

        foreach (var d in result.Diagnostics)
        {
            if (d.Id == "SMMUGEN099" || d.Span.Line < 1 || d.Span.Column < 1 || d.Span.File != "fuzz.h")
            {
                throw new InvalidOperationException($"{d} on {Show(input)}");
            }
        }

        if (result.Document is null)
        {
            throw new InvalidOperationException($"no document for {Show(input)}");
        }

        // Whatever was read can be compared and imported.
        UapiDiff.Compare(new[] { result.Document }, new[] { result.Document });
        var (skeleton, options) = SpecSkeleton.From(result, "fuzz.h");
        var yaml = SpecYamlWriter.Write(skeleton, options);
        var back = SpecCompiler.Compile("fuzz.yaml", yaml);
        if (back.Diagnostics.Any(d => d.Id == "SMMUGEN099" || d.Id == "SMMUGEN001"))
        {
            throw new InvalidOperationException($"the imported spec does not load ({string.Join("; ", back.Diagnostics)}) for {Show(input)}:\n{yaml}");
        }

        return true;
    }

    private static string Show(string text) => "\"" + string.Concat(text.Take(2000).Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";

    [Fact]
    public void Read_NeverThrows_OnArbitraryStrings()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => ReadsSafely(text)).Check(Quick);
    }

    [Fact]
    public void Read_NeverThrows_OnStringsOfCCharacters()
    {
        var gen = Gen.Elements(CAlphabet).ArrayOf().Select(chars => new string(chars));
        Prop.ForAll(gen.ToArbitrary(), text => ReadsSafely(text)).Check(Quick);
    }

    [Fact]
    public void Read_NeverThrows_OnSnippetSoup()
    {
        var gen = Gen.Elements(Snippets).ListOf().Select(parts => string.Join(" ", parts));
        Prop.ForAll(gen.ToArbitrary(), text => ReadsSafely(text)).Check(Quick);
    }

    [Fact]
    public void Read_NeverThrows_OnMutationsOfTheIommufdShapedHeader()
    {
        var lines = ShapeLines.Value;
        var mutation =
            from kind in Gen.Choose(0, 4)
            from line in Gen.Choose(0, lines.Length - 1)
            from other in Gen.Choose(0, lines.Length - 1)
            from snippet in Gen.Elements(Snippets)
            from cut in Gen.Choose(0, 40)
            select (kind, line, other, snippet, cut);
        var gen = mutation.NonEmptyListOf().Select(ms =>
        {
            var copy = lines.ToList();
            foreach (var (kind, line, other, snippet, cut) in ms)
            {
                var i = Math.Min(line, copy.Count - 1);
                if (copy.Count == 0)
                {
                    break;
                }

                switch (kind)
                {
                    case 0: copy.RemoveAt(i); break;
                    case 1: copy.Insert(i, snippet); break;
                    case 2: copy[i] = copy[i].Substring(0, Math.Min(cut, copy[i].Length)); break;
                    case 3: (copy[i], copy[Math.Min(other, copy.Count - 1)]) = (copy[Math.Min(other, copy.Count - 1)], copy[i]); break;
                    default: copy[i] = copy[i] + snippet; break;
                }
            }

            return string.Join("\n", copy);
        });
        Prop.ForAll(gen.ToArbitrary(), text => ReadsSafely(text)).Check(Quick);
    }

    [Theory]
    [InlineData("#if ", "(", "1", ")", "\n#endif\n")]
    [InlineData("enum { A = ", "(", "1", ")", " };")]
    [InlineData("enum { A = ", "-", "1", "", " };")]
    [InlineData("#define A ", "F(", "1", ")", "\n#define F(x) x\nenum { B = A };")]
    [InlineData("struct s { ", "struct { ", "__u32 x; ", "}; ", "};")]
    [InlineData("__u32 x[", "[", "1", "]", "];")]
    public void PathologicalNesting_IsReported_NotAStackOverflow(string prefix, string open, string middle, string close, string suffix)
    {
        var depth = 20_000;
        var text = prefix + string.Concat(Enumerable.Repeat(open, depth)) + middle + string.Concat(Enumerable.Repeat(close, depth)) + suffix;
        Assert.True(ReadsSafely(text));
    }

    [Theory]
    [InlineData("#define A A\nenum { X = A };")]
    [InlineData("#define A B\n#define B A\nenum { X = A };")]
    [InlineData("#define F(x) F(x)\nenum { X = F(1) };")]
    [InlineData("#define X0 1+1\n#define X1 X0+X0\n#define X2 X1+X1\n#define X3 X2+X2\n#define X4 X3+X3\n#define X5 X4+X4\n#define X6 X5+X5\n#define X7 X6+X6\n#define X8 X7+X7\n#define X9 X8+X8\n#define X10 X9+X9\n#define X11 X10+X10\n#define X12 X11+X11\n#define X13 X12+X12\n#define X14 X13+X13\n#define X15 X14+X14\n#define X16 X15+X15\n#define X17 X16+X16\n#define X18 X17+X17\nenum { Y = X18 };")]
    public void SelfReferenceAndExponentialMacros_Terminate(string text)
    {
        Assert.True(ReadsSafely(text));
    }
}
