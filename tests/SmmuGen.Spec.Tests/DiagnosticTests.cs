using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmmuGen.Spec.Diagnostics;
using static SmmuGen.Spec.Tests.SpecAssert;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// One or more tests per diagnostic id. Each YAML is written here; the expected line and column
/// are counted from it (1-based; a flow mapping's column is that of its '{').
/// </summary>
public sealed partial class DiagnosticTests
{
    private const SpecSeverity Error = SpecSeverity.Error;
    private const SpecSeverity Warning = SpecSeverity.Warning;

    // ---- SMMUGEN001: YAML syntax ------------------------------------------------------------

    [Fact]
    public void UnterminatedQuotedScalar_ReportsSmmugen001_AtTheOpeningQuote()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            doc: "never closed
            """,
            "SMMUGEN001", Error, 3, 6, "YAML syntax error", "quoted scalar");
    }

    [Fact]
    public void DuplicateYamlKey_ReportsSmmugen001_AtTheSecondKey_InsteadOfThrowing()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            name: U
            """,
            "SMMUGEN001", Error, 3, 1, "Duplicate key name");
    }

    [Fact]
    public void DuplicateEnumValueName_IsADuplicateYamlKey_ReportsSmmugen001_AtTheSecondName()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - name: E
                values: { A: 1, A: 2 }
            """,
            "SMMUGEN001", Error, 5, 21, "Duplicate key A");
    }

    [Fact]
    public void TabIndentation_ReportsSmmugen001_AtTheTab()
    {
        // The scanner's exception for this carries no position; the loader locates it itself.
        Only("name: T\nnamespace: T.Ns\nregisters:\n\t- name: CR0\n", "SMMUGEN001", Error, 4, 1, "tab");
    }

    [Fact]
    public void TabInsideAValue_IsFine()
    {
        var doc = Clean("name: T\nnamespace: T.Ns\ndoc: \"a\tb\"\n");
        Assert.Equal("a\tb", doc.Doc);
    }

    [Fact]
    public void MisindentedKey_ReportsSmmugen001_AtTheKey()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
               offset: 0
            """,
            "SMMUGEN001", Error, 5, 4, "did not find expected '-' indicator");
    }

    [Fact]
    public void NestingThousandsDeep_ReportsSmmugen001_InsteadOfOverflowingTheStack()
    {
        // Without the loader's depth check YamlDotNet's recursive node builder overflows the
        // stack on this, which kills the process (a catch cannot help).
        var result = Compile(new string('[', 200_000));
        Only(result, "SMMUGEN001", Error, 1, 101, "nesting deeper than 100 levels");
        Assert.Null(result.Document);
    }

    [Fact]
    public void FlowMappingContinuedTooLittleIndented_ReportsSmmugen001_AtTheContinuation()
    {
        // YamlDotNet's scanner throws InvalidOperationException here; that used to surface as
        // the internal error SMMUGEN099 at line 1.
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR0, offset: 0x0,
              width: 32, reset: 0 }
            """,
            "SMMUGEN001", Error, 5, 3, "the YAML reader cannot read past this point", "indentation");
    }

    [Fact]
    public void FlowMappingContinuedDeeper_IsFine()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR0, offset: 0x0,
                  width: 32, reset: 0 }
            """);
        Assert.Equal(32, doc.Registers[0].Width);
    }

    [Fact]
    public void AliasOfAnUndefinedAnchor_ReportsSmmugen001_AtTheAlias()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            doc: *nowhere
            """,
            "SMMUGEN001", Error, 3, 6, "alias *nowhere must come after the whole node that &nowhere names");
    }

    [Theory]
    [InlineData("registers: &x [ *x ]", 17)]
    [InlineData("registers: [ &r { name: R, offset: 0, width: 32, reset: 0, fields: [ *r ] } ]", 70)]
    public void AliasInsideTheNodeItNames_ReportsSmmugen001_InsteadOfLoopingForever(string line3, int column)
    {
        // A cycle: walking such a node (node extents, YamlDotNet's hashing) never ends.
        Only($"name: T\nnamespace: T.Ns\n{line3}\n", "SMMUGEN001", Error, 3, column, "must come after the whole node");
    }

    [Fact]
    public void AliasOfACollectionInAKey_ReportsSmmugen001_AtTheAlias()
    {
        // Keys are hashed structurally, and doubling aliases make a short text an enormous tree.
        Only(
            """
            name: T
            namespace: T.Ns
            x: &a [1, 2]
            ? [*a]
            : 1
            """,
            "SMMUGEN001", Error, 4, 4, "alias *a of a list or mapping cannot be used in a mapping key");
    }

    [Fact]
    public void DoublingAliases_LoadQuickly()
    {
        // 2^40 paths through 40 shared nodes: anything that walks paths instead of nodes hangs.
        var lines = new List<string> { "name: T", "namespace: T.Ns", "a0: &a0 [x, x]" };
        lines.AddRange(Enumerable.Range(1, 39).Select(i => $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]"));
        lines.Add("doc: *a39");
        var result = Compile(string.Join("\n", lines));
        Assert.Equal(41, result.Diagnostics.Count); // 40 unknown keys and the doc that is not text
        // An alias stands for the node it names, so the diagnostic points where that node is written.
        One(result, "SMMUGEN014", Error, 42, 6, "spec: 'doc' must be a single value, not a list");
    }

    [Fact]
    public void AliasOfAFinishedNode_IsFine_AndSharesTheFields()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: A, offset: 0x0, width: 32, reset: 0, fields: &f [ { name: EN, bits: 0, access: RW } ] }
              - { name: B, offset: 0x4, width: 32, reset: 0, fields: *f }
            """);
        Assert.Equal(doc.Registers[0].Fields, doc.Registers[1].Fields);
    }

    [Fact]
    public void BinaryGarbage_GivesLocatedErrors_AndNoModel()
    {
        var random = new Random(20240601);
        var bytes = new byte[2048];
        random.NextBytes(bytes);
        foreach (var text in new[] { Encoding.Latin1.GetString(bytes), Encoding.UTF8.GetString(bytes), "\0\u0001\u0002\uFFFE\uD800", "\u0000name: T" })
        {
            var result = Compile(text);
            Assert.NotEmpty(result.Diagnostics);
            Assert.True(result.HasErrors);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SMMUGEN099");
            Assert.All(result.Diagnostics, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1, d.ToString()));
        }
    }

    // ---- SMMUGEN002: unknown key --------------------------------------------------------------

    [Fact]
    public void MisspeltFileKey_ReportsSmmugen002_WithDidYouMean_AtTheKey()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            regsiters: []
            """,
            "SMMUGEN002", Error, 3, 1, "spec: unknown key 'regsiters'; did you mean 'registers'?");
    }

    [Fact]
    public void MisspeltRegisterKey_ReportsSmmugen002_NamingTheRegister()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                sectoin: "6.3.9"
            """,
            "SMMUGEN002", Error, 8, 5, "register CR0: unknown key 'sectoin'; did you mean 'section'?");
    }

    [Fact]
    public void MisspeltFieldKey_ReportsSmmugen002_NamingRegisterAndField()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0, access: RW, adress: true }
            """,
            "SMMUGEN002", Error, 9, 42, "field CR0.EN: unknown key 'adress'; did you mean 'address'?");
    }

    [Fact]
    public void UnknownKeyFarFromAnyKnownOne_ReportsSmmugen002_ListingTheKnownKeys()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            colour: red
            """,
            "SMMUGEN002", Error, 3, 1, "unknown key 'colour'; known keys: name, namespace, doc, section, since, page-size, enums, registers, records, constants, structs, ioctls, waivers");
    }

    [Fact]
    public void MisspeltAckKey_ReportsSmmugen002_InTheAckMapping()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR0, offset: 0x0, width: 32, reset: 0 }
              - name: CR0ACK
                offset: 0x4
                width: 32
                reset: 0
                ack: { of: CR0, knd: mirror }
            """);
        One(result, "SMMUGEN002", Error, 9, 21, "register CR0ACK ack: unknown key 'knd'; did you mean 'kind'?");
        One(result, "SMMUGEN003", Error, 9, 10, "register CR0ACK ack: missing required key 'kind'");
    }

    // ---- SMMUGEN003: missing key --------------------------------------------------------------

    [Fact]
    public void RegisterWithoutOffset_ReportsSmmugen003_AtTheRegister()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                width: 32
                reset: 0
            """,
            "SMMUGEN003", Error, 4, 5, "register CR0: missing required key 'offset'");
    }

    [Fact]
    public void FileWithoutNamespace_ReportsSmmugen003_AtTheStartOfTheFile_AndNoModel()
    {
        var result = Compile("name: T\n");
        Only(result, "SMMUGEN003", Error, 1, 1, "spec: missing required key 'namespace'");
        Assert.Null(result.Document);
    }

    [Fact]
    public void FieldWithoutAccess_ReportsSmmugen003_AtTheFieldsBrace()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0 }
            """,
            "SMMUGEN003", Error, 9, 9, "field CR0.EN: missing required key 'access'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n")]
    public void EmptyFile_ReportsSmmugen003_AtLine1Column1(string text)
    {
        var result = Compile(text);
        Only(result, "SMMUGEN003", Error, 1, 1, "the file is empty", "'name'", "'namespace'");
        Assert.Null(result.Document);
    }

    // ---- SMMUGEN004: duplicate names ----------------------------------------------------------

    [Fact]
    public void DuplicateRegisterName_ReportsSmmugen004_AtTheSecondRegister()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR0, offset: 0x0, width: 32, reset: 0 }
              - { name: CR0, offset: 0x4, width: 32, reset: 0 }
            """,
            "SMMUGEN004", Error, 5, 5, "register CR0 is defined more than once");
    }

    [Fact]
    public void DuplicateFieldName_ReportsSmmugen004_AtTheSecondField_WithItsBits()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0, access: RW }
                  - { name: EN, bits: 1, access: RW }
            """,
            "SMMUGEN004", Error, 10, 9, "register CR0: field EN (bits 1) is defined more than once");
    }

    [Fact]
    public void DuplicateEnumName_ReportsSmmugen004_AtTheSecondEnum()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - { name: E, values: { A: 0 } }
              - { name: E, values: { B: 1 } }
            """,
            "SMMUGEN004", Error, 5, 5, "enum E is defined more than once");
    }

    // ---- SMMUGEN005: overlapping fields -------------------------------------------------------

    [Fact]
    public void OverlappingFields_ReportsSmmugen005_AtTheLaterFieldsBits_NamingBoth()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: LO, bits: "3:0", access: RW }
                  - { name: HI, bits: "5:2", access: RW }
            """,
            "SMMUGEN005", Error, 10, 27, "register CR0: field HI (bits 5:2) overlaps field LO (bits 3:0)");
    }

    // ---- SMMUGEN006: field beyond width -------------------------------------------------------

    [Fact]
    public void FieldBeyondWidth_ReportsSmmugen006_AtTheBitsValue()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: FOO, bits: "40:32", access: RW }
            """,
            "SMMUGEN006", Error, 9, 28, "field CR0.FOO: bits 40:32 lie beyond the register's 32-bit width (highest bit 31)");
    }

    [Fact]
    public void Bit64OfA64BitRegister_ReportsSmmugen006()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: BASE
                offset: 0x0
                width: 64
                reset: 0
                fields:
                  - { name: TOP, bits: 64, access: RW }
            """,
            "SMMUGEN006", Error, 9, 28, "field BASE.TOP: bits 64 lie beyond the register's 64-bit width (highest bit 63)");
    }

    // ---- SMMUGEN007: invalid bit ranges -------------------------------------------------------

    [Theory]
    [InlineData("\"3:5\"", "field CR0.FOO: bit range '3:5' is reversed; write the high bit first (\"5:3\")")]
    [InlineData("\"3-0\"", "field CR0.FOO: '3-0' is not a bit range; write \"hi:lo\"")]
    [InlineData("\"5000:0\"", "field CR0.FOO: bit 5000 in '5000:0' is above the highest allowed bit 4095")]
    [InlineData("\"1:2:3\"", "'1:2:3' is not a bit range")]
    [InlineData("\"\u0663:0\"", "'\u0663:0' is not a bit range")] // an Arabic-Indic digit: digits are ASCII only
    [InlineData("\"\"", "'' is not a bit range")]
    public void BadBitRange_ReportsSmmugen007_AtTheBitsValue(string bits, string message)
    {
        Only(
            $$"""
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: FOO, bits: {{bits}}, access: RW }
            """,
            "SMMUGEN007", Error, 9, 28, message);
    }

    [Fact]
    public void UnquotedBracketedBits_IsAYamlList_ReportsSmmugen007_AtTheBracket_WithAHint()
    {
        // bits: [51:6] is a flow sequence in YAML; the bracketed form must be quoted.
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 64
                reset: 0
                fields:
                  - { name: FOO, bits: [51:6], access: RW }
            """,
            "SMMUGEN007", Error, 9, 28, "field CR0.FOO: an unquoted [hi:lo] is a YAML list; write bits: \"hi:lo\" (quoted)");
    }

    // ---- SMMUGEN008: reset too wide -----------------------------------------------------------

    [Fact]
    public void ResetWiderThanRegister_ReportsSmmugen008_AtTheResetValue()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0x1_0000_0000
            """,
            "SMMUGEN008", Error, 7, 12, "register CR0: reset value 0x100000000 does not fit its 32-bit width");
    }

    // ---- SMMUGEN009: reset against reserved bits ----------------------------------------------

    [Fact]
    public void ResetSettingAnUnclaimedBit_ReportsSmmugen009_Res0()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0x2
                fields:
                  - { name: EN, bits: 0, access: RW }
            """,
            "SMMUGEN009", Error, 7, 12, "register CR0: reset value 0x2 sets RES0 bits 0x2");
    }

    [Fact]
    public void ResetSettingARes0Field_ReportsSmmugen009()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0x3
                fields:
                  - { name: EN, bits: 0, access: RW }
                  - { name: Z, bits: 1, access: RES0 }
            """,
            "SMMUGEN009", Error, 7, 12, "register CR0: reset value 0x3 sets RES0 bits 0x2");
    }

    [Fact]
    public void ResetClearingARes1Field_ReportsSmmugen009_Res1()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0x0
                fields:
                  - { name: EN, bits: 0, access: RW }
                  - { name: ONE, bits: "2:1", access: RES1 }
            """,
            "SMMUGEN009", Error, 7, 12, "register CR0: reset value 0x0 clears RES1 bits 0x6");
    }

    [Fact]
    public void ResetSettingTheRes1Field_IsClean()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0b110
                fields:
                  - { name: EN, bits: 0, access: RW }
                  - { name: ONE, bits: "2:1", access: RES1 }
            """);
        Assert.Equal(6UL, doc.Registers[0].Reset.Value);
        Assert.Equal(Model.FieldAccess.Res1, doc.Registers[0].Fields[1].Access);
    }

    // ---- SMMUGEN010: enum value too wide ------------------------------------------------------

    [Fact]
    public void InlineEnumValueTooWide_ReportsSmmugen010_AtTheValue()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - name: MODE
                    bits: "1:0"
                    access: RW
                    enum: { OFF: 0, ON: 1, TURBO: 4 }
            """,
            "SMMUGEN010", Error, 12, 32, "field CR0.MODE (bits 1:0, 2 bits): enum CR0_MODE value TURBO = 0x4 does not fit (maximum 0x3)");
    }

    [Fact]
    public void SharedEnumValueTooWide_ReportsSmmugen010_AtTheFieldsEnum()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - name: Speed
                values: { SLOW: 0, FAST: 1, LUDICROUS: 2 }
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: SPEED, bits: 3, access: RW, enum: Speed }
            """,
            "SMMUGEN010", Error, 12, 51, "field CR0.SPEED (bits 3, 1 bits): enum Speed value LUDICROUS = 0x2 does not fit (maximum 0x1)");
    }

    // ---- SMMUGEN011: overlapping registers ----------------------------------------------------

    [Fact]
    public void OverlappingRegisters_ReportsSmmugen011_AtTheLaterOffset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: A, offset: 0x0, width: 64, reset: 0 }
              - { name: B, offset: 0x4, width: 32, reset: 0 }
            """,
            "SMMUGEN011", Error, 5, 24, "register B at page 0 offset 0x4 (4 bytes) overlaps register A at offset 0x0");
    }

    [Fact]
    public void AliasOverlappingAnotherRegister_ReportsSmmugen011_AtTheAlias()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: A, offset: 0x0, width: 32, reset: 0 }
              - name: B
                offset: 0x8
                width: 32
                reset: 0
                aliases:
                  - { page: 0, offset: 0x0 }
            """,
            "SMMUGEN011", Error, 10, 9, "register B at page 0 offset 0x0 (4 bytes) overlaps register A at offset 0x0");
    }

    [Fact]
    public void AliasOnTheRegistersOwnPlace_ReportsSmmugen011_ItsOwnAlias()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: A
                offset: 0x0
                width: 32
                reset: 0
                aliases:
                  - { offset: 0x0 }
            """,
            "SMMUGEN011", Error, 9, 9, "register A at page 0 offset 0x0 (4 bytes) overlaps register A at offset 0x0 (its own alias)");
    }

    [Fact]
    public void SameOffsetOnAnotherPage_DoesNotOverlap()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: A, offset: 0xA8, width: 32, reset: 0 }
              - { name: B, offset: 0xA8, page: 1, width: 32, reset: 0 }
            """);
        Assert.Equal(1, doc.Registers[1].Page);
    }

    // ---- SMMUGEN012: misaligned register ------------------------------------------------------

    [Theory]
    [InlineData(32, "0x2", "register CR0: offset 0x2 is not aligned to its 4-byte width")]
    [InlineData(64, "0x4", "register CR0: offset 0x4 is not aligned to its 8-byte width")]
    public void MisalignedOffset_ReportsSmmugen012_AtTheOffset(int width, string offset, string message)
    {
        Only(
            $"""
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: {offset}
                width: {width}
                reset: 0
            """,
            "SMMUGEN012", Error, 5, 13, message);
    }

    [Fact]
    public void MisalignedAlias_ReportsSmmugen012_AtTheAlias()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                aliases:
                  - { page: 1, offset: 0x6 }
            """,
            "SMMUGEN012", Error, 9, 9, "register CR0: alias offset 0x6 on page 1 is not aligned to its 4-byte width");
    }

    // ---- SMMUGEN013: ack target ---------------------------------------------------------------

    [Fact]
    public void AckToAMissingRegister_ReportsSmmugen013_AtTheTarget_WithDidYouMean()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR0, offset: 0x0, width: 32, reset: 0 }
              - name: CR0ACK
                offset: 0x4
                width: 32
                reset: 0
                ack: { of: CR1, kind: mirror }
            """,
            "SMMUGEN013", Error, 9, 16, "register CR0ACK: ack names register CR1, which the spec does not define; did you mean 'CR0'?");
    }

    [Fact]
    public void AckToItself_ReportsSmmugen013_AtTheTarget()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR0, offset: 0x0, width: 32, reset: 0 }
              - name: CR0ACK
                offset: 0x4
                width: 32
                reset: 0
                ack: { of: CR0ACK, kind: mirror }
            """,
            "SMMUGEN013", Error, 9, 16, "register CR0ACK: ack names the register itself");
    }

    // ---- SMMUGEN014: invalid values -----------------------------------------------------------

    [Fact]
    public void RegisterPastThePageSize_ReportsSmmugen014_AtTheOffset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            page-size: 0x100
            registers:
              - { name: LAST, offset: 0xFC, width: 32, reset: 0 }
              - { name: CR0, offset: 0x100, width: 32, reset: 0 }
            """,
            "SMMUGEN014", Error, 6, 26, "register CR0: offset 0x100 on page 0 lies outside the 0x100-byte page");
    }

    [Fact]
    public void OffsetNear2Pow64_ReportsSmmugen014_InsteadOfWrappingAround()
    {
        // offset + 8 wraps to 0 in 64-bit arithmetic; the page check must not be fooled by it.
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: HUGE
                offset: 0xFFFF_FFFF_FFFF_FFF8
                width: 64
                reset: 0
            """,
            "SMMUGEN014", Error, 5, 13, "register HUGE: offset 0xfffffffffffffff8 on page 0 lies outside the 0x10000-byte page");
    }

    [Fact]
    public void AliasPastThePageSize_ReportsSmmugen014_AtTheAlias()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                aliases:
                  - { page: 1, offset: 0x10000 }
            """,
            "SMMUGEN014", Error, 9, 9, "register CR0: offset 0x10000 on page 1 lies outside the 0x10000-byte page");
    }

    [Fact]
    public void WidthOtherThan32Or64_ReportsSmmugen014_AtTheWidth()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 48
                reset: 0
            """,
            "SMMUGEN014", Error, 6, 12, "register CR0: width must be 32 or 64, not 48");
    }

    [Theory]
    [InlineData("twelve")]
    [InlineData("-4")]
    [InlineData("0o17")]
    [InlineData("0x")]
    [InlineData("18446744073709551616")]
    public void OffsetThatIsNotANumber_ReportsSmmugen014_AtTheOffset(string offset)
    {
        Only(
            $"""
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: {offset}
                width: 32
                reset: 0
            """,
            "SMMUGEN014", Error, 5, 13, $"register CR0: 'offset' must be a number (decimal, 0x hex or 0b binary), not '{offset}'");
    }

    [Theory]
    [InlineData("RAZWI", "; did you mean 'RAZ/WI'?")]
    [InlineData("R0", "; did you mean 'RO'?")]
    [InlineData("w1c", "; did you mean 'W1C'?")]
    public void UnknownAccess_ReportsSmmugen014_AtTheAccess_WithDidYouMean(string access, string hint)
    {
        var d = Only(
            $$"""
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0, access: {{access}} }
            """,
            "SMMUGEN014", Error, 9, 38, $"field CR0.EN: access '{access}' is not one of RO, RW, WO, W1C, RAZ/WI, RES0, RES1");
        Assert.EndsWith(hint, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccessFarFromAnyKnownOne_ReportsSmmugen014_WithoutASuggestion()
    {
        var d = Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0, access: readable }
            """,
            "SMMUGEN014", Error, 9, 38, "access 'readable' is not one of");
        Assert.DoesNotContain("did you mean", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlagThatIsNotTrueOrFalse_ReportsSmmugen014()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0, access: RW, address: yes }
            """,
            "SMMUGEN014", Error, 9, 51, "field CR0.EN: 'address' must be true or false, not 'yes'");
    }

    [Fact]
    public void UnknownAckKind_ReportsSmmugen014_AtTheKind()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR0, offset: 0x0, width: 32, reset: 0 }
              - name: CR0ACK
                offset: 0x4
                width: 32
                reset: 0
                ack: { of: CR0, kind: echo }
            """,
            "SMMUGEN014", Error, 9, 27, "register CR0ACK: ack kind 'echo' is not 'mirror' or 'toggle'");
    }

    [Fact]
    public void ResetOfTheWrongShape_ReportsSmmugen014_AtTheReset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: [0]
            """,
            "SMMUGEN014", Error, 7, 12, "register CR0: reset must be a number, 'impdef', 'unknown', or { value: N, impdef: [FIELD, ...], unknown: [FIELD, ...], allowed: [N, ...] }");
    }

    [Fact]
    public void FieldsAsAMapping_ReportsSmmugen014_AtTheMapping()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields: { EN: 0 }
            """,
            "SMMUGEN014", Error, 8, 13, "register CR0: 'fields' must be a list, not a mapping");
    }

    [Fact]
    public void RegisterThatIsNotAMapping_ReportsSmmugen014_AtTheEntry()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - CR0
            """,
            "SMMUGEN014", Error, 4, 5, "spec: each entry of 'registers' must be a mapping, not a single value");
    }

    [Fact]
    public void TopLevelList_ReportsSmmugen014_AtLine1_AndNoModel()
    {
        var result = Compile(
            """
            - name: T
            - namespace: T.Ns
            """);
        Only(result, "SMMUGEN014", Error, 1, 1, "the top level of a spec must be a mapping, not a list");
        Assert.Null(result.Document);
    }

    [Fact]
    public void MultiDocumentFile_ReportsSmmugen014_AtTheSecondDocument_AndKeepsTheFirst()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            ---
            name: U
            """);
        Only(result, "SMMUGEN014", Error, 4, 1, "a spec file holds one YAML document");
        Assert.Equal("T", result.Document?.Name);
    }

    // ---- SMMUGEN015 / SMMUGEN016: waivers -----------------------------------------------------

    [Theory]
    [InlineData("{ id: SMMUGEN012 }")]
    [InlineData("{ id: SMMUGEN012, reason: \"  \" }")]
    [InlineData("{ id: SMMUGEN012, reason: }")]
    public void WaiverWithoutReason_ReportsSmmugen015_AtTheWaiver(string waiver)
    {
        Only(
            $"""
            name: T
            namespace: T.Ns
            waivers:
              - {waiver}
            """,
            "SMMUGEN015", Error, 4, 5, "spec: waiver of SMMUGEN012 needs a 'reason'");
    }

    [Theory]
    [InlineData("SMMUGEN999")]
    [InlineData("SMMUGEN001")]
    [InlineData("SMMUGEN015")]
    [InlineData("SMMUGEN016")]
    [InlineData("SMMUGEN099")]
    [InlineData("smmugen012")]
    public void WaiverOfAnUnknownOrUnwaivableId_ReportsSmmugen015_AtTheId(string id)
    {
        Only(
            $"""
            name: T
            namespace: T.Ns
            waivers:
              - {"{"} id: {id}, reason: Old. {"}"}
            """,
            "SMMUGEN015", Error, 4, 11, $"spec: '{id}' is not a diagnostic id that can be waived");
    }

    [Fact]
    public void WaiverWithoutId_ReportsSmmugen015_AtTheWaiver()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            waivers:
              - { reason: Because. }
            """,
            "SMMUGEN015", Error, 4, 5, "spec: waiver has no 'id'");
    }

    [Fact]
    public void WaiverThatIsNotAMapping_ReportsSmmugen015_AtTheEntry()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            waivers:
              - SMMUGEN012
            """,
            "SMMUGEN015", Error, 4, 5, "spec: a waiver is { id: SMMUGENnnn, reason: text }");
    }

    [Fact]
    public void UnusedWaiver_ReportsSmmugen016Warning_AtTheWaiver_QuotingTheReason()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            waivers:
              - { id: SMMUGEN012, reason: "No misaligned register here." }
            """);
        Only(result, "SMMUGEN016", Warning, 4, 5, "waiver of SMMUGEN012 waives nothing here; remove it (reason given: \"No misaligned register here.\")");
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void FileLevelWaiver_RemovesTheDiagnostic_AnywhereInTheFile()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            waivers:
              - { id: SMMUGEN012, reason: Legacy layout. }
            registers:
              - { name: CR0, offset: 0x2, width: 32, reset: 0 }
            """);
        Assert.Single(doc.Waivers);
    }

    [Fact]
    public void FileLevelWaiver_CanWaiveALoaderDiagnostic()
    {
        Clean(
            """
            name: T
            namespace: T.Ns
            x-editor: folded
            waivers:
              - { id: SMMUGEN002, reason: Editor bookkeeping. }
            """);
    }

    [Fact]
    public void RegisterLevelWaiver_RemovesTheDiagnostic_InsideThatRegister()
    {
        Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: A, offset: 0x0, width: 32, reset: 0 }
              - name: B
                offset: 0x8
                width: 32
                reset: 0
                aliases:
                  - { offset: 0x0 }
                waivers:
                  - { id: SMMUGEN011, reason: "Page-0 alias of A, by design." }
            """);
    }

    [Fact]
    public void RegisterLevelWaiver_DoesNotReachAnotherRegister()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: A, offset: 0x2, width: 32, reset: 0 }
              - name: B
                offset: 0x8
                width: 32
                reset: 0
                waivers:
                  - { id: SMMUGEN012, reason: Wrong place. }
            """);
        Assert.Equal(2, result.Diagnostics.Count);
        One(result, "SMMUGEN012", Error, 4, 24, "register A: offset 0x2");
        One(result, "SMMUGEN016", Warning, 10, 9, "waiver of SMMUGEN012 waives nothing here");
    }

    [Fact]
    public void FieldLevelWaiver_RemovesTheDiagnostic_InsideThatField()
    {
        Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - name: WIDE
                    bits: "40:32"
                    access: RW
                    waivers:
                      - { id: SMMUGEN006, reason: The upper word is modelled elsewhere. }
            """);
    }

    [Fact]
    public void FieldLevelWaiver_DoesNotReachASiblingField()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: A, bits: "40:32", access: RW }
                  - name: B
                    bits: 0
                    access: RW
                    waivers:
                      - { id: SMMUGEN006, reason: Wrong place. }
            """);
        Assert.Equal(2, result.Diagnostics.Count);
        One(result, "SMMUGEN006", Error, 9, 26, "field CR0.A: bits 40:32");
        One(result, "SMMUGEN016", Warning, 14, 13, "waiver of SMMUGEN006 waives nothing here");
    }

    // ---- SMMUGEN017: unknown enum -------------------------------------------------------------

    [Fact]
    public void MisspeltSharedEnum_ReportsSmmugen017_AtTheEnum_ListingDefinedEnums()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - { name: Shareability, values: { NSH: 0, ISH: 3 } }
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: SH, bits: "1:0", access: RW, enum: Sharability }
            """,
            "SMMUGEN017", Error, 11, 52, "field CR0.SH: enum 'Sharability' is not defined; defined enums: Shareability");
    }

    [Fact]
    public void EnumInAFileWithoutEnums_ReportsSmmugen017_SayingSo()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: SH, bits: "1:0", access: RW, enum: Shareability }
            """,
            "SMMUGEN017", Error, 9, 52, "field CR0.SH: enum 'Shareability' is not defined; the file defines no enums");
    }

    // ---- SMMUGEN018: identifiers --------------------------------------------------------------

    [Fact]
    public void RegisterNameWithADash_ReportsSmmugen018_AtTheRegister()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: CR-0, offset: 0x0, width: 32, reset: 0 }
            """,
            "SMMUGEN018", Error, 4, 5, "register name 'CR-0' is not an identifier");
    }

    [Fact]
    public void RegisterNameWithATrailingNewline_ReportsSmmugen018()
    {
        // A regex ending in '$' would accept "CR0\n" ('$' matches before a final newline).
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: "CR0\n", offset: 0x0, width: 32, reset: 0 }
            """,
            "SMMUGEN018", Error, 4, 5, "is not an identifier");
    }

    [Fact]
    public void EnumValueNameLedByADigit_ReportsSmmugen018_AtTheName()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - name: Size
                values:
                  48_BIT: 0
            """,
            "SMMUGEN018", Error, 6, 7, "enum Size: value name '48_BIT' is not an identifier (write e.g. BITS_48, not 48_BIT)");
    }

    [Fact]
    public void NamespaceWithAnEmptyPart_ReportsSmmugen018_AtTheFile()
    {
        Only(
            """
            name: T
            namespace: T..Ns
            """,
            "SMMUGEN018", Error, 1, 1, "namespace 'T..Ns' is not a dotted C# namespace");
    }

    [Fact]
    public void FieldCSharpNameThatIsNotAnIdentifier_ReportsSmmugen018_AtTheField()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CR0
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0, access: RW, csharp-name: "Enable it" }
            """,
            "SMMUGEN018", Error, 9, 9, "field CR0.EN: csharp-name 'Enable it' is not an identifier");
    }

    // ---- SMMUGEN019: ack field mismatch -------------------------------------------------------

    [Fact]
    public void MirrorAckFieldsDifferingFromTheTarget_ReportsSmmugen019Warnings()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CTRL
                offset: 0x0
                width: 32
                reset: 0
                fields:
                  - { name: EN, bits: 0, access: RW }
                  - { name: MODE, bits: "2:1", access: RW }
              - name: CTRLACK
                offset: 0x4
                width: 32
                reset: 0
                ack: { of: CTRL, kind: mirror }
                fields:
                  - { name: EN, bits: 0, access: RO }
                  - { name: MODE, bits: "3:1", access: RO }
                  - { name: BUSY, bits: 4, access: RO }
                  - { name: PAD, bits: 5, access: RES0 }
            """);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.False(result.HasErrors);
        Is(result.Diagnostics[0], "SMMUGEN019", Warning, 18, 29, "register CTRLACK: field MODE is bits 3:1 but CTRL.MODE is bits 2:1");
        Is(result.Diagnostics[1], "SMMUGEN019", Warning, 19, 9, "register CTRLACK: field BUSY (bits 4) has no counterpart in CTRL, which it acknowledges");
    }

    [Fact]
    public void ToggleAckFieldWithoutCounterpart_ReportsSmmugen019Warning_AtTheField()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: GERROR
                offset: 0x60
                width: 32
                reset: 0
                fields:
                  - { name: CMDQ_ERR, bits: 0, access: RO }
              - name: GERRORN
                offset: 0x64
                width: 32
                reset: 0
                ack: { of: GERROR, kind: toggle }
                fields:
                  - { name: CMDQ_ERR, bits: 0, access: RW }
                  - { name: EVTQ_ABT_ERR, bits: 2, access: RW }
            """);
        Only(result, "SMMUGEN019", Warning, 17, 9, "register GERRORN: field EVTQ_ABT_ERR (bits 2) has no counterpart in GERROR");
        Assert.False(result.HasErrors);
    }

    // ---- SMMUGEN020: impdef reset -------------------------------------------------------------

    [Fact]
    public void ImpdefResetNamingAMissingField_ReportsSmmugen020_AtTheReset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: GBPA
                offset: 0x44
                width: 32
                reset: { value: 0x0, impdef: [ABORT] }
                fields:
                  - { name: UPDATE, bits: 31, access: RW, self-clear: true }
            """,
            "SMMUGEN020", Error, 7, 12, "register GBPA: reset names IMPLEMENTATION DEFINED field ABORT, which the register does not have");
    }

    [Fact]
    public void AllowedResetDifferingOutsideImpdefFields_ReportsSmmugen020_AtTheReset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: GBPA
                offset: 0x44
                width: 32
                reset: { value: 0x0, impdef: [ABORT], allowed: [0x0, 0x100000, 0x80000000] }
                fields:
                  - { name: ABORT, bits: 20, access: RW }
                  - { name: UPDATE, bits: 31, access: RW, self-clear: true }
            """,
            "SMMUGEN020", Error, 7, 12, "register GBPA: allowed reset value 0x80000000 differs from the default 0x0 outside the IMPLEMENTATION DEFINED and UNKNOWN fields (mask 0x100000)");
    }

    [Fact]
    public void ResetMappingWithoutItsValue_ReportsSmmugen003_AtTheResetMapping()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: GBPA
                offset: 0x44
                width: 32
                reset: { impdef: [ABORT] }
            """,
            "SMMUGEN003", Error, 7, 12, "register GBPA reset: missing required key 'value'");
    }

    [Fact]
    public void TwoFieldsBecomingOneCSharpProperty_ReportSmmugen004_AtTheSecondField()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: CTRL
                offset: 0x0
                width: 32
                reset: 0x0
                fields:
                  - { name: EVENTQ_EN, bits: 0, access: RW }
                  - { name: Eventq_En, bits: 1, access: RW }
            """,
            "SMMUGEN004", Error, 10, 9, "register CTRL: fields EVENTQ_EN and Eventq_En both become the C# property EventqEn; set csharp-name on one of them");
    }

    [Fact]
    public void PrefixedEnumValues_AreNamedAfterThePrefixIsStripped_SoASentinelDoesNotClash()
    {
        // __WIDGET_KIND_MAX and WIDGET_KIND_MAX would clash as plain PascalCase names, but not
        // once the prefix is stripped: the C enum rule decides, not the register-enum rule.
        var result = SpecAssert.Compile(
            """
            name: T
            namespace: T.Ns
            enums:
              - name: widget_kind
                prefix: WIDGET_KIND_
                values: { WIDGET_KIND_A: 0, WIDGET_KIND_MAX: 1, __WIDGET_KIND_MAX: 2 }
            """);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SMMUGEN004");
    }

    [Fact]
    public void RegisterAndEnumBecomingOneCSharpType_ReportSmmugen004()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - { name: MODE, values: { A: 0 } }
            registers:
              - { name: MODE, offset: 0x0, width: 32, reset: 0x0 }
            """,
            "SMMUGEN004", Error, 4, 5, "enum MODE becomes the C# type Mode, which register MODE already is");
    }

    [Fact]
    public void EnumValuesBecomingOneCSharpMember_ReportSmmugen004_AtTheSecondValue()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - { name: Oas, values: { BITS_48: 5, Bits48: 6 } }
            """,
            "SMMUGEN004", Error, 4, 40, "enum Oas: values BITS_48 and Bits48 both become the C# member Bits48");
    }

    // ---- Records ---------------------------------------------------------------------------

    [Fact]
    public void WordFormWithBitsBeyondTheWord_ReportsSmmugen021_AtTheBits()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: STE
                size: 64
                fields:
                  - { name: S2VMID, word: 2, bits: "79:64" }
            """,
            "SMMUGEN021", Error, 7, 40, "field STE.S2VMID: with 'word', bits count inside one 64-bit word (0-63), but bits 79:64 reach bit 79");
    }

    [Fact]
    public void WordPastTheRecord_ReportsSmmugen021_AtTheWord()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: CMD
                size: 16
                fields:
                  - { name: ADDR, word: 2, bits: "63:12" }
            """,
            "SMMUGEN021", Error, 7, 29, "field CMD.ADDR: word 2 is past the end of record CMD, which has 2 64-bit words (0-1)");
    }

    [Fact]
    public void WordFormAndAbsoluteFormOfOneField_GiveTheSameBits()
    {
        var result = SpecAssert.Compile(
            """
            name: T
            namespace: T.Ns
            records:
              - name: STE
                size: 64
                fields:
                  - { name: A, word: 3, bits: "51:4" }
                  - { name: B, bits: "115:64" }
            """);
        Assert.Empty(result.Diagnostics);
        var fields = result.Document!.Records.Single().Fields;
        Assert.Equal(new Model.BitRange(243, 196), fields[0].Bits);
        Assert.Equal(Model.FieldAccess.RW, fields[0].Access);
    }

    [Fact]
    public void RecordFieldBeyondTheRecordSize_ReportsSmmugen006()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: L1STD
                size: 8
                fields:
                  - { name: L2Ptr, bits: "70:10" }
            """,
            "SMMUGEN006", Error, 7, 30, "field L1STD.L2Ptr: bits 70:10 lie beyond the record's 64-bit width");
    }

    [Fact]
    public void FieldsOverlappingAcrossWords_ReportSmmugen005()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: CD
                size: 64
                fields:
                  - { name: WIDE, bits: "95:40" }
                  - { name: TTB0, word: 1, bits: "51:4" }
            """,
            "SMMUGEN005", Error, 8, 38, "record CD: field TTB0 (bits 115:68) overlaps field WIDE (bits 95:40)");
    }

    [Fact]
    public void AddressFieldAcrossAWordBoundary_ReportsSmmugen022()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: EVT
                size: 32
                fields:
                  - { name: ADDR, bits: "75:60", address: true }
            """,
            "SMMUGEN022", Error, 7, 29, "field EVT.ADDR: address bits 75:60 cross from word 0 into word 1");
    }

    [Fact]
    public void FieldWiderThan64Bits_ReportsSmmugen022()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: EVT
                size: 32
                fields:
                  - { name: BLOB, bits: "127:0" }
            """,
            "SMMUGEN022", Error, 7, 29, "field EVT.BLOB: bits 127:0 are 128 bits wide; a field holds at most 64 bits");
    }

    [Fact]
    public void TwoVariantsWithOneDiscriminatorValue_ReportSmmugen023_AtTheSecondValue()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: CMD
                size: 16
                discriminator: OPCODE
                fields:
                  - { name: OPCODE, bits: "7:0" }
                variants:
                  - { name: CMD_CFGI_STE, value: 0x03 }
                  - { name: CMD_CFGI_ALL, value: 0x03 }
            """,
            "SMMUGEN023", Error, 11, 38, "record CMD: variants CMD_CFGI_STE and CMD_CFGI_ALL both have OPCODE = 0x3");
    }

    [Fact]
    public void VariantValueTooWideForTheDiscriminator_ReportsSmmugen023()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: EVT
                size: 32
                discriminator: EVENT_ID
                fields:
                  - { name: EVENT_ID, bits: "7:0" }
                variants:
                  - { name: F_BIG, value: 0x100 }
            """,
            "SMMUGEN023", Error, 10, 31, "record EVT: variant F_BIG value 0x100 does not fit discriminator EVENT_ID (bits 7:0, maximum 0xff)");
    }

    [Fact]
    public void DiscriminatorThatIsNotASharedField_ReportsSmmugen023_AtTheDiscriminator()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: EVT
                size: 32
                discriminator: ID
                fields:
                  - { name: EVENT_ID, bits: "7:0" }
            """,
            "SMMUGEN023", Error, 6, 20, "record EVT: discriminator 'ID' is not one of the record's shared fields");
    }

    [Fact]
    public void VariantsWithoutADiscriminator_ReportSmmugen023()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: EVT
                size: 32
                variants:
                  - { name: F_UUT, value: 1 }
            """,
            "SMMUGEN023", Error, 4, 5, "record EVT has variants but no 'discriminator'");
    }

    [Fact]
    public void VariantFieldOverlappingASharedField_ReportsSmmugen005_OnceForTheVariant()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: CMD
                size: 16
                discriminator: OPCODE
                fields:
                  - { name: OPCODE, bits: "7:0" }
                variants:
                  - name: CMD_SYNC
                    value: 0x46
                    fields:
                      - { name: CS, bits: "7:6" }
            """,
            "SMMUGEN005", Error, 13, 31, "record CMD_SYNC: field CS (bits 7:6) overlaps field OPCODE (bits 7:0)");
    }

    [Fact]
    public void ProfileNamingAMissingField_ReportsSmmugen029_WithASuggestion()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - name: STE
                size: 64
                fields:
                  - { name: Config, bits: "3:1" }
                profiles:
                  - { name: NESTED, fields: [Config, Confg] }
            """,
            "SMMUGEN029", Error, 9, 9, "record STE: profile NESTED names field Confg, which it does not have; did you mean 'Config'?");
    }

    [Fact]
    public void RecordSizeNotAMultipleOf8_ReportsSmmugen014()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - { name: PRI, size: 12 }
            """,
            "SMMUGEN014", Error, 4, 24, "record PRI: size 12 must be a multiple of 8 bytes between 8 and 512");
    }

    [Fact]
    public void UnknownResetNamingAMissingField_ReportsSmmugen020_AtTheReset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: PRIQ_PROD
                offset: 0xC8
                width: 32
                reset: { value: 0x0, unknown: [RD] }
                fields:
                  - { name: WR, bits: "19:0", access: RW }
            """,
            "SMMUGEN020", Error, 7, 12, "register PRIQ_PROD: reset names UNKNOWN field RD, which the register does not have");
    }

    [Fact]
    public void FieldBothImpdefAndUnknown_ReportsSmmugen020_AtTheReset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: GBPA
                offset: 0x44
                width: 32
                reset: { value: 0x0, impdef: [ABORT], unknown: [ABORT] }
                fields:
                  - { name: ABORT, bits: 20, access: RW }
            """,
            "SMMUGEN020", Error, 7, 12, "register GBPA: reset names field ABORT both IMPLEMENTATION DEFINED and UNKNOWN");
    }

    // ---- C structs, constants and ioctls --------------------------------------------------------

    [Fact]
    public void ImplicitPaddingHole_ReportsSmmugen024_NamingOffsetAndSize()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_range
                members:
                  - { name: kind, type: __u32 }
                  - { name: start, type: __aligned_u64 }
            """,
            "SMMUGEN024", Warning, 7, 9, "struct iommu_range: 4-byte implicit padding hole at offset 4, between kind (ends at 4) and start (at 8)");
    }

    [Fact]
    public void TailPadding_ReportsSmmugen024_AtTheStruct_NamingTheLastMember()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: tail
                members:
                  - { name: addr, type: __aligned_u64 }
                  - { name: len, type: __u32 }
            """,
            "SMMUGEN024", Warning, 4, 5, "struct tail: 4-byte implicit padding hole at offset 12, at the end, after len (ends at 12)");
    }

    [Fact]
    public void PaddingAtTheEndOfAnAnonymousUnion_ReportsSmmugen024_InsideTheUnion()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: u
                members:
                  - union:
                      - { name: bytes, type: __u8, count: 5 }
                      - { name: word, type: __u32 }
            """,
            "SMMUGEN024", Warning, 6, 9, "struct u: 3-byte implicit padding hole at offset 5 inside an anonymous union, at the end of an anonymous union");
    }

    [Fact]
    public void PaddingHoleWaivedOnTheStruct_IsClean()
    {
        Clean(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_range
                waivers:
                  - { id: SMMUGEN024, reason: The hole is part of this made-up ABI. }
                members:
                  - { name: kind, type: __u32 }
                  - { name: start, type: __aligned_u64 }
            """);
    }

    [Fact]
    public void StatedSizeDifferingFromTheLayout_ReportsSmmugen025_NamingBothValues()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_destroy
                size: 12
                members:
                  - { name: size, type: __u32 }
                  - { name: id, type: __u32 }
            """,
            "SMMUGEN025", Error, 5, 11, "struct iommu_destroy: the spec states size 12, but the C layout gives sizeof 8");
    }

    [Fact]
    public void StatedAlignDifferingFromTheLayout_ReportsSmmugen025_AtTheAlign()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_destroy
                align: 8
                members:
                  - { name: size, type: __u32 }
                  - { name: id, type: __u32 }
            """,
            "SMMUGEN025", Error, 5, 12, "struct iommu_destroy: the spec states align 8, but the C layout gives alignof 4");
    }

    [Fact]
    public void StatedOffsetDifferingFromTheLayout_ReportsSmmugen025_AtTheOffset()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_ioas_unmap
                members:
                  - { name: size, type: __u32, offset: 0 }
                  - { name: ioas_id, type: __u32, offset: 4 }
                  - { name: iova, type: __aligned_u64, offset: 12 }
            """,
            "SMMUGEN025", Error, 8, 52, "struct iommu_ioas_unmap: member iova is stated at offset 12, but the C layout places it at offset 8");
    }

    [Fact]
    public void StatedOffsetInsideANamedUnion_CountsFromTheOutermostStruct()
    {
        Clean(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: outer
                size: 16
                members:
                  - { name: kind, type: __u32, offset: 0 }
                  - { name: pad, type: __u32, offset: 4 }
                  - name: u
                    offset: 8
                    union:
                      - { name: a, type: __u32, offset: 8 }
                      - { name: b, type: __aligned_u64, offset: 8 }
            """);
    }

    [Fact]
    public void UnknownCType_ReportsSmmugen026_SuggestingTheNearestKnownType()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: id, type: u32 }
            """,
            "SMMUGEN026", Error, 6, 27, "'u32' is not a C type the spec language knows", "did you mean '__u32'?");
    }

    [Fact]
    public void UndefinedStructType_ReportsSmmugen026_SuggestingTheNearestStruct()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_iova_range
                members:
                  - { name: start, type: __aligned_u64 }
              - name: ranges
                members:
                  - { name: r, type: struct iommu_iova_rang, count: 2 }
            """,
            "SMMUGEN026", Error, 9, 26, "'struct iommu_iova_rang' is not a struct this file defines; did you mean 'struct iommu_iova_range'?");
    }

    [Fact]
    public void StructsContainingEachOther_ReportSmmugen026_NamingTheCycle()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: a
                members:
                  - { name: b, type: struct b }
              - name: b
                members:
                  - { name: a, type: struct a }
            """,
            "SMMUGEN026", Error, 9, 26, "struct a contains itself (a → b → a)");
    }

    [Fact]
    public void IoctlNamingAMissingStruct_ReportsSmmugen027_WithASuggestion()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_destroy
                members:
                  - { name: size, type: __u32 }
            ioctls:
              - { name: IOMMU_DESTROY, type: ";", number: 0x80, struct: iommu_destroi }
            """,
            "SMMUGEN027", Error, 8, 61, "ioctl IOMMU_DESTROY: struct iommu_destroi is not defined in this file; did you mean 'iommu_destroy'?");
    }

    [Fact]
    public void IoctlMinSizeMemberThatIsNoMember_ReportsSmmugen027_AtTheMember()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_destroy
                size-prefixed: true
                members:
                  - { name: size, type: __u32 }
                  - { name: id, type: __u32 }
            ioctls:
              - name: IOMMU_DESTROY
                type: ";"
                number: 0x80
                struct: iommu_destroy
                min-size-member: ids
            """,
            "SMMUGEN027", Error, 14, 22, "ioctl IOMMU_DESTROY: min-size-member ids is not a member of struct iommu_destroy; did you mean 'id'?");
    }

    [Fact]
    public void ReadIoctlWithoutAStruct_ReportsSmmugen027_AtTheIoctl()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            ioctls:
              - { name: GET, type: 0x3b, number: 1, direction: read }
            """,
            "SMMUGEN027", Error, 4, 5, "ioctl GET has direction read but names no struct");
    }

    [Fact]
    public void RecordLinkOnA32BitArray_ReportsSmmugen028_AtTheRecord()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_hwpt_arm_smmuv3
                members:
                  - { name: ste, type: __u32, count: 4, record: STE }
            """,
            "SMMUGEN028", Error, 6, 53, "member iommu_hwpt_arm_smmuv3.ste links record STE, but is __u32[4]; a record link needs an array of 64-bit words");
    }

    [Fact]
    public void RecordLinkOnAPlainWord_ReportsSmmugen028()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: ste, type: __aligned_le64, record: STE }
            """,
            "SMMUGEN028", Error, 6, 52, "member s.ste links record STE, but is __aligned_le64 (not an array)");
    }

    [Fact]
    public void RecordLinkLongerThanARecordOfTheSameFile_ReportsSmmugen028_NamingBothSizes()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            records:
              - { name: CMD, size: 16 }
            structs:
              - name: inv
                members:
                  - { name: cmd, type: __aligned_le64, count: 3, record: CMD }
            """,
            "SMMUGEN028", Error, 8, 62, "member inv.cmd holds 3 words (24 bytes), but record CMD is 16 bytes (2 words)");
    }

    [Fact]
    public void RecordLinkToARecordOfAnotherFile_IsLeftToTheGenerator()
    {
        Clean(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: iommu_hwpt_arm_smmuv3
                members:
                  - { name: ste, type: __aligned_le64, count: 2, record: STE }
            """);
    }

    [Fact]
    public void SizePrefixedStructNotStartingWithU32Size_ReportsSmmugen014_AtTheFirstMember()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                size-prefixed: true
                members:
                  - { name: len, type: __u32 }
            """,
            "SMMUGEN014", Error, 7, 9, "struct s is size-prefixed, so its first member must be __u32 size, not __u32 len");
    }

    [Fact]
    public void MinSizeMemberOfAStructThatIsNotSizePrefixed_ReportsSmmugen014()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: size, type: __u32 }
                  - { name: id, type: __u32 }
            ioctls:
              - { name: S, type: ";", number: 1, struct: s, min-size-member: id }
            """,
            "SMMUGEN014", Error, 9, 66, "ioctl S: min-size-member needs a size-prefixed struct, and struct s is not");
    }

    [Fact]
    public void MinSizeMemberInsideTheSizePrefix_ReportsSmmugen014()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                size-prefixed: true
                members:
                  - { name: size, type: __u32 }
                  - { name: id, type: __u32 }
            ioctls:
              - { name: S, type: ";", number: 1, struct: s, min-size-member: size }
            """,
            "SMMUGEN014", Error, 10, 66, "ioctl S: min-size-member size ends at byte 4, inside the size prefix");
    }

    [Fact]
    public void StructTooLargeForTheIoctlSizeField_ReportsSmmugen014_AtTheStruct()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: big
                members:
                  - { name: data, type: __u8, count: 16384 }
            ioctls:
              - { name: GET_BIG, type: 0x3b, number: 1, direction: read, struct: big }
            """,
            "SMMUGEN014", Error, 8, 70, "ioctl GET_BIG: struct big is 16384 bytes, more than the 16383 an ioctl number's 14-bit size field holds");
    }

    [Fact]
    public void IoctlTypeThatIsNoNumberConstantOrCharacter_ReportsSmmugen014_WithDidYouMean()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            constants:
              - { name: IOMMUFD_TYPE, value: 0x3b }
            ioctls:
              - { name: IOMMU_DESTROY, type: IOMMUFD_TYPO, number: 0x80 }
            """,
            "SMMUGEN014", Error, 6, 34, "ioctl IOMMU_DESTROY: type 'IOMMUFD_TYPO' is not a number, a constant of this file or a one-character string", "did you mean 'IOMMUFD_TYPE'?");
    }

    [Fact]
    public void IoctlNumberAboveAByte_ReportsSmmugen014_AtTheNumber()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            ioctls:
              - { name: X, type: 0x3b, number: 0x100 }
            """,
            "SMMUGEN014", Error, 4, 36, "ioctl X: number 0x100 does not fit the 8-bit nr field");
    }

    [Fact]
    public void UnknownIoctlDirection_ReportsSmmugen014_WithDidYouMean()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            ioctls:
              - { name: X, type: 0x3b, number: 1, direction: raed }
            """,
            "SMMUGEN014", Error, 4, 50, "ioctl X: direction 'raed' is not one of none, write, read, readwrite; did you mean 'read'?");
    }

    [Fact]
    public void MemberWithTypeAndUnion_ReportsSmmugen014_AtTheUnion()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - name: m
                    type: __u32
                    union:
                      - { name: a, type: __u32 }
            """,
            "SMMUGEN014", Error, 9, 11, "member s.m: 'type' and 'union' exclude each other");
    }

    [Fact]
    public void MemberWithEnumAndFlags_ReportsSmmugen014_AtTheFlags()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - { name: e, values: { A: 1 } }
            structs:
              - name: s
                members:
                  - { name: m, type: __u32, enum: e, flags: e }
            """,
            "SMMUGEN014", Error, 8, 49, "member s.m: 'enum' and 'flags' exclude each other");
    }

    [Fact]
    public void ArrayCountZero_ReportsSmmugen014_AtTheCount()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: data, type: __u8, count: 0 }
            """,
            "SMMUGEN014", Error, 6, 42, "member s.data: count 0 must be between 1 and");
    }

    [Fact]
    public void EmptyUnion_ReportsSmmugen014_AtTheList()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: u, union: [] }
            """,
            "SMMUGEN014", Error, 6, 27, "member s.u: 'union' is empty; a C struct or union needs at least one member");
    }

    [Fact]
    public void MemberWithoutTypeUnionOrStruct_ReportsSmmugen003_AtTheMember()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: id, offset: 0 }
            """,
            "SMMUGEN003", Error, 6, 9, "member s.id: missing required key 'type', 'union' or 'struct'");
    }

    [Fact]
    public void ScalarMemberWithoutName_ReportsSmmugen003_AtTheMember()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { type: __u32 }
            """,
            "SMMUGEN003", Error, 6, 9, "struct s member: missing required key 'name'; only an inline union or struct may be anonymous");
    }

    [Fact]
    public void StructWithoutMembers_ReportsSmmugen003_AtTheStruct()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - { name: s, size: 8 }
            """,
            "SMMUGEN003", Error, 4, 5, "struct s: missing required key 'members'");
    }

    [Fact]
    public void MisspeltMemberKey_ReportsSmmugen002_WithDidYouMean()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: id, type: __u32, ofset: 0 }
            """,
            "SMMUGEN002", Error, 6, 34, "member s.id: unknown key 'ofset'; did you mean 'offset'?");
    }

    [Fact]
    public void DuplicateMemberThroughAnAnonymousUnion_ReportsSmmugen004()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: id, type: __u32 }
                  - union:
                      - { name: id, type: __u32 }
                      - { name: other, type: __u32 }
            """,
            "SMMUGEN004", Error, 8, 13, "struct s: member id is defined more than once");
    }

    [Fact]
    public void DuplicateStructAndIoctlNames_ReportSmmugen004()
    {
        var result = Compile(
            """
            name: T
            namespace: T.Ns
            constants:
              - { name: X, value: 1 }
            structs:
              - { name: s, members: [ { name: a, type: __u32 } ] }
              - { name: s, members: [ { name: a, type: __u32 } ] }
            ioctls:
              - { name: X, type: 1, number: 1 }
            """);
        Assert.Equal(2, result.Diagnostics.Count);
        Is(result.Diagnostics[0], "SMMUGEN004", Error, 7, 5, "struct s is defined more than once");
        Is(result.Diagnostics[1], "SMMUGEN004", Error, 9, 5, "ioctl X is defined more than once (also as a constant)");
    }

    [Fact]
    public void MembersBecomingOneCSharpField_ReportSmmugen004_AtTheSecond()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - name: s
                members:
                  - { name: reserved, type: __u32 }
                  - { name: __reserved, type: __u32 }
            """,
            "SMMUGEN004", Error, 7, 9, "struct s: members reserved and __reserved both become the C# field Reserved");
    }

    [Fact]
    public void CEnumValuesBecomingOneMemberOnceThePrefixIsStripped_ReportSmmugen004()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - name: iommu_type
                prefix: IOMMU_TYPE_
                values: { IOMMU_TYPE_NONE: 0, NONE: 1 }
            """,
            "SMMUGEN004", Error, 6, 35, "enum iommu_type: values IOMMU_TYPE_NONE and NONE both become the C# member None once the prefix IOMMU_TYPE_ is stripped");
    }

    [Fact]
    public void MemberFlagsNamingAnUndefinedEnum_ReportsSmmugen017_WithDidYouMean()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - { name: iommufd_ioas_map_flags, flags: true, values: { IOMMU_IOAS_MAP_FIXED_IOVA: 1 } }
            structs:
              - name: s
                members:
                  - { name: flags, type: __u32, flags: iommufd_ioas_map_flag }
            """,
            "SMMUGEN017", Error, 8, 44, "member s.flags: flags 'iommufd_ioas_map_flag' is not defined; did you mean 'iommufd_ioas_map_flags'?");
    }

    [Fact]
    public void EnumValueTooWideForAU8Member_ReportsSmmugen010_AtTheEnum()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            enums:
              - { name: e, values: { SMALL: 1, LARGE: 0x100 } }
            structs:
              - name: s
                members:
                  - { name: kind, type: __u8, enum: e }
            """,
            "SMMUGEN010", Error, 8, 41, "member s.kind (__u8, 8 bits): enum e value LARGE = 0x100 does not fit (maximum 0xff)");
    }

    [Fact]
    public void StructNameThatIsNotAnIdentifier_ReportsSmmugen018_AtTheStruct()
    {
        Only(
            """
            name: T
            namespace: T.Ns
            structs:
              - { name: iommu-destroy, members: [ { name: size, type: __u32 } ] }
            """,
            "SMMUGEN018", Error, 4, 5, "struct name 'iommu-destroy' is not an identifier");
    }

    [Fact]
    public void StructsConstantsAndIoctls_LoadIntoTheModel()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            constants:
              - { name: IOMMUFD_TYPE, value: 0x3b, doc: The type byte. }
            enums:
              - { name: kinds, prefix: KIND_, values: { KIND_A: 0, KIND_B: 1 } }
            structs:
              - name: iommu_iova_range
                members:
                  - { name: start, type: __aligned_u64 }
                  - { name: last, type: __aligned_u64 }
              - name: iommu_thing
                size-prefixed: true
                size: 48
                align: 8
                members:
                  - { name: size, type: __u32, offset: 0 }
                  - { name: kind, type: __u32, enum: kinds, since: "6.13" }
                  - { name: ranges, type: struct iommu_iova_range, count: 2 }
                  - union:
                      - { name: a, type: __u32 }
                      - { name: b, type: __u32, reserved: true }
                  - { name: __reserved, type: __u32, reserved: true }
            ioctls:
              - { name: A, type: IOMMUFD_TYPE, number: 0x80, struct: iommu_thing, min-size-member: kind }
              - { name: B, type: ";", number: 0x81, direction: readwrite, struct: iommu_iova_range }
              - { name: C, type: 7, number: 0x82, direction: none }
            """);
        Assert.Equal(new Model.ConstantSpec("IOMMUFD_TYPE", 0x3b, "The type byte.", null, doc.Constants[0].Span), doc.Constants[0]);
        var s = doc.Structs[1];
        Assert.Equal(("iommu_thing", (ulong?)48, (ulong?)8, true), (s.Name, s.Size, s.Align, s.SizePrefixed));
        Assert.Equal(Model.MemberKind.Scalar, s.Members[1].Kind);
        Assert.Equal(("kinds", false, "6.13"), (s.Members[1].EnumName, s.Members[1].IsFlags, s.Members[1].Since));
        Assert.Equal((Model.MemberKind.Struct, "iommu_iova_range", (int?)2), (s.Members[2].Kind, s.Members[2].StructTag, s.Members[2].Count));
        Assert.Equal((Model.MemberKind.Union, (string?)null, 2), (s.Members[3].Kind, s.Members[3].Name, s.Members[3].Members.Count));
        Assert.True(s.Members[3].Members[1].Reserved);
        Assert.Equal((ulong?)0, s.Members[0].Offset);
        Assert.Equal(
            new[] { ("A", 0x3bUL, 0x80UL, Model.IoctlDirection.None, "iommu_thing", "kind"), ("B", 0x3bUL, 0x81UL, Model.IoctlDirection.ReadWrite, "iommu_iova_range", (string?)null), ("C", 7UL, 0x82UL, Model.IoctlDirection.None, null, null) },
            doc.Ioctls.Select(i => (i.Name, i.Type, i.Number, i.Direction, i.StructName, i.MinSizeMember)).ToArray());
    }

    // ---- Every id is covered ------------------------------------------------------------------

    [Fact]
    public void EveryRuleExceptTheInternalError_HasATestHere()
    {
        var source = typeof(DiagnosticTests).GetMethods()
            .Where(m => m.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0)
            .Select(m => m.Name)
            .ToList();
        foreach (var rule in SpecRules.All.Where(r => r != SpecRules.InternalError))
        {
            var number = rule.Id.Substring("SMMUGEN".Length);
            Assert.True(source.Any(n => n.Contains("Smmugen" + number, StringComparison.Ordinal)), $"no test is named after {rule.Id}");
        }
    }
}
