namespace SmmuGen.Memory;

/// <summary>
/// Natural alignment of guest addresses, as the SMMU applies it to table and queue pointers
/// (the low bits below a structure's size are treated as zero) and to address ranges.
/// </summary>
internal static class NaturalAlignment
{
    /// <summary><paramref name="address"/> with its low <paramref name="log2Size"/> bits cleared; 0 when the size covers all 64 bits.</summary>
    public static ulong AlignDown(ulong address, int log2Size) =>
        log2Size >= 64 ? 0 : address & ~((1UL << log2Size) - 1);
}
