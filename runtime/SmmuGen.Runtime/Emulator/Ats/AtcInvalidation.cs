using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Which ATC entries the ATS Invalidation Request of a CMD_ATC_INV removes (IHI 0070 4.5.1): the
/// span of 4096 * 2^Size bytes at Address, aligned to its size (Address[11+Size:0] taken as
/// zero; Size 52 spans 2^64 bytes, everything), and the PASID scope.
/// </summary>
/// <remarks>
/// PASID scope, as a PCIe ATC applies it: a request without a PASID (SSV = 0) invalidates every
/// entry in the span whatever PASID it was obtained with (there is no way to invalidate only the
/// non-PASID entries; Linux's arm-smmu-v3 relies on this for STE.S1DSS = SSID0); with SSV = 1 only
/// the entries of that PASID, unless the Global Invalidate flag (CMD_ATC_INV.Global, IGNORED when
/// SSV = 0) asks for those of every PASID. Entries obtained without a PASID are not tagged with a
/// PASID, so a Global request leaves them.
/// </remarks>
/// <param name="Start">The aligned start of the span.</param>
/// <param name="SpanBits">Log2 of the span in bytes, 12 to 64.</param>
/// <param name="SubstreamId">The PASID, or null when SSV = 0.</param>
/// <param name="Global">Global Invalidate with a PASID.</param>
public readonly record struct AtcInvalidation(ulong Start, int SpanBits, uint? SubstreamId, bool Global)
{
    private const int PageBits = 12;
    private const int AddressBits = 64;

    /// <summary>The invalidation a CMD_ATC_INV sends. Sizes above 52 (which the command queue refuses) span everything.</summary>
    public static AtcInvalidation From(in CmdAtcInv command)
    {
        var spanBits = System.Math.Min(PageBits + command.SizeField, AddressBits);
        var start = NaturalAlignment.AlignDown(command.Address, spanBits);
        return command.Ssv
            ? new AtcInvalidation(start, spanBits, command.SubstreamID, command.Global)
            : new AtcInvalidation(start, spanBits, null, false);
    }

    /// <summary>Whether <paramref name="entry"/> is removed.</summary>
    public bool Covers(in AtcEntry entry)
    {
        var pasidMatches = SubstreamId is not { } ssid
            || (Global ? entry.SubstreamId.HasValue : entry.SubstreamId == ssid);
        if (!pasidMatches)
        {
            return false;
        }

        // Both ranges are naturally aligned powers of two: they overlap when they agree above the larger.
        var bits = System.Math.Max(SpanBits, entry.SizeBits);
        return bits >= AddressBits || (Start >> bits) == (entry.UntranslatedBase >> bits);
    }
}
