using System;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;
using Xunit;

namespace SmmuGen.Runtime.Tests.Memory;

/// <summary>The hot path allocates nothing once its pages exist: the emulator reads STEs, CDs and
/// descriptors and writes queue entries on every transaction.</summary>
public sealed class GuestMemoryAllocationTests
{
    [Fact]
    public void AccessesToTouchedPages_AllocateNothing()
    {
        var memory = new GuestMemory();
        memory.AddAbortRegion(0x10_0000, 0x1000, AbortKind.External, "bad DMA");
        memory.Write(0x1000, new byte[3 * GuestMemory.PageSize]); // touch pages 1..3
        var observer = new CountingObserver();

        // Warm up past the tiered JIT's call-count threshold: the runtime's own one-time work when
        // a method is promoted can be charged to this thread, and is not the memory's doing.
        memory.Observer = observer;
        Run(memory, 200);
        memory.Observer = null;
        Run(memory, 200);

        // The least of three rounds, for the same reason; a real per-access allocation shows in all.
        var allocated = long.MaxValue;
        for (var round = 0; round < 3 && allocated != 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(memory, 1000);
            memory.Observer = observer;
            Run(memory, 1000);
            memory.Observer = null;
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0L, allocated);
        Assert.Equal(3, memory.AllocatedPageCount);
        Assert.True(observer.Count > 2000);
    }

    private static void Run(GuestMemory memory, int iterations)
    {
        Span<byte> buffer = stackalloc byte[96];
        var ste = Ste.ConfigBypassProfile;
        for (var i = 0; i < iterations; i++)
        {
            var a = 0x1000UL + (ulong)(i % 64 * 8);
            memory.TryWrite(0x1FD0, buffer); // across a page boundary
            memory.TryRead(0x2FD0, buffer);
            memory.TryWriteUInt32(a, (uint)i);
            memory.TryReadUInt32(a, out _);
            memory.TryWriteUInt64(0x2FFC, (ulong)i);
            memory.TryReadUInt64(0x2FFC, out _);
            memory.TryWriteUInt64Atomic(a, (ulong)i);
            memory.TryReadUInt64Atomic(a + 0x1000, out _);
            memory.TryCompareExchangeUInt64(a, (ulong)i + 1, (ulong)i, out _);
            memory.TryWriteRecord(0x3000, in ste);
            memory.TryReadRecord<Ste>(0x3000, out _);
            memory.TryWriteRecord(0x2FE4, in ste); // misaligned, across pages: the byte path
            memory.TryReadRecord<Ste>(0x2FE4, out _);
            memory.TryRead(0x10_0800, buffer); // an abort is a result, not an allocation
            memory.TryRead(0x8000_0000, buffer); // untouched: zeros, no page
        }
    }

    private sealed class CountingObserver : IMemoryObserver
    {
        public int Count { get; private set; }

        public void OnAccess(in MemoryAccess access) => Count++;
    }
}
