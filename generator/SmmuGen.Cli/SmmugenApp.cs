using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using SmmuGen.Cli.Commands;

namespace SmmuGen.Cli;

/// <summary>The <c>smmugen</c> command line: one root command, one subcommand per verb.</summary>
internal static class SmmugenApp
{
    /// <summary>Runs the CLI as the process does, writing to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var isTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        return Run(args, CliEnvironment.Create(stdout, stderr, Environment.CurrentDirectory, isTerminal, Console.In));
    }

    /// <summary>Runs the CLI with paths resolved against <paramref name="workingDirectory"/>; output is never a terminal.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDirectory) =>
        Run(args, CliEnvironment.Create(stdout, stderr, workingDirectory, isTerminal: false));

    /// <summary>As above, with <paramref name="stdin"/> as standard input.</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string workingDirectory) =>
        Run(args, CliEnvironment.Create(stdout, stderr, workingDirectory, isTerminal: false, stdin));

    public static int Run(string[] args, CliEnvironment environment)
    {
        var root = BuildRootCommand(environment);
        var parseResult = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,

            // Exceptions reach the catch below instead of System.CommandLine's stack-trace printer.
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            var exitCode = parseResult.Invoke(invocation);

            // System.CommandLine exits 1 on parse errors; here 1 means "a spec has errors".
            return parseResult.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
        }
        catch (UsageException ex)
        {
            environment.Error.WriteLine($"smmugen: error: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    private static RootCommand BuildRootCommand(CliEnvironment environment) =>
        new("smmugen: tools for SmmuGen's ARM SMMUv3 spec files")
        {
            CheckCommand.Create(environment),
            EmitCCommand.Create(environment),
            DiffCommand.Create(environment),
            ImportCommand.Create(environment),
            DecodeCommand.Create(environment),
            DocsCommand.Create(environment),
        };
}
