using System.Linq;
using SmmuGen.Spec.Diff;
using Spectre.Console;

namespace SmmuGen.Cli.Rendering;

/// <summary>
/// The diff for a person: one block per struct, enum, constant or ioctl, one line per change with
/// its verdict. On a terminal the verdicts are coloured (Spectre); redirected, the same text is plain.
/// </summary>
internal static class DiffTextRenderer
{
    public static void Render(DiffReport report, CliEnvironment environment)
    {
        var colour = environment.Console.Profile.Capabilities.Ansi;
        void Line(string plain, string markup)
        {
            if (colour)
            {
                environment.Console.MarkupLine(markup);
            }
            else
            {
                environment.Out.WriteLine(plain);
            }
        }

        Line($"smmugen diff: {report.Old} → {report.New}", $"[bold]smmugen diff:[/] {Markup.Escape(report.Old)} → {Markup.Escape(report.New)}");
        foreach (var group in report.Groups)
        {
            environment.Out.WriteLine();
            Line(group.Key, $"[bold]{Markup.Escape(group.Key)}[/]");
            foreach (var c in group)
            {
                var word = DiffReport.Word(c.Verdict);
                var what = $"{DiffReport.Sign(c.Kind)} {(c.Subject.Length == 0 ? c.Kind.ToString().ToLowerInvariant() : c.Subject)}";
                var states = DiffReport.States(c) is { } s ? $" ({s})" : string.Empty;
                var text = $"{what}{states}: {c.Message}";
                Line($"  {word,-12}  {text}", $"  [{Colour(c.Verdict)}]{Markup.Escape(word.PadRight(12))}[/]  {Markup.Escape(text)}");
            }
        }

        environment.Out.WriteLine();
        var worst = report.Result.Worst;
        Line(report.Summary, worst is { } w ? $"[{Colour(w)}]{Markup.Escape(report.Summary)}[/]" : Markup.Escape(report.Summary));
    }

    private static string Colour(UapiVerdict verdict) => verdict switch
    {
        UapiVerdict.Breaking => "red",
        UapiVerdict.NeedsReview => "yellow",
        _ => "green",
    };
}
