using System;
using System.IO;

namespace SmmuGen.Cli.Tests;

/// <summary>A temporary directory of spec files that the CLI runs in, deleted afterwards.</summary>
internal sealed class SpecWorkspace : IDisposable
{
    public SpecWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "smmugen-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/> ('/'-separated); returns the full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // "\n" endings whatever the platform, so the line and column numbers the tests expect hold.
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>Runs <c>smmugen</c> in-process with this directory as the working directory.</summary>
    public CliRun Run(params string[] args) => CliRun.In(Root, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}

/// <summary>The outcome of one in-process run of the CLI.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun In(string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = SmmugenApp.Run(args, stdout, stderr, workingDirectory);
        return new CliRun(exitCode, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Output lines, for assertions about whole lines.</summary>
    public string[] OutLines => Out.Split('\n');
}
