using System;
using System.CommandLine;
using SmmuGen.Cli.Rendering;
using SmmuGen.Cli.Specs;
using SmmuGen.Spec.Diff;

namespace SmmuGen.Cli.Commands;

/// <summary>
/// <c>smmugen diff OLD NEW [--format text|json|markdown]</c>: compare two versions of a uAPI
/// (specs, directories of specs, C headers, or any of them at a git revision as PATH@REV) and
/// give every change a verdict. The exit code is a bit set like abidiff's: 1 error, 2 usage,
/// 4 a change, 8 a breaking change.
/// </summary>
internal static class DiffCommand
{
    /// <summary>The output formats, as written after --format.</summary>
    public static readonly string[] Formats = { "text", "json", "markdown" };

    public static Command Create(CliEnvironment environment)
    {
        var old = new Argument<string>("old")
        {
            Description = "The old version: a spec (.yaml), a directory of specs, a C header (.h), or any of them as PATH@GITREV.",
        };
        var @new = new Argument<string>("new")
        {
            Description = "The new version, in the same forms.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (coloured on a terminal), json or markdown.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var defines = MacroDefines.CreateOption();
        var command = new Command("diff", "Compare two versions of a uAPI (spec, header, or PATH@GITREV) member by member; each change is compatible, needs review, or breaking. Exit code bits: 1 error, 2 usage, 4 change, 8 breaking change.")
        {
            old,
            @new,
            format,
            defines,
        };
        command.SetAction(parseResult => Execute(parseResult.GetValue(old)!, parseResult.GetValue(@new)!, parseResult.GetValue(format) ?? "text", environment, parseResult.GetValue(defines)));
        return command;
    }

    public static int Execute(string oldArgument, string newArgument, string format, CliEnvironment environment, string[]? defineArguments = null)
    {
        var defines = MacroDefines.Parse(defineArguments);
        UapiInput before;
        UapiInput after;
        try
        {
            before = UapiInput.Load(oldArgument, environment, defines);
            after = UapiInput.Load(newArgument, environment, defines);
        }
        catch (InputReadException ex)
        {
            environment.Error.WriteLine($"smmugen: error: {ex.Message}");
            return ExitCodes.SpecErrors;
        }

        // Diagnostics go to stderr, so stdout is the report alone (JSON stays parseable).
        foreach (var d in before.Diagnostics)
        {
            environment.Error.WriteLine(d.ToString());
        }

        foreach (var d in after.Diagnostics)
        {
            environment.Error.WriteLine(d.ToString());
        }

        if (before.HasErrors || after.HasErrors)
        {
            var which = before.HasErrors && after.HasErrors ? "both inputs have" : $"{(before.HasErrors ? before.Display : after.Display)} has";
            environment.Error.WriteLine($"smmugen: no diff: {which} errors");
            return ExitCodes.SpecErrors;
        }

        var result = UapiDiff.Compare(before.Documents, after.Documents);
        var report = new DiffReport(before.Display, after.Display, result);
        switch (format)
        {
            case "json":
                DiffJsonRenderer.Render(report, environment.Out);
                break;
            case "markdown":
                DiffMarkdownRenderer.Render(report, environment.Out);
                break;
            default:
                DiffTextRenderer.Render(report, environment);
                break;
        }

        return (result.HasChanges ? ExitCodes.Change : ExitCodes.Success) | (result.HasBreakingChanges ? ExitCodes.BreakingChange : ExitCodes.Success);
    }
}
