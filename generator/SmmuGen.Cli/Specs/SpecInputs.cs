using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SmmuGen.Cli.Specs;

/// <summary>Turns SPEC arguments (files or directories) into the spec files they name.</summary>
internal static class SpecInputs
{
    /// <summary>The extension a directory search looks for.</summary>
    public const string Extension = ".yaml";

    /// <summary>
    /// Files in argument order; each directory contributes its <c>*.yaml</c> files, recursively,
    /// in ordinal path order so output does not depend on the file system. A file named twice is
    /// checked once. Throws <see cref="UsageException"/> for a missing path or an empty directory.
    /// </summary>
    public static IReadOnlyList<SpecSource> Resolve(IEnumerable<string> arguments, CliEnvironment environment)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<SpecSource>();
        foreach (var argument in arguments)
        {
            foreach (var fullPath in Expand(argument, environment))
            {
                if (seen.Add(fullPath))
                {
                    sources.Add(new SpecSource(fullPath, environment.DisplayPath(fullPath)));
                }
            }
        }

        if (sources.Count == 0)
        {
            throw new UsageException("no spec files given");
        }

        return sources;
    }

    private static IEnumerable<string> Expand(string argument, CliEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new UsageException("empty path");
        }

        string fullPath;
        try
        {
            fullPath = environment.FullPath(argument);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"invalid path '{argument}': {ex.Message}");
        }

        if (File.Exists(fullPath))
        {
            // A file named explicitly is checked whatever its extension: the user asked for it.
            return new[] { fullPath };
        }

        if (!Directory.Exists(fullPath))
        {
            // System.CommandLine passes unknown options through as SPEC values.
            if (argument.StartsWith('-'))
            {
                throw new UsageException($"unknown option '{argument}' (write a path that starts with '-' as ./{argument})");
            }

            throw new UsageException($"no such file or directory: '{argument}'");
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, MatchType = MatchType.Simple };
        var files = Directory.EnumerateFiles(fullPath, "*" + Extension, options)
            .Where(f => f.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new UsageException($"no spec files (*{Extension}) found in '{argument}'");
        }

        return files;
    }
}
