using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>
/// The pages one <c>docs</c> run writes: one per spec file, named after the file
/// (<c>registers.yaml</c> → <c>registers.html</c>, <c>registers.md</c>), plus an index.
/// Records are linked across pages (a uAPI struct's <c>record: STE</c> goes to <c>ste.html#rec-STE</c>).
/// </summary>
internal sealed class DocsSite
{
    /// <summary>The base name of the index page; no spec page takes it.</summary>
    public const string IndexName = "index";

    private readonly Dictionary<string, DocsPage> _recordPages = new(StringComparer.Ordinal);

    private DocsSite(IReadOnlyList<DocsPage> pages)
    {
        Pages = pages;
        foreach (var page in pages)
        {
            foreach (var record in page.Doc.Records)
            {
                _recordPages.TryAdd(record.Name, page);
            }
        }
    }

    public IReadOnlyList<DocsPage> Pages { get; }

    /// <summary>Pages for <paramref name="specs"/> (document and the path shown for it), in order.</summary>
    public static DocsSite Create(IReadOnlyList<(SpecDocument Doc, string DisplayPath)> specs)
    {
        var stems = specs.Select(s => Clean(Path.GetFileNameWithoutExtension(s.DisplayPath))).ToList();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { IndexName };
        var pages = new List<DocsPage>();
        for (var i = 0; i < specs.Count; i++)
        {
            // Two inputs with one file name (a/regs.yaml, b/regs.yaml) take their folder as a prefix.
            var name = stems[i];
            if (stems.Count(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) > 1)
            {
                var folder = Path.GetFileName(Path.GetDirectoryName(specs[i].DisplayPath));
                name = string.IsNullOrEmpty(folder) ? name : Clean(folder) + "-" + name;
            }

            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{name}-{n}";
            }

            pages.Add(new DocsPage(specs[i].Doc, unique, specs[i].DisplayPath));
        }

        return new DocsSite(pages);
    }

    /// <summary>
    /// A link to <paramref name="record"/> from <paramref name="from"/>: "#rec-STE" on the same page,
    /// "ste.html#rec-STE" on another; null when no page documents it.
    /// </summary>
    public string? RecordHref(string record, DocsPage from, string extension)
    {
        if (!_recordPages.TryGetValue(record, out var page))
        {
            return null;
        }

        var anchor = "#" + DocAnchors.Record(record);
        return ReferenceEquals(page, from) ? anchor : page.FileName(extension) + anchor;
    }

    private static string Clean(string stem)
    {
        var sb = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }

        return sb.Length == 0 ? "spec" : sb.ToString();
    }
}

/// <summary>One spec file's documentation: its model, computed struct layouts and output name.</summary>
internal sealed class DocsPage
{
    private readonly Dictionary<string, EnumSpec> _enums = new(StringComparer.Ordinal);

    public DocsPage(SpecDocument doc, string baseName, string sourcePath)
    {
        Doc = doc;
        BaseName = baseName;
        SourcePath = sourcePath;
        Layouts = CStructLayout.Compute(doc);
        foreach (var e in doc.Enums)
        {
            _enums.TryAdd(e.Name, e);
        }
    }

    public SpecDocument Doc { get; }

    /// <summary>Output file name without extension.</summary>
    public string BaseName { get; }

    /// <summary>The spec file as the user named it.</summary>
    public string SourcePath { get; }

    /// <summary>Struct layouts by C tag (structs that cannot be laid out are missing).</summary>
    public IReadOnlyDictionary<string, StructLayout> Layouts { get; }

    /// <summary>File-level enums: inline enums are shown with their field instead.</summary>
    public IEnumerable<EnumSpec> SharedEnums => Doc.Enums.Where(e => !e.IsInline);

    public string FileName(string extension) => BaseName + extension;

    public EnumSpec? FindEnum(string? name) => name is not null && _enums.TryGetValue(name, out var e) ? e : null;

    /// <summary>Title line: "Smmuv3 — spec/smmuv3/registers.yaml".</summary>
    public string Title => $"{Doc.Name} — {SourcePath}";
}
