using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using SmmuGen.Cli.Decoding;

namespace SmmuGen.Cli.Commands;

/// <summary>
/// <c>smmugen decode</c>: name the fields of a register value or a record's words, or decode the
/// SMMUv3 dumps in a kernel log read from standard input.
/// </summary>
internal static class DecodeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var items = new Argument<string[]>("what")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "REGISTER VALUE (CR0 0xd), or RECORD WORD... (event|command|ste|cd|pri or any record name, then its "
                + "64-bit words lowest first, hex; or twice as many 32-bit dwords). Nothing: read a kernel log (dmesg) from "
                + "standard input and decode every arm-smmu-v3 event dump in it.",
        };
        var spec = new Option<string[]>("--spec")
        {
            Description = "Decode with this spec file or directory instead of the bundled SMMUv3 specs (repeat for more).",
        };
        var all = new Option<bool>("--all", "-a")
        {
            Description = "List record fields that are zero too.",
        };
        var command = new Command("decode", "Name the fields of an SMMUv3 register value or record (event, command, STE, CD, PRI), or decode the event dumps in a kernel log on standard input.")
        {
            items,
            spec,
            all,
        };
        command.SetAction(parseResult => Execute(
            parseResult.GetValue(items) ?? Array.Empty<string>(),
            parseResult.GetValue(spec) ?? Array.Empty<string>(),
            parseResult.GetValue(all),
            environment));
        return command;
    }

    /// <summary>Exit code 0 when decoded (reserved bits and unknown ids are reported, not failures), 1 for spec errors.</summary>
    public static int Execute(IReadOnlyList<string> items, IReadOnlyList<string> specPaths, bool showZero, CliEnvironment environment)
    {
        // Unknown options arrive as arguments; catch them before they are read as names or numbers.
        if (items.FirstOrDefault(i => i.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            throw new UsageException($"unknown option '{option}'");
        }

        var catalog = SpecCatalog.Load(specPaths, environment);
        if (catalog is null)
        {
            return ExitCodes.SpecErrors;
        }

        if (items.Count == 0)
        {
            return DecodeLog(catalog, showZero, environment);
        }

        var name = items[0];
        var values = DecodeNumbers.Tokens(items.Skip(1));
        if (catalog.FindRecord(name) is { } record)
        {
            if (values.Count == 0)
            {
                throw new UsageException($"decode {name}: give the {record.Item.Name} record's {record.Item.Words} 64-bit words, lowest first");
            }

            var decoded = SpecDecoder.Record(catalog, record, DecodeNumbers.Words(values, record.Item));
            WriteLines(environment, DecodeText.Record(decoded, showZero, showWords: true));
            return ExitCodes.Success;
        }

        if (catalog.FindRegister(name) is { } register)
        {
            if (values.Count != 1)
            {
                throw new UsageException($"decode {register.Item.Name}: give one value (hex with 0x, or decimal); {values.Count} given");
            }

            var value = DecodeNumbers.ParseValue(values[0]);
            if ((value & ~register.Item.WidthMask) != 0)
            {
                throw new UsageException($"{values[0]} does not fit the {register.Item.Width}-bit register {register.Item.Name}");
            }

            WriteLines(environment, DecodeText.Register(SpecDecoder.Register(catalog, register, value)));
            return ExitCodes.Success;
        }

        var similar = catalog.Similar(name, 8);
        var hint = similar.Count > 0
            ? $"; did you mean {string.Join(", ", similar)}?"
            : $"; give a register (CR0, GERROR, ...) or a record (event, command, {string.Join(", ", catalog.RecordNames.Take(6))}{(catalog.RecordNames.Count > 6 ? ", ..." : string.Empty)})";
        throw new UsageException($"no register or record named '{name}'{hint}");
    }

    private static int DecodeLog(SpecCatalog catalog, bool showZero, CliEnvironment environment)
    {
        var decoder = new KernelLogDecoder(catalog, showZero);
        if (!decoder.CanDecode)
        {
            throw new UsageException("the specs have no EVT or CMD record to decode a kernel log with");
        }

        if (ReferenceEquals(environment.In, Console.In) && !Console.IsInputRedirected)
        {
            // Without a pipe the verb would wait silently for the terminal; say what it wants.
            environment.Error.WriteLine("smmugen decode: reading a kernel log from standard input (pipe dmesg into it, or end with Ctrl-D)");
        }

        decoder.Run(environment.In, environment.Out);
        return ExitCodes.Success;
    }

    private static void WriteLines(CliEnvironment environment, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            environment.Out.WriteLine(line);
        }
    }
}
