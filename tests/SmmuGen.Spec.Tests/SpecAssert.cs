using System;
using System.Linq;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Tests;

/// <summary>Compiles YAML written in a test and checks its diagnostics precisely.</summary>
internal static class SpecAssert
{
    public const string FileName = "test.yaml";

    public static SpecResult Compile(string yaml) => SpecCompiler.Compile(FileName, yaml);

    public static string Dump(SpecResult result) =>
        result.Diagnostics.Count == 0 ? "(no diagnostics)" : string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString()));

    /// <summary>Asserts that compiling <paramref name="yaml"/> yields exactly one diagnostic, as described.</summary>
    public static SpecDiagnostic Only(string yaml, string id, SpecSeverity severity, int line, int column, params string[] words) =>
        Only(Compile(yaml), id, severity, line, column, words);

    /// <summary>Asserts that <paramref name="result"/> holds exactly one diagnostic, as described.</summary>
    public static SpecDiagnostic Only(SpecResult result, string id, SpecSeverity severity, int line, int column, params string[] words)
    {
        Assert.True(result.Diagnostics.Count == 1, $"expected exactly one {id}, got:{Environment.NewLine}{Dump(result)}");
        return Is(result.Diagnostics[0], id, severity, line, column, words);
    }

    /// <summary>Asserts that <paramref name="result"/> holds exactly one diagnostic with <paramref name="id"/>, as described.</summary>
    public static SpecDiagnostic One(SpecResult result, string id, SpecSeverity severity, int line, int column, params string[] words)
    {
        var matching = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected exactly one {id}, got:{Environment.NewLine}{Dump(result)}");
        return Is(matching[0], id, severity, line, column, words);
    }

    public static SpecDiagnostic Is(SpecDiagnostic d, string id, SpecSeverity severity, int line, int column, params string[] words)
    {
        Assert.Equal(id, d.Id);
        Assert.Equal(severity, d.Severity);
        Assert.Equal(FileName, d.Span.File);
        Assert.True((line, column) == (d.Span.Line, d.Span.Column), $"expected {id} at ({line},{column}), got {d}");
        foreach (var word in words)
        {
            Assert.True(d.Message.Contains(word, StringComparison.Ordinal), $"expected the message to contain \"{word}\": {d}");
        }

        return d;
    }

    /// <summary>Asserts that <paramref name="yaml"/> compiles without any diagnostic and returns the model.</summary>
    public static Model.SpecDocument Clean(string yaml)
    {
        var result = Compile(yaml);
        Assert.True(result.Diagnostics.Count == 0, Dump(result));
        Assert.NotNull(result.Document);
        return result.Document!;
    }
}
