using System.Linq;
using Microsoft.CodeAnalysis;

namespace SmmuGen.Generator.Tests;

/// <summary>Spec problems reach the compiler as diagnostics located in the YAML, and never crash it.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void SpecError_IsACompilerErrorAtTheYamlLineAndColumn_AndNothingIsGenerated()
    {
        const string spec = """
            name: Bad
            namespace: Test.Bad
            registers:
              - name: CTRL
                offset: 0x0
                width: 32
                reset: 0x0
                fields:
                  - { name: EN, bits: "1:0", access: RW }
                  - { name: MODE, bits: "3:1", access: RW }
            """;
        var result = new GeneratorRun(("/specs/bad.yaml", spec)).Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SMMUGEN005", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/specs/bad.yaml", span.Path);
        Assert.Equal(10, span.StartLinePosition.Line + 1);
        Assert.Equal(29, span.StartLinePosition.Character + 1);
        Assert.Contains("field MODE (bits 3:1) overlaps field EN (bits 1:0)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Null(result.Results.Single().Exception);
    }

    [Fact]
    public void SpecWarning_IsReported_AndCodeIsStillGenerated()
    {
        const string spec = """
            name: Warn
            namespace: Test.Warn
            waivers:
              - { id: SMMUGEN011, reason: no overlap exists }
            registers:
              - { name: CTRL, offset: 0x0, width: 32, reset: 0x0 }
            """;
        var result = new GeneratorRun(("warn.yaml", spec)).Run();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SMMUGEN016", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Test.Warn.Ctrl.g.cs");
    }

    [Fact]
    public void YamlSyntaxError_IsLocated()
    {
        var result = new GeneratorRun(("broken.yaml", "name: X\nnamespace: [unclosed\n")).Run();
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SMMUGEN001", d.Id);
        Assert.Equal("broken.yaml", d.Location.GetLineSpan().Path);
        Assert.True(d.Location.GetLineSpan().StartLinePosition.Line >= 1);
    }

    [Fact]
    public void TwoSpecsDefiningOneType_GiveADuplicateNameDiagnosticOnTheLaterFile_NotACompilerCrash()
    {
        const string spec = """
            name: Same
            namespace: Test.Same
            registers:
              - { name: CTRL, offset: 0x0, width: 32, reset: 0x0 }
            """;
        var result = new GeneratorRun(("one.yaml", spec), ("two.yaml", spec)).Run();

        Assert.Null(result.Results.Single().Exception);
        Assert.Equal(2, result.Diagnostics.Length); // the register type and the register map
        Assert.All(result.Diagnostics, d => Assert.Equal(("SMMUGEN004", "two.yaml"), (d.Id, d.Location.GetLineSpan().Path)));
        Assert.Contains(result.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("type Test.Same.Ctrl is also generated from one.yaml", System.StringComparison.Ordinal));
        Assert.Single(result.Results.Single().GeneratedSources, s => s.HintName == "Test.Same.Ctrl.g.cs");
    }

    [Fact]
    public void EveryDiagnosticIdTheSpecLibraryHas_CanBeReportedByTheGenerator()
    {
        // The generator adds no ids of its own: its descriptors come from SmmuGen.Spec's table.
        var ids = SmmuGen.Spec.Diagnostics.SpecRules.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.All(ids, id => Assert.Matches("^SMMUGEN[0-9]{3}$", id));
    }
}
