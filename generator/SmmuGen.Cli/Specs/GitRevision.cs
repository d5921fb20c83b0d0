using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace SmmuGen.Cli.Specs;

/// <summary>
/// Reads files as they were at a git revision (<c>SPEC@REV</c>), with <c>git show REV:path</c> run
/// in the repository that holds the path. A directory at a revision gives its spec files.
/// </summary>
internal static class GitRevision
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The files <paramref name="fullPath"/> names at <paramref name="revision"/>: the one file, or
    /// the <c>*.yaml</c> files under a directory, in ordinal path order. Paths are relative to the
    /// repository root, with '/'; each comes with its full path in the working tree's terms.
    /// </summary>
    public static IReadOnlyList<(string FullPath, string Text)> Read(string fullPath, string revision, string shownAs)
    {
        if (revision.Length == 0 || revision.StartsWith("-", StringComparison.Ordinal))
        {
            throw new UsageException($"'{shownAs}': '{revision}' is not a git revision");
        }

        // The path may not exist in the working tree (deleted since), so ask git from the nearest directory that does.
        var directory = Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath);
        while (directory is not null && !Directory.Exists(directory))
        {
            directory = Path.GetDirectoryName(directory);
        }

        if (directory is null)
        {
            throw new InputReadException($"'{shownAs}': no directory to run git in");
        }

        var root = Git(directory, shownAs, "rev-parse", "--show-toplevel").Trim();
        var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        if (relative == ".")
        {
            relative = string.Empty;
        }
        else if (relative.StartsWith("../", StringComparison.Ordinal) || relative == "..")
        {
            throw new InputReadException($"'{shownAs}': the path is outside the git repository at {root}");
        }

        var objectName = $"{revision}:{relative}";
        var kind = Git(root, shownAs, "cat-file", "-t", objectName).Trim();
        if (kind == "blob")
        {
            return new[] { (fullPath, Git(root, shownAs, "show", objectName)) };
        }

        if (kind != "tree")
        {
            throw new InputReadException($"'{shownAs}': {objectName} is a {kind}, not a file or directory");
        }

        var files = Git(root, shownAs, "ls-tree", "-r", "--name-only", revision, "--", relative.Length == 0 ? "." : relative)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.EndsWith(SpecInputs.Extension, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InputReadException($"'{shownAs}': no spec files (*{SpecInputs.Extension}) under {relative} at {revision}");
        }

        return files.Select(f => (Path.GetFullPath(Path.Combine(root, f)), Git(root, shownAs, "show", $"{revision}:{f}"))).ToList();
    }

    private static string Git(string directory, string shownAs, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InputReadException($"'{shownAs}': cannot run git ({ex.Message}); reading SPEC@REV needs git on PATH");
        }

        using (process)
        {
            if (process is null)
            {
                throw new InputReadException($"'{shownAs}': cannot run git");
            }

            // Read both streams concurrently: a full stderr pipe would otherwise block git.
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new InputReadException($"'{shownAs}': git {arguments[0]} did not finish in {Timeout.TotalSeconds} seconds");
            }

            if (process.ExitCode != 0)
            {
                var message = error.Result.Trim().Split('\n').FirstOrDefault()?.Trim() ?? string.Empty;
                throw new InputReadException($"'{shownAs}': git {arguments[0]} failed: {message}");
            }

            return output;
        }
    }
}
