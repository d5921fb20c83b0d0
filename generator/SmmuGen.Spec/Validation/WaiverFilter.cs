using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Validation;

/// <summary>
/// Removes the diagnostics a spec waives and reports waivers that waive nothing (SMMUGEN016),
/// so a waiver outlives the problem it excuses by one build at most.
/// </summary>
public static class WaiverFilter
{
    /// <summary>Applies <paramref name="waivers"/> to <paramref name="diagnostics"/>.</summary>
    public static List<SpecDiagnostic> Apply(IEnumerable<SpecDiagnostic> diagnostics, IReadOnlyList<Waiver> waivers)
    {
        var used = new HashSet<Waiver>();
        var kept = new List<SpecDiagnostic>();
        foreach (var d in diagnostics)
        {
            // The innermost waiver that covers the place answers for it, so an outer one stays visible as unused.
            var waiver = waivers
                .Where(w => w.Id == d.Id && w.Scope.File == d.Span.File && w.Scope.Contains(d.Span.Offset))
                .OrderBy(w => w.Scope.Length)
                .FirstOrDefault();
            if (waiver is null)
            {
                kept.Add(d);
            }
            else
            {
                used.Add(waiver);
            }
        }

        foreach (var w in waivers.Where(w => !used.Contains(w)))
        {
            kept.Add(SpecDiagnostic.Create(SpecRules.UnusedWaiver, w.Span, $"waiver of {w.Id} waives nothing here; remove it (reason given: \"{w.Reason}\")"));
        }

        return kept;
    }
}
