using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Cli.Docs;
using SmmuGen.Cli.Specs;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Commands;

/// <summary><c>smmugen docs SPEC... -o DIR</c>: a Markdown file and a self-contained HTML page per spec file.</summary>
internal static class DocsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var specs = SpecArgument.Create();
        var output = new Option<string>("--output", "-o")
        {
            Description = "The directory to write the pages to (created when missing).",
            Required = true,
        };
        var command = new Command("docs", "Write documentation for spec files: per file a Markdown file and a searchable HTML page with bitfield diagrams, field tables, struct layouts and ioctls; plus an index.")
        {
            specs,
            output,
        };
        command.SetAction(parseResult => Execute(parseResult.GetValue(specs) ?? Array.Empty<string>(), parseResult.GetValue(output)!, environment));
        return command;
    }

    /// <summary>Exit code 0 when written, 1 when a spec has errors (nothing is written then).</summary>
    public static int Execute(IReadOnlyList<string> paths, string outputDirectory, CliEnvironment environment)
    {
        var specs = SpecInputs.Resolve(paths, environment).Select(s => s.Compile()).ToList();
        var diagnostics = specs.SelectMany(s => s.Result.Diagnostics).ToList();
        foreach (var d in diagnostics)
        {
            environment.Out.WriteLine(d.ToString());
        }

        if (diagnostics.Any(d => d.Severity == SpecSeverity.Error))
        {
            environment.Error.WriteLine("smmugen: no docs written: the specs have errors");
            return ExitCodes.SpecErrors;
        }

        var directory = environment.FullPath(outputDirectory);
        if (File.Exists(directory))
        {
            throw new UsageException($"--output '{outputDirectory}' is a file; docs writes a directory");
        }

        var site = DocsSite.Create(specs.Where(s => s.Result.Document is not null).Select(s => (s.Result.Document!, s.Source.DisplayPath)).ToList());
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Write(string name, string text)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            written.Add(path);
        }

        foreach (var page in site.Pages)
        {
            Write(page.FileName(".md"), MarkdownPage.Render(page, site));
            Write(page.FileName(".html"), HtmlPage.Render(page, site));
        }

        Write(DocsSite.IndexName + ".md", IndexPage.Markdown(site));
        Write(DocsSite.IndexName + ".html", IndexPage.Html(site));
        foreach (var path in written)
        {
            environment.Out.WriteLine($"wrote {environment.DisplayPath(path)}");
        }

        environment.Out.WriteLine($"{site.Pages.Count} spec file{(site.Pages.Count == 1 ? string.Empty : "s")} documented in {environment.DisplayPath(directory)}");
        return ExitCodes.Success;
    }
}
