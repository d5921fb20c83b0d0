using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SmmuGen.Demo.Records;
using SmmuGen.Demo.Uapi;
using SmmuGen.Spec;
using SmmuGen.Spec.Layout;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// Compile-and-run tests of the generated C side (SmmuGen.Generator.Sample/Specs/uapi.yaml):
/// exact C layout, little-endian marshalling, iommufd's size rule, ioctl numbers, C enums and
/// typed record views; and the generator's own record-link diagnostics.
/// </summary>
public sealed class GeneratedUapiTests
{
    private static readonly Type[] StructTypes =
        typeof(DemoAlloc).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "SmmuGen.Demo.Uapi" && t.IsValueType && !t.IsEnum && t.DeclaringType is null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

    private static StructInfo InfoOf(Type t) => (StructInfo)t.GetProperty("Info", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static int SizeOf(Type t) => (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(t).Invoke(null, null)!;

    // ---- Layout --------------------------------------------------------------------------------

    [Fact]
    public void EveryStruct_HasTheCSizeAndOffsets_AsTheRuntimeLaysItOut()
    {
        Assert.Equal(new[] { "DemoAlloc", "DemoEntryCopy", "DemoHeader", "DemoRange", "DemoRanges" }, StructTypes.Select(t => t.Name));
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<DemoAlloc>());
        foreach (var t in StructTypes)
        {
            var info = InfoOf(t);
            Assert.Equal(info.Size, SizeOf(t));
            Assert.Equal(info.Size, Marshal.SizeOf(t));
            Assert.Equal(info.Size, (int)t.GetField("Size")!.GetRawConstantValue()!);
            Assert.Equal(info.CName, (string)t.GetField("CName")!.GetRawConstantValue()!);
            Assert.Equal(info.CName, t.GetCustomAttribute<CNameAttribute>()!.Name);
            foreach (var m in info.Members)
            {
                Assert.Equal(m.Offset, (int)Marshal.OffsetOf(t, m.CSharpName));
                var field = t.GetField(m.CSharpName)!;
                Assert.Equal(m.CName, field.GetCustomAttribute<CNameAttribute>()!.Name);
                Assert.Equal(m.Size, SizeOf(field.FieldType));
            }
        }
    }

    [Fact]
    public void Metadata_IsTheLayoutEnginesLayout_OfTheSpec()
    {
        var path = Repository.PathOf("tests", "SmmuGen.Generator.Sample", "Specs", "uapi.yaml");
        var layouts = CStructLayout.Compute(SpecCompiler.Compile(path, File.ReadAllText(path)).Document!);
        foreach (var t in StructTypes)
        {
            var info = InfoOf(t);
            var layout = layouts[info.CName];
            Assert.Equal(((ulong)info.Size, (ulong)info.Align), (layout.Size, layout.Align));
            Assert.Equal(
                layout.Members.Select(m => (m.Name, m.Offset, m.Size)),
                info.Members.Select(m => (m.CName, (ulong)m.Offset, (ulong)m.Size)));
        }
    }

    [Fact]
    public void AnonymousUnionMembers_Overlap_AndANamedUnionIsANestedType()
    {
        Assert.Equal(40, (int)Marshal.OffsetOf<DemoAlloc>(nameof(DemoAlloc.InType)));
        Assert.Equal(40, (int)Marshal.OffsetOf<DemoAlloc>(nameof(DemoAlloc.OutType)));
        var a = default(DemoAlloc);
        a.InType = DemoObjType.Hwpt;
        Assert.Equal(DemoObjType.Hwpt, a.OutType);

        Assert.Equal(8, Unsafe.SizeOf<DemoAlloc.UUnion>());
        Assert.Equal(4, (int)Marshal.OffsetOf<DemoAlloc.UUnion>(nameof(DemoAlloc.UUnion.Hi)));
        a.U.Word = 0x1122_3344_5566_7788;
        Assert.Equal((0x5566_7788u, 0x1122_3344u), (a.U.Lo, a.U.Hi));
        Assert.Equal(0x88, a.U.Bytes[0]);
        Assert.Equal(new[] { "word", "bytes", "lo", "hi" }, typeof(DemoAlloc.UUnion).GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.GetCustomAttribute<CNameAttribute>()!.Name));
    }

