using System;

namespace SmmuGen;

/// <summary>
/// Implemented by every generated record value type, so queues, tables and decoders can
/// handle records generically without reflection.
/// </summary>
/// <typeparam name="TSelf">The generated record type.</typeparam>
public interface IRecord<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IRecord<TSelf>
{
    /// <summary>The record's metadata.</summary>
    static abstract RecordInfo Info { get; }

    /// <summary>Size in bytes.</summary>
    static abstract int Size { get; }

    /// <summary>Reads the record from little-endian bytes (at least <see cref="Size"/> of them).</summary>
    static abstract TSelf ReadFrom(ReadOnlySpan<byte> bytes);

    /// <summary>The record from its 64-bit words (exactly Size / 8 of them).</summary>
    static abstract TSelf FromWords(ReadOnlySpan<ulong> words);

    /// <summary>Writes the record as little-endian bytes (at least <see cref="Size"/> of them).</summary>
    void WriteTo(Span<byte> bytes);

    /// <summary>64-bit word <paramref name="index"/>.</summary>
    ulong GetWord(int index);
}
