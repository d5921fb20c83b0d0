using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SmmuGen.Generator.Model;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>
/// Adds one spec file's generated sources, one per C# type, skipping (and reporting) a type
/// another spec file also generates: the first file by path owns it, so one spec's duplicate
/// never crashes the compiler with a hint-name clash.
/// </summary>
internal sealed class GeneratedFiles
{
    private readonly SourceProductionContext _context;
    private readonly SpecGenerationSpec _spec;
    private readonly Dictionary<string, string> _owners;

    public GeneratedFiles(SourceProductionContext context, SpecGenerationSpec spec, EquatableArray<GeneratedTypeName> allTypes)
    {
        _context = context;
        _spec = spec;
        _owners = allTypes.GroupBy(t => t.FullName).ToDictionary(g => g.Key, g => g.First().SourcePath);
    }

    /// <summary>True when this spec file owns <paramref name="typeName"/>; otherwise reports SMMUGEN004 and returns false.</summary>
    public bool Owns(string typeName)
    {
        var full = $"{_spec.Namespace}.{typeName}";
        var owner = _owners.TryGetValue(full, out var o) ? o : _spec.SourcePath;
        if (owner == _spec.SourcePath)
        {
            return true;
        }

        _context.ReportDiagnostic(SpecDiagnostics.ToDiagnostic(new DiagnosticInfo(
            SpecRules.DuplicateName.Id,
            SpecSeverity.Error,
            SpecRules.DuplicateName.Title,
            $"type {full} is also generated from {owner}; rename it in one spec, or give one spec another namespace",
            SourceSpan.StartOf(_spec.SourcePath))));
        return false;
    }

    /// <summary>Adds the source of <paramref name="typeName"/>.</summary>
    public void Add(string typeName, string source) =>
        _context.AddSource($"{_spec.Namespace}.{typeName}.g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
}
