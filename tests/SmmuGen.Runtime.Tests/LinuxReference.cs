using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SmmuGen.Runtime.Tests;

/// <summary>One <c>#define</c> of the Linux arm-smmu-v3 driver, from <c>arm-smmu-v3-defs.tsv</c>.</summary>
/// <param name="Name">The macro name.</param>
/// <param name="Definition">The macro body as written (<c>GENMASK(28, 27)</c>, <c>(1 &lt;&lt; 31)</c>, <c>0x1</c>).</param>
/// <param name="Computed">The value the TSV gives, as computed (may be sign-extended, see <see cref="Value"/>).</param>
internal sealed record LinuxDefine(string Name, string Definition, ulong Computed)
{
    /// <summary>
    /// <see cref="Computed"/> with a 32-bit sign extension undone: Linux writes
    /// <c>GBPA_UPDATE</c> as <c>(1 &lt;&lt; 31)</c>, an <c>int</c>, which the TSV computes as
    /// 0xffffffff80000000; as a mask of a 32-bit register it is 0x80000000.
    /// </summary>
    public ulong Value => IsSignExtended ? Computed & 0xFFFF_FFFFUL : Computed;

    /// <summary>
    /// A negative <c>int</c> widened to 64 bits: the upper 33 bits are all ones and the macro is
    /// plain <c>int</c> arithmetic (no <c>UL</c>/<c>ULL</c> constant, no <c>GENMASK</c>, which
    /// are 64-bit on arm64 and may set the upper bits on purpose).
    /// </summary>
    public bool IsSignExtended =>
        Computed >> 31 == 0x1_FFFF_FFFFUL
        && !Definition.Contains("GENMASK", StringComparison.Ordinal)
        && !Definition.Contains("UL", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A row of a field table of <c>arm-smmu-v3-fields.md</c>.</summary>
/// <param name="Section">The heading the table is under.</param>
/// <param name="Name">The macro name.</param>
/// <param name="Msb">Highest bit, or null for a constant (<c>—</c>).</param>
/// <param name="Lsb">Lowest bit, or null for a constant.</param>
/// <param name="MaskOrValue">The mask (field rows) or the value (constant rows).</param>
/// <param name="EnumValues">The enumerated values listed for the field, as <c>NAME=value</c>.</param>
internal sealed record LinuxFieldRow(string Section, string Name, int? Msb, int? Lsb, ulong MaskOrValue, IReadOnlyList<KeyValuePair<string, ulong>> EnumValues)
{
    public bool HasBits => Msb is not null;

    /// <summary>The mask the bit range gives.</summary>
    public ulong BitsMask => Msb is int hi && Lsb is int lo
        ? (hi - lo + 1 >= 64 ? ulong.MaxValue : ((1UL << (hi - lo + 1)) - 1) << lo)
        : 0;
}

/// <summary>A name/value cell pair of a table of <c>arm-smmu-v3-fields.md</c> (register offsets, opcodes, event ids).</summary>
internal sealed record LinuxNamedValue(string Section, string Name, ulong Value)
{
    public bool IsRegisterOffset => Section.StartsWith("Register offsets", StringComparison.Ordinal);
}

/// <summary>
/// The Linux driver facts of <c>/work/shared/reference</c>: every define of the TSV, and the
/// structure the Markdown adds (which defines are register offsets, which are fields and their
/// bit ranges, which enumerated values belong to which field).
/// </summary>
internal sealed class LinuxReference
{
    public const string FieldsFile = "arm-smmu-v3-fields.md";
    public const string DefinesFile = "arm-smmu-v3-defs.tsv";

    private static readonly Lazy<LinuxReference> Shared = new(LoadFromRepository);

    private LinuxReference(string directory, IReadOnlyList<LinuxDefine> defines, IReadOnlyList<LinuxFieldRow> rows, IReadOnlyList<LinuxNamedValue> namedValues)
    {
        Directory = directory;
        Defines = defines;
        DefinesByName = defines.ToDictionary(d => d.Name, StringComparer.Ordinal);
        Rows = rows;
        RowsByName = rows.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        NamedValues = namedValues;
    }

    public string Directory { get; }

    /// <summary>Every define of the TSV, in file order.</summary>
    public IReadOnlyList<LinuxDefine> Defines { get; }

    public IReadOnlyDictionary<string, LinuxDefine> DefinesByName { get; }

    /// <summary>Every row of the Markdown field tables, in file order.</summary>
    public IReadOnlyList<LinuxFieldRow> Rows { get; }

    public IReadOnlyDictionary<string, LinuxFieldRow> RowsByName { get; }

    /// <summary>Every name/value pair of the Markdown name/value tables, in file order.</summary>
    public IReadOnlyList<LinuxNamedValue> NamedValues { get; }

    /// <summary>
    /// The reference of this repository (<c>&lt;root&gt;/../shared/reference</c>); fails the
    /// calling test, saying where it looked, when the folder or a file is missing.
    /// </summary>
    public static LinuxReference Load() => Shared.Value;

    private static LinuxReference LoadFromRepository()
    {
        var root = RepositoryLocation.Find().RequireRoot();
        return LoadFrom(Path.GetFullPath(Path.Combine(root, "..", "shared", "reference")), root);
    }

    /// <summary>The reference in <paramref name="directory"/>; fails the calling test when it is missing.</summary>
    public static LinuxReference LoadFrom(string directory, string root)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            Assert.Fail($"The Linux reference folder is missing: looked for {directory} (../shared/reference next to the repository root {root}). The spec cannot be checked against Linux without it.");
        }

        foreach (var file in new[] { FieldsFile, DefinesFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                Assert.Fail($"The Linux reference file {file} is missing from {directory}.");
            }
        }

        return FromText(directory, File.ReadAllLines(Path.Combine(directory, DefinesFile)), File.ReadAllLines(Path.Combine(directory, FieldsFile)));
    }

