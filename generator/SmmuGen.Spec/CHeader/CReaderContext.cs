using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>What one read of one header accumulates: its diagnostics and the facts kept beside the model.</summary>
internal sealed class CReaderContext
{
    /// <summary>Beyond this many diagnostics, more only repeat what garbage input already showed.</summary>
    private const int MaxDiagnostics = 200;

    public CReaderContext(string file, string text)
    {
        File = file;
        Text = text;
    }

    public string File { get; }

    public string Text { get; }

    public List<SpecDiagnostic> Diagnostics { get; } = new();

    public CHeaderFactsBuilder Facts { get; } = new();

    public int ErrorCount { get; private set; }

    public void Report(SpecRule rule, SourceSpan span, string message)
    {
        if (Diagnostics.Count == MaxDiagnostics)
        {
            Diagnostics.Add(SpecDiagnostic.Create(rule, span, $"too many diagnostics; stopped reporting after {MaxDiagnostics}"));
        }

        if (rule.Severity == SpecSeverity.Error)
        {
            ErrorCount++;
        }

        if (Diagnostics.Count < MaxDiagnostics)
        {
            Diagnostics.Add(SpecDiagnostic.Create(rule, span, message));
        }
    }

    /// <summary>A span at a 1-based line and column of this header.</summary>
    public SourceSpan Span(int offset, int length, int line, int column) => new(File, line, column, offset, length);
}
