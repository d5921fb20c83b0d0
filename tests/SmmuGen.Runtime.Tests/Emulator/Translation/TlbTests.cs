using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// The TLB's own behaviour (IHI 0070 16.2 leaves size and replacement to the implementation; this
/// model promises a bounded capacity with least-recently-used replacement and a lookup that
/// probes one key per block size in use), and the scope arithmetic of
/// <see cref="TlbInvalidation"/>.
/// </summary>
public sealed class TlbTests
{
    private static readonly TlbTag El1Vmid7Asid1 = new(StreamWorld.NsEl1, 7, 1, true, false);

    private static TlbEntry Entry(ulong input, int bits = 12, ushort asid = 1, bool global = false, ushort vmid = 7, StreamWorld world = StreamWorld.NsEl1, bool stage1 = true, bool stage2 = false, ulong output = 0, int level = 3) =>
        new(world, vmid, asid, global, stage1, stage2, input, bits, output == 0 ? 0x9_0000_0000 + input : output, 0, 12, stage1 ? level : -1, stage2 ? level : -1, default, default);

    private static bool Hits(Tlb tlb, in TlbTag tag, ulong input) => tlb.TryLookup(tag, input, out _);

    // ---- capacity and replacement ------------------------------------------------------------

    [Fact]
    public void InsertBeyondCapacity_EvictsTheLeastRecentlyUsedEntry_AndKeepsARecentlyTouchedOne()
    {
        var tlb = new Tlb(4);
        for (ulong i = 0; i < 4; i++)
        {
            tlb.Insert(Entry(i << 12));
        }

        Assert.True(Hits(tlb, El1Vmid7Asid1, 0)); // touch the oldest: page 1 becomes the least recently used
        tlb.Insert(Entry(4 << 12));

        Assert.Equal(4, tlb.Count);
        Assert.False(Hits(tlb, El1Vmid7Asid1, 1 << 12));
        Assert.True(Hits(tlb, El1Vmid7Asid1, 0));
        Assert.True(Hits(tlb, El1Vmid7Asid1, 2 << 12));
        Assert.True(Hits(tlb, El1Vmid7Asid1, 3 << 12));
        Assert.True(Hits(tlb, El1Vmid7Asid1, 4 << 12));
    }

    [Fact]
    public void ManyInsertsBeyondCapacity_EvictOneAtATime_NeverFlushingEverything()
    {
        var tlb = new Tlb(8);
        for (ulong i = 0; i < 100; i++)
        {
            tlb.Insert(Entry(i << 12));
            Assert.Equal((int)System.Math.Min(i + 1, 8), tlb.Count);
        }

        for (ulong i = 0; i < 100; i++)
        {
            Assert.Equal(i >= 92, Hits(tlb, El1Vmid7Asid1, i << 12));
        }

        // Snapshot order is most recently used first.
        Assert.Equal(Enumerable.Range(92, 8).Reverse().Select(i => (ulong)i << 12), tlb.Snapshot().Select(e => e.InputBase));
    }

    [Fact]
    public void Snapshot_OrdersByUse_AndLookupsReorderIt()
    {
        var tlb = new Tlb(3);
        tlb.Insert(Entry(0x1000));
        tlb.Insert(Entry(0x2000));
        tlb.Insert(Entry(0x3000));
        Assert.True(Hits(tlb, El1Vmid7Asid1, 0x1000));

        Assert.Equal(new ulong[] { 0x1000, 0x3000, 0x2000 }, tlb.Snapshot().Select(e => e.InputBase));
    }

    [Fact]
    public void InsertingTheSameMappingAgain_ReplacesIt_WithoutGrowingOrEvicting()
    {
        var tlb = new Tlb(2);
        tlb.Insert(Entry(0x1000, output: 0x9_0000_0000));
        tlb.Insert(Entry(0x2000));
        tlb.Insert(Entry(0x1000, output: 0xA_0000_0000));

        Assert.Equal(2, tlb.Count);
        Assert.True(tlb.TryLookup(El1Vmid7Asid1, 0x1234, out var entry));
        Assert.Equal(0xA_0000_0234UL, entry.Translate(0x1234));
        Assert.True(Hits(tlb, El1Vmid7Asid1, 0x2000));
    }

    [Fact]
    public void Invalidate_RemovesExactlyTheMatches_AndTheirSlotsAreReused()
    {
        var tlb = new Tlb(4);
        for (ulong i = 0; i < 4; i++)
        {
            tlb.Insert(Entry(i << 12, asid: (ushort)(1 + (i % 2))));
        }

        var removed = tlb.Invalidate(TlbInvalidation.From(TlbRig.NhAsid(7, 2), vmidsApply: true, rangesApply: true)!.Value);

        Assert.Equal(2, removed);
        Assert.Equal(2, tlb.Count);
        tlb.Insert(Entry(0x10_0000));
        tlb.Insert(Entry(0x11_0000));
        Assert.Equal(4, tlb.Count);
        Assert.True(Hits(tlb, El1Vmid7Asid1, 0)); // nothing evicted: the freed slots took the new entries
        Assert.True(Hits(tlb, El1Vmid7Asid1, 2 << 12));
    }

