using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;
using Xunit;

namespace SmmuGen.Runtime.Tests.Memory;

/// <summary>Sparse paging, byte and typed little-endian access across pages, the top of the
/// address space, records through memory and the trace hook.</summary>
public sealed class GuestMemoryTests
{
    private const ulong Top = ulong.MaxValue;

    [Fact]
    public void UntouchedMemoryReadsZero_AndAllocatesNothing()
    {
        var memory = new GuestMemory();
        var buffer = Enumerable.Repeat((byte)0xAA, 10_000).ToArray();
        memory.Read(0x1234_5678_9000, buffer);
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(0UL, memory.ReadUInt64(Top - 7));
        Assert.Equal(0UL, memory.ReadUInt64Atomic(0x8000));
        Assert.Equal(default, memory.ReadRecord<Ste>(0x4_0000));
        Assert.Equal(0, memory.AllocatedPageCount);
    }

    [Fact]
    public void TouchingTwoFarApartPages_AllocatesTwoPages()
    {
        var memory = new GuestMemory();
        memory.WriteUInt32(0x1000, 1);
        memory.WriteUInt32(0xFFFF_0000_0000_0000, 2);
        memory.WriteUInt32(0x1FFC, 3); // same page again
        Assert.Equal(2, memory.AllocatedPageCount);
        Assert.True(memory.IsPageAllocated(0x1000));
        Assert.True(memory.IsPageAllocated(0xFFFF_0000_0000_0FFF));
        Assert.False(memory.IsPageAllocated(0x2000));
        Assert.Equal(1U, memory.ReadUInt32(0x1000));
        Assert.Equal(2U, memory.ReadUInt32(0xFFFF_0000_0000_0000));
    }

    [Fact]
    public void WritesAndReadsCrossPageBoundaries()
    {
        var memory = new GuestMemory();
        var data = Enumerable.Range(0, 3 * GuestMemory.PageSize + 100).Select(i => (byte)(i * 7 + 1)).ToArray();
        const ulong start = 0x10_0FF0; // 16 bytes before a page boundary: spans five pages
        memory.Write(start, data);
        Assert.Equal(5, memory.AllocatedPageCount);

        var back = new byte[data.Length];
        memory.Read(start, back);
        Assert.Equal(data, back);

        // A read straddling the end of the written bytes sees zeros after them.
        var tail = new byte[8];
        memory.Read(start + (ulong)data.Length - 4, tail);
        Assert.Equal(data[^4..].Concat(new byte[4]), tail);

        memory.WriteUInt64(0x2FFD, 0x1122_3344_5566_7788);
        Assert.Equal(0x1122_3344_5566_7788UL, memory.ReadUInt64(0x2FFD));
        Assert.Equal(0x5566_7788U, memory.ReadUInt32(0x2FFD));
    }

