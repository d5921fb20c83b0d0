using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diff;

namespace SmmuGen.Cli.Rendering;

/// <summary>A diff to render: what was compared, and the changes grouped by scope in the engine's order.</summary>
internal sealed record DiffReport(string Old, string New, UapiDiffResult Result)
{
    /// <summary>Changes grouped by scope, groups in order of first appearance.</summary>
    public IReadOnlyList<IGrouping<string, UapiChange>> Groups => Result.Changes.GroupBy(c => c.Scope).ToList();

    /// <summary>"4 changes: 1 breaking, 1 needs review, 2 compatible", or "no changes".</summary>
    public string Summary => Result.Changes.Count == 0
        ? "no changes"
        : $"{Result.Changes.Count} change{(Result.Changes.Count == 1 ? string.Empty : "s")}: {Result.Count(UapiVerdict.Breaking)} breaking, {Result.Count(UapiVerdict.NeedsReview)} needs review, {Result.Count(UapiVerdict.Compatible)} compatible";

    /// <summary>The verdict as written in every format.</summary>
    public static string Word(UapiVerdict verdict) => verdict switch
    {
        UapiVerdict.Breaking => "breaking",
        UapiVerdict.NeedsReview => "needs review",
        _ => "compatible",
    };

    /// <summary>'+' added, '-' removed, '~' changed.</summary>
    public static char Sign(UapiChangeKind kind) => kind switch
    {
        UapiChangeKind.Added => '+',
        UapiChangeKind.Removed => '-',
        _ => '~',
    };

    /// <summary>Old and new state, briefly: <c>a → b</c>, or the one that exists.</summary>
    public static string? States(UapiChange c) => (c.Old, c.New) switch
    {
        (null, null) => null,
        (null, { } n) => n,
        ({ } o, null) => o,
        ({ } o, { } n) => $"{o} → {n}",
    };
}
