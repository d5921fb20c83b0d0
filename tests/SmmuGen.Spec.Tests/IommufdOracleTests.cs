using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// spec/iommufd/iommufd.yaml against the gcc-computed layout of include/uapi/linux/iommufd.h
/// (../shared/reference/iommufd-layout-v6.17.txt): every struct with the same members in order,
/// offsets, member sizes and sizeof/alignof; every enum value; every ioctl number; the two
/// constants; and nothing in the spec that the oracle lacks. Only the sizes and offsets the spec
/// states are compared here: the loader itself checks those against the computed C layout.
/// </summary>
public sealed class IommufdOracleTests
{
    /// <summary>The spec's name for the header's anonymous command-number enum.</summary>
    private const string CommandEnum = "iommufd_cmd";

    private const string OracleKeyForAnonymousEnum = "(anonymous)";

    private static readonly Lazy<SpecDocument> Spec = new(LoadSpec);

    private static readonly Lazy<Oracle> Layout = new(() => Oracle.Parse(RepositoryFile("..", "shared", "reference", "iommufd-layout-v6.17.txt")));

    [Fact]
    public void Spec_CompilesWithoutErrors()
    {
        var path = RepositoryFile("spec", "iommufd", "iommufd.yaml");
        var result = SpecCompiler.Compile(path, File.ReadAllText(path));
        var errors = result.Diagnostics.Where(d => d.Severity == SpecSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, "spec/iommufd/iommufd.yaml has errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        Assert.NotNull(result.Document);
    }

    [Fact]
    public void Structs_MatchTheOracle_MembersOffsetsSizesAndAlignment()
    {
        var spec = Spec.Value;
        var oracle = Layout.Value;
        var specStructs = spec.Structs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var missing in oracle.Structs.Keys.Where(n => !specStructs.ContainsKey(n)))
        {
            problems.Add($"struct {missing}: in the oracle, not in the spec");
        }

        foreach (var extra in specStructs.Keys.Where(n => !oracle.Structs.ContainsKey(n)))
        {
            problems.Add($"struct {extra}: in the spec, not in the oracle");
        }

        foreach (var (name, expected) in oracle.Structs)
        {
            if (!specStructs.TryGetValue(name, out var actual))
            {
                continue;
            }

            if (actual.Size != expected.Size)
            {
                problems.Add($"struct {name}: size {Show(actual.Size)} in the spec, sizeof {expected.Size} in the oracle");
            }

            if (actual.Align is not null && actual.Align != expected.Align)
            {
                problems.Add($"struct {name}: align {actual.Align} in the spec, alignof {expected.Align} in the oracle");
            }

            var members = Flatten(actual.Members, unionOffset: null, specStructs, problems, name).ToList();
            var names = members.Select(m => m.Name).ToList();
            var expectedNames = expected.Members.Select(m => m.Name).ToList();
            if (!names.SequenceEqual(expectedNames, StringComparer.Ordinal))
            {
                problems.Add($"struct {name}: members [{string.Join(", ", names)}] in the spec, [{string.Join(", ", expectedNames)}] in the oracle");
                continue;
            }

            for (var i = 0; i < members.Count; i++)
            {
                var (memberName, offset, size) = members[i];
                var want = expected.Members[i];
                if (offset != want.Offset)
                {
                    problems.Add($"{name}.{memberName}: offset {Show(offset)} in the spec, {want.Offset} in the oracle");
                }

                if (size != want.Size)
                {
                    problems.Add($"{name}.{memberName}: size {Show(size)} from the spec's type, {want.Size} in the oracle");
                }
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Enums_MatchTheOracle_EveryValue()
    {
        var spec = Spec.Value;
        var oracle = Layout.Value;
        var specEnums = spec.Enums.Where(e => !e.IsInline).ToDictionary(e => e.Name, StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var (name, expected) in oracle.Enums)
        {
            if (name == OracleKeyForAnonymousEnum)
            {
                continue;
            }

            if (!specEnums.TryGetValue(name, out var actual))
            {
                problems.Add($"enum {name}: in the oracle, not in the spec");
                continue;
            }

            CompareValues($"enum {name}", actual.Values.Select(v => (v.Name, v.Value)).ToList(), expected, problems);
        }

        foreach (var extra in specEnums.Keys.Where(n => n != CommandEnum && !oracle.Enums.ContainsKey(n)))
        {
            problems.Add($"enum {extra}: in the spec, not in the oracle");
        }

        // The anonymous enum of command numbers: the spec's iommufd_cmd, except IOMMUFD_CMD_BASE,
        // which the spec states as a constant.
        if (!oracle.Enums.TryGetValue(OracleKeyForAnonymousEnum, out var anonymous))
        {
            problems.Add("the oracle has no anonymous (command-number) enum");
        }
        else if (!specEnums.TryGetValue(CommandEnum, out var commands))
        {
            problems.Add($"enum {CommandEnum}: the spec lacks the command-number enum");
        }
        else
        {
            var constants = spec.Constants.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
            var inEnum = anonymous.Where(v => !constants.ContainsKey(v.Name) || commands.Values.Any(c => c.Name == v.Name)).ToList();
            foreach (var (valueName, value) in anonymous.Except(inEnum))
            {
                if (constants[valueName] != value)
                {
                    problems.Add($"constant {valueName}: 0x{constants[valueName]:x} in the spec, 0x{value:x} in the oracle's anonymous enum");
                }
            }

            CompareValues($"enum {CommandEnum} (the header's anonymous enum)", commands.Values.Select(v => (v.Name, v.Value)).ToList(), inEnum, problems);
        }

        AssertNone(problems);
    }

    [Fact]
    public void Ioctls_MatchTheOracle_EveryNumber()
    {
        var spec = Spec.Value;
        var oracle = Layout.Value;
        var specIoctls = spec.Ioctls.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var structs = spec.Structs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var missing in oracle.Ioctls.Keys.Where(n => !specIoctls.ContainsKey(n)))
        {
            problems.Add($"ioctl {missing}: in the oracle, not in the spec");
        }

        foreach (var extra in specIoctls.Keys.Where(n => !oracle.Ioctls.ContainsKey(n)))
        {
            problems.Add($"ioctl {extra}: in the spec, not in the oracle");
        }

        foreach (var (name, expected) in oracle.Ioctls)
        {
            if (!specIoctls.TryGetValue(name, out var actual))
            {
                continue;
            }

            // _IO encodes no size; _IOR/_IOW/_IOWR encode sizeof the payload.
            ulong size = 0;
            if (actual.Direction != IoctlDirection.None)
            {
                if (actual.StructName is null || !structs.TryGetValue(actual.StructName, out var payload) || payload.Size is null)
                {
                    problems.Add($"ioctl {name}: direction {actual.Direction} needs a payload struct with a stated size");
                    continue;
                }

                size = payload.Size.Value;
            }

            var dir = (ulong)actual.Direction;
            var number = (dir << 30) | (size << 16) | (actual.Type << 8) | actual.Number;
            if (number != expected.Value || dir != expected.Dir || actual.Type != expected.Type || actual.Number != expected.Nr || size != expected.Size)
            {
                problems.Add(
                    $"ioctl {name}: 0x{number:x8} (dir={dir} type=0x{actual.Type:x} nr=0x{actual.Number:x} size={size}) from the spec, " +
                    $"0x{expected.Value:x8} (dir={expected.Dir} type=0x{expected.Type:x} nr=0x{expected.Nr:x} size={expected.Size}) in the oracle");
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Ioctls_NameTheirPayloadAndAMinSizeMemberOfIt()
    {
        var spec = Spec.Value;
        var structs = spec.Structs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        Assert.NotEmpty(spec.Ioctls);
        foreach (var ioctl in spec.Ioctls)
        {
            if (ioctl.StructName is null || !structs.TryGetValue(ioctl.StructName, out var payload))
            {
                problems.Add($"ioctl {ioctl.Name}: payload struct {Show(ioctl.StructName)} is not in the spec");
                continue;
            }

            if (!payload.SizePrefixed)
            {
                problems.Add($"ioctl {ioctl.Name}: payload {payload.Name} is not size-prefixed");
            }

            var names = Flatten(payload.Members, unionOffset: null, structs, problems, payload.Name).Select(m => m.Name).ToList();
            if (ioctl.MinSizeMember is null || !names.Contains(ioctl.MinSizeMember, StringComparer.Ordinal))
            {
                problems.Add($"ioctl {ioctl.Name}: min-size-member {Show(ioctl.MinSizeMember)} is not a member of {payload.Name}");
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Constants_MatchTheOracle()
    {
        var spec = Spec.Value;
        var oracle = Layout.Value;
        var problems = new List<string>();
        var constants = spec.Constants.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
        foreach (var (name, value) in oracle.Constants)
        {
            if (!constants.TryGetValue(name, out var actual))
            {
                problems.Add($"constant {name}: in the oracle, not in the spec");
            }
            else if (actual != value)
            {
                problems.Add($"constant {name}: 0x{actual:x} in the spec, 0x{value:x} in the oracle");
            }
        }

        foreach (var extra in constants.Keys.Where(n => !oracle.Constants.ContainsKey(n)))
        {
            problems.Add($"constant {extra}: in the spec, not in the oracle");
        }

        Assert.True(oracle.Constants.Count == 2, "the oracle's header line should name IOMMUFD_TYPE and IOMMUFD_CMD_BASE");
        AssertNone(problems);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /// <summary>
    /// The members as C names them: the members of an anonymous union or struct count as members
    /// of the enclosing struct. A union's members sit at the union's offset unless they state one.
    /// </summary>
    private static IEnumerable<(string Name, ulong? Offset, ulong? Size)> Flatten(
        IEnumerable<MemberSpec> members, ulong? unionOffset, IReadOnlyDictionary<string, StructSpec> structs, List<string> problems, string owner)
    {
        foreach (var member in members)
        {
            var offset = member.Offset ?? unionOffset;
            if (member.Name is null && member.Kind is MemberKind.Union or MemberKind.InlineStruct)
            {
                var inner = member.Kind == MemberKind.Union ? offset : null;
                foreach (var child in Flatten(member.Members, inner, structs, problems, owner))
                {
                    yield return child;
                }

                continue;
            }

            yield return (member.Name ?? "(anonymous)", offset, SizeOf(member, structs));
        }
    }

    /// <summary>Bytes a member takes, from its type and count; null when the spec does not say.</summary>
    private static ulong? SizeOf(MemberSpec member, IReadOnlyDictionary<string, StructSpec> structs)
    {
        ulong? element = member.Kind switch
        {
            MemberKind.Scalar => ScalarSize(member.Type),
            MemberKind.Struct => member.Type is { } t && structs.TryGetValue(Regex.Replace(t, @"^struct\s+", string.Empty), out var s) ? s.Size : null,
            MemberKind.Union => member.Members.Select(m => SizeOf(m, structs)).Aggregate((ulong?)0, (a, b) => a is null || b is null ? null : Math.Max(a.Value, b.Value)),
            _ => null,
        };
        return element * (ulong)(member.Count ?? 1);
    }

    private static ulong? ScalarSize(string? type) => type switch
    {
        "__u8" or "__s8" => 1,
        "__u16" or "__s16" or "__le16" or "__be16" => 2,
        "__u32" or "__s32" or "__le32" or "__be32" => 4,
        "__u64" or "__s64" or "__le64" or "__be64" or "__aligned_u64" or "__aligned_le64" or "__aligned_be64" => 8,
        _ => null,
    };

    private static void CompareValues(string what, IReadOnlyList<(string Name, ulong Value)> actual, IReadOnlyList<(string Name, ulong Value)> expected, List<string> problems)
    {
        var have = actual.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        foreach (var (name, value) in expected)
        {
            if (!have.TryGetValue(name, out var got))
            {
                problems.Add($"{what}: {name} = 0x{value:x} in the oracle, not in the spec");
            }
            else if (got != value)
            {
                problems.Add($"{what}: {name} = 0x{got:x} in the spec, 0x{value:x} in the oracle");
            }
        }

        foreach (var (name, value) in actual.Where(v => !expected.Any(e => e.Name == v.Name)))
        {
            problems.Add($"{what}: {name} = 0x{value:x} in the spec, not in the oracle");
        }
    }

    private static void AssertNone(List<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} difference(s) from the oracle:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");

    private static string Show(object? value) => value?.ToString() ?? "(none)";

    private static SpecDocument LoadSpec()
    {
        var path = RepositoryFile("spec", "iommufd", "iommufd.yaml");
        var result = SpecCompiler.Compile(path, File.ReadAllText(path));
        Assert.True(result.Document is not null, "spec/iommufd/iommufd.yaml did not load:" + Environment.NewLine + string.Join(Environment.NewLine, result.Diagnostics));
        return result.Document!;
    }

    /// <summary>A file by its path relative to the repository root; fails clearly when it is missing.</summary>
    private static string RepositoryFile(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine(new[] { RepositoryRoot() }.Concat(parts).ToArray()));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{string.Join("/", parts)} is missing (looked for {path}); the iommufd oracle test needs it.", path);
        }

        return path;
    }

    private static string RepositoryRoot()
    {
        const string solution = "SmmuGen.sln";
        var recorded = typeof(IommufdOracleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SmmuGen.RepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(recorded) && File.Exists(Path.Combine(recorded, solution)))
        {
            return Path.GetFullPath(recorded);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, solution)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find the repository root ({solution}) from {AppContext.BaseDirectory} or the SmmuGen.RepositoryRoot assembly metadata");
    }

    /// <summary>The oracle file: gcc's sizeof/alignof/offsetof of every struct, every enum value and ioctl number.</summary>
    private sealed class Oracle
    {
        public Dictionary<string, (ulong Size, ulong Align, List<(string Name, ulong Offset, ulong Size)> Members)> Structs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<(string Name, ulong Value)>> Enums { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (ulong Value, ulong Dir, ulong Type, ulong Nr, ulong Size)> Ioctls { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ulong> Constants { get; } = new(StringComparer.Ordinal);

        public static Oracle Parse(string path)
        {
            var oracle = new Oracle();
            var section = ' ';
            List<(string, ulong, ulong)>? members = null;
            List<(string, ulong)>? values = null;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                Match m;
                if ((m = Regex.Match(line, @"^== IOMMUFD_TYPE = '.' \((0x[0-9a-fA-F]+)\), IOMMUFD_CMD_BASE = (0x[0-9a-fA-F]+)")).Success)
                {
                    oracle.Constants["IOMMUFD_TYPE"] = Hex(m.Groups[1].Value);
                    oracle.Constants["IOMMUFD_CMD_BASE"] = Hex(m.Groups[2].Value);
                }
                else if (line.StartsWith("==== STRUCTS", StringComparison.Ordinal))
                {
                    section = 's';
                }
                else if (line.StartsWith("==== ENUMS", StringComparison.Ordinal))
                {
                    section = 'e';
                }
                else if (line.StartsWith("==== IOCTLS", StringComparison.Ordinal))
                {
                    section = 'i';
                }
                else if (section == 's' && (m = Regex.Match(line, @"^struct (\w+): sizeof=(\d+) alignof=(\d+)$")).Success)
                {
                    members = new List<(string, ulong, ulong)>();
                    oracle.Structs.Add(m.Groups[1].Value, (Dec(m.Groups[2].Value), Dec(m.Groups[3].Value), members));
                }
                else if (section == 's' && (m = Regex.Match(line, @"^\s+(\w+)\s+offset\s+(\d+)\s+size\s+(\d+)$")).Success)
                {
                    (members ?? throw Bad(path, lineNumber, line)).Add((m.Groups[1].Value, Dec(m.Groups[2].Value), Dec(m.Groups[3].Value)));
                }
                else if (section == 'e' && (m = Regex.Match(line, @"^enum (\(anonymous\)|\w+):$")).Success)
                {
                    values = new List<(string, ulong)>();
                    oracle.Enums.Add(m.Groups[1].Value, values);
                }
                else if (section == 'e' && (m = Regex.Match(line, @"^\s+(\w+)\s+= (\d+) \(0x[0-9a-fA-F]+\)$")).Success)
                {
                    (values ?? throw Bad(path, lineNumber, line)).Add((m.Groups[1].Value, Dec(m.Groups[2].Value)));
                }
                else if (section == 'i' && (m = Regex.Match(line, @"^(\w+)\s+= (0x[0-9a-fA-F]+)\s+dir=(\d+) type=(0x[0-9a-fA-F]+)\S* nr=(0x[0-9a-fA-F]+) size=(\d+)")).Success)
                {
                    oracle.Ioctls.Add(m.Groups[1].Value, (Hex(m.Groups[2].Value), Dec(m.Groups[3].Value), Hex(m.Groups[4].Value), Hex(m.Groups[5].Value), Dec(m.Groups[6].Value)));
                }
                else if (section == 's' && line.StartsWith("struct ", StringComparison.Ordinal)
                    || section == 'e' && line.StartsWith("enum ", StringComparison.Ordinal)
                    || section == 'i' && line.StartsWith("IOMMU", StringComparison.Ordinal))
                {
                    throw Bad(path, lineNumber, line);
                }
            }

            if (oracle.Structs.Count == 0 || oracle.Enums.Count == 0 || oracle.Ioctls.Count == 0 || oracle.Constants.Count == 0)
            {
                throw new InvalidDataException($"{path}: no structs, enums, ioctls or constants found; is this the iommufd layout oracle?");
            }

            return oracle;
        }

        private static ulong Hex(string text) => ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        private static ulong Dec(string text) => ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

        private static InvalidDataException Bad(string path, int line, string text) => new($"{path}({line}): cannot read oracle line: {text}");
    }
}
