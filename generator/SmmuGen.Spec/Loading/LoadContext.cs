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
    // Aliases share nodes, so the node graph may be a DAG or a cycle (`&a [ *a ]`): walk it
    // without recursion and visit each node once, or the walk overflows the stack or never ends.
    private static long EndIndex(YamlNode node)
    {
        var end = node.End.Index;
        var seen = new HashSet<YamlNode>(SameNode.Instance);
        var pending = new Stack<YamlNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            end = System.Math.Max(end, current.End.Index);
            switch (current)
            {
                case YamlMappingNode mapping:
                    foreach (var entry in mapping.Children)
                    {
                        pending.Push(entry.Key);
                        pending.Push(entry.Value);
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return end;
    }

    /// <summary>Node identity (YamlDotNet's node equality and hash are structural, and recurse).</summary>
    private sealed class SameNode : IEqualityComparer<YamlNode>
    {
        public static readonly SameNode Instance = new();

        public bool Equals(YamlNode? x, YamlNode? y) => ReferenceEquals(x, y);

        public int GetHashCode(YamlNode obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    public void Report(SpecRule rule, YamlNode node, string message) => Report(rule, SpanOf(node), message);

    public void Report(SpecRule rule, SourceSpan span, string message) =>
        Diagnostics.Add(SpecDiagnostic.Create(rule, span, message));
}
