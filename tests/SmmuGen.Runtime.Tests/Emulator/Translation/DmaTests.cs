using System;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>The DMA helpers: a device's reads and writes split into translated 4KB pieces.</summary>
public sealed class DmaTests
{
    private const ulong Va = 0x4000_0000;

    [Fact]
    public void DmaAcrossPages_FollowsEachPagesTranslation()
    {
        var (bench, tables) = Stage1();
        tables.Map(Va, 0x9_0000_0000);
        tables.Map(Va + 0x1000, 0x7_0000_0000); // not contiguous in PA
        bench.Memory.Write(0x9_0000_0FF0, "0123456789ABCDEF"u8);
        bench.Memory.Write(0x7_0000_0000, "ghij"u8);
        var data = new byte[20];

        var result = bench.Smmu.DmaRead(1, null, Va + 0xFF0, data);

        Assert.Equal(new DmaResult(20, null), result);
        Assert.Equal("0123456789ABCDEFghij"u8.ToArray(), data);
    }

    [Fact]
    public void DmaWrite_StopsAtTheFirstFaultingPage_AndReportsTheFault()
    {
        var (bench, tables) = Stage1();
        tables.Map(Va, 0x9_0000_0000);

        var result = bench.Smmu.DmaWrite(1, null, Va + 0xFFC, "12345678"u8);

        Assert.Equal(4, result.BytesTransferred);
        Assert.Equal(EvtEventId.FTranslation, result.Failure?.EventId);
        Assert.Equal("1234"u8.ToArray(), bench.Memory.ReadBytes(0x9_0000_0FFC, 4));
    }

    [Fact]
    public void DmaRead_OfATerminatedRazPage_ReadsZeros()
    {
        var (bench, tables) = Stage1(cd: TransactionBench.ValidCd(asid: 1).WithA(false));
        var data = new byte[8] { 1, 2, 3, 4, 5, 6, 7, 8 };

        var result = bench.Smmu.DmaRead(1, null, Va, data);

        Assert.True(result.Completed);
        Assert.Equal(new byte[8], data);
        _ = tables;
    }

    [Fact]
    public void DmaToAnAbortingPhysicalPage_StopsWithAnAbort()
    {
        var (bench, tables) = Stage1();
        tables.Map(Va, 0x9_0000_0000);
        bench.Memory.AddAbortRegion(0x9_0000_0000, 0x1000);

        var result = bench.Smmu.DmaRead(1, null, Va, new byte[4]);

        Assert.Equal(0, result.BytesTransferred);
        Assert.Equal(TranslationOutcome.Aborted, result.Failure?.Outcome);
    }

    [Fact]
    public void DmaWrite_ThroughAReadOnlyMapping_IsAPermissionFault_WithTheAccessInTheRecord()
    {
        var (bench, tables) = Stage1();
        tables.Map(Va, 0x9_0000_0000, s1: new S1Leaf(Ap: S1AccessPerm.RoAll));

        var result = bench.Smmu.DmaWrite(1, 3, Va + 8, "x"u8, TransactionAccess.Write.AsPrivileged());

        var evt = result.Failure!.Value.Event!.Value.AsFPermission();
        Assert.Equal((false, true, true, 3u), (evt.RnW, evt.PnU, evt.Ssv, evt.SubstreamID));
    }

    private static (TransactionBench Bench, PageTableBuilder Tables) Stage1(Cd? cd = null)
    {
        var bench = new TransactionBench(engine: new TranslationEngine()).LinearStreamTable(4).Enable();
        var tables = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x7000_0000);
        bench.InstallSte(1, TransactionBench.Stage1Ste(s1CdMax: 4, dss: SteS1dss.Ssid0));
        for (var i = 0u; i < 16; i++)
        {
            bench.WriteAt(TransactionBench.CdTablesAddress + (i * 64UL), (cd ?? TransactionBench.ValidCd(asid: 1)).WithTtb0(tables.Root));
        }

        return (bench, tables);
    }
}

internal static class GuestMemoryTestExtensions
{
    public static byte[] ReadBytes(this GuestMemory memory, ulong address, int count)
    {
        var bytes = new byte[count];
        memory.Read(address, bytes);
        return bytes;
    }
}
