using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The descriptor layouts of VMSAv8-64 by stage, granule and level (Arm ARM VMSAv8-64 formats,
/// IHI 0070 3.3.5): tables at levels 0-2, blocks where the granule allows them (4KB: levels 1
/// and 2; 16KB: level 2; 64KB: level 2, and level 1 with 52-bit output addresses), pages at level 3.
/// </summary>
internal static class DescriptorLayouts
{
    private static readonly DescriptorLayout[] S1Tables = [From(S1Table4k.Info), From(S1Table16k.Info), From(S1Table64k.Info)];
    private static readonly DescriptorLayout[] S2Tables = [From(S2Table4k.Info), From(S2Table16k.Info), From(S2Table64k.Info)];

    // [granule][level] for levels 0-3; null where no block or page exists.
    private static readonly DescriptorLayout?[][] S1Leaves =
    [
        [null, From(S1Block4kL1.Info), From(S1Block4kL2.Info), From(S1Page4k.Info)],
        [null, null, From(S1Block16kL2.Info), From(S1Page16k.Info)],
        [null, From(S1Block64kL1.Info), From(S1Block64kL2.Info), From(S1Page64k.Info)],
    ];

    private static readonly DescriptorLayout?[][] S2Leaves =
    [
        [null, From(S2Block4kL1.Info), From(S2Block4kL2.Info), From(S2Page4k.Info)],
        [null, null, From(S2Block16kL2.Info), From(S2Page16k.Info)],
        [null, From(S2Block64kL1.Info), From(S2Block64kL2.Info), From(S2Page64k.Info)],
    ];

    private const int Level1Block64KNeedsBits = 52;

    /// <summary>The table descriptor of a stage and granule.</summary>
    public static DescriptorLayout Table(int stage, TranslationGranule granule) =>
        (stage == 1 ? S1Tables : S2Tables)[Index(granule)];

    /// <summary>
    /// The block or page descriptor at <paramref name="level"/>, or null where the granule has
    /// none. The 64KB level-1 block exists only where the implementation has 52-bit physical
    /// addresses (Arm ARM AArch64.BlockDescSupported: PAMax() = 52, here IDR5.OAS), whatever the
    /// stage's IPS or S2PS: those only limit the output address (an Address size fault).
    /// </summary>
    public static DescriptorLayout? Leaf(int stage, TranslationGranule granule, int level, int physicalAddressBits)
    {
        if (level is < 0 or > 3 || (granule.PageBits == 16 && level == 1 && physicalAddressBits < Level1Block64KNeedsBits))
        {
            return null;
        }

        return (stage == 1 ? S1Leaves : S2Leaves)[Index(granule)][level];
    }

    private static int Index(TranslationGranule granule) => granule.PageBits switch
    {
        12 => 0,
        14 => 1,
        _ => 2,
    };

    private static DescriptorLayout From(RecordInfo info) => DescriptorLayout.From(info);
}
