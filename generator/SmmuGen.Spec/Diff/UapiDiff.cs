using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Diff;

/// <summary>
/// Compares two versions of a uAPI (each one or more spec documents, from YAML or from C
/// headers) member by member, by C name, and gives every change a verdict by iommufd's rules:
/// <list type="bullet">
/// <item>a size-prefixed struct may grow at the tail (its first <c>__u32 size</c> tells the kernel
/// what the caller knows; unknown tail bytes must be zero), so new tail members are compatible;</item>
/// <item>must-be-zero reserved bytes may become named members (old callers always sent zero);</item>
/// <item>a new member in implicit padding needs review (old callers may leave garbage there, and
/// the size cannot tell the versions apart);</item>
/// <item>an ioctl's minimum size changing needs review, and its growth breaks;</item>
/// <item>moving, resizing or removing a member, and changing a value or an ioctl number, break;</item>
/// <item>a member joining a union that keeps its offset is compatible;</item>
/// <item>sentinels (<c>*_MAX</c>, <c>*_NUM</c>, …) may move;</item>
/// <item>new values, structs and ioctls are compatible.</item>
/// </list>
/// </summary>
public static class UapiDiff
{
    private static readonly Regex Sentinel = new(@"(_MAX|_NUM|_LAST|_COUNT|_CNT)$|^(MAX|NUM)_", RegexOptions.CultureInvariant);

    /// <summary>Every change from <paramref name="oldDocuments"/> to <paramref name="newDocuments"/>.</summary>
    public static UapiDiffResult Compare(IEnumerable<SpecDocument> oldDocuments, IEnumerable<SpecDocument> newDocuments)
    {
        var before = UapiView.From(oldDocuments);
        var after = UapiView.From(newDocuments);
        var changes = new List<UapiChange>();
        Structs(before, after, changes);
        Enums(before, after, changes);
        Values(before, after, changes);
        Ioctls(before, after, changes);
        return new UapiDiffResult(changes.ToEquatableArray());
    }

