using System;
using System.Collections.Generic;
using System.Linq;

namespace SmmuGen.Spec.Diff;

/// <summary>
/// Compares two versions of one struct, member by member (by C path), and decides each change by
/// where its bytes were in the old layout: must-be-zero reserved bytes, implicit padding, the
/// tail, a union's existing bytes, or other members' bytes.
/// </summary>
internal sealed class StructComparison
{
    private readonly UapiStruct _old;
    private readonly UapiStruct _new;
    private readonly string _scope;
    private readonly List<UapiChange> _changes;
    private readonly Dictionary<string, UapiField> _oldFields;
    private readonly Dictionary<string, UapiField> _newFields;
    private readonly List<(ulong Start, ulong End)> _reserved;
    private readonly List<(ulong Start, ulong End)> _holes;

    public StructComparison(UapiStruct old, UapiStruct @new, string scope, List<UapiChange> changes)
    {
        _old = old;
        _new = @new;
        _scope = scope;
        _changes = changes;
        _oldFields = First(old.Fields);
        _newFields = First(@new.Fields);
        _reserved = old.Fields.Where(f => f.Reserved).Select(f => (f.Offset, f.End)).ToList();
        _holes = old.Holes.Select(h => (h.Offset, h.Offset + h.Size)).ToList();
    }

    private static Dictionary<string, UapiField> First(IEnumerable<UapiField> fields)
    {
        var result = new Dictionary<string, UapiField>(StringComparer.Ordinal);
        foreach (var f in fields.Where(f => !result.ContainsKey(f.Path)))
        {
            result[f.Path] = f;
        }

        return result;
    }

    private bool SizePrefixed => _old.SizePrefixed && _new.SizePrefixed;

    private void Add(UapiVerdict verdict, UapiChangeKind kind, string subject, string message, string? old, string? @new, UapiField? o = null, UapiField? n = null) =>
        _changes.Add(new UapiChange(verdict, kind, _scope, subject, message, old, @new, o?.Span ?? _old.Span, n?.Span ?? _new.Span));

    public void Run()
    {
        if (_old.Size is not { } oldSize || _new.Size is not { } newSize)
        {
            if (_old.Size != _new.Size)
            {
                Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, "layout", "one version cannot be laid out (see its diagnostics), so its members cannot be compared", _old.Size?.ToString(), _new.Size?.ToString());
            }

            return;
        }

        StructLevel(oldSize, newSize);
        var renamed = Renames();
        var reordered = Reordered();
        foreach (var n in _new.Fields)
        {
            if (_oldFields.TryGetValue(n.Path, out var o))
            {
                Kept(o, n, reordered);
            }
            else if (!renamed.ContainsValue(n))
            {
                Added(n, oldSize);
            }
        }

