using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using SmmuGen.Spec;
using SmmuGen.Spec.Emit;
using SmmuGen.Spec.Model;
using Xunit.Abstractions;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// The C side and the C# side of every spec agree exactly: the header <c>smmugen emit-c</c>
/// writes for spec/ is compiled by gcc together with a probe program (generated here from the
/// spec) that prints every register and record mask, variant value, struct size and member
/// offset and ioctl number; each printed fact must equal what the generated C# types say.
/// </summary>
public sealed class EmittedCHeaderTests(ITestOutputHelper output)
{
    private const string Prefix = "SMMUGEN";

    [Fact]
    public void EmittedHeader_CompiledByGcc_AgreesWithTheGeneratedCSharp()
    {
        var docs = Directory.GetFiles(Path.Combine(RepositoryLocation.Find().RequireRoot(), "spec"), "*.yaml", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => SpecCompiler.Compile(p, File.ReadAllText(p)))
            .Select(r => r.Document ?? throw new InvalidOperationException("spec failed to load: " + string.Join("; ", r.Diagnostics)))
            .ToList();
        var facts = RunProbe(docs);

        var checkedFacts = 0;
        foreach (var (key, value) in facts)
        {
            var expected = CSharpFact(key);
            if (expected is null)
            {
                continue;
            }

            Assert.True(expected == value, $"{key}: C says 0x{value:X}, C# says 0x{expected:X}");
            checkedFacts++;
        }

        output.WriteLine($"{facts.Count} facts printed by the C probe, {checkedFacts} compared with the C# side");
        Assert.Contains(facts.Keys, k => k.StartsWith("reg ", StringComparison.Ordinal));
        Assert.Contains(facts.Keys, k => k.StartsWith("rec ", StringComparison.Ordinal));
        Assert.True(checkedFacts > 500, $"only {checkedFacts} facts were compared");
        var unmatched = facts.Keys.Where(k => CSharpFact(k) is null).ToList();
        Assert.True(unmatched.Count == 0, "C facts with no C# counterpart: " + string.Join(", ", unmatched.Take(20)));
    }

