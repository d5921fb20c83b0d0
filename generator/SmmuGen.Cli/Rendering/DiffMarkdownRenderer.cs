using System.IO;
using SmmuGen.Spec.Diff;

namespace SmmuGen.Cli.Rendering;

/// <summary>The diff for a pull request or a review: a heading, the summary and one table row per change.</summary>
internal static class DiffMarkdownRenderer
{
    public static void Render(DiffReport report, TextWriter output)
    {
        output.Write($"## smmugen diff: {Code(report.Old)} → {Code(report.New)}\n\n");
        if (report.Result.Changes.Count == 0)
        {
            output.Write("No changes.\n");
            return;
        }

        output.Write($"**{report.Summary}**\n\n");
        output.Write("| Verdict | Where | Change | Why |\n");
        output.Write("|---|---|---|---|\n");
        foreach (var c in report.Result.Changes)
        {
            var verdict = c.Verdict switch
            {
                UapiVerdict.Breaking => "**breaking**",
                UapiVerdict.NeedsReview => "*needs review*",
                _ => "compatible",
            };
            var where = c.Subject.Length == 0 ? Code(c.Scope) : $"{Code(c.Scope)} {Code(c.Subject)}";
            var kind = c.Kind.ToString().ToLowerInvariant();
            var change = DiffReport.States(c) is { } s ? $"{kind}: {Code(s)}" : kind;
            output.Write($"| {verdict} | {where} | {change} | {Cell(c.Message)} |\n");
        }
    }

    /// <summary>Inline code that survives any content: a fence longer than any backtick run inside.</summary>
    private static string Code(string text)
    {
        var fence = "`";
        while (text.Contains(fence))
        {
            fence += "`";
        }

        var padded = text.StartsWith("`", System.StringComparison.Ordinal) || text.EndsWith("`", System.StringComparison.Ordinal) ? $" {text} " : text;
        return Cell(fence + padded + fence);
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