    [Fact]
    public void TinyTlb_StillTranslatesCorrectly_WhileReplacing()
    {
        var tlb = new Tlb(1);
        tlb.Insert(Entry(0x1000));
        tlb.Insert(Entry(0x20_0000, bits: 21, level: 2));

        Assert.False(Hits(tlb, El1Vmid7Asid1, 0x1000));
        Assert.True(tlb.TryLookup(El1Vmid7Asid1, 0x2F_0123, out var entry));
        Assert.Equal(0x9_0020_0000UL + 0xF_0123, entry.Translate(0x2F_0123));
    }

    // ---- lookup ------------------------------------------------------------------------------

    [Theory]
    [InlineData(12)]
    [InlineData(14)]
    [InlineData(16)]
    [InlineData(21)]
    [InlineData(25)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(39)]
    public void Lookup_FindsAnEntryOfEachBlockSize_AnywhereInside_AndNowhereOutside(int bits)
    {
        var tlb = new Tlb(16);
        var size = 1UL << bits;
        var input = 5 * size;
        tlb.Insert(Entry(input, bits, output: 1UL << 46));

        Assert.True(tlb.TryLookup(El1Vmid7Asid1, input, out var entry));
        Assert.Equal(entry.OutputBase, entry.Translate(input));
        Assert.True(tlb.TryLookup(El1Vmid7Asid1, input + size - 1, out entry));
        Assert.Equal(entry.OutputBase + size - 1, entry.Translate(input + size - 1));
        Assert.False(Hits(tlb, El1Vmid7Asid1, input - 1));
        Assert.False(Hits(tlb, El1Vmid7Asid1, input + size));
    }

    [Fact]
    public void Lookup_AmongEntriesOfMixedSizes_PicksTheOneCoveringTheAddress()
    {
        var tlb = new Tlb(4096);
        for (ulong i = 0; i < 1000; i++)
        {
            tlb.Insert(Entry(0x1_0000_0000 + (i << 12), output: 0x8_0000_0000 + (i << 12)));
            tlb.Insert(Entry(0x2_0000_0000 + (i << 21), bits: 21, level: 2, output: 0x10_0000_0000 + (i << 21)));
        }

        tlb.Insert(Entry(0x40_0000_0000, bits: 30, level: 1, output: 0x20_0000_0000));

        for (ulong i = 0; i < 1000; i += 37)
        {
            Assert.True(tlb.TryLookup(El1Vmid7Asid1, 0x1_0000_0000 + (i << 12) + 0x10, out var page));
            Assert.Equal(0x8_0000_0000 + (i << 12) + 0x10, page.Translate(0x1_0000_0000 + (i << 12) + 0x10));
            Assert.True(tlb.TryLookup(El1Vmid7Asid1, 0x2_0000_0000 + (i << 21) + 0x1_2345, out var block));
            Assert.Equal(0x10_0000_0000 + (i << 21) + 0x1_2345, block.Translate(0x2_0000_0000 + (i << 21) + 0x1_2345));
        }

        Assert.True(tlb.TryLookup(El1Vmid7Asid1, 0x40_3FFF_FFFF, out var huge));
        Assert.Equal(0x20_3FFF_FFFFUL, huge.Translate(0x40_3FFF_FFFF));
        Assert.False(Hits(tlb, El1Vmid7Asid1, 0x1_0000_0000 + (1000 << 12)));
        Assert.Equal(2001, tlb.Count);
    }

    [Fact]
    public void GlobalEntry_ServesEveryAsid_OfTheSameRegimeVmidAndStages()
    {
        var tlb = new Tlb(8);
        tlb.Insert(Entry(0x1000, asid: 1, global: true));

        Assert.True(Hits(tlb, El1Vmid7Asid1, 0x1000));
        Assert.True(Hits(tlb, El1Vmid7Asid1 with { Asid = 2 }, 0x1000));
        Assert.True(Hits(tlb, El1Vmid7Asid1 with { Asid = 0xFFFF }, 0x1000));
        Assert.False(Hits(tlb, El1Vmid7Asid1 with { Vmid = 8 }, 0x1000));
        Assert.False(Hits(tlb, El1Vmid7Asid1 with { World = StreamWorld.El2E2h }, 0x1000));
        Assert.False(Hits(tlb, El1Vmid7Asid1 with { HasStage2 = true }, 0x1000));
    }

