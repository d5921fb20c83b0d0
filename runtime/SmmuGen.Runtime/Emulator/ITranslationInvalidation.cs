using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Where the Command queue sends TLB and ATC invalidations (IHI 0070 4.4, 4.5.1): the TLB of the
/// translation model, or a recorder in tests. Called under the device lock, in queue order; a
/// command reaching here has already passed the legality checks.
/// </summary>
public interface ITranslationInvalidation
{
    /// <summary>Performs a CMD_TLBI_* command; its opcode selects the scope (NH, EL2, S12, S2_IPA, NSNH).</summary>
    void InvalidateTlb(in Cmd command);

    /// <summary>Performs a CMD_ATC_INV: an ATS Invalidation Request to the endpoint of its StreamID.</summary>
    void InvalidateAtc(in CmdAtcInv command);
}
