using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec;

/// <summary>
/// A compiled spec file: the model (null when the file could not be read at all) and every
/// diagnostic, waivers applied, in file order.
/// </summary>
public sealed record SpecResult(SpecDocument? Document, EquatableArray<SpecDiagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error; then no code is generated from the file.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == SpecSeverity.Error);
}
