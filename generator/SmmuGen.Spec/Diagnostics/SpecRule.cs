namespace SmmuGen.Spec.Diagnostics;

/// <summary>A kind of spec diagnostic: stable id, default severity and a one-line title.</summary>
public sealed record SpecRule(string Id, SpecSeverity Severity, string Title);
