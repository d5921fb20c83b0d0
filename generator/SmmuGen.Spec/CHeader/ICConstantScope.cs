namespace SmmuGen.Spec.CHeader;

/// <summary>What a constant expression of the header can refer to besides literals.</summary>
internal interface ICConstantScope
{
    /// <summary>The value of an enumerator declared so far.</summary>
    bool TryGetEnumerator(string name, out CValue value);

    /// <summary>A typedef name's type, or null.</summary>
    CTypeRef? Typedef(string name);

    /// <summary>The value of an enum's enumerators, for the size of <c>enum TAG</c>; null when unknown.</summary>
    (ulong Size, bool Signed)? EnumType(string tag);

    /// <summary><c>sizeof</c> a type; null with an error text, or with none when the failure was already reported.</summary>
    ulong? SizeOf(CTypeRef type, out string? error);

    /// <summary><c>offsetof(struct TAG, a.b)</c>; null with an error text, or with none when the failure was already reported.</summary>
    ulong? OffsetOf(string structTag, string memberPath, out string? error);
}
