using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SmmuGen.Spec.Loading;

/// <summary>
/// Passes YamlDotNet's parse events through and refuses, as YAML errors, the shapes on which
/// YamlDotNet's node builder overflows the stack or never ends (a stack overflow kills the
/// process; no catch helps):
/// nesting deeper than <see cref="MaxNesting"/> (the builder recurses per level);
/// an alias before the end of the node it names, such as <c>&amp;a [ *a ]</c> (a cycle);
/// an alias of a collection inside a mapping key (keys are hashed structurally, and aliases
/// can make a small text an exponentially large tree).
/// Aliases of finished nodes elsewhere, the ordinary use, pass.
/// </summary>
internal sealed class GuardedParser : IParser
{
    /// <summary>The deepest nesting of mappings and sequences a spec file may use.</summary>
    public const int MaxNesting = 100;

    private readonly IParser _inner;
    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, bool> _finished = new(); // anchor -> names a collection
    private int _keyDepth;

    public GuardedParser(IParser inner) => _inner = inner;

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case DocumentStart:
                _finished.Clear();
                break;
            case AnchorAlias alias:
                var inKey = NextIsKey();
                if (!_finished.TryGetValue(alias.Value.Value, out var isCollection))
                {
                    throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} must come after the whole node that &{alias.Value} names");
                }

                if (inKey && isCollection)
                {
                    throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} of a list or mapping cannot be used in a mapping key");
                }

                break;
            case Scalar scalar:
                NextIsKey();
                if (!scalar.Anchor.IsEmpty)
                {
                    _finished[scalar.Anchor.Value] = false;
                }

                break;
            case NodeEvent start when start is MappingStart or SequenceStart:
                var isKey = NextIsKey();
                if (_open.Count >= MaxNesting)
                {
                    throw new YamlException(start.Start, start.End, $"nesting deeper than {MaxNesting} levels; a spec needs only a few");
                }

                if (!start.Anchor.IsEmpty)
                {
                    _finished.Remove(start.Anchor.Value);
                }

                _open.Push(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value, start is MappingStart, isKey));
                _keyDepth += isKey ? 1 : 0;
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var frame = _open.Pop();
                _keyDepth -= frame.IsKey ? 1 : 0;
                if (frame.Anchor is not null)
                {
                    _finished[frame.Anchor] = true;
                }

                break;
        }

        return true;
    }

    /// <summary>Consumes one node position of the innermost collection; true when it lies in a mapping key.</summary>
    private bool NextIsKey()
    {
        var inKey = _keyDepth > 0;
        if (_open.Count > 0 && _open.Peek() is { IsMapping: true } mapping)
        {
            inKey |= mapping.NextIsKey;
            mapping.NextIsKey = !mapping.NextIsKey;
        }

        return inKey;
    }

    private sealed class Frame
    {
        public Frame(string? anchor, bool isMapping, bool isKey)
        {
            Anchor = anchor;
            IsMapping = isMapping;
            IsKey = isKey;
        }

        public string? Anchor { get; }

        public bool IsMapping { get; }

        public bool IsKey { get; }

        public bool NextIsKey { get; set; } = true;
    }
}
