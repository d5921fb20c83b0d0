using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The memory attributes a translation gives (IHI 0070 13, Arm ARM VMSAv8-64 memory attributes):
/// the stage 1 attribute byte that the leaf's AttrIndx selects from CD.MAIR0/MAIR1, the stage 2
/// MemAttr, and the shareability of the last stage's leaf.
/// </summary>
/// <param name="Stage1Mair">The MAIR attribute byte of the stage 1 leaf, or null without stage 1.</param>
/// <param name="Stage2MemAttr">The stage 2 MemAttr, or null without stage 2.</param>
/// <param name="Shareability">The SH field of the last translating stage's leaf.</param>
public readonly record struct TranslationAttributes(byte? Stage1Mair, byte? Stage2MemAttr, DescShareability Shareability);
