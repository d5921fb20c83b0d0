using System;
using System.IO;
using System.Linq;
using SmmuGen.Spec.Model;
using static SmmuGen.Spec.Tests.SpecAssert;

namespace SmmuGen.Spec.Tests;

/// <summary>Specs that must compile cleanly, and the model they must produce.</summary>
public sealed class ValidSpecTests
{
    /// <summary>The example of spec/README.md, verbatim (a test below keeps the two in step).</summary>
    internal const string ReadmeExample =
        """
        # yaml-language-server: $schema=../smmugen.schema.json
        name: Demo                      # names the generated register map: DemoRegisterMap
        namespace: Demo.Device          # C# namespace of every generated type
        doc: A two-register demo device.
        page-size: 0x10000              # bytes per MMIO page (default 64 KiB)

        enums:
          - name: Shareability          # shared by several fields: `enum: Shareability`
            doc: Shareability of a memory access.
            values:
              NSH: 0
              OSH: { value: 2, doc: Outer Shareable. }
              ISH: 3

        registers:
          - name: CTRL
            offset: 0x20
            width: 32
            reset: 0x0
            doc: Global control.
            section: "6.3.9"
            fields:
              - { name: EN,  bits: 0,     access: RW, doc: Enables the device. }
              - { name: MODE, bits: "3:1", access: RW, enum: { OFF: 0, FAST: 1, SLOW: 2 } }
              - { name: SH,  bits: "5:4", access: RW, enum: Shareability, since: "3.1" }
          - name: CTRLACK
            offset: 0x24
            width: 32
            reset: 0x0
            ack: { of: CTRL, kind: mirror }
            fields:
              - { name: EN, bits: 0, access: RO }
          - name: BASE
            offset: 0x28
            width: 64
            reset: { value: 0x0, impdef: [RA] }
            fields:
              - { name: RA,   bits: 62,     access: RW }
              - { name: ADDR, bits: "51:6", access: RW, address: true, doc: Table base; 64-byte aligned. }
        """;

    [Fact]
    public void ReadmeExample_CompilesWithoutDiagnostics()
    {
        Clean(ReadmeExample);
    }

