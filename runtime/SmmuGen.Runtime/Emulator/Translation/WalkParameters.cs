using SmmuGen.Memory;

namespace SmmuGen.Emulator;

/// <summary>
/// One translation table walk's configuration, taken from a CD (stage 1) or an STE (stage 2).
/// </summary>
/// <param name="Stage">1 or 2.</param>
/// <param name="Granule">The translation granule.</param>
/// <param name="StartLevel">The level the walk starts at.</param>
/// <param name="InputBits">The input address size: 64 - TxSZ (the range check is the caller's).</param>
/// <param name="TableBase">The starting-level table address (TTBx or S2TTB), not yet aligned.</param>
/// <param name="OutputBits">The effective output size: MIN(IPS or S2PS, OAS).</param>
/// <param name="BigEndian">The tables are big-endian (CD.ENDI, STE.S2ENDI).</param>
/// <param name="HierarchicalDisabled">Stage 1 table descriptors' APTable/PXNTable/UXNTable are ignored (CD.HADx).</param>
/// <param name="PhysicalAddressBits">The implementation's largest output size, IDR5.OAS (the Arm ARM's PAMax()): which block descriptors exist depends on it, not on <paramref name="OutputBits"/>.</param>
internal readonly record struct WalkParameters(
    int Stage,
    TranslationGranule Granule,
    int StartLevel,
    int InputBits,
    ulong TableBase,
    int OutputBits,
    bool BigEndian,
    bool HierarchicalDisabled,
    int PhysicalAddressBits)
{
    /// <summary>
    /// The starting table is aligned to its own size (a concatenated stage 2 starting table to
    /// the size of all its tables): lower base bits are treated as zero.
    /// </summary>
    public ulong AlignedTableBase
    {
        get
        {
            var bitsAtStart = InputBits - Granule.LevelShift(StartLevel);
            var log2Bytes = System.Math.Max(bitsAtStart + 3, 6);
            return NaturalAlignment.AlignDown(TableBase, log2Bytes);
        }
    }
}
