using System;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>Stage 1 leaf attributes for <see cref="PageTableBuilder"/>.</summary>
internal sealed record S1Leaf(
    S1AccessPerm Ap = S1AccessPerm.RwAll,
    bool Af = true,
    bool NotGlobal = false,
    bool Pxn = false,
    bool Uxn = false,
    bool Dbm = false,
    byte AttrIndx = 0);

/// <summary>Stage 2 leaf attributes for <see cref="PageTableBuilder"/>.</summary>
internal sealed record S2Leaf(
    S2AccessPerm Ap = S2AccessPerm.ReadWrite,
    bool Af = true,
    byte Xn = 0,
    bool Dbm = false,
    byte MemAttr = 0xF);

/// <summary>Stage 1 hierarchical attributes put on the table descriptors above a leaf.</summary>
internal sealed record TableLimits(byte ApTable = 0, bool PxnTable = false, bool UxnTable = false);

/// <summary>
/// Builds VMSAv8-64 translation tables in guest memory with the generated descriptor types, the
/// way a driver's io-pgtable code does: one stage, one granule, a starting level and input size;
/// tables are allocated from an arena as a mapping needs them.
/// </summary>
internal sealed class PageTableBuilder
{
    private readonly GuestMemory _memory;
    private ulong _next;

    public PageTableBuilder(GuestMemory memory, int stage, int pageBits, int inputBits, int startLevel, ulong arena, bool bigEndian = false)
    {
        _memory = memory;
        Stage = stage;
        PageBits = pageBits;
        InputBits = inputBits;
        StartLevel = startLevel;
        BigEndian = bigEndian;
        var rootBytes = Math.Max(1UL << (InputBits - LevelShift(startLevel) + 3), 64);
        Root = AlignUp(arena, Math.Max(rootBytes, 1UL << pageBits));
        _next = Root + Math.Max(rootBytes, 1UL << pageBits);
    }

    public int Stage { get; }

    public int PageBits { get; }

    public int InputBits { get; }

    public int StartLevel { get; }

    public bool BigEndian { get; }

    /// <summary>The starting-level table (TTBx or S2TTB).</summary>
    public ulong Root { get; }

    public int BitsPerLevel => PageBits - 3;

    public int LevelShift(int level) => PageBits + ((3 - level) * BitsPerLevel);

    /// <summary>Maps the 2^LevelShift(<paramref name="leafLevel"/>) range at <paramref name="input"/> to <paramref name="output"/>; returns the leaf descriptor's address.</summary>
    public ulong Map(ulong input, ulong output, int leafLevel = 3, S1Leaf? s1 = null, S2Leaf? s2 = null, TableLimits? limits = null)
    {
        var table = TableFor(input, leafLevel, limits);
        var address = Slot(table, input, leafLevel);
        Write(address, Leaf(output, leafLevel, s1 ?? new S1Leaf(), s2 ?? new S2Leaf()));
        return address;
    }

    /// <summary>The address of the descriptor at <paramref name="level"/> for <paramref name="input"/>, creating tables above it.</summary>
    public ulong DescriptorAddress(ulong input, int level) => Slot(TableFor(input, level, null), input, level);

    /// <summary>Writes a raw descriptor (e.g. an invalid or reserved one).</summary>
    public void Write(ulong address, ulong descriptor) =>
        _memory.WriteUInt64(address, BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(descriptor) : descriptor);

