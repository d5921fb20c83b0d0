using System;
using System.Collections.Generic;

namespace SmmuGen.Spec.Naming;

/// <summary>
/// The prefix a C enum's value names share (<c>IOMMU_HWPT_DATA_</c> of <c>IOMMU_HWPT_DATA_NONE</c>,
/// <c>IOMMU_HWPT_DATA_VTD_S1</c>): the longest common prefix that ends at a '_', leaving every
/// name a non-empty rest. It names anonymous enums and becomes the spec's <c>prefix:</c>.
/// </summary>
public static class EnumPrefix
{
    /// <summary>The shared '_'-bounded prefix of <paramref name="names"/>, or "" when there is none.</summary>
    public static string Common(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return string.Empty;
        }

        var prefix = names[0];
        foreach (var name in names)
        {
            var n = 0;
            while (n < prefix.Length && n < name.Length && prefix[n] == name[n])
            {
                n++;
            }

            prefix = prefix.Substring(0, n);
        }

        // Back to just after a '_', and short enough that no name is the prefix itself.
        var shortest = int.MaxValue;
        foreach (var name in names)
        {
            shortest = Math.Min(shortest, name.Length);
        }

        var end = prefix.Length;
        if (end >= shortest)
        {
            end = shortest - 1;
        }

        end = end <= 0 ? -1 : prefix.LastIndexOf('_', end - 1);
        return end < 0 ? string.Empty : prefix.Substring(0, end + 1);
    }

    /// <summary>
    /// The prefix for an enum's C# member names. With two or more values, their common prefix; a
    /// single value shares with the enum's own name (<c>iommu_hw_info_vtd_flags</c> gives
    /// <c>IOMMU_HW_INFO_VTD_</c>), else everything up to its last '_'. Names led by <c>__</c>
    /// (sentinels) do not count. Null when there is none.
    /// </summary>
    public static string? Guess(string enumName, IReadOnlyList<string> values)
    {
        // Sentinels like __FOO_MAX sit outside the naming scheme; they keep their whole name.
        var named = new List<string>();
        foreach (var v in values)
        {
            if (!v.StartsWith("__", StringComparison.Ordinal))
            {
                named.Add(v);
            }
        }

        if (named.Count > 0 && named.Count < values.Count)
        {
            values = named;
        }

        string prefix;
        if (values.Count >= 2)
        {
            prefix = Common(values);
        }
        else if (values.Count == 1)
        {
            prefix = Common(new[] { values[0], enumName.ToUpperInvariant() + "_" });
            if (prefix.Length == 0 || prefix.Length >= values[0].Length)
            {
                var last = values[0].LastIndexOf('_', values[0].Length - 2 < 0 ? 0 : values[0].Length - 2);
                prefix = last <= 0 ? string.Empty : values[0].Substring(0, last + 1);
            }
        }
        else
        {
            return null;
        }

        return prefix.Length == 0 ? null : prefix;
    }
}
