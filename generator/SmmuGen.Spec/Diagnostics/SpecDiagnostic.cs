namespace SmmuGen.Spec.Diagnostics;

/// <summary>One finding about a spec file, located at the YAML that caused it.</summary>
public sealed record SpecDiagnostic(string Id, SpecSeverity Severity, string Message, SourceSpan Span)
{
    /// <summary>Creates a diagnostic with the default severity of <paramref name="rule"/>.</summary>
    public static SpecDiagnostic Create(SpecRule rule, SourceSpan span, string message) =>
        new(rule.Id, rule.Severity, message, span);

    /// <summary>The compiler's format: <c>file(line,col): error ID: message</c>.</summary>
    public override string ToString() =>
        $"{Span.File}({Span.Line},{Span.Column}): {(Severity == SpecSeverity.Error ? "error" : "warning")} {Id}: {Message}";
}