    [Fact]
    public void Arrays_AreInlineAndIndexable()
    {
        var r = default(DemoRanges);
        r.Ranges[1].Last = 0xFFFF;
        r.Ranges[0].Start = 0x1000;
        Span<DemoRange> span = r.Ranges;
        Assert.Equal(2, span.Length);
        Assert.Equal(0xFFFFUL, span[1].Last);
        Assert.Equal(8, (int)Marshal.OffsetOf<DemoRanges>(nameof(DemoRanges.Ranges)));
        Assert.Equal(32, Unsafe.SizeOf<DemoRanges.RangesBuffer>());
    }

    // ---- Marshalling ---------------------------------------------------------------------------

    private static DemoAlloc Sample()
    {
        var a = default(DemoAlloc);
        a.SizeField = DemoAlloc.Size;
        a.Flags = DemoAllocFlags.NestParent | DemoAllocFlags.Pasid;
        a.ObjId = 0x0102_0304;
        a.OutId = 0xA0B0_C0D0;
        a.Range.Start = 0x1111_2222_3333_4444;
        a.Range.Last = 0x5555_6666_7777_8888;
        a.Level = DemoLevel.High;
        a.InType = DemoObjType.Ioas;
        a.Counter = -2;
        a.Ids[0] = 0xBEEF;
        a.Ids[3] = 0x1234;
        a.Entry[0] = 0x0102_0304_0506_0708;
        a.Entry[1] = 0x1112_1314_1516_1718;
        a.U.Word = 0xCAFE_F00D_DEAD_BEEF;
        a.Be = 0x1234_5678;
        return a;
    }

    [Fact]
    public void WriteTo_WritesEveryMemberLittleEndian_AtItsCOffset()
    {
        var bytes = new byte[DemoAlloc.Size];
        Sample().WriteTo(bytes);
        Assert.Equal(88u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(0x9u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(0xA0B0_C0D0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(0x5555_6666_7777_8888UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(-2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(44)));
        Assert.Equal((ushort)0xBEEF, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(48)));
        Assert.Equal((ushort)0x1234, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(54)));
        Assert.Equal(0x1112_1314_1516_1718UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(64)));
        Assert.Equal(0xCAFE_F00D_DEAD_BEEFUL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(72)));

