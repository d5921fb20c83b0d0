using System.Buffers.Binary;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The VMSAv8-64 translation table walk of one stage (IHI 0070 3.3.5, Arm ARM VMSAv8-64): from
/// the starting level, each level's slice of the input address indexes a table of 8-byte
/// descriptors read single-copy atomically; a table descriptor leads to the next level, a block
/// or page descriptor ends the walk. It reads only; Access flag, permission and hardware
/// update decisions are the caller's.
/// </summary>
internal static class TableWalker
{
    private const int AplTableUnprivileged = 0b01;
    private const int AplTableReadOnly = 0b10;

    /// <summary>Walks for <paramref name="input"/>, which the caller has checked against the input range.</summary>
    public static WalkResult Walk<TMap>(GuestMemory memory, in WalkParameters p, ulong input, ref TMap map)
        where TMap : struct, ITableAddressMap
    {
        var granule = p.Granule;
        var tableBase = p.AlignedTableBase;
        var limits = default(HierarchicalLimits);
        var tableLayout = DescriptorLayouts.Table(p.Stage, granule);
        for (var level = p.StartLevel; level <= 3; level++)
        {
            var shift = granule.LevelShift(level);
            var indexBits = level == p.StartLevel ? p.InputBits - shift : granule.BitsPerLevel;
            var index = (input >> shift) & ((1UL << indexBits) - 1);
            var descriptorAddress = tableBase + (index * sizeof(ulong));
            if (!map.TryMap(descriptorAddress, false, out var physical))
            {
                return WalkResult.Failed(WalkFault.Stage2OnWalk, level);
            }

            if (!TryRead(memory, physical, p.BigEndian, out var descriptor))
            {
                return WalkResult.Failed(WalkFault.ExternalAbort, level, physical);
            }

            if ((descriptor & Ttd.ValidMask) == 0)
            {
                return WalkResult.Failed(WalkFault.Translation, level);
            }

            var isTableOrPage = (descriptor & Ttd.TypeMask) != 0;
            if (level < 3 && isTableOrPage)
            {
                var next = tableLayout.AddressOf(descriptor);
                if (!AddressSizeEncoding.Fits(next, p.OutputBits))
                {
                    return WalkResult.Failed(WalkFault.AddressSize, level);
                }

                if (p.Stage == 1 && !p.HierarchicalDisabled)
                {
                    limits = Accumulate(limits, tableLayout, descriptor);
                }

                tableBase = next;
                continue;
            }

            // A block where the granule has none, or a clear Type at level 3, is reserved: invalid.
            var leaf = level < 3 || isTableOrPage ? DescriptorLayouts.Leaf(p.Stage, granule, level, p.PhysicalAddressBits) : null;
            if (leaf is null)
            {
                return WalkResult.Failed(WalkFault.Translation, level);
            }

            var outputBase = leaf.AddressOf(descriptor);
            if (!AddressSizeEncoding.Fits(outputBase, p.OutputBits))
            {
                return WalkResult.Failed(WalkFault.AddressSize, level);
            }

            var offsetMask = (1UL << shift) - 1;
            return new WalkResult(WalkFault.None, level, (outputBase & ~offsetMask) | (input & offsetMask), descriptor, physical, leaf, limits)
            {
                BlockBits = shift,
                DescriptorInputAddress = descriptorAddress,
            };
        }

        return WalkResult.Failed(WalkFault.Translation, 3); // unreachable: level 3 always ends the walk
    }

    /// <summary>Reads a descriptor single-copy atomically in the tables' endianness.</summary>
    public static bool TryRead(GuestMemory memory, ulong address, bool bigEndian, out ulong descriptor)
    {
        if (!memory.TryReadUInt64Atomic(address, out var raw).IsSuccess)
        {
            descriptor = 0;
            return false;
        }

        descriptor = bigEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw;
        return true;
    }

    /// <summary>
    /// Replaces <paramref name="expected"/> with <paramref name="updated"/> atomically, as a
    /// hardware Access flag or dirty state update does (IHI 0070 3.13.3): fails without writing if
    /// the descriptor changed since it was read. Null when the access aborted.
    /// </summary>
    public static bool? TryUpdate(GuestMemory memory, ulong address, bool bigEndian, ulong expected, ulong updated)
    {
        var e = bigEndian ? BinaryPrimitives.ReverseEndianness(expected) : expected;
        var u = bigEndian ? BinaryPrimitives.ReverseEndianness(updated) : updated;
        if (!memory.TryCompareExchangeUInt64(address, u, e, out var original).IsSuccess)
        {
            return null;
        }

        return original == e;
    }

    private static HierarchicalLimits Accumulate(HierarchicalLimits limits, DescriptorLayout table, ulong descriptor)
    {
        var apTable = (int)DescriptorLayout.Get(table.ApTable, descriptor);
        return new HierarchicalLimits(
            limits.NoUnprivileged || (apTable & AplTableUnprivileged) != 0,
            limits.ReadOnly || (apTable & AplTableReadOnly) != 0,
            limits.PrivilegedExecuteNever || DescriptorLayout.Flag(table.PxnTable, descriptor),
            limits.UnprivilegedExecuteNever || DescriptorLayout.Flag(table.UxnTable, descriptor));
    }
}