    private Dictionary<string, ulong> RunProbe(IReadOnlyList<SpecDocument> docs)
    {
        var gcc = FindGcc() ?? throw new InvalidOperationException("gcc was not found on PATH: this test compiles the emitted C header and cannot run without it (apt-get install gcc)");
        var dir = Directory.CreateTempSubdirectory("smmugen-emitc-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "smmugen.h"), CHeaderEmitter.Emit(docs, "SMMUGEN_PROBE_H", Prefix));
            File.WriteAllText(Path.Combine(dir.FullName, "probe.c"), ProbeProgram(docs));
            var exe = Path.Combine(dir.FullName, "probe");
            Run(gcc, dir.FullName, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-o", exe, "probe.c");
            var text = Run(exe, dir.FullName);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Trim())
                .ToDictionary(l => l[..l.LastIndexOf(' ')], l => Convert.ToUInt64(l[(l.LastIndexOf(' ') + 1)..], 16));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A C program printing one "key hexvalue" line per fact the header states.</summary>
    private static string ProbeProgram(IReadOnlyList<SpecDocument> docs)
    {
        var sb = new StringBuilder();
        sb.Append("#include <stdio.h>\n#include <stddef.h>\n#include \"smmugen.h\"\n");
        sb.Append("#define P(k, v) printf(\"%s %llx\\n\", k, (unsigned long long)(v))\n");
        sb.Append("int main(void)\n{\n");
        foreach (var doc in docs)
        {
            foreach (var r in doc.Registers)
            {
                Line(sb, $"reg {r.Name} offset", $"{Prefix}_{r.Name}".ToUpperInvariant());
                foreach (var f in r.Fields.Where(f => f.Access is not SmmuGen.Spec.Model.FieldAccess.Res0 and not SmmuGen.Spec.Model.FieldAccess.Res1))
                {
                    Line(sb, $"reg {r.Name} {f.Name}", CHeaderEmitter.RegisterFieldMacro(Prefix, r.Name, f.Name));
                }
            }

            foreach (var rec in doc.Records)
            {
                RecordLines(sb, rec.Name, rec.Fields);
                var d = rec.Fields.FirstOrDefault(f => f.Name == rec.Discriminator);
                foreach (var v in rec.Variants)
                {
                    if (d is not null)
                    {
                        Line(sb, $"var {rec.Name} {v.Name}", $"{Prefix}_{rec.Name}_{d.Name}_{v.Name}".ToUpperInvariant());
                    }

                    RecordLines(sb, v.Name, v.Fields);
                }
            }

            foreach (var s in doc.Structs)
            {
                Line(sb, $"size {s.Name}", $"sizeof(struct {s.Name})");
                Line(sb, $"align {s.Name}", $"_Alignof(struct {s.Name})");
                foreach (var m in s.Members.Where(m => m.Name is not null))
                {
                    Line(sb, $"offset {s.Name} {m.Name}", $"offsetof(struct {s.Name}, {m.Name})");
                }
            }

            foreach (var i in doc.Ioctls)
            {
                Line(sb, $"ioctl {i.Name}", i.Name);
            }
        }

        sb.Append("\treturn 0;\n}\n");
        return sb.ToString();
    }

    private static void RecordLines(StringBuilder sb, string owner, IEnumerable<FieldSpec> fields)
    {
        foreach (var f in fields.Where(f => f.Access is not SmmuGen.Spec.Model.FieldAccess.Res0 and not SmmuGen.Spec.Model.FieldAccess.Res1))
        {
            var word = f.Bits.FirstWord;
            if (f.Bits.LastWord == word)
            {
                Line(sb, $"rec {owner} {f.Name} {word}", CHeaderEmitter.RecordFieldMacro(Prefix, owner, word, f.Name));
            }
            else
            {
                Line(sb, $"rec {owner} {f.Name} {word}", CHeaderEmitter.RecordFieldMacro(Prefix, owner, word, f.Name) + "_LO");
                Line(sb, $"rec {owner} {f.Name} {word + 1}", CHeaderEmitter.RecordFieldMacro(Prefix, owner, word + 1, f.Name) + "_HI");
            }
        }
    }

    private static void Line(StringBuilder sb, string key, string expression) =>
        sb.Append("\tP(\"").Append(key).Append("\", ").Append(expression).Append(");\n");

    /// <summary>What the generated C# says for a fact key, or null when the C# side has no such fact.</summary>
    private static ulong? CSharpFact(string key)
    {
        var parts = key.Split(' ');
        switch (parts[0])
        {
            case "reg":
                var reg = SmmuGen.Smmuv3.Smmuv3RegisterMap.FindByName(parts[1]);
                if (reg is null)
                {
                    return null;
                }

                return parts[2] == "offset" ? reg.Offset + ((ulong)reg.Page * SmmuGen.Smmuv3.Smmuv3RegisterMap.PageSize) : reg.FindField(parts[2])?.Mask;
            case "rec":
                var rec = Records.Value.TryGetValue(parts[1], out var info) ? info : null;
                var field = rec?.Fields.FirstOrDefault(f => f.Name == parts[2]);
                if (field is null)
                {
                    return null;
                }

                var word = int.Parse(parts[3], CultureInfo.InvariantCulture);
                var mask = 0UL;
                for (var bit = field.Lsb; bit <= field.Msb; bit++)
                {
                    if (bit / 64 == word)
                    {
                        mask |= 1UL << (bit % 64);
                    }
                }

                return mask;
            case "var":
                return Records.Value.TryGetValue(parts[1], out var family) ? family.Variants.FirstOrDefault(v => v.Name == parts[2])?.Value : null;
            case "size":
                return Structs.Value.TryGetValue(parts[1], out var type) ? (ulong)SizeOf(type) : null;
            case "offset":
                return Structs.Value.TryGetValue(parts[1], out var owner) ? OffsetOf(owner, parts[2]) : null;
            case "align":
                return Structs.Value.ContainsKey(parts[1]) ? AlignOf(parts[1]) : null;
            case "ioctl":
                return Ioctls.Value.TryGetValue(parts[1], out var number) ? number : null;
            default:
                return null;
        }
    }

    private static readonly Lazy<Dictionary<string, RecordInfo>> Records = new(() =>
        GeneratedRecordFieldTests.RecordTypes()
            .Select(t => (RecordInfo)t.GetProperty("Info", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .ToDictionary(i => i.Name, StringComparer.Ordinal));

    /// <summary>Generated uAPI structs by C name (their <c>CName</c> constant).</summary>
    private static readonly Lazy<Dictionary<string, Type>> Structs = new(() =>
        typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetExportedTypes()
            .Where(t => t.IsValueType && t.GetField("CName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToDictionary(t => (string)t.GetField("CName")!.GetRawConstantValue()!, StringComparer.Ordinal));

    /// <summary>ioctl numbers: every uint constant named like a C ioctl in a generated *Ioctls class.</summary>
    private static readonly Lazy<Dictionary<string, ulong>> Ioctls = new(() =>
        typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Ioctls", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(uint)))
            .ToDictionary(f => f.Name, f => (ulong)(uint)f.GetRawConstantValue()!, StringComparer.Ordinal));

    private static int SizeOf(Type t) => (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod("SizeOf")!.MakeGenericMethod(t).Invoke(null, null)!;

    /// <summary>The offset of the C# field whose C name is <paramref name="cName"/> (its [CName] attribute, or its name).</summary>
    private static ulong? OffsetOf(Type t, string cName)
    {
        foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            var name = f.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "CNameAttribute")?.ConstructorArguments.FirstOrDefault().Value as string;
            if ((name ?? f.Name) == cName && f.GetCustomAttribute<FieldOffsetAttribute>() is { } offset)
            {
                return (ulong)offset.Value;
            }
        }

        return null;
    }

    /// <summary>The C alignment of a struct, from the spec's layout engine (C# has no alignof).</summary>
    private static ulong? AlignOf(string cName)
    {
        var spec = Path.Combine(RepositoryLocation.Find().RequireRoot(), "spec", "iommufd", "iommufd.yaml");
        var doc = SpecCompiler.Compile(spec, File.ReadAllText(spec)).Document;
        return doc?.Structs.FirstOrDefault(s => s.Name == cName)?.Align;
    }

    private static string? FindGcc() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "gcc"))
            .FirstOrDefault(File.Exists);

    private static string Run(string file, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), file + " timed out");
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(file)} {string.Join(' ', args)} failed (exit {p.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
        return stdout.Result;
    }
}
