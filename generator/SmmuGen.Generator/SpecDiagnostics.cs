using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SmmuGen.Generator.Model;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Generator;

/// <summary>
/// Turns spec diagnostics into compiler diagnostics located in the YAML file. Such locations
/// are outside any C# source, so <c>#pragma</c> cannot suppress them: spec authors waive in the
/// spec (<c>waivers:</c>) and consumers use <c>NoWarn</c> or .editorconfig.
/// </summary>
internal static class SpecDiagnostics
{
    private const string Category = "SmmuGen.Spec";
    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors = new();

    public static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var descriptor = Descriptor(info.Id, info.Title, info.Severity);
        var start = new LinePosition(info.Span.Line - 1, info.Span.Column - 1);
        var location = Location.Create(info.Span.File, new TextSpan(info.Span.Offset, info.Span.Length), new LinePositionSpan(start, start));
        return Diagnostic.Create(descriptor, location, info.Message);
    }

    private static DiagnosticDescriptor Descriptor(string id, string title, SpecSeverity severity)
    {
        lock (Descriptors)
        {
            if (!Descriptors.TryGetValue(id, out var d))
            {
                // The ids and titles are SmmuGen.Spec's (SpecRules); the generator adds no ids of its own.
#pragma warning disable RS2008 // release tracking lives in SpecRules and spec/README.md
                d = new DiagnosticDescriptor(id, title, "{0}", Category, severity == SpecSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008
                Descriptors[id] = d;
            }

            return d;
        }
    }
}
