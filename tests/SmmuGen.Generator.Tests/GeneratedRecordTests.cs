using System;
using System.Buffers.Binary;
using System.Linq;
using SmmuGen.Demo.Records;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// Compile-and-run tests of generated records (SmmuGen.Generator.Sample/Specs/records.yaml):
/// multi-word fields, word-boundary fields, addresses in place, little-endian marshalling,
/// variants and allocation-free decoding.
/// </summary>
public sealed class GeneratedRecordTests
{
    [Fact]
    public void Fields_ReadAndWriteTheirBits_AcrossTheWholeRecord()
    {
        var e = default(Entry).WithV(true).WithMode(Mode.Auto).WithVmid(0xBEEF).WithTtb(0x000F_FFFF_FFFF_FFF0);
        Assert.True(e.V);
        Assert.Equal(Mode.Auto, e.Mode);
        Assert.Equal((ushort)0xBEEF, e.Vmid);
        Assert.Equal(0x000F_FFFF_FFFF_FFF0UL, e.Ttb);
        Assert.Equal(0b101UL, e.GetWord(0));
        Assert.Equal(0UL, e.GetWord(1));
        Assert.Equal(0xBEEFUL, e.GetWord(2));
        Assert.Equal(0x000F_FFFF_FFFF_FFF0UL, e.GetWord(3));
    }

    [Fact]
    public void FieldAcrossAWordBoundary_SplitsBetweenTheWords_AndLeavesNeighboursAlone()
    {
        var ones = Entry.FromWords(new[] { ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue });
        var cleared = ones.WithSpan(0);
        Assert.Equal(0x0FFF_FFFF_FFFF_FFFFUL, cleared.GetWord(0));
        Assert.Equal(0xFFFF_FFFF_FFFF_0000UL, cleared.GetWord(1));
        Assert.Equal(0u, cleared.Span);

        var set = default(Entry).WithSpan(0xF_FFFF);
        Assert.Equal(0xF000_0000_0000_0000UL, set.GetWord(0));
        Assert.Equal(0xFFFFUL, set.GetWord(1));
        Assert.Equal(0xF_FFFFu, set.Span);
        Assert.Equal(0xABCDEu, default(Entry).WithSpan(0xABCDE).Span);
        Assert.Throws<ArgumentOutOfRangeException>(() => default(Entry).WithSpan(0x10_0000));
        Assert.Equal(60, Entry.SpanShift);
        Assert.Equal(0xFFFFUL, Entry.SpanHighMask);
    }

