using System;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>The translation hot path allocates nothing: cached configuration, a TLB hit, and a DMA through them.</summary>
public sealed class TranslationAllocationTests
{
    [Fact]
    public void TranslateAndDma_OnCachedEntries_AllocateNothing()
    {
        var bench = new TransactionBench(engine: new TranslationEngine()).LinearStreamTable(4).Enable();
        var tables = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x7000_0000);
        tables.Map(0x4000_0000, 0x9_0000_0000);
        tables.Map(0x4000_1000, 0x9_0000_1000);
        bench.InstallSte(1, TransactionBench.Stage1Ste());
        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd(asid: 1).WithTtb0(tables.Root));
        var buffer = new byte[64];
        bench.Memory.Write(0x9_0000_0000, new byte[0x2000]);

        // Warm up past tiered compilation (its one-time work can be charged to this thread).
        Run(bench, buffer, 300);

        var allocated = long.MaxValue;
        for (var round = 0; round < 3 && allocated != 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(bench, buffer, 1000);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0L, allocated);
    }

    private static void Run(TransactionBench bench, byte[] buffer, int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            var address = 0x4000_0000UL + (ulong)(i % 128 * 64);
            var result = bench.Smmu.Translate(new Transaction(1, null, address, TransactionAccess.Read));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.ToString());
            }

            bench.Smmu.DmaWrite(1, null, address, buffer);
            bench.Smmu.DmaRead(1, null, address, buffer);
        }
    }
}