    [Fact]
    public void NonGlobalEntry_ServesOnlyItsOwnAsid()
    {
        var tlb = new Tlb(8);
        tlb.Insert(Entry(0x1000, asid: 1));

        Assert.True(Hits(tlb, El1Vmid7Asid1, 0x1000));
        Assert.False(Hits(tlb, El1Vmid7Asid1 with { Asid = 2 }, 0x1000));
        Assert.False(Hits(tlb, El1Vmid7Asid1 with { Asid = 0 }, 0x1000));
    }

    [Fact]
    public void GlobalAndNonGlobalEntriesAtTheSameAddress_AreDistinct_AndTheAsidsOwnEntryWins()
    {
        var tlb = new Tlb(8);
        tlb.Insert(Entry(0x1000, asid: 1, output: 0x9_0000_0000));
        tlb.Insert(Entry(0x1000, asid: 2, global: true, output: 0xA_0000_0000));

        Assert.Equal(2, tlb.Count);
        Assert.True(tlb.TryLookup(El1Vmid7Asid1, 0x1000, out var own));
        Assert.Equal(0x9_0000_0000UL, own.OutputBase);
        Assert.True(tlb.TryLookup(El1Vmid7Asid1 with { Asid = 3 }, 0x1000, out var shared));
        Assert.Equal(0xA_0000_0000UL, shared.OutputBase);
    }

    [Fact]
    public void Stage2OnlyEntries_IgnoreTheAsidOfTheLookup_AndNeverServeStage1Lookups()
    {
        var tlb = new Tlb(8);
        tlb.Insert(Entry(0x1000, asid: 0, stage1: false, stage2: true));
        var stage2Tag = new TlbTag(StreamWorld.NsEl1, 7, 0, false, true);

        Assert.True(Hits(tlb, stage2Tag, 0x1000));
        Assert.True(Hits(tlb, stage2Tag with { Asid = 5 }, 0x1000));
        Assert.False(Hits(tlb, stage2Tag with { Vmid = 8 }, 0x1000));
        Assert.False(Hits(tlb, El1Vmid7Asid1, 0x1000));
        Assert.False(Hits(tlb, El1Vmid7Asid1 with { HasStage2 = true }, 0x1000));
    }

    // ---- invalidation scope arithmetic -------------------------------------------------------

    [Theory]
    [InlineData(TlbiGranule.Size4kb, 12, 0, 0, 1)]
    [InlineData(TlbiGranule.Size4kb, 12, 2, 0, 3)]
    [InlineData(TlbiGranule.Size4kb, 12, 1, 3, 16)]
    [InlineData(TlbiGranule.Size4kb, 12, 31, 1, 64)]
    [InlineData(TlbiGranule.Size16kb, 14, 3, 2, 16)]
    [InlineData(TlbiGranule.Size64kb, 16, 0, 5, 32)]
    public void RangeScope_IsNumPlusOneTimesTwoToTheScaleGranules(TlbiGranule tg, int granuleBits, byte num, byte scale, int granules)
    {
        // IHI 0070 4.4.1.1: Range = ((NUM + 1) * 2^SCALE) * Translation_Granule_Size.
        const ulong start = 0x10_0000_0000;
        var scope = TlbInvalidation.From(
            CmdTlbiNhVaa.Create().WithVmid(7).WithAddress(start).WithTg(tg).WithNum(num).WithScale(scale).WithTtl(num == 0 && scale == 0 ? (byte)3 : (byte)0).ToCmd(),
            vmidsApply: true, rangesApply: true)!.Value;
        var end = start + ((ulong)granules << granuleBits);

        Assert.True(scope.Matches(Entry(start, granuleBits) with { GranuleBits = granuleBits }));
        Assert.True(scope.Matches(Entry(end - (1UL << granuleBits), granuleBits) with { GranuleBits = granuleBits }));
        Assert.False(scope.Matches(Entry(start - (1UL << granuleBits), granuleBits) with { GranuleBits = granuleBits }));
        Assert.False(scope.Matches(Entry(end, granuleBits) with { GranuleBits = granuleBits }));
    }

    [Fact]
    public void RangeScope_WithTheLargestScale_CoversItsRange_WithoutWrapping()
    {
        // SCALE 31 (the field's largest value without IDR5.DS), NUM 31: 2^36 pages of 64KB = 2^52 bytes.
        var scope = TlbInvalidation.From(
            CmdTlbiS2Ipa.Create().WithVmid(7).WithAddress(0).WithTg(TlbiGranule.Size64kb).WithNum(31).WithScale(31).ToCmd(),
            vmidsApply: true, rangesApply: true)!.Value;
        var stage2 = Entry(0, 16, asid: 0, stage1: false, stage2: true) with { GranuleBits = 16 };

        Assert.True(scope.Matches(stage2));
        Assert.True(scope.Matches(stage2 with { InputBase = (1UL << 52) - (1UL << 16) }));
        Assert.False(scope.Matches(stage2 with { InputBase = 1UL << 52 }));
    }

