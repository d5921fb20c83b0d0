using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>How a CD fetch ended.</summary>
internal enum CdFetchStatus
{
    /// <summary>The CD was read (not yet validated).</summary>
    Fetched,

    /// <summary>A configuration fault: C_BAD_SUBSTREAMID or F_CD_FETCH.</summary>
    Fault,

    /// <summary>Mapping a table address through stage 2 failed; that fault has already been raised.</summary>
    AddressMapFailed,
}

/// <summary>
/// Finds and fetches the CD of a SubstreamID through the CD table an STE points at
/// (IHI 0070 3.3.3, 5.3, 5.4): a single CD when substreams are disabled (S1CDMax = 0), otherwise a
/// linear table of 2^S1CDMax CDs or a table of L1CDs pointing at leaf tables of 64 (4KB) or 1024
/// (64KB) CDs, as STE.S1Fmt says.
/// </summary>
internal static class ContextDescriptorTable
{
    private const int Leaf4KBits = 6;   // 4KB / 64-byte CDs
    private const int Leaf64KBits = 10; // 64KB / 64-byte CDs
    private const int CdPow2 = 6;       // 64-byte CDs

    /// <summary>
    /// Fetches CD <paramref name="substreamId"/> of <paramref name="ste"/>, which must enable
    /// stage 1; the SubstreamID has already been checked against S1CDMax.
    /// </summary>
    /// <param name="memory">Guest memory.</param>
    /// <param name="ste">The STE.</param>
    /// <param name="substreamId">The CD index.</param>
    /// <param name="substreams">Substreams are enabled: S1CDMax != 0 and IDR1.SSIDSIZE != 0 (otherwise S1Fmt and S1CDMax are ignored, IHI 0070 5.2).</param>
    /// <param name="tableAddressBits">The address size L1CD.L2Ptr must fit (IHI 0070 3.4.3: beyond it, C_BAD_SUBSTREAMID).</param>
    /// <param name="map">Maps table addresses (stage 2 for a nested STE).</param>
    /// <param name="cd">The CD read.</param>
    /// <param name="fault">The configuration fault.</param>
    public static CdFetchStatus TryFetch<TMap>(GuestMemory memory, in Ste ste, uint substreamId, bool substreams, int tableAddressBits, ref TMap map, out Cd cd, out ConfigurationFault fault)
        where TMap : struct, ITableAddressMap
    {
        cd = default;
        fault = default;
        ulong cdAddress;
        var leafBits = !substreams ? -1 : ste.S1Fmt switch
        {
            SteS1Fmt.TwoLevel4k => Leaf4KBits,
            SteS1Fmt.TwoLevel64k => Leaf64KBits,
            _ => -1, // LINEAR, and the reserved value 3, which behaves as LINEAR (IHI 0070 5.2)
        };
        var cdMax = substreams ? ste.S1CDMax : 0;

        // IHI 0070 5.4.1: a table holding more CDs than one leaf is two-level; a 2-level table
        // whose S1CDMax fits in one leaf still goes through one L1CD.
        if (leafBits >= 0)
        {
            // IHI 0070 5.2 S1ContextPtr: the L1CD table is aligned to the larger of its size and 64 bytes.
            var l1Base = NaturalAlignment.AlignDown(ste.S1ContextPtr, System.Math.Max(6, 3 + cdMax - leafBits));
            var l1Address = l1Base + ((ulong)(substreamId >> leafBits) * L1cd.Size);
            if (!map.TryMap(l1Address, false, out var l1Physical))
            {
                return CdFetchStatus.AddressMapFailed;
            }

            if (!memory.TryReadRecord<L1cd>(l1Physical, out var l1).IsSuccess)
            {
                fault = ConfigurationFault.CdFetch(l1Physical);
                return CdFetchStatus.Fault;
            }

            // IHI 0070 5.3, 3.4.3: an L1CD with V clear, or (v3.1+) pointing beyond the address
            // size, makes its SubstreamIDs C_BAD_SUBSTREAMID.
            if (!l1.V || !AddressSizeEncoding.Fits(l1.L2Ptr, tableAddressBits))
            {
                fault = ConfigurationFault.BadSubstreamId;
                return CdFetchStatus.Fault;
            }

            // IHI 0070 5.3: L2Ptr is aligned to the leaf table size (bits 15:12 ignored for 64KB).
            cdAddress = NaturalAlignment.AlignDown(l1.L2Ptr, CdPow2 + leafBits) + ((ulong)(substreamId & ((1u << leafBits) - 1)) * Cd.Size);
        }
        else
        {
            // IHI 0070 5.2 S1ContextPtr: a linear CD table is aligned to its size.
            cdAddress = NaturalAlignment.AlignDown(ste.S1ContextPtr, CdPow2 + cdMax) + ((ulong)substreamId * Cd.Size);
        }

        if (!map.TryMap(cdAddress, false, out var cdPhysical))
        {
            return CdFetchStatus.AddressMapFailed;
        }

        if (!memory.TryReadRecord(cdPhysical, out cd).IsSuccess)
        {
            fault = ConfigurationFault.CdFetch(cdPhysical);
            return CdFetchStatus.Fault;
        }

        return CdFetchStatus.Fetched;
    }
}
