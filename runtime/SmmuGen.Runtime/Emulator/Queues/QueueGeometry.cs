using System;
using System.Numerics;

namespace SmmuGen.Emulator;

/// <summary>
/// The index arithmetic of an SMMU circular queue of 2^<see cref="Log2Size"/> entries
/// (IHI 0070 3.5): a PROD or CONS pointer is the entry index with a wrap flag just above it;
/// equal pointers mean empty, equal indexes with different wrap flags mean full. Shared by the
/// command queue (the SMMU consumes) and the Event and PRI queues (the SMMU produces).
/// </summary>
internal readonly record struct QueueGeometry(int Log2Size)
{
    /// <summary>The wrap flag, the bit above the index.</summary>
    public ulong WrapBit => 1UL << Log2Size;

    /// <summary>The index and the wrap flag: the meaningful part of a pointer.</summary>
    public ulong PointerMask => (2UL << Log2Size) - 1;

    /// <summary>Nothing between <paramref name="prod"/> and <paramref name="cons"/>.</summary>
    public bool IsEmpty(ulong prod, ulong cons) => ((prod ^ cons) & PointerMask) == 0;

    /// <summary>Every entry between <paramref name="cons"/> and <paramref name="prod"/> is in use.</summary>
    public bool IsFull(ulong prod, ulong cons) => ((prod ^ cons) & PointerMask) == WrapBit;

    /// <summary>The entry a pointer designates.</summary>
    public ulong Slot(ulong pointer) => pointer & (WrapBit - 1);

    /// <summary>The pointer after <paramref name="pointer"/>: the index advances, the wrap flag toggles past the end.</summary>
    public ulong Next(ulong pointer) => (pointer + 1) & PointerMask;

    /// <summary>
    /// The effective base address of a queue of <paramref name="entrySize"/>-byte entries whose
    /// BASE register holds <paramref name="baseRegister"/>, ADDR being the bits of
    /// <paramref name="addrMask"/> (the generated mask, address bits in place). IHI 0070 6.3.26
    /// (CMDQ_BASE), 6.3.29 (EVENTQ_BASE), 6.3.33 (PRIQ_BASE): the SMMU aligns the base to the
    /// larger of the queue size in bytes and 32 bytes, treating the ADDR bits below that as zero.
    /// The 32-byte floor is where ADDR starts, so it is taken from the mask, not restated.
    /// </summary>
    public ulong AlignedBase(ulong baseRegister, ulong addrMask, int entrySize)
    {
        var queueBytes = (ulong)entrySize << Log2Size;
        var alignment = Math.Max(queueBytes, 1UL << BitOperations.TrailingZeroCount(addrMask));
        return baseRegister & addrMask & ~(alignment - 1);
    }
}
