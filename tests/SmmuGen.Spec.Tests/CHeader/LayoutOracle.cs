using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace SmmuGen.Spec.Tests.CHeader;

/// <summary>
/// The gcc-computed facts of ../shared/reference/iommufd-layout-v6.17.txt: per struct its sizeof,
/// alignof and members (offset, size); per enum its values; per ioctl its number.
/// </summary>
internal sealed class LayoutOracle
{
    public Dictionary<string, (ulong Size, ulong Align, List<(string Name, ulong Offset, ulong Size)> Members)> Structs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<(string Name, ulong Value)>> Enums { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ulong> Ioctls { get; } = new(StringComparer.Ordinal);

    public static LayoutOracle Load() => Parse(File.ReadAllLines(TestFiles.Repository("..", "shared", "reference", "iommufd-layout-v6.17.txt")));

    public static LayoutOracle Parse(IEnumerable<string> lines)
    {
        var oracle = new LayoutOracle();
        List<(string, ulong, ulong)>? members = null;
        List<(string, ulong)>? values = null;
        foreach (var line in lines)
        {
            Match m;
            if ((m = Regex.Match(line, @"^struct (\w+): sizeof=(\d+) alignof=(\d+)$")).Success)
            {
                members = new();
                values = null;
                oracle.Structs[m.Groups[1].Value] = (ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), ulong.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), members);
            }
            else if (members is not null && (m = Regex.Match(line, @"^\s+(\w+)\s+offset\s+(\d+)\s+size\s+(\d+)$")).Success)
            {
                members.Add((m.Groups[1].Value, ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), ulong.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
            }
            else if ((m = Regex.Match(line, @"^enum (\(anonymous\)|\w+):$")).Success)
            {
                members = null;
                values = new();
                oracle.Enums[m.Groups[1].Value] = values;
            }
            else if (values is not null && (m = Regex.Match(line, @"^\s+(\w+)\s+= (\d+) \(0x[0-9a-fA-F]+\)$")).Success)
            {
                values.Add((m.Groups[1].Value, ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
            else if ((m = Regex.Match(line, @"^(IOMMU\w+)\s+= 0x([0-9a-fA-F]+)\s+dir=")).Success)
            {
                oracle.Ioctls[m.Groups[1].Value] = ulong.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        if (oracle.Structs.Count == 0 || oracle.Enums.Count == 0 || oracle.Ioctls.Count == 0)
        {
            throw new InvalidDataException("no structs, enums or ioctls found: is this the iommufd layout oracle?");
        }

        return oracle;
    }
}
