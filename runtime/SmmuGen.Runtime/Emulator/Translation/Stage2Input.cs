using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The stage 2 walk an STE describes (IHI 0070 5.2): S2TTB, S2TG, S2SL0 and S2T0SZ, output
/// limited to MIN(S2PS, OAS). An IPA at or above 2^(64-S2T0SZ) is a stage 2 Translation fault.
/// </summary>
internal static class Stage2Input
{
    public static WalkParameters Of(in Ste ste, in IdRegisters ids)
    {
        // The STE was validated: the granule and starting level exist.
        var granule = TranslationGranule.FromStage2(ste.S2tg)!.Value;
        var inputBits = 64 - ste.S2t0sz;
        var oas = SteValidity.OutputAddressBits(ids);
        var outputBits = System.Math.Min(AddressSizeEncoding.ToBits((int)ste.S2ps), oas);
        return new WalkParameters(2, granule, granule.Stage2StartLevel(ste.S2sl0)!.Value, inputBits, ste.S2ttb, outputBits, ste.S2endi, HierarchicalDisabled: true, oas);
    }

    public static bool InRange(in WalkParameters p, ulong ipa) => AddressSizeEncoding.Fits(ipa, p.InputBits);
}
