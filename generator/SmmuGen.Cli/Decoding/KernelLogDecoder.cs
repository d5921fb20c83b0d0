using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Decoding;

/// <summary>
/// Decodes the raw record dumps the Linux arm-smmu-v3 driver writes to the kernel log, in place:
/// every input line is copied to the output unchanged and in order, and after the last line of a
/// dump comes a block with the record decoded, carrying the dump's line prefix.
/// </summary>
/// <remarks>
/// The driver prints a header line and then one <c>\t0x%016llx</c> line per 64-bit word:
/// <c>event 0x%02x received:</c> with the event record's words, and, on a command queue error,
/// <c>skipping command in error state:</c> with the command's words. Log tools prepend prefixes
/// (dmesg timestamps, the device name, <c>(XEN) </c>, syslog or journal fields); a word line
/// belongs to the dump when its prefix is the header's with timestamps ignored. A dump that
/// stops early (another line or the end of the input comes first) is reported as truncated.
/// </remarks>
internal sealed class KernelLogDecoder
{
    // The prefix is empty or ends at a separator, so "fooevent 0x10 received:" is not a header.
    private static readonly Regex EventHeader = new(@"^(?<prefix>(?:.*[\s:\])>])?)event 0x(?<id>[0-9a-fA-F]{1,2}) received:\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex CommandHeader = new(@"^(?<prefix>(?:.*[\s:\])>])?)skipping command in error state:\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex WordLine = new(@"^(?<prefix>(?:.*[\s:\])>])?)0x(?<word>[0-9a-fA-F]{1,16})\s*$", RegexOptions.CultureInvariant);

    // dmesg --color=always wraps timestamps, prefixes and error messages in SGR sequences.
    private static readonly Regex ColorCodes = new(@"\x1b\[[0-9;]*m", RegexOptions.CultureInvariant);

    // Tokens that change from line to line: dmesg's [  12.345678], ISO and syslog times, dates.
    private static readonly Regex Timestamp = new(@"^[+\-]?[0-9][0-9.:,+\-TZ]*$", RegexOptions.CultureInvariant);
    private static readonly char[] TokenSeparators = { ' ', '\t', '[', ']', '(', ')', '<', '>' };

    private readonly SpecCatalog _catalog;
    private readonly SpecItem<RecordSpec>? _event;
    private readonly SpecItem<RecordSpec>? _command;
    private readonly bool _showZero;

    public KernelLogDecoder(SpecCatalog catalog, bool showZero)
    {
        _catalog = catalog;
        _event = catalog.FindRecord("EVT");
        _command = catalog.FindRecord("CMD");
        _showZero = showZero;
    }

    /// <summary>True when the specs have a record to decode dumps into.</summary>
    public bool CanDecode => _event is not null || _command is not null;

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> line by line, decoding each dump.</summary>
    /// <returns>How many dumps were decoded and how many were truncated.</returns>
    public (int Decoded, int Truncated) Run(TextReader input, TextWriter output)
    {
        Dump? dump = null;
        int decoded = 0, truncated = 0;
        while (input.ReadLine() is { } line)
        {
            var bare = ColorCodes.Replace(line, string.Empty);
            if (dump is not null)
            {
                var word = WordLine.Match(bare);
                if (word.Success && Normalize(word.Groups["prefix"].Value) == dump.Prefix)
                {
                    output.WriteLine(line);
                    dump.Words.Add(DecodeNumbers.ParseWord(word.Groups["word"].Value));
                    dump.LastPrefix = word.Groups["prefix"].Value;
                    if (dump.Words.Count == dump.Record.Item.Words)
                    {
                        Write(output, dump.LastPrefix, Decode(dump));
                        decoded++;
                        dump = null;
                    }

                    continue;
                }

                // The note goes right under the dump's last line, before the line that cut it short.
                Write(output, dump.LastPrefix, new[] { Truncation(dump) });
                truncated++;
                dump = null;
            }

            output.WriteLine(line);
            dump = Start(bare);
        }

        if (dump is not null)
        {
            Write(output, dump.LastPrefix, new[] { Truncation(dump) });
            truncated++;
        }

        return (decoded, truncated);
    }

    private Dump? Start(string line)
    {
        if (_event is not null && EventHeader.Match(line) is { Success: true } e)
        {
            var id = DecodeNumbers.ParseWord(e.Groups["id"].Value);
            return new Dump(_event, "event " + DecodeText.Hex(id), id, Normalize(e.Groups["prefix"].Value), e.Groups["prefix"].Value);
        }

        if (_command is not null && CommandHeader.Match(line) is { Success: true } c)
        {
            return new Dump(_command, "command in error", null, Normalize(c.Groups["prefix"].Value), c.Groups["prefix"].Value);
        }

        return null;
    }

    private IReadOnlyList<string> Decode(Dump dump)
    {
        var decoded = SpecDecoder.Record(_catalog, dump.Record, dump.Words);
        var lines = DecodeText.Record(decoded, _showZero, showWords: false).ToList();
        lines[0] = "smmugen: " + lines[0];
        if (dump.HeaderId is { } id && decoded.Discriminator is { } d && d.Value != id)
        {
            // The driver prints the id it read from word 0, so a mismatch means lines were mixed up.
            lines.Insert(1, $"{DecodeText.Indent}! the header says event {DecodeText.Hex(id)} but {d.Spec.Name} in the words is {DecodeText.Hex(d.Value)}");
        }

        return lines;
    }

    private static string Truncation(Dump dump) =>
        $"smmugen: truncated: {dump.Words.Count} of {dump.Record.Item.Words} words ({dump.Description}); not decoded";

    /// <summary>Each line as <c>PREFIX  line</c>: the dump's own prefix, without its trailing tab or spaces.</summary>
    private static void Write(TextWriter output, string prefix, IEnumerable<string> lines)
    {
        var lead = prefix.TrimEnd();
        lead = lead.Length == 0 ? string.Empty : lead + " ";
        foreach (var line in lines)
        {
            output.WriteLine(lead + DecodeText.Indent + line);
        }
    }

    /// <summary>The prefix with its timestamps masked and spacing collapsed, for comparing lines of one dump.</summary>
    private static string Normalize(string prefix) =>
        string.Join(" ", prefix.Split(TokenSeparators, System.StringSplitOptions.RemoveEmptyEntries).Select(t => Timestamp.IsMatch(t) ? "#" : t));

    private sealed class Dump
    {
        public Dump(SpecItem<RecordSpec> record, string description, ulong? headerId, string prefix, string lastPrefix)
        {
            Record = record;
            Description = description;
            HeaderId = headerId;
            Prefix = prefix;
            LastPrefix = lastPrefix;
        }

        public SpecItem<RecordSpec> Record { get; }

        public string Description { get; }

        public ulong? HeaderId { get; }

        /// <summary>The header's normalized prefix, which every word line must share.</summary>
        public string Prefix { get; }

        /// <summary>The prefix (colour codes removed) of the latest line of the dump, for the lines written after it.</summary>
        public string LastPrefix { get; set; }

        public List<ulong> Words { get; } = new();
    }
}
