using System;
using System.Linq;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// The macros a token may no longer expand (C's rule that a macro does not expand inside its own
/// replacement). Tiny and immutable: real hide sets hold a handful of names.
/// </summary>
internal sealed class CHideSet
{
    private readonly string[] _names;

    private CHideSet(string[] names) => _names = names;

    public static CHideSet Empty { get; } = new(Array.Empty<string>());

    public bool Contains(string name) => Array.IndexOf(_names, name) >= 0;

    public CHideSet With(string name) => Contains(name) ? this : new CHideSet(_names.Append(name).ToArray());

    public CHideSet Union(CHideSet other) => other._names.Aggregate(this, (set, name) => set.With(name));

    public CHideSet Intersect(CHideSet other) => new(_names.Where(other.Contains).ToArray());
}
