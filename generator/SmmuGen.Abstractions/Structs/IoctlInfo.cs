namespace SmmuGen;

/// <summary>Metadata of one ioctl, generated as data from the spec.</summary>
/// <param name="Name">The C name, e.g. <c>IOMMU_HWPT_ALLOC</c>.</param>
/// <param name="Number">The request number: <c>dir &lt;&lt; 30 | size &lt;&lt; 16 | type &lt;&lt; 8 | nr</c>.</param>
/// <param name="Direction">The direction bits.</param>
/// <param name="Type">The type byte (iommufd: <c>';'</c>).</param>
/// <param name="Nr">The command number byte.</param>
/// <param name="Struct">The argument struct, or null.</param>
/// <param name="MinSize">The fewest argument bytes the kernel accepts (0 without a struct).</param>
/// <param name="Doc">Description from the spec.</param>
/// <param name="Since">First version that has the ioctl.</param>
public sealed record IoctlInfo(string Name, uint Number, IoctlDirection Direction, byte Type, byte Nr, StructInfo? Struct, int MinSize, string? Doc, string? Since)
{
    /// <summary>The size bits of <see cref="Number"/> (0 for <c>_IO</c>).</summary>
    public int SizeBits => (int)((Number >> 16) & 0x3FFF);
}
