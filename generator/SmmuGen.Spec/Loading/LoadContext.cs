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
        (int)(node.End.Index - node.Start.Index));

    public void Report(SpecRule rule, YamlNode node, string message) => Report(rule, SpanOf(node), message);

    public void Report(SpecRule rule, SourceSpan span, string message) =>
        Diagnostics.Add(SpecDiagnostic.Create(rule, span, message));
}
