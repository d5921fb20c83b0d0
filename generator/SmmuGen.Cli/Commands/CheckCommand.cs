using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using SmmuGen.Cli.Rendering;
using SmmuGen.Cli.Specs;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Commands;

/// <summary><c>smmugen check SPEC...</c>: compile spec files, print diagnostics and a register summary.</summary>
internal static class CheckCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var specs = SpecArgument.Create();
        var command = new Command("check", "Compile spec files; print their diagnostics and a summary of their registers.")
        {
            specs,
        };
        command.SetAction(parseResult => Execute(parseResult.GetValue(specs) ?? Array.Empty<string>(), environment));
        return command;
    }

    /// <summary>Exit code 0 without errors (warnings allowed), 1 with any error.</summary>
    public static int Execute(IReadOnlyList<string> paths, CliEnvironment environment)
    {
        var specs = SpecInputs.Resolve(paths, environment).Select(s => s.Compile()).ToList();
        var output = environment.Out;

        // Diagnostics first, one per line in the compiler format, so editors and CI can parse them.
        var diagnostics = specs.SelectMany(s => s.Result.Diagnostics).ToList();
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        var separate = diagnostics.Count > 0;
        foreach (var spec in specs)
        {
            if (separate)
            {
                output.WriteLine();
            }

            separate = true;
            var document = spec.Result.Document;
            if (document is null)
            {
                output.WriteLine($"{spec.Source.DisplayPath}: no summary: the file could not be read as a spec");
                continue;
            }

            var fieldCount = document.Registers.Sum(r => r.Fields.Count);
            var others = OtherContents(new[] { document });
            var registerPart = document.Registers.Count > 0 || others.Length == 0 ? $", {Count(document.Registers.Count, "register")}, {Count(fieldCount, "field")}" : string.Empty;
            output.WriteLine($"{spec.Source.DisplayPath} ({document.Name}): {(registerPart + others).Substring(2)}");
            if (document.Registers.Count > 0)
            {
                environment.Console.Write(RegisterTable.Build(document, environment.Console.Profile.Capabilities.Unicode));
            }
        }

        var errors = diagnostics.Count(d => d.Severity == SpecSeverity.Error);
        var warnings = diagnostics.Count(d => d.Severity == SpecSeverity.Warning);
        var documents = specs.Select(s => s.Result.Document).OfType<SpecDocument>().ToList();
        var registers = documents.Sum(d => d.Registers.Count);
        var fields = documents.Sum(d => d.Registers.Sum(r => r.Fields.Count));
        output.WriteLine();
        output.WriteLine($"{Count(specs.Count, "file")}, {Count(registers, "register")}, {Count(fields, "field")}{OtherContents(documents)}: {Count(errors, "error")}, {Count(warnings, "warning")}");
        return errors > 0 ? ExitCodes.SpecErrors : ExitCodes.Success;
    }

    /// <summary>", 3 records (27 variants), 35 structs, 21 ioctls": only what the files have.</summary>
    private static string OtherContents(IReadOnlyCollection<SpecDocument> documents)
    {
        var records = documents.Sum(d => d.Records.Count);
        var variants = documents.Sum(d => d.Records.Sum(r => r.Variants.Count));
        var structs = documents.Sum(d => d.Structs.Count);
        var ioctls = documents.Sum(d => d.Ioctls.Count);
        var text = string.Empty;
        if (records > 0)
        {
            text += $", {Count(records, "record")}" + (variants > 0 ? $" ({Count(variants, "variant")})" : string.Empty);
        }

        if (structs > 0)
        {
            text += $", {Count(structs, "struct")}";
        }

        if (ioctls > 0)
        {
            text += $", {Count(ioctls, "ioctl")}";
        }

        return text;
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
}
