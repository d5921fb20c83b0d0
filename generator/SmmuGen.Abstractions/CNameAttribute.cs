using System;

namespace SmmuGen;

/// <summary>
/// The C name of a generated type, field or enum member (<c>iommu_hwpt_alloc</c>,
/// <c>out_hwpt_id</c>, <c>IOMMU_HWPT_DATA_ARM_SMMUV3</c>), so tools can match C# back to the header.
/// </summary>
/// <param name="name">The name as C spells it.</param>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Field | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CNameAttribute(string name) : Attribute
{
    /// <summary>The name as C spells it.</summary>
    public string Name { get; } = name;
}
