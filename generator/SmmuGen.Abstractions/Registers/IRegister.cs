using System;

namespace SmmuGen;

/// <summary>
/// Implemented by every generated register value type, so code can handle registers
/// generically (a register file, a decoder) without reflection.
/// </summary>
/// <typeparam name="TSelf">The generated register type.</typeparam>
public interface IRegister<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IRegister<TSelf>
{
    /// <summary>The register's metadata.</summary>
    static abstract RegisterInfo Info { get; }

    /// <summary>The register value from raw bits; bits above the width are dropped.</summary>
    static abstract TSelf FromBits(ulong bits);

    /// <summary>The raw bits, zero-extended to 64 bits.</summary>
    ulong Bits { get; }
}
