using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmmuGen.Generator.Model;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// The pipeline caches as designed: tracked step reasons show what ran again after each kind
/// of edit.
/// </summary>
public sealed class IncrementalTests
{
    private const string SpecA = """
        name: Alpha
        namespace: Test.Alpha
        registers:
          - name: CTRL
            offset: 0x0
            width: 32
            reset: 0x0
            fields:
              - { name: EN, bits: 0, access: RW }
        """;

    private const string SpecB = """
        name: Beta
        namespace: Test.Beta
        registers:
          - name: STATUS
            offset: 0x4
            width: 32
            reset: 0x0
            fields:
              - { name: BUSY, bits: 0, access: RO }
        """;

    [Fact]
    public void UnchangedRerun_IsCachedAtEveryStep()
    {
        var run = new GeneratorRun(("a.yaml", SpecA), ("b.yaml", SpecB));
        run.Run();
        var second = run.Run().Results.Single();

        foreach (var step in new[] { StepNames.SpecFiles, StepNames.Parse, StepNames.Model, StepNames.Diagnostics, StepNames.EmitInput })
        {
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EditingOneFile_RegeneratesOnlyThatFilesOutput()
    {
        var run = new GeneratorRun(("a.yaml", SpecA), ("b.yaml", SpecB));
        run.Run();
        run.Replace("b.yaml", SpecB.Replace("access: RO", "access: RW"));
        var result = run.Run().Results.Single();

        var models = ModelReasons(result);
        Assert.Equal(IncrementalStepRunReason.Modified, models["Beta"]);
        Assert.True(models["Alpha"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Alpha was {models["Alpha"]}");

        var sources = result.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("Test.Alpha.Ctrl.g.cs", sources);
        Assert.Contains("Test.Beta.Status.g.cs", sources);
        Assert.Contains("WritableMask = 0x1u", result.GeneratedSources.Single(s => s.HintName == "Test.Beta.Status.g.cs").SourceText.ToString());
        var emits = result.TrackedSteps[StepNames.EmitInput].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(emits, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(emits, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void CommentOnlyEdit_LeavesTheModelUnchanged_SoNothingIsReEmitted()
    {
        var run = new GeneratorRun(("a.yaml", SpecA));
        run.Run();
        run.Replace("a.yaml", "# a comment that moves every line down\n" + SpecA);
        var result = run.Run().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[StepNames.SpecFiles].Single().Outputs.Single().Reason);
        Assert.True(ModelReasons(result)["Alpha"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.NotEqual(IncrementalStepRunReason.Modified, o.Reason));
    }

    [Fact]
    public void MovingLinesOfASpecWithAWarning_UpdatesTheDiagnosticButNotTheSource()
    {
        var withWarning = SpecA + "\nwaivers:\n  - { id: SMMUGEN005, reason: nothing overlaps here }\n";
        var run = new GeneratorRun(("a.yaml", withWarning));
        var first = run.Run();
        Assert.Equal(11, first.Diagnostics.Single().Location.GetLineSpan().StartLinePosition.Line + 1);

        run.Replace("a.yaml", "\n\n" + withWarning);
        var second = run.Run();
        var result = second.Results.Single();

        Assert.Equal(13, second.Diagnostics.Single().Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[StepNames.Diagnostics].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, ModelReasons(result)["Alpha"]);
    }

    [Fact]
    public void AdditionalFilesNotDeclaredAsSpecs_AreIgnored()
    {
        var run = new GeneratorRun(new[] { ("a.yaml", SpecA) }, new[] { ("other.yaml", "this: [is not, a spec"), ("notes.txt", "hello") });
        var result = run.Run();
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Results.Single().GeneratedSources, s => Assert.StartsWith("Test.Alpha.", s.HintName));
    }

    private static Dictionary<string, IncrementalStepRunReason> ModelReasons(GeneratorRunResult result) =>
        result.TrackedSteps[StepNames.Model]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Value is SpecGenerationSpec)
            .ToDictionary(o => ((SpecGenerationSpec)o.Value).Name, o => o.Reason);
}
