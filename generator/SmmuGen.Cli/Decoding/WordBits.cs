using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Decoding;

/// <summary>Bit ranges over a little-endian value held as 64-bit words (bit n is bit n % 64 of word n / 64).</summary>
internal static class WordBits
{
    /// <summary>The set bits of <paramref name="mask"/> as maximal ranges, lowest first.</summary>
    public static IReadOnlyList<BitRange> Ranges(IReadOnlyList<ulong> mask)
    {
        var ranges = new List<BitRange>();
        var start = -1;
        var total = mask.Count * 64;
        for (var bit = 0; bit <= total; bit++)
        {
            var set = bit < total && (mask[bit / 64] & (1UL << (bit % 64))) != 0;
            if (set && start < 0)
            {
                start = bit;
            }
            else if (!set && start >= 0)
            {
                ranges.Add(new BitRange(bit - 1, start));
                start = -1;
            }
        }

        return ranges;
    }

    /// <summary><c>[5] [31:20]</c>.</summary>
    public static string Describe(IReadOnlyList<BitRange> ranges) => string.Join(" ", ranges.Select(r => $"[{r}]"));
}
