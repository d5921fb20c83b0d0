using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Finds and fetches the STE of a StreamID through the Non-secure Stream table that STRTAB_BASE
/// and STRTAB_BASE_CFG describe (IHI 0070 3.3.2, 5.1, 6.3.24, 6.3.25): a linear array of STEs, or
/// a first-level array of L1STDs each pointing at a linear array of up to 2^SPLIT STEs.
/// </summary>
internal static class StreamTable
{
    /// <summary>
    /// Fetches the STE of <paramref name="streamId"/>: C_BAD_STREAMID when the StreamID is outside
    /// the table (or reaches an invalid L1STD, or lies beyond its Span), F_STE_FETCH when a fetch of
    /// the L1STD or the STE aborts. The STE itself is not validated here.
    /// </summary>
    public static bool TryFetch(SmmuRegisterFile registers, GuestMemory memory, uint streamId, out Ste ste, out ConfigurationFault fault)
    {
        ste = default;
        var tableBase = new StrtabBase(registers.Peek(StrtabBase.Info));
        var config = new StrtabBaseCfg((uint)registers.Peek(StrtabBaseCfg.Info));

        // IHI 0070 6.3.25: the range check and the indexing use MIN(LOG2SIZE, IDR1.SIDSIZE), so
        // StreamIDs the implementation cannot carry are always out of range; the base alignment
        // (6.3.24) uses LOG2SIZE as written.
        int written = config.Log2size;
        var log2Size = System.Math.Min(written, (int)registers.Ids.Idr1.Sidsize);
        if (log2Size < 32 && streamId >> log2Size != 0)
        {
            fault = ConfigurationFault.BadStreamId;
            return false;
        }

        ulong steAddress;
        var oas = SteValidity.OutputAddressBits(registers.Ids);

        // IHI 0070 6.3.25: FMT values other than 2-level, and any FMT without IDR0.ST_LEVEL, are linear.
        if (config.Fmt == StrtabBaseCfgFmt.TwoLevel && registers.Ids.Idr0.StLevel == Idr0StLevel.TwoLevel)
        {
            // SPLIT is 6, 8 or 10; other values behave as 6. With SPLIT >= LOG2SIZE there is one L1STD.
            var split = config.Split is StrtabBaseCfgSplit.Leaf4kb or StrtabBaseCfgSplit.Leaf16kb or StrtabBaseCfgSplit.Leaf64kb
                ? (int)config.Split
                : (int)StrtabBaseCfgSplit.Leaf4kb;
            var l1Base = NaturalAlignment.AlignDown(tableBase.Addr, System.Math.Max(3 + System.Math.Max(written - split, 0), 6));
            var l1Address = l1Base + ((ulong)(streamId >> split) * L1std.Size);
            L1std l1 = default;
            if (!AddressSizeEncoding.Fits(l1Address + L1std.Size - 1, oas) || !memory.TryReadRecord(l1Address, out l1).IsSuccess)
            {
                // IHI 0070 3.4.3, 5.2.1: an L1STD fetch is part of the STE fetch.
                fault = ConfigurationFault.SteFetch(l1Address);
                return false;
            }

            // IHI 0070 5.1: Span 0 is invalid and 12-31 are reserved (as 0); a Span above SPLIT + 1,
            // or a StreamID beyond the 2^(Span-1) STEs of the level-2 array, is C_BAD_STREAMID.
            int span = l1.Span;
            var index = streamId & ((1u << split) - 1);
            if (span == 0 || span > MaxSpan || span > split + 1 || index >> (span - 1) != 0)
            {
                fault = ConfigurationFault.BadStreamId;
                return false;
            }

            // IHI 0070 5.1: L2Ptr is aligned to the size of the level-2 array.
            steAddress = NaturalAlignment.AlignDown(l1.L2Ptr, StePow2 + span - 1) + ((ulong)index * Ste.Size);
        }
        else
        {
            // IHI 0070 3.3.1.1, 6.3.24: the linear table is aligned to its size.
            steAddress = NaturalAlignment.AlignDown(tableBase.Addr, StePow2 + written) + ((ulong)streamId * Ste.Size);
        }

        // IHI 0070 3.4.3: an STE beyond the OAS may be truncated or reported; this model reports it.
        if (!AddressSizeEncoding.Fits(steAddress + Ste.Size - 1, oas) || !memory.TryReadRecord(steAddress, out ste).IsSuccess)
        {
            fault = ConfigurationFault.SteFetch(steAddress);
            return false;
        }

        fault = default;
        return true;
    }

    private const int MaxSpan = 11;
    private const int StePow2 = 6; // 64-byte STEs
}