    [Fact]
    public void ReadmeExample_IsTheOneInSpecReadme()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec", "README.md")).Replace("\r\n", "\n");
        var heading = readme.IndexOf("## A complete small example", StringComparison.Ordinal);
        Assert.True(heading >= 0, "spec/README.md lost its example heading");
        var start = readme.IndexOf("```yaml\n", heading, StringComparison.Ordinal) + "```yaml\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        Assert.Equal(ReadmeExample.Replace("\r\n", "\n").TrimEnd(), readme.Substring(start, end - start).TrimEnd());
    }

    [Fact]
    public void ReadmeDiagnosticTable_ListsEveryRuleWithItsSeverity()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec", "README.md"));
        var rows = System.Text.RegularExpressions.Regex.Matches(readme, @"^\|\s*(SMMUGEN\d{3})\s*\|\s*(error|warning)\s*\|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value))
            .ToList();
        Assert.Equal(
            Diagnostics.SpecRules.All.Select(r => (r.Id, r.Severity == Diagnostics.SpecSeverity.Error ? "error" : "warning")),
            rows);
    }

    [Fact]
    public void ReadmeExample_ModelHasTheWrittenValues()
    {
        var doc = Clean(ReadmeExample);
        Assert.Equal(FileName, doc.File);
        Assert.Equal("Demo", doc.Name);
        Assert.Equal("Demo.Device", doc.Namespace);
        Assert.Equal("A two-register demo device.", doc.Doc);
        Assert.Equal(0x10000UL, doc.PageSize);
        Assert.Empty(doc.Waivers);

        // Shared enums first, then the inline ones, named REGISTER_FIELD.
        Assert.Equal(new[] { ("Shareability", false), ("CTRL_MODE", true) }, doc.Enums.Select(e => (e.Name, e.IsInline)));
        var sh = doc.Enums[0];
        Assert.Equal("Shareability of a memory access.", sh.Doc);
        Assert.Equal(new[] { ("NSH", 0UL, (string?)null), ("OSH", 2UL, "Outer Shareable."), ("ISH", 3UL, null) }, sh.Values.Select(v => (v.Name, v.Value, v.Doc)));
        Assert.Equal(new[] { ("OFF", 0UL), ("FAST", 1UL), ("SLOW", 2UL) }, doc.Enums[1].Values.Select(v => (v.Name, v.Value)));

        Assert.Equal(new[] { ("CTRL", 0x20UL, 32), ("CTRLACK", 0x24UL, 32), ("BASE", 0x28UL, 64) }, doc.Registers.Select(r => (r.Name, r.Offset, r.Width)));
        Assert.All(doc.Registers, r => Assert.Equal(0, r.Page));

        var ctrl = doc.Registers[0];
        Assert.Equal("Global control.", ctrl.Doc);
        Assert.Equal("6.3.9", ctrl.Section);
        Assert.Null(ctrl.Ack);
        Assert.Equal(new ResetSpec(0, false, EquatableArray<string>.Empty, EquatableArray<ulong>.Empty, ctrl.Reset.Span), ctrl.Reset);
        Assert.Equal(
            new[] { ("EN", new BitRange(0, 0), FieldAccess.RW, (string?)null), ("MODE", new BitRange(3, 1), FieldAccess.RW, "CTRL_MODE"), ("SH", new BitRange(5, 4), FieldAccess.RW, "Shareability") },
            ctrl.Fields.Select(f => (f.Name, f.Bits, f.Access, f.EnumName)));
        Assert.Equal("Enables the device.", ctrl.Fields[0].Doc);
        Assert.Equal("3.1", ctrl.Fields[2].Since);

        var ack = doc.Registers[1];
        Assert.Equal("CTRL", ack.Ack?.Of);
        Assert.Equal(AckKind.Mirror, ack.Ack?.Kind);
        Assert.Equal(FieldAccess.RO, Assert.Single(ack.Fields).Access);

        var baseReg = doc.Registers[2];
        Assert.False(baseReg.Reset.AllImpdef);
        Assert.Equal(0UL, baseReg.Reset.Value);
        Assert.Equal(new[] { "RA" }, baseReg.Reset.ImpdefFields);
        Assert.Empty(baseReg.Reset.Allowed);
        Assert.Equal(new BitRange(62, 62), baseReg.Fields[0].Bits);
        var addr = baseReg.Fields[1];
        Assert.Equal(new BitRange(51, 6), addr.Bits);
        Assert.True(addr.IsAddress);
        Assert.False(addr.SelfClearing);
        Assert.Equal(46, addr.Bits.Width);
        Assert.Equal("Table base; 64-byte aligned.", addr.Doc);
    }

    [Fact]
    public void ReadmeExample_SpansPointAtTheYaml()
    {
        var doc = Clean(ReadmeExample);
        var ctrl = doc.Registers[0];
        Assert.Equal((16, 5), (ctrl.Span.Line, ctrl.Span.Column));        // the mapping starts at "name", after "  - "
        Assert.Equal((17, 13), (ctrl.OffsetSpan.Line, ctrl.OffsetSpan.Column));
        Assert.Equal((19, 12), (ctrl.Reset.Span.Line, ctrl.Reset.Span.Column));
        Assert.Equal((24, 29), (ctrl.Fields[1].BitsSpan.Line, ctrl.Fields[1].BitsSpan.Column));
        Assert.Equal((24, 54), (ctrl.Fields[1].EnumSpan.Line, ctrl.Fields[1].EnumSpan.Column));
        Assert.Equal((30, 16), (doc.Registers[1].Ack!.Span.Line, doc.Registers[1].Ack!.Span.Column));
        Assert.Equal((12, 7), (doc.Enums[0].Values[1].Span.Line, doc.Enums[0].Values[1].Span.Column));
    }

    [Fact]
    public void ThreeResetForms_NumberImpdefAndMapping_AreModelled()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: IDR0
                offset: 0x0
                width: 32
                reset: impdef
                fields:
                  - { name: S1P, bits: 4, access: RO }
              - name: CR0
                offset: 0x20
                width: 32
                reset: 0b1_0000
                fields:
                  - { name: SMMUEN, bits: 0, access: RW }
                  - { name: CMDQEN, bits: 4, access: RW }
              - name: GBPA
                offset: 0x44
                width: 32
                reset: { value: 0x0, impdef: [ABORT], allowed: [0x0, 0x10_0000] }
                fields:
                  - { name: ABORT, bits: 20, access: RW }
                  - { name: UPDATE, bits: 31, access: RW, self-clear: true }
            """);
        var idr0 = doc.Registers[0].Reset;
        Assert.True(idr0.AllImpdef);
        Assert.Equal(0UL, idr0.Value);

        var cr0 = doc.Registers[1].Reset;
        Assert.False(cr0.AllImpdef);
        Assert.Equal(0x10UL, cr0.Value);
        Assert.Empty(cr0.ImpdefFields);

        var gbpa = doc.Registers[2];
        Assert.Equal(new[] { "ABORT" }, gbpa.Reset.ImpdefFields);
        Assert.Equal(new[] { 0UL, 0x100000UL }, gbpa.Reset.Allowed);
        Assert.True(gbpa.Fields[1].SelfClearing);
    }

    [Fact]
    public void ImpdefReset_MaySetBitsOfAnyField_WithoutSmmugen009()
    {
        // The whole value is IMPLEMENTATION DEFINED: there is no value to check against RES0/RES1.
        Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: IDR5, offset: 0x14, width: 32, reset: impdef }
            """);
    }

    [Fact]
    public void HexBinaryAndUnderscoredNumbers_AllParse()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            page-size: 0x1_0000
            registers:
              - { name: A, offset: 0b1000_0000, width: 32, reset: 0X0000_0001, fields: [ { name: EN, bits: 0, access: RW } ] }
              - { name: B, offset: 1_28, page: 0b1, width: 64, reset: "0x0", aliases: [ { page: 0x0, offset: 0x1_00 } ] }
            """);
        Assert.Equal(0x10000UL, doc.PageSize);
        Assert.Equal(0x80UL, doc.Registers[0].Offset);
        Assert.Equal(1UL, doc.Registers[0].Reset.Value);
        Assert.Equal(128UL, doc.Registers[1].Offset);
        Assert.Equal(1, doc.Registers[1].Page);
        var alias = Assert.Single(doc.Registers[1].Aliases);
        Assert.Equal((0, 0x100UL), (alias.Page, alias.Offset));
    }

    [Fact]
    public void BracketedQuotedBits_AreTheArchitectureNotation()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - name: STRTAB_BASE
                offset: 0x80
                width: 64
                reset: 0
                fields:
                  - { name: ADDR, bits: "[51:6]", access: RW, address: true }
                  - { name: RA, bits: "[62]", access: RW }
            """);
        Assert.Equal(new BitRange(51, 6), doc.Registers[0].Fields[0].Bits);
        Assert.Equal(new BitRange(62, 62), doc.Registers[0].Fields[1].Bits);
    }

    [Fact]
    public void InlineAndSharedEnums_AreKeptApart()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            enums:
              - name: Cacheability
                values: { NC: 0, WBRA: 1, WT: 2, WB: 3 }
            registers:
              - name: CR1
                offset: 0x28
                width: 32
                reset: 0
                fields:
                  - { name: QUEUE_IC, bits: "7:6", access: RW, enum: Cacheability }
                  - { name: QUEUE_SH, bits: "11:10", access: RW, enum: { NSH: 0, OSH: 2, ISH: 3 } }
            """);
        Assert.Equal(new[] { ("Cacheability", false), ("CR1_QUEUE_SH", true) }, doc.Enums.Select(e => (e.Name, e.IsInline)));
        Assert.Equal("Cacheability", doc.Registers[0].Fields[0].EnumName);
        Assert.Equal("CR1_QUEUE_SH", doc.Registers[0].Fields[1].EnumName);
    }

    [Fact]
    public void ToggleAck_IsModelled()
    {
        var doc = Clean(
            """
            name: T
            namespace: T.Ns
            registers:
              - { name: GERROR, offset: 0x60, width: 32, reset: 0, fields: [ { name: CMDQ_ERR, bits: 0, access: RO } ] }
              - name: GERRORN
                offset: 0x64
                width: 32
                reset: 0
                ack: { of: GERROR, kind: toggle }
                fields:
                  - { name: CMDQ_ERR, bits: 0, access: RW }
            """);
        Assert.Equal(new AckSpec("GERROR", AckKind.Toggle, doc.Registers[1].Ack!.Span), doc.Registers[1].Ack);
    }

    [Fact]
    public void CompilingTwice_GivesEqualResults()
    {
        // The generator caches on model equality: structural equality must hold across runs.
        Assert.Equal(Compile(ReadmeExample), Compile(ReadmeExample));
    }
}
