using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Decoding;

/// <summary>Numbers as written on the command line; anything malformed is a <see cref="UsageException"/>.</summary>
internal static class DecodeNumbers
{
    private static readonly char[] Separators = { ' ', '\t', ',', '\r', '\n' };

    /// <summary>Arguments split on spaces and commas, so a pasted "0x1, 0x2" or one quoted list works.</summary>
    public static IReadOnlyList<string> Tokens(IEnumerable<string> arguments) =>
        arguments.SelectMany(a => a.Split(Separators, StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>A register value: <c>0x</c> hex, <c>0b</c> binary, otherwise decimal; <c>_</c> may group digits.</summary>
    public static ulong ParseValue(string text)
    {
        var digits = text.Replace("_", string.Empty);
        if (HasPrefix(digits, "0x"))
        {
            return Parse(text, digits.Substring(2), 16);
        }

        if (HasPrefix(digits, "0b"))
        {
            return Parse(text, digits.Substring(2), 2);
        }

        if (digits.Length > 0 && digits.All(Uri.IsHexDigit) && !digits.All(char.IsDigit))
        {
            // "dead" is clearly hex; guessing would make "10" ambiguous, so ask for the prefix.
            throw new UsageException($"'{text}' is not a decimal number; write hex with 0x ({"0x" + digits})");
        }

        return Parse(text, digits, 10);
    }

    /// <summary>A record word: always hex, <c>0x</c> optional, as kernel logs and hex dumps print them.</summary>
    public static ulong ParseWord(string text)
    {
        var digits = text.Replace("_", string.Empty);
        return Parse(text, HasPrefix(digits, "0x") ? digits.Substring(2) : digits, 16);
    }

    /// <summary>
    /// The record's 64-bit words from <paramref name="values"/>: exactly the record's number of
    /// 64-bit words, lowest first, or exactly twice as many 32-bit dwords, lowest first (a dword
    /// dump of the same memory). Any other count is an error naming the sizes the record takes.
    /// </summary>
    public static ulong[] Words(IReadOnlyList<string> values, RecordSpec record)
    {
        var parsed = values.Select(ParseWord).ToList();
        var count = record.Words;
        if (parsed.Count == count)
        {
            return parsed.ToArray();
        }

        var sizes = $"{record.Name} is {Count(count, "64-bit word")} ({record.SizeBytes} bytes), or {Count(count * 2, "32-bit dword")}, lowest first";
        if (parsed.Count != count * 2)
        {
            var how = parsed.Count < count ? "too few" : "too many";
            throw new UsageException($"{how} words: {sizes}; {parsed.Count} given");
        }

        var wide = parsed.FindIndex(v => v > uint.MaxValue);
        if (wide >= 0)
        {
            throw new UsageException($"{parsed.Count} values read as 32-bit dwords, but value {wide + 1} ({values[wide]}) does not fit 32 bits: {sizes}");
        }

        var words = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = parsed[2 * i] | (parsed[(2 * i) + 1] << 32);
        }

        return words;
    }

    private static bool HasPrefix(string text, string prefix) => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static ulong Parse(string original, string digits, int radix)
    {
        var valid = digits.Length > 0 && digits.All(c => radix switch
        {
            16 => Uri.IsHexDigit(c),
            2 => c is '0' or '1',
            _ => char.IsDigit(c) && c < 128,
        });
        if (!valid)
        {
            var kind = radix switch { 16 => "hex", 2 => "binary", _ => "decimal" };
            throw new UsageException($"'{original}' is not a {kind} number");
        }

        try
        {
            return radix == 10
                ? ulong.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
                : Convert.ToUInt64(digits, radix);
        }
        catch (OverflowException)
        {
            throw new UsageException($"'{original}' does not fit 64 bits");
        }
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
}
