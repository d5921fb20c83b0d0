using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Cli.Specs;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Emit;
using SmmuGen.Spec.Import;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Cli.Commands;

/// <summary>
/// <c>smmugen import HEADER -o SPEC.yaml [--name N] [--namespace NS]</c>: read a C uAPI header and
/// write a spec skeleton that <c>check</c> accepts and that <c>diff</c> finds equal to the header.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var header = new Argument<string>("header")
        {
            Description = "The C header (uAPI style) to import.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The spec file to write ('-' for standard output).",
            Required = true,
        };
        var name = new Option<string?>("--name")
        {
            Description = "The spec's name (default: the header's base name in PascalCase, iommufd.h → Iommufd).",
        };
        var ns = new Option<string?>("--namespace")
        {
            Description = "The C# namespace of the generated types (default: SmmuGen.NAME).",
        };
        var defines = MacroDefines.CreateOption();
        var command = new Command("import", "Read a C uAPI header and write a spec skeleton: constants, enums, structs with sizes and offsets, ioctls, kernel-doc as docs.")
        {
            header,
            output,
            name,
            ns,
            defines,
        };
        command.SetAction(parseResult => Execute(parseResult.GetValue(header)!, parseResult.GetValue(output)!, parseResult.GetValue(name), parseResult.GetValue(ns), environment, parseResult.GetValue(defines)));
        return command;
    }

    /// <summary>Exit code 0 when written, 1 when the header has errors (nothing is written then).</summary>
    public static int Execute(string headerPath, string outputPath, string? name, string? ns, CliEnvironment environment, string[]? defineArguments = null)
    {
        var defines = MacroDefines.Parse(defineArguments);
        if (name is not null && !Identifiers.IsValid(name))
        {
            throw new UsageException($"--name '{name}' is not an identifier");
        }

        if (ns is not null && !Identifiers.IsValidNamespace(ns))
        {
            throw new UsageException($"--namespace '{ns}' is not a dotted C# namespace");
        }

        var source = SpecInputs.Resolve(new[] { headerPath }, environment).Single();
        string text;
        try
        {
            text = File.ReadAllText(source.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine($"smmugen: error: cannot read '{source.DisplayPath}': {ex.Message}");
            return ExitCodes.SpecErrors;
        }

        var toStdout = outputPath == "-";
        var messages = toStdout ? environment.Error : environment.Out;
        var result = CHeaderCompiler.Compile(source.DisplayPath, text, new CHeaderOptions(name, ns, defines));
        foreach (var d in result.Diagnostics)
        {
            messages.WriteLine(d.ToString());
        }

        if (result.HasErrors || result.Document is null)
        {
            environment.Error.WriteLine("smmugen: no spec written: the header has errors");
            return ExitCodes.SpecErrors;
        }

        var (document, options) = SpecSkeleton.From(result, Path.GetFileName(source.FullPath));
        var yaml = SpecYamlWriter.Write(document, options);
        if (toStdout)
        {
            environment.Out.Write(yaml);
            return ExitCodes.Success;
        }

        var full = environment.FullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, yaml, new UTF8Encoding(false));
        messages.WriteLine($"wrote {environment.DisplayPath(full)} ({Count(document.Constants.Count, "constant")}, {Count(document.Enums.Count, "enum")}, {Count(document.Structs.Count, "struct")}, {Count(document.Ioctls.Count, "ioctl")})");
        return ExitCodes.Success;
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
}