        foreach (var o in _old.Fields.Where(f => !_newFields.ContainsKey(f.Path)))
        {
            if (renamed.TryGetValue(o, out var to))
            {
                Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, o.Path, $"renamed to {to.Path} (same offset, size and type): binaries keep working, sources naming {o.Path} no longer compile", o.Describe(), to.Describe(), o, to);
            }
            else
            {
                Removed(o);
            }
        }
    }

    private void StructLevel(ulong oldSize, ulong newSize)
    {
        if (_old.SizePrefixed != _new.SizePrefixed)
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, "size-prefixed", _new.SizePrefixed
                ? "now size-prefixed: its first member tells the kernel how many bytes the caller knows"
                : "no longer size-prefixed: the struct can no longer grow compatibly", _old.SizePrefixed.ToString().ToLowerInvariant(), _new.SizePrefixed.ToString().ToLowerInvariant());
        }

        if (newSize > oldSize)
        {
            if (SizePrefixed)
            {
                Add(UapiVerdict.Compatible, UapiChangeKind.Changed, "size", $"grew from {oldSize} to {newSize} bytes at the tail; size-prefixed, so older callers pass {oldSize} and the kernel zero-fills the rest, and newer callers must leave bytes an older kernel does not know zero (E2BIG)", $"{oldSize} bytes", $"{newSize} bytes");
            }
            else
            {
                Add(UapiVerdict.Breaking, UapiChangeKind.Changed, "size", $"grew from {oldSize} to {newSize} bytes without a size prefix: arrays of it, records read() in it and ioctl numbers that encode its size change", $"{oldSize} bytes", $"{newSize} bytes");
            }
        }
        else if (newSize < oldSize)
        {
            Add(UapiVerdict.Breaking, UapiChangeKind.Changed, "size", $"shrank from {oldSize} to {newSize} bytes: older callers pass bytes the kernel no longer expects", $"{oldSize} bytes", $"{newSize} bytes");
        }

        if (_old.Align != _new.Align)
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, "align", $"alignment changed from {_old.Align} to {_new.Align}: structs that embed it and arrays of it change layout", $"{_old.Align}", $"{_new.Align}");
        }
    }

    /// <summary>A removed and an added member at the same place with the same type: a rename.</summary>
    private Dictionary<UapiField, UapiField> Renames()
    {
        var renamed = new Dictionary<UapiField, UapiField>();
        var added = _new.Fields.Where(f => !_oldFields.ContainsKey(f.Path) && !f.Reserved).ToList();
        foreach (var o in _old.Fields.Where(f => !_newFields.ContainsKey(f.Path) && !f.Reserved))
        {
            var match = added.FirstOrDefault(n => n.Offset == o.Offset && n.Size == o.Size && n.Shape == o.Shape && !renamed.ContainsValue(n));
            if (match is not null)
            {
                renamed[o] = match;
            }
        }

        return renamed;
    }

    /// <summary>True when the members both versions have are declared in a different order.</summary>
    private bool Reordered()
    {
        var kept = _new.Fields.Where(f => _oldFields.ContainsKey(f.Path)).Select(f => _oldFields[f.Path].Order).ToList();
        return kept.Zip(kept.Skip(1), (a, b) => a > b).Any(x => x);
    }

    private void Kept(UapiField o, UapiField n, bool reordered)
    {
        var inReserved = o.Reserved && n.Reserved && Within(n, _reserved);
        if (o.Offset != n.Offset || o.Size != n.Size)
        {
            if (inReserved)
            {
                Add(UapiVerdict.Compatible, UapiChangeKind.Changed, n.Path, $"must-be-zero bytes narrowed to {Bytes(n)} (were {Bytes(o)}); the rest of the old reserved bytes now hold named members", o.Describe(), n.Describe(), o, n);
            }
            else if (o.Offset != n.Offset)
            {
                var why = reordered ? " (members reordered)" : string.Empty;
                Add(UapiVerdict.Breaking, UapiChangeKind.Changed, n.Path, $"moved from offset {o.Offset} to {n.Offset}{why}: binaries built with the old layout read and write the wrong bytes", o.Describe(), n.Describe(), o, n);
            }
            else if (o.IsFlexible != n.IsFlexible)
            {
                Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, n.Path, $"changed between a flexible array and a fixed array ({o.Shape} → {n.Shape}); usually an intended migration, but sizeof changes", o.Describe(), n.Describe(), o, n);
            }
            else
            {
                Add(UapiVerdict.Breaking, UapiChangeKind.Changed, n.Path, $"width changed from {o.Size} to {n.Size} bytes ({o.Shape} → {n.Shape}): the member's bytes, and everything after it, mean something else", o.Describe(), n.Describe(), o, n);
            }

            return;
        }

        if (o.Shape != n.Shape)
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, n.Path, $"type changed from {o.Shape} to {n.Shape} with the same size and offset: {SameWidthNote(o, n)}", o.Describe(), n.Describe(), o, n);
        }

        if (o.Reserved != n.Reserved)
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, n.Path, n.Reserved
                ? "now must be zero: callers that set it will be rejected"
                : "no longer marked must-be-zero: check what a non-zero value now means and that old kernels rejected it", o.Reserved ? "reserved" : "not reserved", n.Reserved ? "reserved" : "not reserved", o, n);
        }

        if (o.Union is null && n.Union is { } u)
        {
            Add(UapiVerdict.Compatible, UapiChangeKind.Changed, n.Path, $"now shares its bytes with other members in a union at offset {u.Offset}; its own offset and size are kept", o.Describe(), n.Describe() + " (in a union)", o, n);
        }
        else if (o.Union is not null && n.Union is null)
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Changed, n.Path, "no longer in a union; check that the members it shared bytes with are gone", o.Describe() + " (in a union)", n.Describe(), o, n);
        }
    }

    private static string SameWidthNote(UapiField o, UapiField n)
    {
        string Base(string t) => t.Replace("__aligned_", "__");
        if (Base(o.Type) == Base(n.Type))
        {
            return "the layout is the same on LP64, but a plain 64-bit member is only 4-aligned on 32-bit x86";
        }

        var signedness = o.Type.StartsWith("__s", StringComparison.Ordinal) != n.Type.StartsWith("__s", StringComparison.Ordinal);
        var endian = Endian(o.Type) != Endian(n.Type);
        return signedness ? "signedness changed; check every value user space may pass"
            : endian ? "byte order changed; the same bytes mean another number"
            : "check that every value keeps its meaning";
    }

    private static string Endian(string type) => type.Contains("be") ? "be" : type.Contains("le") ? "le" : "cpu";

    private void Added(UapiField n, ulong oldSize)
    {
        var d = n.Describe();
        if (n.IsFlexible)
        {
            Add(UapiVerdict.Compatible, UapiChangeKind.Added, n.Path, "new flexible array member: it adds no bytes, only marks where variable data follows", null, d, null, n);
        }
        else if (Within(n, _reserved))
        {
            Add(UapiVerdict.Compatible, UapiChangeKind.Added, n.Path, $"takes must-be-zero reserved bytes {Bytes(n)} of the old layout: old callers always sent zero there, so zero must keep the old meaning", null, d, null, n);
        }
        else if (Within(n, _reserved.Concat(_holes).ToList()))
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Added, n.Path, $"placed in implicit padding (bytes {Bytes(n)}) of the old layout: old callers may leave garbage there, and the size cannot tell the versions apart; declare explicit reserved members instead", null, d, null, n);
        }
        else if (n.Offset >= oldSize)
        {
            if (SizePrefixed)
            {
                Add(UapiVerdict.Compatible, UapiChangeKind.Added, n.Path, "new member at the tail of a size-prefixed struct: older callers pass a smaller size and the kernel treats the member as zero", null, d, null, n);
            }
            else
            {
                Add(UapiVerdict.NeedsReview, UapiChangeKind.Added, n.Path, "new member at the tail of a struct without a size prefix (see its size change)", null, d, null, n);
            }
        }
        else if (n.Union is not null && CoveredByKeptMembers(n))
        {
            Add(UapiVerdict.Compatible, UapiChangeKind.Added, n.Path, $"new alternative in a union at offset {n.Union.Value.Offset}; the members already there keep their offsets", null, d, null, n);
        }
        else
        {
            Add(UapiVerdict.Breaking, UapiChangeKind.Added, n.Path, $"inserted at offset {n.Offset}, inside the old layout: bytes {Bytes(n)} held other members", null, d, null, n);
        }
    }

    private void Removed(UapiField o)
    {
        var d = o.Describe();
        if (o.IsFlexible)
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Removed, o.Path, "flexible array member removed: the layout keeps its size, but code that used it no longer compiles", d, null, o);
            return;
        }

        if (!o.Reserved)
        {
            Add(UapiVerdict.Breaking, UapiChangeKind.Removed, o.Path, "removed: user space that sets or reads it no longer compiles, and its bytes may mean something else", d, null, o);
            return;
        }

        var takers = _new.Fields.Where(n => n.Offset < o.End && o.Offset < n.End).ToList();
        if (takers.Count == 0)
        {
            Add(UapiVerdict.NeedsReview, UapiChangeKind.Removed, o.Path, $"must-be-zero member removed: bytes {Bytes(o)} are now implicit padding, which nothing checks to be zero", d, null, o);
        }
        else if (takers.All(n => Within(n, _reserved)))
        {
            Add(UapiVerdict.Compatible, UapiChangeKind.Removed, o.Path, $"must-be-zero bytes {Bytes(o)} now hold {string.Join(", ", takers.Select(t => t.Path))}", d, string.Join(", ", takers.Select(t => t.Describe())), o);
        }
        else
        {
            Add(UapiVerdict.Breaking, UapiChangeKind.Removed, o.Path, $"must-be-zero member removed, and its bytes {Bytes(o)} now hold members that reach beyond the old reserved bytes", d, null, o);
        }
    }

    /// <summary>True when every old member overlapping <paramref name="n"/> is still there, unchanged, and together they cover it.</summary>
    private bool CoveredByKeptMembers(UapiField n)
    {
        var overlapping = _old.Fields.Where(o => o.Offset < n.End && n.Offset < o.End).ToList();
        var kept = overlapping.All(o => _newFields.TryGetValue(o.Path, out var now) && now.Offset == o.Offset && now.Size == o.Size);
        return overlapping.Count > 0 && kept && Within(n, overlapping.Select(o => (o.Offset, o.End)).ToList());
    }

    /// <summary>True when every byte of <paramref name="f"/> lies in one of <paramref name="ranges"/>.</summary>
    private static bool Within(UapiField f, List<(ulong Start, ulong End)> ranges)
    {
        if (f.Size == 0)
        {
            return false;
        }

        for (var b = f.Offset; b < f.End; b++)
        {
            var inside = false;
            foreach (var (start, end) in ranges)
            {
                if (b >= start && b < end)
                {
                    inside = true;
                    break;
                }
            }

            if (!inside)
            {
                return false;
            }
        }

        return true;
    }

    private static string Bytes(UapiField f) => f.Size <= 1 ? $"{f.Offset}" : $"{f.Offset}..{f.End - 1}";
}
