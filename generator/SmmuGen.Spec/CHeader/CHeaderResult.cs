using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A header, read: the model (null only when the reader itself failed), every diagnostic located
/// in the header, and the facts kept beside the model.
/// </summary>
public sealed record CHeaderResult(SpecDocument? Document, EquatableArray<SpecDiagnostic> Diagnostics, CHeaderFacts Facts)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == SpecSeverity.Error);

    /// <summary>The result as a spec compile result, for code that takes either.</summary>
    public SpecResult ToSpecResult() => new(Document, Diagnostics);
}
