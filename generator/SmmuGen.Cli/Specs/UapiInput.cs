using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SmmuGen.Spec;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Specs;

/// <summary>
/// One side of a diff: a spec file, a directory of specs, a C header, or any of these as of a git
/// revision (<c>PATH@REV</c>), read and compiled into spec documents.
/// </summary>
/// <param name="Display">The argument as shown in reports.</param>
/// <param name="Documents">The documents that could be read.</param>
/// <param name="Diagnostics">Every diagnostic of every file.</param>
internal sealed record UapiInput(string Display, IReadOnlyList<SpecDocument> Documents, IReadOnlyList<SpecDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == SpecSeverity.Error) || Documents.Count == 0;

    /// <summary>Reads <paramref name="argument"/>; a missing path is a usage error, an unreadable revision an input error.</summary>
    public static UapiInput Load(string argument, CliEnvironment environment, IReadOnlyDictionary<string, string>? defines = null)
    {
        var (display, sources) = Sources(argument, environment);
        var documents = new List<SpecDocument>();
        var diagnostics = new List<SpecDiagnostic>();
        foreach (var source in sources)
        {
            var result = source.IsHeader
                ? CHeaderCompiler.Compile(source.DisplayPath, source.Text, new CHeaderOptions(Defines: defines)).ToSpecResult()
                : SpecCompiler.Compile(source.DisplayPath, source.Text);
            diagnostics.AddRange(result.Diagnostics);
            if (result.Document is { } document)
            {
                documents.Add(document);
            }
        }

        return new UapiInput(display, documents, diagnostics);
    }

    private static (string Display, IReadOnlyList<UapiSource> Sources) Sources(string argument, CliEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new UsageException("empty path");
        }

        var at = argument.IndexOf('@');
        var onDisk = Exists(argument, environment);
        if (onDisk || at <= 0)
        {
            // A path as it is now (the whole argument, even with an '@' in its name).
            var files = SpecInputs.Resolve(new[] { argument }, environment);
            var sources = files.Select(f => new UapiSource(f.DisplayPath, UapiSource.IsHeaderPath(f.FullPath), ReadFile(f))).ToList();
            return (files.Count == 1 ? files[0].DisplayPath : Shown(argument, environment), sources);
        }

        var path = argument.Substring(0, at);
        var revision = argument.Substring(at + 1);
        var full = FullPath(path, environment);
        var read = GitRevision.Read(full, revision, argument);
        var fromGit = read.Select(r => new UapiSource(environment.DisplayPath(r.FullPath) + "@" + revision, UapiSource.IsHeaderPath(r.FullPath), r.Text)).ToList();
        return (read.Count == 1 ? fromGit[0].DisplayPath : environment.DisplayPath(full) + "@" + revision, fromGit);
    }

    private static bool Exists(string path, CliEnvironment environment)
    {
        try
        {
            var full = environment.FullPath(path);
            return File.Exists(full) || Directory.Exists(full);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    private static string FullPath(string path, CliEnvironment environment)
    {
        try
        {
            return environment.FullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"invalid path '{path}': {ex.Message}");
        }
    }

    private static string Shown(string argument, CliEnvironment environment) =>
        Exists(argument, environment) ? environment.DisplayPath(environment.FullPath(argument)) : argument;

    private static string ReadFile(SpecSource source)
    {
        try
        {
            return File.ReadAllText(source.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputReadException($"cannot read '{source.DisplayPath}': {ex.Message}");
        }
    }
}
