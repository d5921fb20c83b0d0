using System;
using System.IO;
using Spectre.Console;

namespace SmmuGen.Cli;

/// <summary>
/// Where a verb writes and what it resolves paths against. Injected so tests run the CLI
/// in-process against string writers and a temporary working directory.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>
    /// Width used when output is not a terminal: fixed, so redirected output is the same on every
    /// machine, and wide enough that typical register tables do not wrap.
    /// </summary>
    public const int RedirectedWidth = 160;

    private CliEnvironment(TextWriter output, TextWriter error, IAnsiConsole console, string workingDirectory, TextReader input)
    {
        In = input;
        Out = output;
        Error = error;
        Console = console;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>Standard input, for verbs that read a stream (<c>decode</c> with no arguments reads a kernel log).</summary>
    public TextReader In { get; }

    /// <summary>Plain lines (diagnostics, summaries). Never wrapped, so they stay parseable.</summary>
    public TextWriter Out { get; }

    /// <summary>Usage errors and other messages that are not the verb's result.</summary>
    public TextWriter Error { get; }

    /// <summary>Rich output (tables), rendering into <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Absolute directory that relative paths are resolved against and shown relative to.</summary>
    public string WorkingDirectory { get; }

    public static CliEnvironment Create(TextWriter output, TextWriter error, string workingDirectory, bool isTerminal, TextReader? input = null)
    {
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,

            // CI enrichers would turn ANSI back on in captured logs.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = isTerminal },
        };
        var console = AnsiConsole.Create(settings);
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
            console.Profile.Capabilities.Ansi = false;
            console.Profile.Capabilities.Links = false;

            // ASCII borders: logs, pipes and test assertions see the same bytes everywhere.
            console.Profile.Capabilities.Unicode = false;
        }

        return new CliEnvironment(output, error, console, Path.GetFullPath(workingDirectory), input ?? TextReader.Null);
    }

    /// <summary>The absolute form of a path given on the command line.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>A path as shown to the user: relative when under the working directory, else absolute.</summary>
    public string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, fullPath);
        var outside = relative == ".."
            || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith(".." + Path.AltDirectorySeparatorChar, StringComparison.Ordinal)
            || Path.IsPathRooted(relative);
        return outside ? fullPath : relative;
    }
}
