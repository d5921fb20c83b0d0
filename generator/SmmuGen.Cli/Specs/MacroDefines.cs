using System;
using System.Collections.Generic;
using System.CommandLine;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Cli.Specs;

/// <summary>
/// <c>-D NAME[=VALUE]</c>, as the C compiler takes it: macros a header uses but gets from an
/// include, which the header reader never follows (<c>-D ETH_ALEN=6</c>).
/// </summary>
internal static class MacroDefines
{
    public static Option<string[]> CreateOption() => new("--define", "-D")
    {
        Description = "Define a macro before reading C headers, as NAME or NAME=VALUE (for names from #includes, which are never followed). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>NAME → VALUE ("1" when no value is given); a bad name is a usage error.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string>? arguments)
    {
        var defines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments ?? Array.Empty<string>())
        {
            var equals = argument.IndexOf('=');
            var name = equals < 0 ? argument : argument.Substring(0, equals);
            var value = equals < 0 ? "1" : argument.Substring(equals + 1);
            if (!Identifiers.IsValid(name))
            {
                throw new UsageException($"-D '{argument}': '{name}' is not a macro name");
            }

            if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0)
            {
                throw new UsageException($"-D '{name}': the value must be one line");
            }

            defines[name] = value;
        }

        return defines;
    }
}