    [Fact]
    public void RangesNotApplying_MakeAnAddressCommandNameOnePage()
    {
        var scope = TlbInvalidation.From(
            CmdTlbiNhVaa.Create().WithVmid(7).WithAddress(0x5000).WithTg(TlbiGranule.Size4kb).WithNum(7).ToCmd(),
            vmidsApply: true, rangesApply: false)!.Value;

        Assert.True(scope.Matches(Entry(0x5000)));
        Assert.False(scope.Matches(Entry(0x6000)));
        Assert.False(scope.Matches(Entry(0x4000)));
    }

    [Fact]
    public void VmidsNotApplying_MakeEveryVmidMatch()
    {
        var scope = TlbInvalidation.From(TlbRig.NhAll(3), vmidsApply: false, rangesApply: true)!.Value;

        Assert.True(scope.Matches(Entry(0x5000, vmid: 0)));
        Assert.True(scope.Matches(Entry(0x5000, vmid: 9)));
    }

    [Fact]
    public void NonTlbiCommands_HaveNoScope()
    {
        Assert.Null(TlbInvalidation.From(TlbRig.CfgiSte(1), vmidsApply: true, rangesApply: true));
        Assert.Null(TlbInvalidation.From(CmdSync.Create().ToCmd(), vmidsApply: true, rangesApply: true));
    }

    [Fact]
    public void VaInTheUpperRange_IsComparedSignExtended()
    {
        // TTB1 VAs are kept with bits 63:56 copying bit 55; the command's Address is compared the same way.
        const ulong upper = 0xFFFF_8000_0000_1000;
        var scope = TlbInvalidation.From(TlbRig.NhVaa(7, 0x00FF_8000_0000_1000), vmidsApply: true, rangesApply: true)!.Value;

        Assert.True(scope.Matches(Entry(upper)));
        Assert.False(scope.Matches(Entry(0x00FF_8000_0000_1000 & 0x0000_FFFF_FFFF_FFFF)));
    }

    // ---- through the engine ------------------------------------------------------------------

    [Fact]
    public void EngineTlb_FullOfTranslations_EvictsTheLeastRecentlyUsedOne()
    {
        const ulong a = 0x4000_1000, b = 0x4000_2000, c = 0x4000_3000, d = 0x4000_4000;
        var rig = new TlbRig(tlbCapacity: 3).Stage1Stream(1, asid: 1);
        foreach (var va in new[] { a, b, c, d })
        {
            rig.MapS1(va, 0x9_0000_0000 + va);
        }

        rig.Out(1, a);
        rig.Out(1, b);
        rig.Out(1, c);
        rig.Out(1, a); // a is now more recently used than b
        rig.Out(1, d); // evicts b

        Assert.Equal(3, rig.Engine.TlbEntryCount);
        Assert.Equal(new[] { d, a, c }, rig.Engine.TlbSnapshot().Select(e => e.InputBase));

        // Remapped without invalidation: the evicted page is walked afresh, the cached ones are not.
        foreach (var va in new[] { a, b, c, d })
        {
            rig.MapS1(va, 0xA_0000_0000 + va);
        }

        Assert.Equal(0xA_0000_0000 + b, rig.Out(1, b)); // evicts c
        Assert.Equal(0x9_0000_0000 + a, rig.Out(1, a));
        Assert.Equal(0x9_0000_0000 + d, rig.Out(1, d));
        Assert.Equal(0xA_0000_0000 + c, rig.Out(1, c));
    }

    [Fact]
    public void EngineTlbEntries_CarryTheTagsTheCommandsSelectOn()
    {
        const ulong va = 0x4000_1000;
        var rig = new TlbRig().Stage1Stream(1, asid: 3, vmid: 9).Stage2Stream(2, vmid: 11);
        rig.MapS1(va, 0x9_0000_0000).MapS1(va + 0x1000, 0x9_0000_1000, global: true).MapS2(TlbRig.IpaBase, 0x9_1000_0000);
        rig.Out(1, va);
        rig.Out(1, va + 0x1000);
        rig.Out(2, TlbRig.IpaBase);

        var entries = rig.Engine.TlbSnapshot();

        Assert.Contains(entries, e => e is { World: StreamWorld.NsEl1, Vmid: 9, Asid: 3, Global: false, HasStage1: true, HasStage2: false, InputBase: va, BlockBits: 12, Stage1Level: 3 });
        Assert.Contains(entries, e => e is { Vmid: 9, Global: true, HasStage1: true, InputBase: va + 0x1000 });
        Assert.Contains(entries, e => e is { Vmid: 11, Global: false, HasStage1: false, HasStage2: true, InputBase: TlbRig.IpaBase, Stage2Level: 3 });
    }
}
