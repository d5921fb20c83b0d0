using SmmuGen.Memory;

namespace SmmuGen.Emulator;

/// <summary>
/// One cached translation (IHI 0070 16.2): a last-level mapping of the naturally aligned
/// 2^<see cref="BlockBits"/> input range at <see cref="InputBase"/>, tagged the way the
/// invalidation commands select entries — translation regime, VMID, ASID (unless global) and
/// which stages it holds — with the permissions to answer later accesses. A nested (stage 1 +
/// stage 2) entry is combined: it maps the VA straight to the PA at the smaller of the two sizes.
/// </summary>
/// <param name="World">The translation regime.</param>
/// <param name="Vmid">The VMID tag (0 where VMIDs do not apply).</param>
/// <param name="Asid">The ASID tag of a non-global stage 1 entry.</param>
/// <param name="Global">Stage 1 nG was clear: the entry matches every ASID.</param>
/// <param name="HasStage1">The entry holds a stage 1 translation.</param>
/// <param name="HasStage2">The entry holds a stage 2 translation.</param>
/// <param name="InputBase">The first input address (VA, or IPA for stage 2 only) the entry maps.</param>
/// <param name="BlockBits">Log2 of the size the entry maps.</param>
/// <param name="OutputBase">The output address of <paramref name="InputBase"/>.</param>
/// <param name="IntermediateBase">For a nested entry, the IPA of <paramref name="InputBase"/> (for stage 2 fault records); otherwise 0.</param>
/// <param name="GranuleBits">The stage 1 granule (stage 2 for stage-2-only entries), for range invalidation's TG.</param>
/// <param name="Stage1Level">The level of the stage 1 leaf (TTL of stage 1 invalidations), or -1.</param>
/// <param name="Stage2Level">The level of the stage 2 leaf (TTL of CMD_TLBI_S2_IPA), or -1.</param>
/// <param name="Stage1">Stage 1 permissions, when <paramref name="HasStage1"/>.</param>
/// <param name="Stage2">Stage 2 permissions, when <paramref name="HasStage2"/>.</param>
internal readonly record struct TlbEntry(
    StreamWorld World,
    ushort Vmid,
    ushort Asid,
    bool Global,
    bool HasStage1,
    bool HasStage2,
    ulong InputBase,
    int BlockBits,
    ulong OutputBase,
    ulong IntermediateBase,
    int GranuleBits,
    int Stage1Level,
    int Stage2Level,
    Stage1Permissions Stage1,
    Stage2Permissions Stage2)
{
    /// <summary>The memory attributes the entry's translation gives.</summary>
    public TranslationAttributes Attributes { get; init; }

    /// <summary>Whether the entry maps some byte of [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    public bool Overlaps(ulong start, ulong length) => Overlaps(InputBase, BlockBits, start, length);

    /// <summary>
    /// Whether the stage 1 leaf the entry was built from maps some byte of the range: for a nested
    /// entry smaller than its stage 1 block (stage 2 maps the block with smaller pages), the whole
    /// block; otherwise the entry itself.
    /// </summary>
    public bool Stage1LeafOverlaps(ulong start, ulong length)
    {
        if (!HasStage1 || Stage1Level < 0)
        {
            return Overlaps(start, length);
        }

        var leafBits = new TranslationGranule(GranuleBits).LevelShift(Stage1Level);
        return leafBits > BlockBits && leafBits < 64
            ? Overlaps(NaturalAlignment.AlignDown(InputBase, leafBits), leafBits, start, length)
            : Overlaps(start, length);
    }

    private static bool Overlaps(ulong inputBase, int blockBits, ulong start, ulong length)
    {
        var end = inputBase + (1UL << blockBits) - 1;
        var last = length == 0 ? start : start + (length - 1);
        if (last < start)
        {
            last = ulong.MaxValue;
        }

        return inputBase <= last && start <= end;
    }

    /// <summary>The output address of <paramref name="input"/>, which the entry maps.</summary>
    public ulong Translate(ulong input) => OutputBase | (input & ((1UL << BlockBits) - 1));
}
