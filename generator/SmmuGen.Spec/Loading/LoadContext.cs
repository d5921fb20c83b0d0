using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Loading;

/// <summary>What one load of one file accumulates: diagnostics, waivers and inline enums.</summary>
internal sealed class LoadContext
{
    public LoadContext(string file) => File = file;

    public string File { get; }

    public List<SpecDiagnostic> Diagnostics { get; } = new();

    public List<Waiver> Waivers { get; } = new();

    public List<EnumSpec> InlineEnums { get; } = new();

    public SourceSpan SpanOf(YamlNode node) => new(
        File,
        (int)node.Start.Line,
        (int)node.Start.Column,
        (int)node.Start.Index,
        (int)(EndIndex(node) - node.Start.Index));

    // YamlDotNet gives collections no end mark, so a mapping's extent is that of its last descendant;
    // waivers need the full extent to cover everything inside the node they sit in.
    private static long EndIndex(YamlNode node)
    {
        var end = node.End.Index;
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children)
                {
                    end = System.Math.Max(end, System.Math.Max(EndIndex(entry.Key), EndIndex(entry.Value)));
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    end = System.Math.Max(end, EndIndex(child));
                }

                break;
        }

        return end;
    }

    public void Report(SpecRule rule, YamlNode node, string message) => Report(rule, SpanOf(node), message);

    public void Report(SpecRule rule, SourceSpan span, string message) =>
        Diagnostics.Add(SpecDiagnostic.Create(rule, span, message));
}
