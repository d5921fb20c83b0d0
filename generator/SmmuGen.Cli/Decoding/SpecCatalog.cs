using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using SmmuGen.Cli.Specs;
using SmmuGen.Spec;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Decoding;

/// <summary>A register or record found by name, with the document that states it (for its enums).</summary>
internal sealed record SpecItem<T>(T Item, SpecDocument Document);

/// <summary>
/// The compiled specs <c>decode</c> looks names up in: the SMMUv3 specs bundled in the tool, or the
/// files given with <c>--spec</c>.
/// </summary>
internal sealed class SpecCatalog
{
    /// <summary>Prefix of the embedded spec resources (the csproj's LogicalName).</summary>
    private const string ResourcePrefix = "spec/";

    /// <summary>Words people use for the SMMUv3 records, mapped to the record names of the specs.</summary>
    private static readonly Dictionary<string, string> RecordAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["event"] = "EVT",
        ["events"] = "EVT",
        ["command"] = "CMD",
        ["commands"] = "CMD",
    };

    // Compiled once per process: every in-process test run would otherwise recompile the same text.
    private static readonly Lazy<IReadOnlyList<SpecResult>> Bundled = new(CompileBundled);

    private SpecCatalog(IReadOnlyList<SpecDocument> documents) => Documents = documents;

    /// <summary>The documents, in the order their files were given.</summary>
    public IReadOnlyList<SpecDocument> Documents { get; }

    /// <summary>
    /// The bundled specs when <paramref name="specPaths"/> is empty, else those files. Returns null
    /// after writing the diagnostics when a spec has errors: decoding against a broken spec would
    /// print wrong names with confidence.
    /// </summary>
    public static SpecCatalog? Load(IReadOnlyList<string> specPaths, CliEnvironment environment)
    {
        var results = specPaths.Count == 0
            ? Bundled.Value
            : SpecInputs.Resolve(specPaths, environment).Select(s => s.Compile().Result).ToList();
        var errors = results.SelectMany(r => r.Diagnostics).Where(d => d.Severity == Spec.Diagnostics.SpecSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            foreach (var diagnostic in errors)
            {
                environment.Error.WriteLine(diagnostic.ToString());
            }

            environment.Error.WriteLine("smmugen: nothing decoded: the specs have errors");
            return null;
        }

        return new SpecCatalog(results.Select(r => r.Document).OfType<SpecDocument>().ToList());
    }

    /// <summary>A record by name (<c>STE</c>, <c>evt</c>) or alias (<c>event</c>, <c>command</c>), or null.</summary>
    public SpecItem<RecordSpec>? FindRecord(string name)
    {
        if (RecordAliases.TryGetValue(name, out var alias))
        {
            name = alias;
        }

        return Find(name, d => d.Records, r => r.Name, r => r.CSharpName);
    }

    /// <summary>
    /// A register by architecture name, any case, with or without <c>SMMU_</c> (<c>cr0</c>,
    /// <c>SMMU_STRTAB_BASE_CFG</c>), or by its C# name (<c>StrtabBaseCfg</c>); null when unknown.
    /// </summary>
    public SpecItem<RegisterSpec>? FindRegister(string name)
    {
        var bare = name.StartsWith("SMMU_", StringComparison.OrdinalIgnoreCase) ? name.Substring("SMMU_".Length) : name;
        return Find(bare, d => d.Registers, r => r.Name, r => r.CSharpName);
    }

    /// <summary>The enum a field names, looked up in the field's own document first.</summary>
    public EnumSpec? FindEnum(SpecDocument document, string? enumName)
    {
        if (enumName is null)
        {
            return null;
        }

        return document.Enums.FirstOrDefault(e => e.Name == enumName)
            ?? Documents.SelectMany(d => d.Enums).FirstOrDefault(e => e.Name == enumName);
    }

    /// <summary>Register and record names that contain <paramref name="text"/>, for "did you mean" hints.</summary>
    public IReadOnlyList<string> Similar(string text, int max)
    {
        var bare = text.StartsWith("SMMU_", StringComparison.OrdinalIgnoreCase) ? text.Substring("SMMU_".Length) : text;
        return Documents
            .SelectMany(d => d.Records.Select(r => r.Name).Concat(d.Registers.Select(r => r.Name)))
            .Where(n => n.IndexOf(bare, StringComparison.OrdinalIgnoreCase) >= 0 || bare.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0)
            .Distinct(StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>Every record name, for usage messages.</summary>
    public IReadOnlyList<string> RecordNames => Documents.SelectMany(d => d.Records.Select(r => r.Name)).ToList();

    private SpecItem<T>? Find<T>(string name, Func<SpecDocument, IEnumerable<T>> items, Func<T, string> specName, Func<T, string?> csharpName)
    {
        // Exact architecture name (any case) first, then without underscores, so the C# name
        // (StrtabBaseCfg) and a lower-case strtab_base_cfg both work.
        foreach (var document in Documents)
        {
            foreach (var item in items(document))
            {
                if (string.Equals(specName(item), name, StringComparison.OrdinalIgnoreCase))
                {
                    return new SpecItem<T>(item, document);
                }
            }
        }

        var squashed = Squash(name);
        foreach (var document in Documents)
        {
            foreach (var item in items(document))
            {
                if (string.Equals(Squash(specName(item)), squashed, StringComparison.OrdinalIgnoreCase)
                    || (csharpName(item) is { } cs && string.Equals(cs, name, StringComparison.OrdinalIgnoreCase)))
                {
                    return new SpecItem<T>(item, document);
                }
            }
        }

        return null;
    }

    private static string Squash(string name) => name.Replace("_", string.Empty);

    private static IReadOnlyList<SpecResult> CompileBundled()
    {
        var assembly = typeof(SpecCatalog).Assembly;

        // Windows builds put '\' into the logical name through %(RecursiveDir).
        var resources = assembly.GetManifestResourceNames()
            .Select(n => (Resource: n, Name: n.Replace('\\', '/')))
            .Where(r => r.Name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.Name.EndsWith(SpecInputs.Extension, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        if (resources.Count == 0)
        {
            throw new InvalidOperationException("this smmugen was built without its bundled specs");
        }

        return resources.Select(r => SpecCompiler.Compile("(bundled) " + r.Name, Read(assembly, r.Resource))).ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"bundled spec '{resource}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
