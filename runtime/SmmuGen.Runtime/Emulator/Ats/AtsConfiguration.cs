using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>How an STE and the SMMU's controls enable ATS for a stream (IHI 0070 3.9.1, 3.9.2, 5.2 EATS).</summary>
internal static class AtsConfiguration
{
    /// <summary>
    /// The effective STE.EATS of a valid STE whose Config lets traffic pass: ABORT (0b00) with
    /// Config BYPASS, whose EATS is IGNORED (5.2 Config); SPLIT behaves as 0b00 while
    /// CR0.ATSCHK is clear (5.2 EATS, 3.9.2); 0b11 (full ATS with DPT checks) is reserved and
    /// behaves as 0b00 without IDR3.DPT, which this model does not implement.
    /// </summary>
    public static SteEats EffectiveEats(in Ste ste, bool atsCheck)
    {
        if (ste.Config == SteConfig.Bypass)
        {
            return SteEats.Abort;
        }

        return ste.Eats switch
        {
            SteEats.Full => SteEats.Full,
            SteEats.Split when atsCheck => SteEats.Split,
            _ => SteEats.Abort,
        };
    }

    /// <summary>
    /// Log2 of the Smallest Translation Unit (IHI 0070 3.9.1): the smallest translation granule
    /// IDR5 reports.
    /// </summary>
    public static int SmallestTranslationUnitBits(in IdRegisters ids) =>
        ids.Idr5.Gran4k ? 12 : ids.Idr5.Gran16k ? 14 : 16;
}