    public ulong Read(ulong address)
    {
        var raw = _memory.ReadUInt64(address);
        return BigEndian ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    private ulong TableFor(ulong input, int leafLevel, TableLimits? limits)
    {
        var table = Root;
        for (var level = StartLevel; level < leafLevel; level++)
        {
            var slot = Slot(table, input, level);
            var existing = Read(slot);
            if ((existing & 3) == 3)
            {
                table = existing & AddressMask(PageBits);
                if (limits is not null)
                {
                    Write(slot, Table(table, limits));
                }

                continue;
            }

            var next = _next;
            _next += 1UL << PageBits;
            Write(slot, Table(next, limits ?? new TableLimits()));
            table = next;
        }

        return table;
    }

    private ulong Slot(ulong table, ulong input, int level)
    {
        var bits = level == StartLevel ? InputBits - LevelShift(level) : BitsPerLevel;
        return table + (((input >> LevelShift(level)) & ((1UL << bits) - 1)) * 8);
    }

    private ulong Table(ulong next, TableLimits limits) => (Stage, PageBits) switch
    {
        (1, 12) => new S1Table4k().WithValid(true).WithType(true).WithNlta(next).WithAPTable(limits.ApTable).WithPXNTable(limits.PxnTable).WithUXNTable(limits.UxnTable).GetWord(0),
        (1, 14) => new S1Table16k().WithValid(true).WithType(true).WithNlta(next).WithAPTable(limits.ApTable).WithPXNTable(limits.PxnTable).WithUXNTable(limits.UxnTable).GetWord(0),
        (1, _) => new S1Table64k().WithValid(true).WithType(true).WithNlta(next & ((1UL << 48) - 1)).WithNltaHi((byte)(next >> 48)).WithAPTable(limits.ApTable).WithPXNTable(limits.PxnTable).WithUXNTable(limits.UxnTable).GetWord(0),
        (_, 12) => new S2Table4k().WithValid(true).WithType(true).WithNlta(next).GetWord(0),
        (_, 14) => new S2Table16k().WithValid(true).WithType(true).WithNlta(next).GetWord(0),
        _ => new S2Table64k().WithValid(true).WithType(true).WithNlta(next & ((1UL << 48) - 1)).WithNltaHi((byte)(next >> 48)).GetWord(0),
    };

    private ulong Leaf(ulong output, int level, S1Leaf a, S2Leaf b)
    {
        var low = output & ((1UL << 48) - 1);
        var high = (byte)(output >> 48);
        return (Stage, PageBits, level) switch
        {
            (1, 12, 1) => new S1Block4kL1().WithValid(true).WithOa(low).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (1, 12, 2) => new S1Block4kL2().WithValid(true).WithOa(low).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (1, 12, 3) => new S1Page4k().WithValid(true).WithType(true).WithOa(low).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (1, 14, 2) => new S1Block16kL2().WithValid(true).WithOa(low).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (1, 14, 3) => new S1Page16k().WithValid(true).WithType(true).WithOa(low).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (1, 16, 1) => new S1Block64kL1().WithValid(true).WithOa(low).WithOaHi(high).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (1, 16, 2) => new S1Block64kL2().WithValid(true).WithOa(low).WithOaHi(high).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (1, 16, 3) => new S1Page64k().WithValid(true).WithType(true).WithOa(low).WithOaHi(high).WithAp(a.Ap).WithAf(a.Af).WithNG(a.NotGlobal).WithPxn(a.Pxn).WithUxn(a.Uxn).WithDbm(a.Dbm).WithAttrIndx(a.AttrIndx).GetWord(0),
            (2, 12, 1) => new S2Block4kL1().WithValid(true).WithOa(low).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            (2, 12, 2) => new S2Block4kL2().WithValid(true).WithOa(low).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            (2, 12, 3) => new S2Page4k().WithValid(true).WithType(true).WithOa(low).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            (2, 14, 2) => new S2Block16kL2().WithValid(true).WithOa(low).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            (2, 14, 3) => new S2Page16k().WithValid(true).WithType(true).WithOa(low).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            (2, 16, 1) => new S2Block64kL1().WithValid(true).WithOa(low).WithOaHi(high).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            (2, 16, 2) => new S2Block64kL2().WithValid(true).WithOa(low).WithOaHi(high).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            (2, 16, 3) => new S2Page64k().WithValid(true).WithType(true).WithOa(low).WithOaHi(high).WithS2ap(b.Ap).WithAf(b.Af).WithXn(b.Xn).WithDbm(b.Dbm).WithMemAttr(b.MemAttr).GetWord(0),
            _ => throw new ArgumentOutOfRangeException(nameof(level), $"no stage {Stage} leaf at level {level} with a {1 << (PageBits - 10)}KB granule"),
        };
    }

    private static ulong AddressMask(int pageBits) => ((1UL << 48) - 1) & ~((1UL << pageBits) - 1);

    private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);
}