        // __be32: the field is the bytes read little-endian, so the number is the swapped value.
        Assert.Equal(new byte[] { 0x78, 0x56, 0x34, 0x12 }, bytes[80..84]);
        Assert.Equal(0x7856_3412u, BinaryPrimitives.ReverseEndianness(Sample().Be));
    }

    [Fact]
    public void ReadFrom_IsTheInverseOfWriteTo()
    {
        var bytes = new byte[DemoAlloc.Size];
        Sample().WriteTo(bytes);
        var back = DemoAlloc.ReadFrom(bytes);
        var again = new byte[DemoAlloc.Size];
        back.WriteTo(again);
        Assert.Equal(bytes, again);
        Assert.Equal(Sample().Range, back.Range);
        Assert.Equal(DemoObjType.Ioas, back.OutType);
    }

    [Fact]
    public void OnALittleEndianHost_TheStructInMemory_IsTheCBytes()
    {
        Assert.True(BitConverter.IsLittleEndian, "this test describes x86_64 and arm64 hosts");
        var a = Sample();
        var expected = new byte[DemoAlloc.Size];
        a.WriteTo(expected);
        Assert.Equal(expected, MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref a, 1)).ToArray());
    }

    [Fact]
    public void Equality_IsByCBytes_EvenWithInlineArraysAndUnions()
    {
        Assert.Equal(Sample(), Sample());
        Assert.Equal(Sample().GetHashCode(), Sample().GetHashCode());
        var other = Sample();
        other.Ids[2] = 7;
        Assert.NotEqual(Sample(), other);
        Assert.True(Sample() != other);
        Assert.False(Sample().Equals((object)"demo_alloc"));
        var u = default(DemoAlloc.UUnion);
        u.Hi = 1;
        Assert.Equal(1UL << 32, u.Word);
        Assert.NotEqual(default, u);
    }

    [Fact]
    public void ReadFromAndWriteTo_RefuseBuffersShorterThanTheStruct()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoRange.ReadFrom(new byte[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(DemoRange).WriteTo(new byte[15]));
    }

    // ---- iommufd's size rule -------------------------------------------------------------------

    [Fact]
    public void Read_ShorterThanTheStructButAtLeastTheMinimum_ZeroFillsTheTail()
    {
        Assert.Equal(32, DemoAlloc.MinSize);
        var full = new byte[DemoAlloc.Size];
        Sample().WriteTo(full);
        Assert.Equal(0, DemoAlloc.Read(full.AsSpan(0, 32), out var value));
        Assert.Equal((0x0102_0304u, 0x5555_6666_7777_8888UL), (value.ObjId, value.Range.Last));
        Assert.Equal((DemoLevel)0, value.Level);
        Assert.Equal(0UL, value.U.Word);
        Assert.Equal(0u, value.Be);
    }

    [Fact]
    public void Read_BelowTheMinimum_IsEinval()
    {
        Assert.Equal(-22, DemoAlloc.Read(new byte[31], out var value));
        Assert.Equal(default, value);
        Assert.Equal(-22, DemoAlloc.Read(ReadOnlySpan<byte>.Empty, out _));
        Assert.Equal(-ExtensibleStruct.Einval, DemoAlloc.Read(new byte[40], minSize: 41, out _));
    }

    [Fact]
    public void Read_LongerWithAZeroTail_IsAccepted()
    {
        var user = new byte[DemoAlloc.Size + 24];
        Sample().WriteTo(user);
        Assert.Equal(0, DemoAlloc.Read(user, out var value));
        Assert.Equal(Sample().U.Word, value.U.Word);
    }

    [Fact]
    public void Read_LongerWithANonZeroByteAfterTheStruct_IsE2big()
    {
        var user = new byte[DemoAlloc.Size + 24];
        Sample().WriteTo(user);
        user[^1] = 1;
        Assert.Equal(-7, DemoAlloc.Read(user, out var value));
        Assert.Equal(default, value);
        user[^1] = 0;
        user[DemoAlloc.Size] = 0x80;
        Assert.Equal(-ExtensibleStruct.E2big, DemoAlloc.Read(user, out _));
    }

    [Fact]
    public void Write_CopiesWhatFits_AndLeavesTheRestAlone()
    {
        var shorter = new byte[40];
        Assert.Equal(40, Sample().Write(shorter));
        Assert.Equal(0x5555_6666_7777_8888UL, BinaryPrimitives.ReadUInt64LittleEndian(shorter.AsSpan(24)));

        var longer = Enumerable.Repeat((byte)0xEE, DemoAlloc.Size + 8).ToArray();
        Assert.Equal(DemoAlloc.Size, Sample().Write(longer));
        Assert.All(longer[DemoAlloc.Size..], b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void OnlySizePrefixedStructs_GetTheSizeRule()
    {
        Assert.True(DemoAlloc.Info.SizePrefixed);
        Assert.Null(typeof(DemoRange).GetMethod("Read", new[] { typeof(ReadOnlySpan<byte>), typeof(DemoRange).MakeByRefType() }));
        Assert.Equal((false, 16), (DemoRange.Info.SizePrefixed, DemoRange.Info.MinSize));
    }

    // ---- ioctls, constants, enums --------------------------------------------------------------

    /// <summary>Linux's _IOC(dir, type, nr, size), written out independently of the generator.</summary>
    private static uint Ioc(uint dir, uint type, uint nr, uint size) => (dir << 30) | (size << 16) | (type << 8) | nr;

    [Fact]
    public void IoctlNumbers_AreLinuxsIocEncoding()
    {
        Assert.Equal(UapiIoctls.DEMO_ALLOC, Ioc(0, ';', 0x80, 0));
        Assert.Equal(0x3B80u, UapiIoctls.DEMO_ALLOC);
        Assert.Equal(UapiIoctls.DEMO_GET_RANGES, Ioc(2, ';', 0x81, DemoRanges.Size));
        Assert.Equal(UapiIoctls.DEMO_SET_HEADER, Ioc(1, ';', 0x82, DemoHeader.Size));
        Assert.Equal(UapiIoctls.DEMO_XCHG, Ioc(3, ';', 0x83, DemoEntryCopy.Size));
        Assert.Equal(UapiIoctls.DEMO_RESET, Ioc(0, ';', 0x84, 0));
    }

    [Fact]
    public void IoctlMetadata_NamesTheStructAndItsMinimumSize()
    {
        var alloc = UapiIoctls.FindByName("DEMO_ALLOC")!;
        Assert.Equal((IoctlDirection.None, (byte)0x3B, (byte)0x80, 32, 0), (alloc.Direction, alloc.Type, alloc.Nr, alloc.MinSize, alloc.SizeBits));
        Assert.Same(DemoAlloc.Info, alloc.Struct);
        Assert.Same(alloc, UapiIoctls.Find(0x3B80));
        var get = UapiIoctls.Find(UapiIoctls.DEMO_GET_RANGES)!;
        Assert.Equal((IoctlDirection.Read, DemoRanges.Size, DemoRanges.Size), (get.Direction, get.SizeBits, get.MinSize));
        Assert.Null(UapiIoctls.FindByName("DEMO_RESET")!.Struct);
        Assert.Null(UapiIoctls.Find(0x1234));
        Assert.Equal(5, UapiIoctls.All.Count);
    }

    [Fact]
    public void Constants_KeepTheirCNames_AndTakeUintUnlessTheyNeed64Bits()
    {
        Assert.Equal(0x3Bu, UapiConstants.DEMO_TYPE);
        Assert.Equal(0x1_0000_0000UL, UapiConstants.DEMO_BIG);
        Assert.Equal(typeof(uint), typeof(UapiConstants).GetField(nameof(UapiConstants.DEMO_TYPE))!.FieldType);
    }

    [Fact]
    public void CEnums_StripThePrefix_KeepTheCName_AndFlagsAreFlags()
    {
        Assert.Equal(new[] { "NestParent", "DirtyTracking", "Pasid" }, Enum.GetNames<DemoAllocFlags>());
        Assert.NotNull(typeof(DemoAllocFlags).GetCustomAttribute<FlagsAttribute>());
        Assert.Null(typeof(DemoObjType).GetCustomAttribute<FlagsAttribute>());
        Assert.Equal("DEMO_ALLOC_DIRTY_TRACKING", typeof(DemoAllocFlags).GetField(nameof(DemoAllocFlags.DirtyTracking))!.GetCustomAttribute<CNameAttribute>()!.Name);
        Assert.Equal("demo_obj_type", typeof(DemoObjType).GetCustomAttribute<CNameAttribute>()!.Name);
        Assert.Equal(typeof(uint), Enum.GetUnderlyingType(typeof(DemoLevel)));
    }

    [Fact]
    public void AnEnumNarrowerMember_KeepsItsIntegerField_WithATypedProperty()
    {
        Assert.Equal(typeof(byte), typeof(DemoHeader).GetField(nameof(DemoHeader.Level))!.FieldType);
        var h = default(DemoHeader);
        h.LevelAsDemoLevel = DemoLevel.High;
        Assert.Equal((byte)2, h.Level);
        Assert.Equal(DemoLevel.High, h.LevelAsDemoLevel);
        Assert.Equal(typeof(DemoObjType), typeof(DemoHeader).GetField(nameof(DemoHeader.Kind))!.FieldType);
    }

    // ---- Record views ----------------------------------------------------------------------------

    [Fact]
    public void ARecordView_ShorterThanTheRecord_ReadsItsWords_AndZeroesTheRest()
    {
        var a = default(DemoAlloc);
        a.Entry[0] = 0b101;
        a.Entry[1] = 0xFFFF;
        var entry = a.GetEntry();
        Assert.True(entry.V);
        Assert.Equal(Mode.Auto, entry.Mode);
        Assert.Equal((0b101UL, 0xFFFFUL, 0UL, 0UL), (entry.GetWord(0), entry.GetWord(1), entry.GetWord(2), entry.GetWord(3)));
    }

    [Fact]
    public void SettingARecordView_StoresItsWords_AndRefusesWordsTheMemberCannotHold()
    {
        var a = default(DemoAlloc);
        a.SetEntry(default(Entry).WithV(true).WithMode(Mode.On));
        Assert.Equal(0b011UL, a.Entry[0]);
        Assert.Equal(0UL, a.Entry[1]);

        var tooLong = default(Entry).WithVmid(0xBEEF); // word 2
        var ex = Assert.Throws<ArgumentException>(() => a.SetEntry(tooLong));
        Assert.Contains("demo_alloc.entry holds only words 0-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0b011UL, a.Entry[0]);
    }

    [Fact]
    public void ARecordViewOfTheWholeRecord_RoundTrips()
    {
        var entry = default(Entry).WithV(true).WithTtb(0x000F_FFFF_FFFF_FFF0).WithVmid(0x1234);
        var copy = default(DemoEntryCopy);
        copy.SetWords(entry);
        Assert.Equal(entry, copy.GetWords());
        Assert.Equal(0x000F_FFFF_FFFF_FFF0UL, copy.Words[3]);
    }

    // ---- Generator diagnostics for record links ------------------------------------------------

    private const string LinkingSpec = """
        name: Linker
        namespace: Test.Linker
        structs:
          - name: view
            members:
              - { name: words, type: __aligned_le64, count: 3, record: WIDE }
        """;

    [Fact]
    public void ARecordLinkNoFileDefines_ReportsSmmugen028_AtTheStartOfTheSpec_AndEmitsNoView()
    {
        var result = new GeneratorRun(("linker.yaml", LinkingSpec)).Run();
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SMMUGEN028", d.Id);
        Assert.Equal(DiagnosticSeverityError, d.Severity);
        Assert.Equal("linker.yaml", d.Location.GetLineSpan().Path);
        Assert.Equal(0, d.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("member view.words links record WIDE, which no spec file of this compilation defines", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Test.Linker.View.g.cs").SourceText.ToString();
        Assert.DoesNotContain("GetWords", source, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordLinkLongerThanTheRecordOfAnotherFile_ReportsSmmugen028()
    {
        var records = "name: Recs\nnamespace: Test.Recs\nrecords:\n  - { name: WIDE, size: 16 }\n";
        var result = new GeneratorRun(("linker.yaml", LinkingSpec), ("recs.yaml", records)).Run();
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("SMMUGEN028", d.Id);
        Assert.Contains("member view.words holds 3 words (24 bytes), but record WIDE is 16 bytes (2 words)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordLinkToAnotherFile_ResolvesToItsNamespace_AndCompiles()
    {
        var records = "name: Recs\nnamespace: Test.Recs\nrecords:\n  - { name: WIDE, size: 32, fields: [ { name: V, bits: 0 } ] }\n";
        var result = new GeneratorRun(("linker.yaml", LinkingSpec), ("recs.yaml", records)).Run();
        Assert.Empty(result.Diagnostics);
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Test.Linker.View.g.cs").SourceText.ToString();
        Assert.Contains("public readonly global::Test.Recs.Wide GetWords()", source, StringComparison.Ordinal);
        Assert.Contains("public void SetWords(in global::Test.Recs.Wide value)", source, StringComparison.Ordinal);
        var (_, errors) = GeneratorRun.Compile(result);
        Assert.Empty(errors);
    }

    [Fact]
    public void TheBundledIommufdSpec_WithTheRecordsItLinks_GeneratesCodeThatCompilesWithoutWarnings()
    {
        var files = new[] { "iommufd/iommufd.yaml", "smmuv3/ste.yaml", "smmuv3/commands.yaml", "smmuv3/events.yaml" }
            .Select(f => Repository.PathOf(new[] { "spec" }.Concat(f.Split('/')).ToArray()))
            .Select(p => (p, File.ReadAllText(p)))
            .ToArray();
        var result = new GeneratorRun(files).Run();
        Assert.Empty(result.Diagnostics);
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("SmmuGen.Iommufd.IommuHwptAlloc.g.cs", hints);
        Assert.Contains("SmmuGen.Iommufd.IommufdIoctls.g.cs", hints);
        var hwpt = result.Results.Single().GeneratedSources.Single(s => s.HintName == "SmmuGen.Iommufd.IommuHwptArmSmmuv3.g.cs").SourceText.ToString();
        Assert.Contains("public readonly global::SmmuGen.Smmuv3.Ste GetSte()", hwpt, StringComparison.Ordinal);
        var (_, errors) = GeneratorRun.Compile(result);
        Assert.Empty(errors);
    }

    private const Microsoft.CodeAnalysis.DiagnosticSeverity DiagnosticSeverityError = Microsoft.CodeAnalysis.DiagnosticSeverity.Error;
}
