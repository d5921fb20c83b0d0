using System;
using System.Linq;
using System.Threading;
using SmmuGen.Memory;
using Xunit;

namespace SmmuGen.Runtime.Tests.Memory;

/// <summary>Page allocation is thread-safe: threads racing to be the first writer of the same
/// fresh pages end up sharing one page each, and no write is lost.</summary>
public sealed class ConcurrentPageAllocationTests
{
    [Fact]
    public void RacingFirstWriters_ShareOnePagePerAddress_AndLoseNoWrite()
    {
        const int threads = 4;
        const int pages = 64;
        var memory = new GuestMemory();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var p = 0; p < pages; p++)
            {
                // Every thread writes its own word of every page, all in the same order.
                memory.WriteUInt64(0x10_0000 + ((ulong)p * GuestMemory.PageSize) + ((ulong)t * 8), ((ulong)t << 32) | (uint)p);
            }
        }) { IsBackground = true }).ToArray();
        foreach (var w in workers)
        {
            w.Start();
        }

        Assert.All(workers, w => Assert.True(w.Join(TimeSpan.FromSeconds(20))));
        Assert.Equal(pages, memory.AllocatedPageCount);
        for (var p = 0; p < pages; p++)
        {
            for (var t = 0; t < threads; t++)
            {
                Assert.Equal(((ulong)t << 32) | (uint)p, memory.ReadUInt64(0x10_0000 + ((ulong)p * GuestMemory.PageSize) + ((ulong)t * 8)));
            }
        }
    }
}
