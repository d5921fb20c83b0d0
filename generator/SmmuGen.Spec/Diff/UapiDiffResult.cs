using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Diff;

/// <summary>Every change from an old uAPI to a new one, grouped by scope in a stable order.</summary>
public sealed record UapiDiffResult(EquatableArray<UapiChange> Changes)
{
    /// <summary>Changes with <paramref name="verdict"/>.</summary>
    public int Count(UapiVerdict verdict) => Changes.Count(c => c.Verdict == verdict);

    /// <summary>True when anything differs.</summary>
    public bool HasChanges => Changes.Count > 0;

    /// <summary>True when a change breaks existing user space.</summary>
    public bool HasBreakingChanges => Changes.Any(c => c.Verdict == UapiVerdict.Breaking);

    /// <summary>The worst verdict, or null without changes.</summary>
    public UapiVerdict? Worst => Changes.Count == 0 ? null : Changes.Max(c => c.Verdict);
}
