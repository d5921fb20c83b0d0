using System;
using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// Walk geometry of the real <see cref="TranslationEngine"/> (Arm ARM VMSAv8-64 translation
/// granules and lookup levels; IHI 0070 5.2 S2TG/S2SL0/S2T0SZ, 5.4 TGx/TxSZ): every granule with
/// every starting level stage 1 derives from TxSZ and every starting level stage 2 takes from
/// S2SL0 (concatenated first-level tables included), blocks at every level that has them, pages at
/// level 3, and the reserved encodings (a block where the granule has none, a level-3 descriptor
/// with Type clear) as Translation faults.
/// </summary>
public sealed class TranslationGeometryTests
{
    private const ulong OutputBase = 0x8_0000_0000;

    public static TheoryData<int, int> Stage1Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var pageBits in new[] { 12, 14, 16 })
        {
            for (var t0sz = 16; t0sz <= 39; t0sz++)
            {
                data.Add(pageBits, t0sz);
            }
        }

        // 52-bit VAs: 64KB granule with IDR5.VAX = 52 (T0SZ down to 12).
        for (var t0sz = 12; t0sz < 16; t0sz++)
        {
            data.Add(16, t0sz);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Stage1Sizes))]
    public void Stage1_EveryGranuleAndVaSize_WalksFromTheLevelTxszImplies(int pageBits, int t0sz)
    {
        var inputBits = 64 - t0sz;
        var startLevel = TranslationRig.Stage1StartLevel(pageBits, inputBits);
        var rig = new TranslationRig(new SmmuOptions { VirtualAddressExtent = Idr5Vax.Bits52, OutputAddressSize = Idr5Oas.Bits52 });
        var tables = new PageTableBuilder(rig.Memory, 1, pageBits, inputBits, startLevel, TranslationRig.Stage1Arena);
        var page = 1UL << pageBits;
        var top = (1UL << inputBits) - page;
        tables.Map(0, OutputBase);
        tables.Map(top, OutputBase + (3 * page));
        rig.UseStage1(TranslationRig.Cd(pageBits, t0sz, tables.Root));

        TranslationRig.AssertTranslated(OutputBase + 0x18, rig.Translate(0x18));
        TranslationRig.AssertTranslated(OutputBase + (3 * page) + page - 8, rig.Translate(top + page - 8));

        // The first VA past the range has a bit above T0SZ set: a Translation fault, not a wrap.
        Assert.Equal(EvtEventId.FTranslation, rig.Translate(1UL << inputBits).EventId);
        Assert.Equal(EvtEventId.FTranslation, rig.Translate(page).EventId);
    }

    [Theory]
    [InlineData(12, 48, 0)]
    [InlineData(12, 39, 1)]
    [InlineData(12, 30, 2)]
    [InlineData(12, 25, 2)]
    [InlineData(12, 21, 3)]
    [InlineData(14, 48, 0)]
    [InlineData(14, 47, 1)]
    [InlineData(14, 36, 2)]
    [InlineData(14, 25, 3)]
    [InlineData(16, 52, 1)]
    [InlineData(16, 48, 1)]
    [InlineData(16, 42, 2)]
    [InlineData(16, 29, 3)]
    [InlineData(16, 25, 3)]
    public void Stage1StartLevelFormula_OfTheseTests_GivesTheArmLevels(int pageBits, int inputBits, int level)
    {
        // Arm ARM: initial lookup level = 4 - ceil((inputsize - granulebits) / (granulebits - 3)).
        Assert.Equal(level, TranslationRig.Stage1StartLevel(pageBits, inputBits));
    }

    public static TheoryData<int, int, int> Stage2Geometries()
    {
        // Every (granule, S2SL0, IPA size) the Arm ARM consistency rule allows with a 48-bit OAS:
        // the starting level resolves at least one bit and at most one table plus 4 bits (16
        // concatenated tables); S2T0SZ is 16..39.
        var data = new TheoryData<int, int, int>();
        foreach (var pageBits in new[] { 12, 14, 16 })
        {
            for (var sl0 = 0; sl0 <= 2; sl0++)
            {
                var level = TranslationRig.Stage2StartLevel(pageBits, sl0);
                var shift = TranslationRig.LevelShift(pageBits, level);
                for (var inputBits = 25; inputBits <= 48; inputBits++)
                {
                    var atStart = inputBits - shift;
                    if (atStart >= 1 && atStart <= pageBits - 3 + 4)
                    {
                        data.Add(pageBits, sl0, inputBits);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Stage2Geometries))]
    public void Stage2_EveryGranuleStartLevelAndIpaSize_Translates_IncludingConcatenatedStartingTables(int pageBits, int sl0, int inputBits)
    {
        var level = TranslationRig.Stage2StartLevel(pageBits, sl0);
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 2, pageBits, inputBits, level, TranslationRig.Stage2Arena);
        var page = 1UL << pageBits;
        var top = (1UL << inputBits) - page;
        tables.Map(0, OutputBase);
        tables.Map(top, OutputBase + (5 * page));
        rig.UseStage2(TranslationRig.Stage2(pageBits, sl0, 64 - inputBits, tables.Root));

        // With more index bits at the starting level than one table holds, the top IPA's
        // starting-level descriptor lies in the last of the concatenated tables.
        var atStart = inputBits - TranslationRig.LevelShift(pageBits, level);
        var concatenated = atStart > pageBits - 3 ? 1 << (atStart - (pageBits - 3)) : 1;
        Assert.InRange(concatenated, 1, 16);
        Assert.Equal((ulong)(concatenated - 1), (tables.DescriptorAddress(top, level) - tables.Root) >> pageBits);

        TranslationRig.AssertTranslated(OutputBase + 0x40, rig.Translate(0x40));
        TranslationRig.AssertTranslated(OutputBase + (5 * page) + 0x123, rig.Translate(top + 0x123));
        if (inputBits < 48)
        {
            var beyond = rig.Translate(1UL << inputBits);
            Assert.Equal(EvtEventId.FTranslation, beyond.EventId);
            Assert.True(beyond.Event!.Value.AsFTranslation().S2);
        }
    }

    [Fact]
    public void Stage2_4K_S2T0sz24_Sl0One_StartsAtLevel1_WithTwoConcatenatedTables()
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, 2, 12, 40, 1, TranslationRig.Stage2Arena);
        const ulong high = 0x100_0000_0000 - 0x4000_0000; // the last 1GB of the 40-bit IPA space: index 1023
        tables.Map(high, 0x2_0000_0000, leafLevel: 1);
        rig.UseStage2(TransactionBench.Stage2Ste.WithS2ttb(tables.Root).WithS2r(true));

        Assert.Equal(tables.Root + 0x1000 + (511 * 8), tables.DescriptorAddress(high, 1));
        TranslationRig.AssertTranslated(0x2_0000_0000 + 0x1234_5678, rig.Translate(high + 0x1234_5678));
    }

    [Theory]
    [InlineData(12, 1, 16)]
    [InlineData(12, 2, 16)]
    [InlineData(12, 2, 34)]
    [InlineData(14, 2, 17)]
    [InlineData(16, 2, 16)]
    [InlineData(16, 2, 22)]
    public void Stage1_BlockAtEveryLevelThatHasThem_MapsTheWholeBlock(int pageBits, int level, int t0sz)
    {
        var rig = new TranslationRig();
        var inputBits = 64 - t0sz;
        var tables = new PageTableBuilder(rig.Memory, 1, pageBits, inputBits, TranslationRig.Stage1StartLevel(pageBits, inputBits), TranslationRig.Stage1Arena);
        var blockBits = TranslationRig.LevelShift(pageBits, level);
        var va = 1UL << blockBits;
        var output = 3UL << blockBits;
        tables.Map(va, output, leafLevel: level);
        rig.UseStage1(TranslationRig.Cd(pageBits, t0sz, tables.Root));

        TranslationRig.AssertTranslated(output, rig.Translate(va));
        TranslationRig.AssertTranslated(output + (1UL << blockBits) - 4, rig.Translate(va + (1UL << blockBits) - 4));
        Assert.Equal(EvtEventId.FTranslation, rig.Translate(va + (1UL << blockBits)).EventId);
    }

    [Theory]
    [InlineData(12, 1)]
    [InlineData(12, 2)]
    [InlineData(14, 2)]
    [InlineData(16, 2)]
    public void Stage2_BlockAtEveryLevelThatHasThem_MapsTheWholeBlock(int pageBits, int level)
    {
        var rig = new TranslationRig();

        // 40-bit IPA, starting at the block's level or above.
        var sl0 = TranslationRig.Sl0For40Bits(pageBits);
        var tables = new PageTableBuilder(rig.Memory, 2, pageBits, 40, TranslationRig.Stage2StartLevel(pageBits, sl0), TranslationRig.Stage2Arena);
        var blockBits = TranslationRig.LevelShift(pageBits, level);
        var ipa = 1UL << blockBits;
        var output = 6UL << blockBits;
        tables.Map(ipa, output, leafLevel: level);
        rig.UseStage2(TranslationRig.Stage2(pageBits, sl0, 24, tables.Root));

        TranslationRig.AssertTranslated(output + 0x10, rig.Translate(ipa + 0x10));
        TranslationRig.AssertTranslated(output + (1UL << blockBits) - 0x10, rig.Translate(ipa + (1UL << blockBits) - 0x10));
    }

    [Fact]
    public void Stage1_64KLevel1Block_With52BitAddresses_Maps4TB_WithOutputBits51To48()
    {
        var rig = new TranslationRig(new SmmuOptions { OutputAddressSize = Idr5Oas.Bits52 });
        var tables = new PageTableBuilder(rig.Memory, 1, 16, 48, 1, TranslationRig.Stage1Arena);
        var output = 0x3F3UL << 42; // bits 51:42
        tables.Map(5UL << 42, output, leafLevel: 1);
        rig.UseStage1(TranslationRig.Cd(16, 16, tables.Root).WithIps(CdIps.Bits52));

        TranslationRig.AssertTranslated(output + 0x123_4567_89AB, rig.Translate((5UL << 42) + 0x123_4567_89AB));
    }

    [Fact]
    public void Stage2_64KLevel1Block_With52BitAddresses_Maps4TB_WithOutputBits51To48()
    {
        var rig = new TranslationRig(new SmmuOptions { OutputAddressSize = Idr5Oas.Bits52 });
        var tables = new PageTableBuilder(rig.Memory, 2, 16, 48, 1, TranslationRig.Stage2Arena);
        var output = 0x3C1UL << 42;
        tables.Map(2UL << 42, output, leafLevel: 1);
        rig.UseStage2(TranslationRig.Stage2(16, 2, 16, tables.Root).WithS2ps(AddressSize.Bits52));

        TranslationRig.AssertTranslated(output + 0x3BC_0000_0123, rig.Translate((2UL << 42) + 0x3BC_0000_0123));
    }

    [Fact]
    public void Stage1_64KLevel1Block_IsABlockWhenTheOasIs52_EvenWithA48BitIps()
    {
        // Arm ARM AArch64.BlockDescSupported: the 64KB level-1 block exists when PAMax() is 52
        // bits (here IDR5.OAS); the IPS only limits the output address (Address size fault).
        var rig = new TranslationRig(new SmmuOptions { OutputAddressSize = Idr5Oas.Bits52 });
        var tables = new PageTableBuilder(rig.Memory, 1, 16, 48, 1, TranslationRig.Stage1Arena);
        tables.Map(1UL << 42, 2UL << 42, leafLevel: 1);
        tables.Map(3UL << 42, 0x3C0UL << 42, leafLevel: 1);
        rig.UseStage1(TranslationRig.Cd(16, 16, tables.Root).WithIps(CdIps.Bits48));

        TranslationRig.AssertTranslated((2UL << 42) + 0x5000, rig.Translate((1UL << 42) + 0x5000));
        Assert.Equal(EvtEventId.FAddrSize, rig.Translate(3UL << 42).EventId);
    }

    [Fact]
    public void Stage2_64KLevel1Block_IsABlockWhenTheOasIs52_EvenWithA48BitS2ps()
    {
        var rig = new TranslationRig(new SmmuOptions { OutputAddressSize = Idr5Oas.Bits52 });
        var tables = new PageTableBuilder(rig.Memory, 2, 16, 48, 1, TranslationRig.Stage2Arena);
        tables.Map(1UL << 42, 2UL << 42, leafLevel: 1);
        rig.UseStage2(TranslationRig.Stage2(16, 2, 16, tables.Root).WithS2ps(AddressSize.Bits48));

        TranslationRig.AssertTranslated((2UL << 42) + 0x5000, rig.Translate((1UL << 42) + 0x5000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Stage1And2_64KLevel1Block_WithoutA52BitOas_IsATranslationFault(int stage)
    {
        var rig = new TranslationRig();
        var tables = new PageTableBuilder(rig.Memory, stage, 16, 48, 1, stage == 1 ? TranslationRig.Stage1Arena : TranslationRig.Stage2Arena);
        tables.Map(1UL << 42, 2UL << 42, leafLevel: 2); // creates the level-1 table descriptor
        tables.Write(tables.DescriptorAddress(1UL << 42, 1), new S1Block64kL1().WithValid(true).WithOa(2UL << 42).WithAf(true).GetWord(0));
        if (stage == 1)
        {
            rig.UseStage1(TranslationRig.Cd(16, 16, tables.Root));
        }
        else
        {
            rig.UseStage2(TranslationRig.Stage2(16, 2, 16, tables.Root));
        }

        var result = rig.Translate((1UL << 42) + 0x40);

        Assert.Equal(EvtEventId.FTranslation, result.EventId);
        Assert.Equal(stage == 2, result.Event!.Value.AsFTranslation().S2);
    }

    [Theory]
    [InlineData(1, 12, 0)]
    [InlineData(1, 14, 0)]
    [InlineData(1, 14, 1)]
    [InlineData(2, 12, 0)]
    [InlineData(2, 14, 1)]
    public void BlockDescriptor_WhereTheGranuleHasNoBlocks_IsATranslationFault(int stage, int pageBits, int level)
    {
        var rig = new TranslationRig();

        // 48-bit input: 4KB and 16KB start at level 0 (stage 2 SL0 = 2 starts 4KB at 0, 16KB at 1).
        var start = stage == 1 ? 0 : TranslationRig.Stage2StartLevel(pageBits, 2);
        var tables = new PageTableBuilder(rig.Memory, stage, pageBits, 48, start, stage == 1 ? TranslationRig.Stage1Arena : TranslationRig.Stage2Arena);
        var input = 1UL << TranslationRig.LevelShift(pageBits, level);
        tables.Map(input, 0x1_0000_0000);

        // Valid, Type clear (block), AF set, an aligned output address: reserved at this level.
        tables.Write(tables.DescriptorAddress(input, level), 0x1UL | (1UL << 10));
        if (stage == 1)
        {
            rig.UseStage1(TranslationRig.Cd(pageBits, 16, tables.Root));
        }
        else
        {
            rig.UseStage2(TranslationRig.Stage2(pageBits, 2, 16, tables.Root));
        }

        var result = rig.Translate(input + 0x80);

        Assert.Equal(EvtEventId.FTranslation, result.EventId);
        Assert.Equal(stage == 2, result.Event!.Value.AsFTranslation().S2);
    }

    [Theory]
    [InlineData(1, 12)]
    [InlineData(1, 14)]
    [InlineData(1, 16)]
    [InlineData(2, 12)]
    [InlineData(2, 14)]
    [InlineData(2, 16)]
    public void Level3Descriptor_WithTypeClear_IsReserved_AndATranslationFault(int stage, int pageBits)
    {
        var rig = new TranslationRig();
        var start = stage == 1 ? TranslationRig.Stage1StartLevel(pageBits, 40) : TranslationRig.Stage2StartLevel(pageBits, TranslationRig.Sl0For40Bits(pageBits));
        var tables = new PageTableBuilder(rig.Memory, stage, pageBits, 40, start, stage == 1 ? TranslationRig.Stage1Arena : TranslationRig.Stage2Arena);
        const ulong input = 0x12_3450_0000;
        var leaf = tables.Map(input, 0x1_0000_0000);
        tables.Write(leaf, tables.Read(leaf) & ~0x2UL);
        if (stage == 1)
        {
            rig.UseStage1(TranslationRig.Cd(pageBits, 24, tables.Root));
        }
        else
        {
            rig.UseStage2(TranslationRig.Stage2(pageBits, TranslationRig.Sl0For40Bits(pageBits), 24, tables.Root));
        }

        var result = rig.Translate(input);

        Assert.Equal(EvtEventId.FTranslation, result.EventId);
        Assert.Equal(stage == 2, result.Event!.Value.AsFTranslation().S2);
    }

}

/// <summary>The kind of an access, for theory data (TransactionAccess cannot be printed).</summary>
public enum AccessKind
{
    Read,
    Write,
    Fetch,
}

/// <summary>
/// A real <see cref="TranslationEngine"/> behind a <see cref="TransactionBench"/>: StreamID 1 gets
/// the STE, its CD lives at <see cref="TransactionBench.CdTablesAddress"/>, and tables are built in
/// arenas away from the bench's structures.
/// </summary>
internal sealed class TranslationRig
{
    public const uint Sid = 1;
    public const ulong Stage1Arena = 0x4000_0000;
    public const ulong Stage2Arena = 0x5000_0000;

    public TranslationRig(SmmuOptions? options = null, bool e2h = false)
    {
        Options = options ?? new SmmuOptions();
        Engine = new TranslationEngine(Options);
        Bench = new TransactionBench(Options, Engine).LinearStreamTable(4);
        Bench.Write(new Cr2(0).WithE2h(e2h).WithRecinvsid(true));
        Bench.Write(new Cr0(0).WithEventqen(true).WithCmdqen(true).WithSmmuen(true));
    }

    public SmmuOptions Options { get; }

    public TranslationEngine Engine { get; }

    public TransactionBench Bench { get; }

    public GuestMemory Memory => Bench.Memory;

    /// <summary>Arm ARM: a stage 1 walk starts at level 4 - ceil((inputsize - granulebits) / stride).</summary>
    public static int Stage1StartLevel(int pageBits, int inputBits)
    {
        var stride = pageBits - 3;
        return 4 - ((inputBits - pageBits + stride - 1) / stride);
    }

    /// <summary>VTCR_EL2.SL0 without FEAT_TTST/LPA2: 4KB 0, 1, 2 = levels 2, 1, 0; 16KB and 64KB = levels 3, 2, 1.</summary>
    public static int Stage2StartLevel(int pageBits, int sl0) => pageBits == 12 ? 2 - sl0 : 3 - sl0;

    /// <summary>An S2SL0 that can start a walk of a 40-bit IPA space: 4KB level 1, 16KB level 1, 64KB level 2.</summary>
    public static int Sl0For40Bits(int pageBits) => pageBits == 14 ? 2 : 1;

    public static int LevelShift(int pageBits, int level) => pageBits + ((3 - level) * (pageBits - 3));

    public static CdTg0 Tg0(int pageBits) => pageBits switch { 12 => CdTg0.Size4kb, 14 => CdTg0.Size16kb, _ => CdTg0.Size64kb };

    public static CdTg1 Tg1(int pageBits) => pageBits switch { 12 => CdTg1.Size4kb, 14 => CdTg1.Size16kb, _ => CdTg1.Size64kb };

    public static Granule S2tg(int pageBits) => pageBits switch { 12 => Granule.Size4kb, 14 => Granule.Size16kb, _ => Granule.Size64kb };

    /// <summary>A valid CD (TTB1 disabled, faults recorded and aborting) for one TTB0 range.</summary>
    public static Cd Cd(int pageBits, int t0sz, ulong ttb0) =>
        TransactionBench.ValidCd().WithTg0(Tg0(pageBits)).WithT0sz((byte)t0sz).WithTtb0(ttb0);

    /// <summary>A valid stage-2-only STE (faults recorded) for one geometry.</summary>
    public static Ste Stage2(int pageBits, int sl0, int s2t0sz, ulong s2ttb) =>
        TransactionBench.Stage2Ste.WithS2tg(S2tg(pageBits)).WithS2sl0((byte)sl0).WithS2t0sz((byte)s2t0sz).WithS2ttb(s2ttb).WithS2r(true);

    public static TransactionAccess Access(AccessKind kind, bool privileged) => kind switch
    {
        AccessKind.Write => new TransactionAccess(IsWrite: true, IsPrivileged: privileged),
        AccessKind.Fetch => new TransactionAccess(IsWrite: false, IsInstruction: true, IsPrivileged: privileged),
        _ => new TransactionAccess(IsWrite: false, IsPrivileged: privileged),
    };

    public TranslationRig UseStage1(Cd cd, Ste? ste = null)
    {
        Bench.InstallSte(Sid, ste ?? TransactionBench.Stage1Ste());
        Bench.WriteAt(TransactionBench.CdTablesAddress, cd);
        return this;
    }

    public TranslationRig UseStage2(Ste ste)
    {
        Bench.InstallSte(Sid, ste);
        return this;
    }

    public TranslationResult Translate(ulong address, TransactionAccess access = default) => Bench.Translate(Sid, address, null, access);

    public TranslationResult Translate(ulong address, AccessKind kind, bool privileged = false) => Translate(address, Access(kind, privileged));

    /// <summary>Asserts the transaction was translated to <paramref name="output"/> (naming the event otherwise).</summary>
    public static void AssertTranslated(ulong output, TranslationResult result)
    {
        Assert.True(result.Outcome == TranslationOutcome.Translated, $"expected a translation to 0x{output:X}, got {result.Outcome} with {result.EventId}");
        Assert.Equal(output, result.OutputAddress);
    }

    /// <summary>Asserts the transaction faulted with <paramref name="id"/> (naming the output otherwise).</summary>
    public static Evt AssertFault(EvtEventId id, TranslationResult result)
    {
        Assert.True(result.EventId == id, $"expected {id}, got {result.Outcome} 0x{result.OutputAddress:X} with {result.EventId}");
        return result.Event!.Value;
    }

    /// <summary>The one event recorded since the last call.</summary>
    public Evt SingleEvent() => Assert.Single(Bench.DrainEvents());

    public bool NoEvents() => Bench.DrainEvents().Count == 0;
}