    /// <summary>A reference from the text of the two files (the tests of the checks feed made-up ones).</summary>
    public static LinuxReference FromText(string directory, string[] definesLines, string[] fieldsLines)
    {
        var defines = ParseDefines(definesLines);
        var (rows, namedValues) = ParseMarkdown(fieldsLines);
        Assert.True(defines.Count > 0, $"{DefinesFile} in {directory} holds no defines.");
        Assert.True(rows.Count > 0 && namedValues.Count > 0, $"{FieldsFile} in {directory} holds no tables.");
        return new LinuxReference(directory, defines, rows, namedValues);
    }

    private static List<LinuxDefine> ParseDefines(string[] lines)
    {
        var defines = new List<LinuxDefine>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            if (cells.Length != 3)
            {
                Assert.Fail($"{DefinesFile} line {i + 1}: expected 3 tab-separated columns (name, definition, value), got {cells.Length}: '{lines[i]}'.");
            }

            defines.Add(new LinuxDefine(cells[0].Trim(), cells[1].Trim(), ParseNumber(cells[2], $"{DefinesFile} line {i + 1}")));
        }

        return defines;
    }

    private static (List<LinuxFieldRow> Rows, List<LinuxNamedValue> NamedValues) ParseMarkdown(string[] lines)
    {
        var rows = new List<LinuxFieldRow>();
        var namedValues = new List<LinuxNamedValue>();
        var section = string.Empty;
        string[]? header = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var where = $"{FieldsFile} line {i + 1}";
            if (line.StartsWith('#'))
            {
                section = line.TrimStart('#').Trim();
                header = null;
                continue;
            }

            if (!line.StartsWith('|'))
            {
                header = null;
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                header = cells;
                continue;
            }

            if (cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':')))
            {
                continue; // the |---|---| line under the header
            }

            if (header[0] == "Field")
            {
                rows.Add(ParseFieldRow(section, cells, where));
            }
            else if (header[0] == "Name")
            {
                for (var c = 0; c + 1 < cells.Length; c += 2)
                {
                    if (cells[c].Length > 0)
                    {
                        namedValues.Add(new LinuxNamedValue(section, cells[c], ParseNumber(cells[c + 1], where)));
                    }
                }
            }
            else
            {
                Assert.Fail($"{where}: a table with an unknown header '{string.Join(" | ", header)}'.");
            }
        }

        return (rows, namedValues);
    }

    private static LinuxFieldRow ParseFieldRow(string section, string[] cells, string where)
    {
        if (cells.Length != 4)
        {
            Assert.Fail($"{where}: a field row needs 4 cells (Field, Bits, Mask / value, Enumerated values), got {cells.Length}.");
        }

        int? msb = null;
        int? lsb = null;
        var bits = cells[1];
        if (bits.StartsWith('[') && bits.EndsWith(']'))
        {
            var range = bits[1..^1].Split(':');
            msb = int.Parse(range[0], CultureInfo.InvariantCulture);
            lsb = range.Length == 2 ? int.Parse(range[1], CultureInfo.InvariantCulture) : msb;
        }

        // Constant rows give "expression = 0xVALUE"; field rows give the mask alone.
        var maskText = cells[2];
        var equals = maskText.LastIndexOf(" = ", StringComparison.Ordinal);
        var value = ParseNumber(equals >= 0 ? maskText[(equals + 3)..] : maskText, where);

        var enumValues = new List<KeyValuePair<string, ulong>>();
        foreach (var item in cells[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                Assert.Fail($"{where}: enumerated value '{item}' is not NAME=value.");
            }

            enumValues.Add(new KeyValuePair<string, ulong>(item[..eq].Trim(), ParseNumber(item[(eq + 1)..], where)));
        }

        return new LinuxFieldRow(section, cells[0], msb, lsb, value, enumValues);
    }

    /// <summary>A C integer literal: decimal or 0x hex, with optional U/L suffixes.</summary>
    public static ulong ParseNumber(string text, string where)
    {
        var t = text.Trim().TrimEnd('u', 'U', 'l', 'L');
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok)
        {
            Assert.Fail($"{where}: '{text}' is not a number.");
        }

        return value;
    }
}
