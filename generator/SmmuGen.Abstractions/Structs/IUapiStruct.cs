using System;

namespace SmmuGen;

/// <summary>
/// Implemented by every generated uAPI struct, so ioctl plumbing and tests can handle structs
/// generically without reflection.
/// </summary>
/// <typeparam name="TSelf">The generated struct type.</typeparam>
public interface IUapiStruct<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IUapiStruct<TSelf>
{
    /// <summary>The struct's metadata: C layout, size rule and members.</summary>
    static abstract StructInfo Info { get; }

    /// <summary>Reads the struct from its C bytes, little-endian (at least <c>sizeof</c> bytes).</summary>
    static abstract TSelf ReadFrom(ReadOnlySpan<byte> bytes);

    /// <summary>Writes the struct's C bytes, little-endian (at least <c>sizeof</c> bytes of room).</summary>
    void WriteTo(Span<byte> bytes);
}

/// <summary>
/// A size-prefixed uAPI struct: read from and written to a caller's buffer by iommufd's rule
/// for extensible structs.
/// </summary>
/// <typeparam name="TSelf">The generated struct type.</typeparam>
public interface IExtensibleStruct<TSelf> : IUapiStruct<TSelf>
    where TSelf : struct, IExtensibleStruct<TSelf>
{
    /// <summary>0, or -EINVAL below <paramref name="minSize"/>, or -E2BIG for non-zero bytes past the struct.</summary>
    static abstract int Read(ReadOnlySpan<byte> user, int minSize, out TSelf value);

    /// <summary>Copies as many of the struct's bytes as fit into <paramref name="user"/>; returns how many.</summary>
    int Write(Span<byte> user);
}