    [Fact]
    public void TypedValuesAreLittleEndian()
    {
        var memory = new GuestMemory();
        memory.WriteUInt64(0x100, 0x0102_0304_0506_0708);
        memory.WriteUInt32(0x200, 0xA1B2_C3D4);
        memory.WriteUInt64Atomic(0x300, 0x1112_1314_1516_1718);
        var bytes = new byte[8];
        memory.Read(0x100, bytes);
        Assert.Equal(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }, bytes);
        memory.Read(0x200, bytes.AsSpan(0, 4));
        Assert.Equal(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1 }, bytes[..4]);
        memory.Read(0x300, bytes);
        Assert.Equal(new byte[] { 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11 }, bytes);

        memory.Write(0x400, new byte[] { 0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01 });
        Assert.Equal(0x0123_4567_89AB_CDEFUL, memory.ReadUInt64(0x400));
        Assert.Equal(0x0123_4567_89AB_CDEFUL, memory.ReadUInt64Atomic(0x400));
        Assert.Equal(0x89AB_CDEFU, memory.ReadUInt32(0x400));
    }

    [Fact]
    public void TheTopOfTheAddressSpaceIsOrdinaryMemory()
    {
        var memory = new GuestMemory();
        memory.WriteUInt64(Top - 7, 0xDEAD_BEEF_CAFE_F00D);
        Assert.Equal(0xDEAD_BEEF_CAFE_F00DUL, memory.ReadUInt64(Top - 7));
        Assert.Equal(0xDEAD_BEEF_CAFE_F00DUL, memory.ReadUInt64Atomic(Top - 7));
        memory.Write(Top, new byte[] { 0x5A });
        var last = new byte[1];
        memory.Read(Top, last);
        Assert.Equal(0x5A, last[0]);
        memory.WriteRecord(Top - 63, Ste.FromWords([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Equal(Ste.FromWords([1, 2, 3, 4, 5, 6, 7, 8]), memory.ReadRecord<Ste>(Top - 63));
        Assert.Equal(1, memory.AllocatedPageCount);
    }

    [Fact]
    public void AccessesWrappingPast2To64Abort_WholeAndWithoutWriting()
    {
        var memory = new GuestMemory();
        var result = memory.TryWrite(Top - 1, new byte[] { 1, 2, 3 });
        Assert.True(result.IsAbort);
        Assert.Equal(AbortKind.AddressWrap, result.Kind);
        Assert.Equal(Top - 1, result.FaultAddress);
        Assert.Null(result.Region);
        Assert.Equal(0, memory.AllocatedPageCount); // nothing written, not even the two bytes below 2^64

        var buffer = new byte[] { 9, 9 };
        Assert.Equal(MemoryAccessResult.Wrap(Top), memory.TryRead(Top, buffer));
        Assert.Equal(new byte[] { 9, 9 }, buffer); // destination untouched on abort

        Assert.Equal(AbortKind.AddressWrap, memory.TryReadUInt32(Top - 2, out var v32).Kind);
        Assert.Equal(0U, v32);
        Assert.Equal(AbortKind.AddressWrap, memory.TryReadUInt64(Top - 6, out var v64).Kind);
        Assert.Equal(0UL, v64);
        Assert.Equal(AbortKind.AddressWrap, memory.TryWriteUInt64(Top - 3, 1).Kind);
        Assert.Equal(AbortKind.AddressWrap, memory.TryReadRecord<Cd>(Top - 62, out _).Kind);
        var ex = Assert.Throws<GuestMemoryAbortException>(() => memory.ReadUInt32(Top));
        Assert.Equal(AbortKind.AddressWrap, ex.Result.Kind);
        Assert.Equal(0, memory.AllocatedPageCount);

        // An empty access touches no byte, so it never aborts.
        Assert.True(memory.TryRead(Top, Span<byte>.Empty).IsSuccess);
    }

    [Fact]
    public void RecordsRoundTripThroughMemory_AlignedMisalignedAndAcrossPages()
    {
        var ste = Ste.FromWords([0x0123_4567_89AB_CDEF, 2, ulong.MaxValue, 4, 0x8000_0000_0000_0001, 6, 7, 0xFEDC_BA98_7654_3210]);
        var cd = Cd.FromWords([11, 12, 13, 14, 15, 16, 17, 18]);
        var evt = Evt.FromWords([0x10, 0x2000_0000_0000_0003, 0xFFFF_0000, 1]);
        foreach (var address in new ulong[] { 0x8000, 0x8040, 0x8003, 0x8FE0, 0x8FF9, 0x1_0000_0000 })
        {
            var memory = new GuestMemory();
            memory.WriteRecord(address, in ste);
            Assert.Equal(ste, memory.ReadRecord<Ste>(address));

            // The bytes in memory are exactly the record's own little-endian encoding.
            var expected = new byte[Ste.Size];
            ste.WriteTo(expected);
            var actual = new byte[Ste.Size];
            memory.Read(address, actual);
            Assert.Equal(expected, actual);

            memory.WriteRecord(address + 0x1000, in cd);
            Assert.Equal(cd, memory.ReadRecord<Cd>(address + 0x1000));
            memory.WriteRecord(address + 0x2000, in evt);
            Assert.True(memory.TryReadRecord<Evt>(address + 0x2000, out var back).IsSuccess);
            Assert.Equal(evt, back);
        }
    }

    [Fact]
    public void RecordWordsWrittenAtomicallyReadBackAsARecord()
    {
        var memory = new GuestMemory();
        var ste = Ste.FromWords([1, 2, 3, 4, 5, 6, 7, 8]);
        for (var i = 0; i < Ste.WordCount; i++)
        {
            memory.WriteUInt64Atomic(0x2000 + (ulong)(8 * i), ste.GetWord(i));
        }

        Assert.Equal(ste, memory.ReadRecord<Ste>(0x2000));
    }

    [Fact]
    public void TheObserverSeesEveryAccess_WithItsOutcome()
    {
        var memory = new GuestMemory();
        var trace = new TraceObserver();
        memory.Observer = trace;
        var region = memory.AddAbortRegion(0x9000, 0x10, AbortKind.External, "bad");

        memory.WriteUInt32(0x100, 1);
        memory.TryRead(0x8FF8, new byte[16]);
        memory.ReadUInt64Atomic(0x100);
        memory.WriteUInt64Atomic(0x108, 5);
        memory.CompareExchangeUInt64(0x108, 6, 5);
        memory.ReadRecord<Evt>(0x200);
        memory.Observer = null;
        memory.WriteUInt32(0x100, 2);

        Assert.Equal(
            new[]
            {
                new MemoryAccess(MemoryAccessKind.Write, 0x100, 4, MemoryAccessResult.Success),
                new MemoryAccess(MemoryAccessKind.Read, 0x8FF8, 16, MemoryAccessResult.Abort(0x9000, region)),
                new MemoryAccess(MemoryAccessKind.AtomicRead, 0x100, 8, MemoryAccessResult.Success),
                new MemoryAccess(MemoryAccessKind.AtomicWrite, 0x108, 8, MemoryAccessResult.Success),
                new MemoryAccess(MemoryAccessKind.CompareExchange, 0x108, 8, MemoryAccessResult.Success),
                new MemoryAccess(MemoryAccessKind.Read, 0x200, Evt.Size, MemoryAccessResult.Success),
            }.Select(a => a.ToString()),
            trace.Accesses.Select(a => a.ToString()));
    }

    private sealed class TraceObserver : IMemoryObserver
    {
        public List<MemoryAccess> Accesses { get; } = [];

        public void OnAccess(in MemoryAccess access) => Accesses.Add(access);
    }
}
