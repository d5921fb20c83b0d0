using System;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;
using Xunit;

namespace SmmuGen.Runtime.Tests.Memory;

/// <summary>External-abort regions: an access touching any byte of one aborts whole, reports the
/// lowest faulting address, and moves no byte; aborts are results, never exceptions, on the
/// <c>Try</c> path.</summary>
public sealed class AbortRegionTests
{
    [Fact]
    public void PartialOverlapAtTheEnd_AbortsWhole_AtTheRegionBase_AndWritesNothing()
    {
        var memory = new GuestMemory();
        var region = memory.AddAbortRegion(0x5000, 0x1000, AbortKind.External, "unmapped BAR");
        var result = memory.TryWrite(0x4FF0, new byte[32]);
        Assert.Equal(AbortKind.External, result.Kind);
        Assert.Equal(0x5000UL, result.FaultAddress);
        Assert.Same(region, result.Region);
        Assert.Equal(0, memory.AllocatedPageCount); // the 16 bytes below the region were not written either

        memory.Write(0x4FF8, new byte[] { 7, 7, 7, 7 });
        Assert.Equal(0x5000UL, memory.TryWriteUInt64(0x4FFC, ulong.MaxValue).FaultAddress);
        Assert.Equal(0x0707_0707U, memory.ReadUInt32(0x4FF8));
        Assert.Equal(0U, memory.ReadUInt32(0x4FFC)); // unchanged by the aborted write
    }

    [Fact]
    public void PartialOverlapAtTheStart_ReportsTheAccessStart()
    {
        var memory = new GuestMemory();
        memory.AddAbortRegion(0x5000, 0x100);
        var destination = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var result = memory.TryRead(0x50FC, destination);
        Assert.Equal(0x50FCUL, result.FaultAddress);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, destination); // untouched
        Assert.True(memory.TryRead(0x5100, destination).IsSuccess); // just past the region
        Assert.True(memory.TryRead(0x4FF8, destination).IsSuccess); // just before it
    }

    [Fact]
    public void OverlappingRegions_TheLowestFaultingByteWins()
    {
        var memory = new GuestMemory();
        var high = memory.AddAbortRegion(0x6000, 0x100, AbortKind.External, "high");
        var low = memory.AddAbortRegion(0x5F80, 0x10, AbortKind.Decode, "low");
        var result = memory.TryRead(0x5F00, new byte[0x200]);
        Assert.Same(low, result.Region);
        Assert.Equal(AbortKind.Decode, result.Kind);
        Assert.Equal(0x5F80UL, result.FaultAddress);
        Assert.Same(high, memory.TryReadUInt32(0x6010, out _).Region);
    }

    [Fact]
    public void EveryAccessorReportsTheAbort_AsAResult()
    {
        var memory = new GuestMemory();
        var region = memory.AddAbortRegion(0x7000, 0x40, AbortKind.External, "poisoned STE");
        var expected = MemoryAccessResult.Abort(0x7000, region);
        Assert.Equal(expected, memory.TryRead(0x7000, new byte[1]));
        Assert.Equal(expected, memory.TryWrite(0x7000, new byte[1]));
        Assert.Equal(expected, memory.TryReadUInt32(0x7000, out var u32));
        Assert.Equal(expected, memory.TryWriteUInt32(0x7000, 1));
        Assert.Equal(expected, memory.TryReadUInt64(0x7000, out var u64));
        Assert.Equal(expected, memory.TryWriteUInt64(0x7000, 1));
        Assert.Equal(expected, memory.TryReadUInt64Atomic(0x7000, out var atomic));
        Assert.Equal(expected, memory.TryWriteUInt64Atomic(0x7000, 1));
        Assert.Equal(expected, memory.TryCompareExchangeUInt64(0x7000, 1, 0, out var original));
        Assert.Equal(expected, memory.TryReadRecord<Ste>(0x7000, out var ste));
        Assert.Equal(expected, memory.TryWriteRecord(0x7000, Ste.FromWords([1, 1, 1, 1, 1, 1, 1, 1])));
        Assert.Equal(MemoryAccessResult.Abort(0x7020, region), memory.TryReadRecord<Evt>(0x7020, out var evt));
        Assert.Equal((0U, 0UL, 0UL, 0UL), (u32, u64, atomic, original));
        Assert.Equal(default, ste);
        Assert.Equal(default, evt);
        Assert.Equal(0, memory.AllocatedPageCount);
        Assert.Contains("poisoned STE", expected.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlainFormsThrowTheResult()
    {
        var memory = new GuestMemory();
        var region = memory.AddAbortRegion(0x7000, 8);
        var ex = Assert.Throws<GuestMemoryAbortException>(() => memory.WriteUInt64(0x6FFC, 0));
        Assert.Equal(MemoryAccessResult.Abort(0x7000, region), ex.Result);
        Assert.Throws<GuestMemoryAbortException>(() => memory.ReadRecord<Cd>(0x6FC8));
        Assert.Throws<GuestMemoryAbortException>(() => memory.CompareExchangeUInt64(0x7000, 1, 0));
    }

    [Fact]
    public void RegionsCanBeRemoved_AndMayEndAtTheTop()
    {
        var memory = new GuestMemory();
        var top = memory.AddAbortRegion(ulong.MaxValue - 0xFFF, 0x1000, AbortKind.Decode);
        Assert.Equal(ulong.MaxValue, top.Last);
        Assert.Equal(ulong.MaxValue - 3, memory.TryReadUInt32(ulong.MaxValue - 3, out _).FaultAddress);
        Assert.Single(memory.AbortRegions);
        Assert.True(memory.RemoveAbortRegion(top));
        Assert.False(memory.RemoveAbortRegion(top));
        Assert.Empty(memory.AbortRegions);
        Assert.True(memory.TryReadUInt32(ulong.MaxValue - 3, out _).IsSuccess);
    }

    [Fact]
    public void BadRegionsAreRejected()
    {
        var memory = new GuestMemory();
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.AddAbortRegion(0x1000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.AddAbortRegion(ulong.MaxValue, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.AddAbortRegion(0x1000, 1, AbortKind.AddressWrap));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.AddAbortRegion(0x1000, 1, AbortKind.None));
        Assert.Empty(memory.AbortRegions);
    }
}
