namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A C type as the spec model spells it: a kernel scalar type (<c>__u32</c>) or <c>struct TAG</c>,
/// times <see cref="Count"/> elements (typedefs of arrays), with the enum it came from
/// (a member declared <c>enum X</c>) and whether it was a pointer.
/// </summary>
/// <param name="Type">The spec type text.</param>
/// <param name="Count">Elements: 1 for a plain type, the product of a typedef's array lengths otherwise.</param>
/// <param name="EnumName">The enum tag for a member declared with an enum type, or null.</param>
/// <param name="Note">Why the type is only an approximation (a pointer, <c>long</c>), or null.</param>
internal sealed record CTypeRef(string Type, ulong Count = 1, string? EnumName = null, string? Note = null)
{
    /// <summary>The struct tag of a <c>struct TAG</c> type, or null.</summary>
    public string? StructTag => Type.StartsWith("struct ", System.StringComparison.Ordinal) ? Type.Substring(7) : null;
}