    /// <summary>True for an enumerator that counts or bounds the others (<c>FOO_MAX</c>, <c>__FOO_MAX</c>, <c>FOO_NUM</c>).</summary>
    public static bool IsSentinel(string name) => Sentinel.IsMatch(name);

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static IEnumerable<(T? Old, T? New)> Pair<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> name)
        where T : class
    {
        var old = before.ToDictionary(name, StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in after)
        {
            kept.Add(name(n));
            yield return (old.TryGetValue(name(n), out var o) ? o : null, n);
        }

        foreach (var o in before.Where(o => !kept.Contains(name(o))))
        {
            yield return (o, null);
        }
    }

    // ---- enums and values ----------------------------------------------------------------------

    private static void Enums(UapiView before, UapiView after, List<UapiChange> changes)
    {
        var newValues = new HashSet<string>(after.Values.Select(v => v.Name), StringComparer.Ordinal);
        foreach (var (o, n) in Pair(before.Enums, after.Enums, e => e.Name))
        {
            var scope = $"enum {(n ?? o)!.Name}";
            if (o is null)
            {
                changes.Add(new UapiChange(UapiVerdict.Compatible, UapiChangeKind.Added, scope, string.Empty, $"new enum with {Plural(n!.Values.Count, "value")}", null, Plural(n.Values.Count, "value"), null, n.Span));
            }
            else if (n is null)
            {
                var kept = o.Values.Count(newValues.Contains);
                var verdict = kept == o.Values.Count ? UapiVerdict.NeedsReview : UapiVerdict.Breaking;
                var why = kept == o.Values.Count
                    ? "the enum type is gone, but every value still exists elsewhere; code naming the type no longer compiles"
                    : "removed, with values user space may use";
                changes.Add(new UapiChange(verdict, UapiChangeKind.Removed, scope, string.Empty, why, Plural(o.Values.Count, "value"), null, o.Span, null));
            }
        }
    }

    private static void Values(UapiView before, UapiView after, List<UapiChange> changes)
    {
        var newEnums = new HashSet<string>(after.Enums.Select(e => e.Name).Except(before.Enums.Select(e => e.Name)), StringComparer.Ordinal);
        var oldEnums = new HashSet<string>(before.Enums.Select(e => e.Name).Except(after.Enums.Select(e => e.Name)), StringComparer.Ordinal);
        foreach (var (o, n) in Pair(before.Values, after.Values, v => v.Name))
        {
            var v = (n ?? o)!;
            var scope = v.Enum is { } e ? $"enum {e}" : $"constant {v.Name}";
            var subject = v.Enum is null ? string.Empty : v.Name;
            var sentinel = IsSentinel(v.Name);
            if (o is null)
            {
                if (n!.Enum is { } inNewEnum && newEnums.Contains(inNewEnum))
                {
                    continue; // part of a new enum, reported once as that enum
                }

                changes.Add(new UapiChange(UapiVerdict.Compatible, UapiChangeKind.Added, scope, subject, "new value", null, $"{n.Name} = {Hex(n.Value)}", null, n.Span));
            }
            else if (n is null)
            {
                if (o.Enum is { } inOldEnum && oldEnums.Contains(inOldEnum))
                {
                    continue; // reported with its enum
                }

                var verdict = sentinel ? UapiVerdict.NeedsReview : UapiVerdict.Breaking;
                var why = sentinel ? "sentinel removed; code that sized arrays by it no longer compiles" : "removed; user space that uses it no longer compiles";
                changes.Add(new UapiChange(verdict, UapiChangeKind.Removed, scope, subject, why, $"{o.Name} = {Hex(o.Value)}", null, o.Span, null));
            }
            else if (o.Value != n.Value)
            {
                var verdict = sentinel ? UapiVerdict.Compatible : UapiVerdict.Breaking;
                var why = sentinel
                    ? "sentinel moved; it counts or bounds the other values and is not passed across the ABI"
                    : "value changed; binaries built with the old value pass a different number";
                changes.Add(new UapiChange(verdict, UapiChangeKind.Changed, scope, subject, why, Hex(o.Value), Hex(n.Value), o.Span, n.Span));
            }
        }
    }

    // ---- ioctls -------------------------------------------------------------------------------

    private static void Ioctls(UapiView before, UapiView after, List<UapiChange> changes)
    {
        foreach (var (o, n) in Pair(before.Ioctls, after.Ioctls, i => i.Name))
        {
            var scope = $"ioctl {(n ?? o)!.Name}";
            if (o is null)
            {
                changes.Add(new UapiChange(UapiVerdict.Compatible, UapiChangeKind.Added, scope, string.Empty, "new ioctl", null, Describe(n!), null, n!.Span));
                continue;
            }

            if (n is null)
            {
                changes.Add(new UapiChange(UapiVerdict.Breaking, UapiChangeKind.Removed, scope, string.Empty, "removed; user space that issues it gets ENOTTY, and its sources no longer compile", Describe(o), null, o.Span, null));
                continue;
            }

            if (o.Encoded is { } oe && n.Encoded is { } ne && oe != ne)
            {
                changes.Add(new UapiChange(UapiVerdict.Breaking, UapiChangeKind.Changed, scope, "number", $"the ioctl number changed ({NumberChange(o, n)}); binaries built with the old number are no longer recognised", Describe(o), Describe(n), o.Span, n.Span));
            }
            else if (o.Encoded is null || n.Encoded is null)
            {
                if (o.Type != n.Type || o.Number != n.Number || o.Direction != n.Direction)
                {
                    changes.Add(new UapiChange(UapiVerdict.Breaking, UapiChangeKind.Changed, scope, "number", $"the ioctl number changed ({NumberChange(o, n)})", Describe(o), Describe(n), o.Span, n.Span));
                }
            }

            if (o.StructName is { } os && n.StructName is { } ns && os != ns)
            {
                changes.Add(new UapiChange(UapiVerdict.NeedsReview, UapiChangeKind.Changed, scope, "struct", $"now takes struct {ns} instead of struct {os}; check the two layouts agree", "struct " + os, "struct " + ns, o.Span, n.Span));
            }

            if (o.MinSize is { } om && n.MinSize is { } nm && om != nm)
            {
                var grew = nm > om;
                var why = grew
                    ? $"the minimum size grew from {om} to {nm} bytes (min-size-member {o.MinSizeMember} → {n.MinSizeMember}); callers built for the old minimum now fail with EINVAL"
                    : $"the minimum size shrank from {om} to {nm} bytes (min-size-member {o.MinSizeMember} → {n.MinSizeMember}); the kernel must treat the bytes between as optional";
                changes.Add(new UapiChange(grew ? UapiVerdict.Breaking : UapiVerdict.NeedsReview, UapiChangeKind.Changed, scope, "min-size", why, $"{om} bytes", $"{nm} bytes", o.Span, n.Span));
            }
        }
    }

    private static string Describe(UapiIoctl i)
    {
        var form = i.Direction switch
        {
            IoctlDirection.Read => "_IOR",
            IoctlDirection.Write => "_IOW",
            IoctlDirection.ReadWrite => "_IOWR",
            _ => "_IO",
        };
        var payload = i.Direction == IoctlDirection.None || i.StructName is null ? string.Empty : $", struct {i.StructName}";
        var encoded = i.Encoded is { } e ? $" = {Hex(e)}" : string.Empty;
        return $"{form}({Hex(i.Type)}, {Hex(i.Number)}{payload}){encoded}";
    }

    private static string NumberChange(UapiIoctl o, UapiIoctl n)
    {
        var parts = new List<string>();
        if (o.Type != n.Type)
        {
            parts.Add($"type {Hex(o.Type)} → {Hex(n.Type)}");
        }

        if (o.Number != n.Number)
        {
            parts.Add($"nr {Hex(o.Number)} → {Hex(n.Number)}");
        }

        if (o.Direction != n.Direction)
        {
            parts.Add($"direction {o.Direction.ToString().ToLowerInvariant()} → {n.Direction.ToString().ToLowerInvariant()}");
        }

        if (o.PayloadSize != n.PayloadSize && o.Direction != IoctlDirection.None && n.Direction != IoctlDirection.None)
        {
            parts.Add($"encoded size {o.PayloadSize} → {n.PayloadSize}");
        }

        return string.Join(", ", parts);
    }

    private static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";

    // ---- structs ------------------------------------------------------------------------------

    private static void Structs(UapiView before, UapiView after, List<UapiChange> changes)
    {
        foreach (var (o, n) in Pair(before.Structs, after.Structs, s => s.Name))
        {
            var scope = $"struct {(n ?? o)!.Name}";
            if (o is null)
            {
                changes.Add(new UapiChange(UapiVerdict.Compatible, UapiChangeKind.Added, scope, string.Empty, "new struct", null, n!.Size is { } size ? $"{size} bytes" : null, null, n!.Span));
            }
            else if (n is null)
            {
                changes.Add(new UapiChange(UapiVerdict.Breaking, UapiChangeKind.Removed, scope, string.Empty, "removed; user space that uses it no longer compiles", o.Size is { } size ? $"{size} bytes" : null, null, o.Span, null));
            }
            else
            {
                new StructComparison(o, n, scope, changes).Run();
            }
        }
    }
}