    [Fact]
    public void AddressFields_AreInPlaceWithinTheirWord_AndRejectBadAddresses()
    {
        var e = default(Entry).WithPtr(0x1234_5678_9AC0);
        Assert.Equal(0x1234_5678_9AC0UL, e.Ptr);
        var misaligned = Assert.Throws<ArgumentOutOfRangeException>(() => e.WithPtr(0x1001));
        Assert.Contains("ENTRY.PTR holds address bits 51:6", misaligned.Message, StringComparison.Ordinal);
        Assert.Contains("not 64-byte aligned", misaligned.Message, StringComparison.Ordinal);
        var wide = Assert.Throws<ArgumentOutOfRangeException>(() => e.WithTtb(1UL << 52));
        Assert.Contains("ENTRY.TTB holds address bits 51:4", wide.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNeverMutates_AndReservedFieldsHaveNoAccessor()
    {
        var a = default(Entry);
        var b = a.WithVmid(7);
        Assert.Equal(0, a.Vmid);
        Assert.Equal(7, b.Vmid);
        Assert.Null(typeof(Entry).GetProperty("Rsv"));
    }

    [Fact]
    public void ReadFromAndWriteTo_AreLittleEndian_AndRoundTrip()
    {
        var bytes = new byte[Entry.Size + 3];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7 + 1);
        }

        var e = Entry.ReadFrom(bytes);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)), e.GetWord(1));
        var back = new byte[Entry.Size];
        e.WriteTo(back);
        Assert.Equal(bytes.Take(Entry.Size), back);
        Assert.Throws<ArgumentException>(() => Entry.ReadFrom(new byte[Entry.Size - 1]));
        Assert.Throws<ArgumentException>(() => e.WriteTo(new byte[Entry.Size - 1]));
        Assert.Throws<ArgumentException>(() => Entry.FromWords(new ulong[3]));
    }

    [Fact]
    public void Profiles_AreMasks_ForAllowedBitChecks()
    {
        Assert.Equal(0b1111UL, Entry.BasicProfile.GetWord(0));
        Assert.Equal(0b1111UL, Entry.BasicProfileWord0); // also as constants, for switch cases and C-style checks
        Assert.Equal(0xFFFFUL, Entry.WideProfileWord1);
        var basic = default(Entry).WithV(true).WithMode(Mode.On);
        Assert.False(basic.HasBitsOutside(Entry.BasicProfile));
        Assert.True(basic.WithVmid(1).HasBitsOutside(Entry.BasicProfile));
        Assert.Equal(basic, basic.WithVmid(1).Masked(Entry.BasicProfile));
        Assert.Equal(0xF000_0000_0000_0000UL, Entry.WideProfile.GetWord(0));
        Assert.Equal(0xFFFFUL, Entry.WideProfile.GetWord(1));
        Assert.Equal(0xFFFFUL, Entry.WideProfile.GetWord(2));
        Assert.Equal(new[] { "BASIC", "WIDE" }, Entry.Info.Profiles.Select(p => p.Name));
    }

    [Fact]
    public void Variants_CreateWithTheirDiscriminator_AndConvertBothWays()
    {
        var inv = OpInv.Create().WithId(0x1234).WithLeaf(true).WithAddr(0xFFFF_0000_0000_1000);
        Assert.Equal(OpCode.OpInv, inv.Code);
        Assert.Equal(0x12UL, OpInv.DiscriminatorValue);
        Op raw = inv;
        Assert.Equal(OpCode.OpInv, raw.Code);
        Assert.True(raw.TryGetOpInv(out var back));
        Assert.Equal(inv, back);
        Assert.False(raw.TryGetOpSync(out _));
        Assert.Equal(0xFFFF_0000_0000_1000UL, back.Addr);
        Assert.Equal(0x0000_1234_0000_0012UL, raw.GetWord(0));
    }

    [Fact]
    public void Accept_DecodesEveryVariant_AndUnknownValues_WithoutAllocating()
    {
        var counter = new KindCounter();
        Op[] ops = { OpNop.Create(), OpInv.Create(), OpSync.Create().WithCs(OpSyncCs.Irq), Op.FromWords(new ulong[] { 0x99, 0 }) };
        _ = ops[0].Accept<KindCounter, int>(ref counter); // JIT first
        counter = default;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0;
        foreach (var op in ops)
        {
            sum += op.Accept<KindCounter, int>(ref counter);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal((1, 1, 1, 1), (counter.Nops, counter.Invs, counter.Syncs, counter.Unknown));
        Assert.Equal(1 + 2 + 3 + 0x99, sum);
        Assert.Equal((OpCode)0x99, ops[3].Code);
    }

    [Fact]
    public void ToString_ListsNonZeroFields_WithVariantAndEnumNames()
    {
        var sync = OpSync.Create().WithCs(OpSyncCs.Sev).WithData(5).WithMsiaddr(0x8000);
        Assert.Equal("OP_SYNC { CODE=OP_SYNC, CS=SEV, DATA=5, MSIADDR=0x8000 }", sync.ToString());
        Assert.Equal("OP { CODE=OP_SYNC }", ((Op)sync).ToString());
        Assert.Equal("ENTRY {}", default(Entry).ToString());
    }

    [Fact]
    public void Metadata_DescribesFieldsVariantsAndTheDiscriminator()
    {
        Assert.Equal(32, Entry.Info.Size);
        Assert.Equal(4, Entry.Info.WordCount);
        Assert.Equal(new[] { "V", "MODE", "PTR", "TAG", "SPAN", "VMID", "TTB", "RSV" }, Entry.Info.Fields.Select(f => f.Name));
        Assert.Equal(60, Entry.Info.FindField("SPAN")!.Lsb);
        Assert.Equal(20, Entry.Info.FindField("SPAN")!.Width);
        Assert.Equal("CODE", Op.Info.Discriminator!.Name);
        Assert.Equal(new[] { "OP_NOP", "OP_INV", "OP_SYNC" }, Op.Info.Variants.Select(v => v.Name));
        Assert.Equal("OP_INV", Op.Info.FindVariant(0x12)!.Name);
        Assert.Null(Op.Info.FindVariant(0x13));
        Assert.Contains(OpInv.Info.Fields, f => f.Name == "SSV");
        Assert.Equal("INV_KEYS", Assert.Single(OpInv.Info.Profiles).Name);
        var words = new ulong[] { 0xF000_0000_0000_0000, 0xFFFF, 0, 0 };
        Assert.Equal(0xF_FFFFUL, Entry.Info.FindField("SPAN")!.ExtractFrom(words));
    }

    [Fact]
    public void GenericCode_WorksThroughIRecord()
    {
        static T RoundTrip<T>(T value) where T : struct, IRecord<T>
        {
            Span<byte> buffer = stackalloc byte[64];
            value.WriteTo(buffer);
            return T.ReadFrom(buffer);
        }

        var e = default(Entry).WithVmid(3).WithSpan(0x12345);
        Assert.Equal(e, RoundTrip(e));
        var sync = OpSync.Create().WithData(9);
        Assert.Equal(sync, RoundTrip(sync));
    }

    private struct KindCounter : IOpVisitor<int>
    {
        public int Nops;
        public int Invs;
        public int Syncs;
        public int Unknown;

        public int Visit(in OpNop value)
        {
            Nops++;
            return 1;
        }

        public int Visit(in OpInv value)
        {
            Invs++;
            return 2;
        }

        public int Visit(in OpSync value)
        {
            Syncs++;
            return 3;
        }

        public int VisitUnknown(in Op value)
        {
            Unknown++;
            return (int)value.Code;
        }
    }
}
