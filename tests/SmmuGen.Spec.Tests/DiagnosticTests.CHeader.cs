using System;
using System.Linq;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// The C header reader's diagnostics (SMMUGEN040–046), each at the exact line and column of the
/// header text written here (1-based; a tab is one column).
/// </summary>
public sealed partial class DiagnosticTests
{
    private const string HeaderFile = "test.h";

    private static CHeaderResult Header(string text) => CHeaderCompiler.Compile(HeaderFile, text);

    /// <summary>Asserts exactly one diagnostic with <paramref name="id"/>, at the given place, naming the words.</summary>
    private static SpecDiagnostic OneInHeader(string text, string id, SpecSeverity severity, int line, int column, params string[] words)
    {
        var result = Header(text);
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        var dump = string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString()));
        Assert.True(matching.Count == 1, $"expected exactly one {id}, got:{Environment.NewLine}{dump}");
        var d = matching[0];
        Assert.Equal(severity, d.Severity);
        Assert.Equal(HeaderFile, d.Span.File);
        Assert.True((line, column) == (d.Span.Line, d.Span.Column), $"expected {id} at ({line},{column}), got {d}");
        foreach (var word in words)
        {
            Assert.True(d.Message.Contains(word, StringComparison.Ordinal), $"expected the message to contain \"{word}\": {d}");
        }

        Assert.NotNull(result.Document);
        return d;
    }

    // ---- SMMUGEN040: C syntax -----------------------------------------------------------------

    [Fact]
    public void MissingSemicolonAfterAMember_ReportsSmmugen040_AtTheClosingBrace()
    {
        OneInHeader("struct s {\n\t__u32 x\n};\n", "SMMUGEN040", Error, 3, 1, "expected ';' after the member", "'}'");
    }

    [Fact]
    public void StrayCharacter_ReportsSmmugen040_AtTheCharacter()
    {
        OneInHeader("#define A 1\nstruct s { __u32 a; } @;\n", "SMMUGEN040", Error, 2, 23, "unexpected character '@'");
    }

    [Fact]
    public void UnterminatedComment_ReportsSmmugen040_AtItsStart()
    {
        OneInHeader("struct s { __u32 a; };\n/* never closed\n", "SMMUGEN040", Error, 2, 1, "unterminated comment");
    }

    [Fact]
    public void AfterASyntaxError_TheNextDeclarationIsStillRead_Smmugen040()
    {
        var result = Header("struct bad { __u32 a __u32 b; };\nstruct good { __u32 c; };\n");
        Assert.Contains(result.Diagnostics, d => d.Id == "SMMUGEN040" && d.Span.Line == 1);
        Assert.Contains(result.Document!.Structs, s => s.Name == "good");
    }

    // ---- SMMUGEN041: preprocessor -------------------------------------------------------------

    [Fact]
    public void UnclosedConditional_ReportsSmmugen041_AtTheDirective()
    {
        OneInHeader("#ifdef FOO\n#define A 1\n", "SMMUGEN041", Error, 1, 2, "no matching #endif");
    }

    [Fact]
    public void EndifWithoutIf_ReportsSmmugen041()
    {
        OneInHeader("#define A 1\n#endif\n", "SMMUGEN041", Error, 2, 2, "#endif without #if");
    }

    [Fact]
    public void ActiveErrorDirective_ReportsSmmugen041_WithItsText()
    {
        OneInHeader("#if 1\n#error this header needs a newer kernel\n#endif\n", "SMMUGEN041", Error, 2, 2, "#error this header needs a newer kernel");
    }

    [Fact]
    public void ErrorDirectiveInADroppedBranch_IsSilent_Smmugen041()
    {
        var result = Header("#ifdef __KERNEL__\n#error kernel only\n#endif\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SMMUGEN041");
    }

    // ---- SMMUGEN042: constant expressions ----------------------------------------------------

    [Fact]
    public void DivisionByZeroInAnEnumerator_ReportsSmmugen042_AtTheOperator()
    {
        OneInHeader("enum e { A = 1 / 0 };\n", "SMMUGEN042", Error, 1, 16, "enumerator A", "division by zero");
    }

    [Fact]
    public void UndefinedArrayLength_ReportsSmmugen042_AtTheName()
    {
        OneInHeader("struct s {\n\t__u32 data[COUNT];\n};\n", "SMMUGEN042", Error, 2, 13, "array length of data", "'COUNT' is not a constant");
    }

    // ---- SMMUGEN043: static assertions -------------------------------------------------------

    [Fact]
    public void FalseStaticAssert_ReportsSmmugen043_AtTheAssertion()
    {
        OneInHeader("struct s { __u32 a; __u32 b; };\n_Static_assert(sizeof(struct s) == 12, \"s is 12 bytes\");\n", "SMMUGEN043", Error, 2, 1, "static assertion failed", "s is 12 bytes");
    }

    [Fact]
    public void TrueStaticAsserts_OnSizeAndOffset_AreSilent_Smmugen043()
    {
        var result = Header("struct s { __u32 a; __aligned_u64 b; };\n_Static_assert(sizeof(struct s) == 16, \"\");\n_Static_assert(__builtin_offsetof(struct s, b) == 8, \"\");\n");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "SMMUGEN043" or "SMMUGEN042");
    }

    // ---- SMMUGEN044: approximated or skipped ---------------------------------------------------

    [Fact]
    public void PackedAttribute_ReportsSmmugen044_AtTheAttribute_AndIsRecorded()
    {
        var d = OneInHeader("struct s {\n\t__u32 a;\n} __attribute__((packed));\n", "SMMUGEN044", Warning, 3, 18, "struct s", "packed", "does not model it");
        Assert.Equal("packed", Header("struct s {\n\t__u32 a;\n} __attribute__((packed));\n").Facts.LayoutAttributes.Single().Attribute);
        Assert.NotNull(d);
    }

    [Fact]
    public void PointerMember_ReportsSmmugen044_AtItsName()
    {
        OneInHeader("struct s {\n\t__u32 a;\n\t__u32 *p;\n};\n", "SMMUGEN044", Warning, 3, 9, "member p", "pointer", "__aligned_u64");
    }

    [Fact]
    public void UnevaluableMacro_ReportsSmmugen044_NamingWhatIsMissing()
    {
        OneInHeader("#define WIDTH (OTHER_HEADER_BITS + 1)\n", "SMMUGEN044", Warning, 1, 9, "macro WIDTH", "'OTHER_HEADER_BITS' is not defined in this header");
    }

    // ---- SMMUGEN045: unsupported -------------------------------------------------------------

    [Fact]
    public void BitField_ReportsSmmugen045_AtTheColon()
    {
        OneInHeader("struct s {\n\t__u32 a : 3;\n};\n", "SMMUGEN045", Error, 2, 10, "a is a bit-field");
    }

    [Fact]
    public void FunctionPointerMember_ReportsSmmugen045()
    {
        OneInHeader("struct s {\n\t__u32 (*fn)(__u32);\n};\n", "SMMUGEN045", Error, 2, 8, "function pointer");
    }

    // ---- SMMUGEN046: macro redefined -----------------------------------------------------------

    [Fact]
    public void MacroRedefinedDifferently_ReportsSmmugen046_AtTheSecondDefinition()
    {
        OneInHeader("#define A 1\n#define A 2\n", "SMMUGEN046", Warning, 2, 9, "macro A is redefined", "line 1");
    }

    [Fact]
    public void MacroRedefinedIdentically_IsSilent_Smmugen046()
    {
        Assert.Empty(Header("#define A (1 << 2)\n#define A (1 << 2)\n").Diagnostics);
    }
}
