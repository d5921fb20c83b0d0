using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// VMSAv8-64 translation granule arithmetic (IHI 0070 5.2, 5.4 defer to the Arm ARM): a granule
/// of 2^PageBits bytes holds tables of 2^(PageBits-3) eight-byte descriptors, so each level
/// resolves PageBits-3 address bits and level 3 maps pages.
/// </summary>
/// <param name="PageBits">12, 14 or 16 (4KB, 16KB, 64KB).</param>
internal readonly record struct TranslationGranule(int PageBits)
{
    /// <summary>The most tables a stage 2 walk may concatenate at its starting level (IHI 0070 5.2, Arm ARM VTCR_EL2).</summary>
    public const int MaxConcatenationBits = 4;

    /// <summary>Address bits one table level resolves.</summary>
    public int BitsPerLevel => PageBits - 3;

    /// <summary>The lowest input-address bit that level <paramref name="level"/> resolves.</summary>
    public int LevelShift(int level) => PageBits + ((3 - level) * BitsPerLevel);

    /// <summary>STE.S2TG, or null for the reserved encoding.</summary>
    public static TranslationGranule? FromStage2(Granule tg) => tg switch
    {
        Granule.Size4kb => new(12),
        Granule.Size16kb => new(14),
        Granule.Size64kb => new(16),
        _ => null,
    };

    /// <summary>CD.TG0, or null for the reserved encoding.</summary>
    public static TranslationGranule? FromTg0(CdTg0 tg) => tg switch
    {
        CdTg0.Size4kb => new(12),
        CdTg0.Size16kb => new(14),
        CdTg0.Size64kb => new(16),
        _ => null,
    };

    /// <summary>CD.TG1 (its own encoding), or null for the reserved encoding.</summary>
    public static TranslationGranule? FromTg1(CdTg1 tg) => tg switch
    {
        CdTg1.Size4kb => new(12),
        CdTg1.Size16kb => new(14),
        CdTg1.Size64kb => new(16),
        _ => null,
    };

    /// <summary>Whether IDR5 reports this granule.</summary>
    public bool IsSupportedBy(Idr5 idr5) => PageBits switch
    {
        12 => idr5.Gran4k,
        14 => idr5.Gran16k,
        _ => idr5.Gran64k,
    };

    /// <summary>
    /// The starting level STE.S2SL0 selects with this granule, as VTCR_EL2.SL0 does without
    /// FEAT_LPA2/TTST: 4KB 0-2 are levels 2, 1, 0; 16KB and 64KB 0-2 are levels 3, 2, 1. Null for
    /// the reserved encodings (3).
    /// </summary>
    public int? Stage2StartLevel(int sl0) => sl0 switch
    {
        0 or 1 or 2 when PageBits == 12 => 2 - sl0,
        0 or 1 or 2 => 3 - sl0,
        _ => null,
    };

    /// <summary>
    /// Whether a stage 2 walk of a 2^<paramref name="inputBits"/> IPA space can start at
    /// <paramref name="level"/>: the starting level must resolve at least one bit and at most one
    /// table's bits plus <see cref="MaxConcatenationBits"/> (up to 16 concatenated tables).
    /// </summary>
    public bool Stage2StartLevelCovers(int level, int inputBits)
    {
        var bitsAtStart = inputBits - LevelShift(level);
        return bitsAtStart >= 1 && bitsAtStart <= BitsPerLevel + MaxConcatenationBits;
    }

    /// <summary>
    /// The level a stage 1 walk of a 2^<paramref name="inputBits"/> VA range starts at: the level
    /// whose table resolves the top bits without concatenation (stage 1 never concatenates).
    /// </summary>
    public int Stage1StartLevel(int inputBits)
    {
        var level = 3;
        while (level > 0 && inputBits > LevelShift(level) + BitsPerLevel)
        {
            level--;
        }

        return level;
    }
}
