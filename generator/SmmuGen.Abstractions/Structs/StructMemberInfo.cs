namespace SmmuGen;

/// <summary>One member of a C struct: where it is, what C type it has, and its documentation.</summary>
/// <param name="CName">The C name, e.g. <c>out_hwpt_id</c>.</param>
/// <param name="CSharpName">Name of the generated C# field.</param>
/// <param name="Offset"><c>offsetof</c> the member.</param>
/// <param name="Size">Bytes the member occupies (every element of an array).</param>
/// <param name="CType">The C type of one element: <c>__u32</c>, <c>struct iommu_iova_range</c>, or <c>union</c>/<c>struct</c> for one written inline.</param>
/// <param name="Count">Array length; 1 for a plain member.</param>
/// <param name="Reserved">The member must be zero.</param>
/// <param name="Since">First version that has the member.</param>
/// <param name="Doc">Description from the spec.</param>
public sealed record StructMemberInfo(string CName, string CSharpName, int Offset, int Size, string CType, int Count, bool Reserved, string? Since, string? Doc)
{
    /// <summary>The byte just past the member.</summary>
    public int End => Offset + Size;
}
