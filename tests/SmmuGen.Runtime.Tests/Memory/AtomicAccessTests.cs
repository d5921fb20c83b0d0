using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using SmmuGen.Memory;
using Xunit;

namespace SmmuGen.Runtime.Tests.Memory;

/// <summary>The 64-bit single-copy-atomic accessors: alignment, no torn words under contention,
/// compare-and-exchange semantics.</summary>
public sealed class AtomicAccessTests
{
    private const ulong PatternA = 0x0123_4567_89AB_CDEF;
    private const ulong PatternB = ~PatternA; // differs from A in every bit, so any tear shows

    [Theory]
    [InlineData(0x1001UL)]
    [InlineData(0x1004UL)]
    [InlineData(ulong.MaxValue)]
    public void MisalignedAtomicAccessIsAProgrammingError(ulong address)
    {
        var memory = new GuestMemory();
        Assert.Throws<ArgumentException>(() => memory.TryReadUInt64Atomic(address, out _));
        Assert.Throws<ArgumentException>(() => memory.TryWriteUInt64Atomic(address, 1));
        Assert.Throws<ArgumentException>(() => memory.TryCompareExchangeUInt64(address, 1, 0, out _));
        Assert.Throws<ArgumentException>(() => memory.ReadUInt64Atomic(address));
        Assert.Equal(0, memory.AllocatedPageCount);
    }

    [Fact]
    public void AtomicWordsAreNeverTorn_UnderContention()
    {
        const ulong address = 0x4_0FF8; // the last word of a page
        const int writes = 200_000;
        const int reads = 400_000;
        var memory = new GuestMemory();
        memory.WriteUInt64Atomic(address, PatternA);
        using var start = new Barrier(3);
        var torn = 0L;
        var clock = Stopwatch.StartNew();

        var writerA = Start(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < writes; i++)
            {
                memory.WriteUInt64Atomic(address, PatternA);
            }
        });
        var writerB = Start(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < writes; i++)
            {
                memory.WriteUInt64Atomic(address, PatternB);
            }
        });
        var reader = Start(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < reads; i++)
            {
                var value = memory.ReadUInt64Atomic(address);
                if (value is not PatternA and not PatternB)
                {
                    Interlocked.Increment(ref torn);
                }
            }
        });

        Assert.True(Finish(writerA, writerB, reader), "contention test did not finish");
        Assert.Equal(0L, torn);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains(memory.ReadUInt64Atomic(address), new[] { PatternA, PatternB });
    }

    [Fact]
    public void AlignedRecordsMoveWordByWordAtomically_NoWordIsEverTorn()
    {
        // As the SMMU fetches an STE: each 64-bit word single-copy atomic (not the whole record).
        const ulong address = 0x7_0040;
        const int rounds = 50_000;
        var a = SmmuGen.Smmuv3.Ste.FromWords(Enumerable.Repeat(PatternA, 8).ToArray());
        var b = SmmuGen.Smmuv3.Ste.FromWords(Enumerable.Repeat(PatternB, 8).ToArray());
        var memory = new GuestMemory();
        memory.WriteRecord(address, in a);
        using var start = new Barrier(2);
        var torn = 0;
        var writer = Start(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < rounds; i++)
            {
                memory.WriteRecord(address, (i & 1) == 0 ? b : a);
            }
        });
        var reader = Start(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < rounds; i++)
            {
                var ste = memory.ReadRecord<SmmuGen.Smmuv3.Ste>(address);
                for (var w = 0; w < SmmuGen.Smmuv3.Ste.WordCount; w++)
                {
                    if (ste.GetWord(w) is not PatternA and not PatternB)
                    {
                        torn++;
                    }
                }
            }
        });

        Assert.True(Finish(writer, reader));
        Assert.Equal(0, torn);
    }

    [Fact]
    public void CompareExchangeIncrementsFromTwoThreadsAreNeverLost()
    {
        const ulong address = 0x9000;
        const int increments = 20_000;
        var memory = new GuestMemory();
        void Increment()
        {
            for (var i = 0; i < increments; i++)
            {
                ulong seen;
                var current = memory.ReadUInt64Atomic(address);
                while ((seen = memory.CompareExchangeUInt64(address, current + 1, current)) != current)
                {
                    current = seen;
                }
            }
        }

        Assert.True(Finish(Start(Increment), Start(Increment)));
        Assert.Equal(2UL * increments, memory.ReadUInt64Atomic(address));
    }

    [Fact]
    public void CompareExchange_ExchangesOnlyOnAMatch_AndReturnsTheWordFound()
    {
        var memory = new GuestMemory();

        // Untouched memory is zero: a non-zero comparand fails there without allocating a page.
        Assert.True(memory.TryCompareExchangeUInt64(0x3000, 5, 1, out var original).IsSuccess);
        Assert.Equal(0UL, original);
        Assert.Equal(0, memory.AllocatedPageCount);

        Assert.Equal(0UL, memory.CompareExchangeUInt64(0x3000, 0x400, 0)); // 0 matches: exchanged
        Assert.Equal(0x400UL, memory.ReadUInt64Atomic(0x3000));
        Assert.Equal(0x400UL, memory.CompareExchangeUInt64(0x3000, 0x999, 0x401)); // mismatch
        Assert.Equal(0x400UL, memory.ReadUInt64(0x3000));

        // A hardware access-flag update: set AF (bit 10) on a descriptor only if it is unchanged.
        const ulong descriptor = 0x0000_0000_8000_0003;
        memory.WriteUInt64Atomic(0x3008, descriptor);
        Assert.Equal(descriptor, memory.CompareExchangeUInt64(0x3008, descriptor | (1UL << 10), descriptor));
        Assert.Equal(descriptor | (1UL << 10), memory.ReadUInt64(0x3008));
        var bytes = new byte[8];
        memory.Read(0x3008, bytes);
        Assert.Equal(new byte[] { 0x03, 0x04, 0x00, 0x80, 0, 0, 0, 0 }, bytes); // little-endian in memory
        Assert.Equal(1, memory.AllocatedPageCount);
    }

    [Fact]
    public void AtomicAccessesWorkAtTheTopOfTheAddressSpace()
    {
        var memory = new GuestMemory();
        memory.WriteUInt64Atomic(ulong.MaxValue - 7, PatternB);
        Assert.Equal(PatternB, memory.ReadUInt64Atomic(ulong.MaxValue - 7));
        Assert.Equal(PatternB, memory.CompareExchangeUInt64(ulong.MaxValue - 7, PatternA, PatternB));
        Assert.Equal(PatternA, memory.ReadUInt64(ulong.MaxValue - 7));
    }

    // Dedicated threads rather than pool tasks: all of them run at once, whatever the pool's state.
    private static Thread Start(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    private static bool Finish(params Thread[] threads) => threads.All(t => t.Join(TimeSpan.FromSeconds(20)));
}
