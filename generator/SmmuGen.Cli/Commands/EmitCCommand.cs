using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Cli.Specs;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Emit;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Commands;

/// <summary><c>smmugen emit-c SPEC... -o FILE</c>: write the specs as one C header.</summary>
internal static class EmitCCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var specs = SpecArgument.Create();
        var output = new Option<string>("--output", "-o")
        {
            Description = "The header file to write.",
            Required = true,
        };
        var prefix = new Option<string>("--prefix")
        {
            Description = "Prefix of register and record macros (default SMMUGEN).",
            DefaultValueFactory = _ => "SMMUGEN",
        };
        var command = new Command("emit-c", "Write spec files as one C header: mask/shift macros for registers and records, C structs, enums and ioctls.")
        {
            specs,
            output,
            prefix,
        };
        command.SetAction(parseResult => Execute(
            parseResult.GetValue(specs) ?? Array.Empty<string>(),
            parseResult.GetValue(output)!,
            parseResult.GetValue(prefix) ?? "SMMUGEN",
            environment));
        return command;
    }

    /// <summary>Exit code 0 when written, 1 when a spec has errors (nothing is written then).</summary>
    public static int Execute(IReadOnlyList<string> paths, string outputPath, string prefix, CliEnvironment environment)
    {
        if (!SmmuGen.Spec.Naming.Identifiers.IsValid(prefix))
        {
            throw new UsageException($"--prefix '{prefix}' is not a C identifier");
        }

        var specs = SpecInputs.Resolve(paths, environment).Select(s => s.Compile()).ToList();
        var diagnostics = specs.SelectMany(s => s.Result.Diagnostics).ToList();
        foreach (var d in diagnostics)
        {
            environment.Out.WriteLine(d.ToString());
        }

        if (diagnostics.Any(d => d.Severity == SpecSeverity.Error))
        {
            environment.Error.WriteLine("smmugen: no header written: the specs have errors");
            return ExitCodes.SpecErrors;
        }

        var full = environment.FullPath(outputPath);
        var guard = "SMMUGEN_" + new string(Path.GetFileName(full).Select(c => char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());
        var header = CHeaderEmitter.Emit(specs.Select(s => s.Result.Document).OfType<SpecDocument>().ToList(), guard, prefix);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, header, new UTF8Encoding(false));
        environment.Out.WriteLine($"wrote {environment.DisplayPath(full)} ({specs.Count} spec file{(specs.Count == 1 ? string.Empty : "s")})");
        return ExitCodes.Success;
    }
}
