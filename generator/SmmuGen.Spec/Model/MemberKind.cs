namespace SmmuGen.Spec.Model;

/// <summary>What a C struct member is.</summary>
public enum MemberKind
{
    /// <summary>A scalar of a C type (<c>__u32</c>, <c>__aligned_u64</c>, …), possibly an array.</summary>
    Scalar,

    /// <summary>A member of a named struct type (<c>struct iommu_iova_range</c>), possibly an array.</summary>
    Struct,

    /// <summary>A union written inline; anonymous when it has no name.</summary>
    Union,

    /// <summary>A struct written inline; anonymous when it has no name.</summary>
    InlineStruct,
}
