using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SmmuGen.Spec.CHeader;
using SmmuGen.Spec.Diff;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Tests.CHeader;

/// <summary>
/// Fixtures/iommufd-shape.h (written for these tests in the shape of the 6.17 iommufd header)
/// read by the C header reader, against the gcc oracle of the real header: every struct the
/// fixture has with the oracle's sizeof, alignof, member offsets and sizes; every enum value; every
/// ioctl number. And the reader's model of it against spec/iommufd/iommufd.yaml: no change.
/// </summary>
public sealed class CHeaderOracleTests
{
    private static readonly Lazy<CHeaderResult> Fixture = new(() =>
        CHeaderCompiler.Compile("iommufd-shape.h", File.ReadAllText(TestFiles.Fixture("iommufd-shape.h"))));

    private static readonly Lazy<LayoutOracle> Oracle = new(LayoutOracle.Load);

    [Fact]
    public void Fixture_ReadsWithoutDiagnostics()
    {
        Assert.True(Fixture.Value.Diagnostics.Count == 0, string.Join(Environment.NewLine, Fixture.Value.Diagnostics));
        Assert.Equal(35, Fixture.Value.Document!.Structs.Count);
    }

    [Fact]
    public void EveryStruct_HasTheOraclesLayout()
    {
        var doc = Fixture.Value.Document!;
        var layouts = CStructLayout.Compute(doc);
        var problems = new List<string>();
        foreach (var s in doc.Structs)
        {
            if (!Oracle.Value.Structs.TryGetValue(s.Name, out var expected))
            {
                problems.Add($"struct {s.Name}: not in the oracle");
                continue;
            }

            var layout = layouts[s.Name];
            if ((layout.Size, layout.Align) != (expected.Size, expected.Align))
            {
                problems.Add($"struct {s.Name}: sizeof {layout.Size} alignof {layout.Align}, oracle {expected.Size} / {expected.Align}");
            }

            var actual = Flatten(layout.Members).Select(m => (m.Name, m.Offset, m.Size)).ToList();
            if (!actual.SequenceEqual(expected.Members))
            {
                problems.Add($"struct {s.Name}: members [{string.Join(", ", actual)}], oracle [{string.Join(", ", expected.Members)}]");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryEnum_HasTheOraclesValues()
    {
        var problems = new List<string>();
        foreach (var e in Fixture.Value.Document!.Enums)
        {
            var key = Fixture.Value.Facts.AnonymousEnums.Contains(e.Name) ? "(anonymous)" : e.Name;
            if (!Oracle.Value.Enums.TryGetValue(key, out var expected))
            {
                problems.Add($"enum {e.Name}: not in the oracle");
            }
            else if (!e.Values.Select(v => (v.Name, v.Value)).SequenceEqual(expected))
            {
                problems.Add($"enum {e.Name}: [{string.Join(", ", e.Values.Select(v => (v.Name, v.Value)))}], oracle [{string.Join(", ", expected)}]");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryIoctl_HasTheOraclesNumber_AndItsStructFromKernelDoc()
    {
        var doc = Fixture.Value.Document!;
        Assert.Equal(Oracle.Value.Ioctls.Keys.OrderBy(k => k, StringComparer.Ordinal), doc.Ioctls.Select(i => i.Name).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var i in doc.Ioctls)
        {
            Assert.Equal((IoctlDirection.None, Oracle.Value.Ioctls[i.Name]), (i.Direction, (i.Type << 8) | i.Number));
            Assert.NotNull(i.StructName);
            Assert.Equal("IOMMUFD_TYPE", Fixture.Value.Facts.IoctlTypeConstants[i.Name]);
        }
    }

    [Fact]
    public void TheFixture_AndTheBundledSpec_HaveNoUapiDifference()
    {
        var path = TestFiles.Repository("spec", "iommufd", "iommufd.yaml");
        var spec = SpecCompiler.Compile(path, File.ReadAllText(path));
        Assert.False(spec.HasErrors);
        var diff = UapiDiff.Compare(new[] { spec.Document! }, new[] { Fixture.Value.Document! });
        Assert.True(diff.Changes.Count == 0, string.Join(Environment.NewLine, diff.Changes.Select(c => $"{c.Verdict} {c.Scope} {c.Subject}: {c.Message}")));
    }

    /// <summary>Members as the oracle lists them: named inline aggregates opened up, in declaration order.</summary>
    private static IEnumerable<MemberLayout> Flatten(IEnumerable<MemberLayout> members) =>
        members.SelectMany(m => m.Inner.Count > 0 ? Flatten(m.Inner) : new[] { m });
}
