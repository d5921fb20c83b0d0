using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Model;

/// <summary>
/// One field to emit. <see cref="PropertyType"/> is <c>bool</c>, an unsigned integer of fitting
/// width, an enum type name, or the register's raw type for address fields.
/// </summary>
internal sealed record FieldGenerationSpec(
    string Name,
    string PropertyName,
    int Lsb,
    int Width,
    FieldAccess Access,
    string PropertyType,
    string? EnumTypeName,
    bool IsAddress,
    bool SelfClearing,
    string? Doc,
    string? Section,
    string? Since,
    EquatableArray<EnumValueGenerationSpec> EnumValues)
{
    public int Msb => Lsb + Width - 1;

    public ulong MaxValue => Width >= 64 ? ulong.MaxValue : (1UL << Width) - 1;

    public ulong Mask => MaxValue << Lsb;

    public string Bits => Width == 1 ? Lsb.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Msb}:{Lsb}";

    /// <summary>Reserved fields are documented in metadata but get no accessor.</summary>
    public bool HasAccessor => Access is not FieldAccess.Res0 and not FieldAccess.Res1;
}
