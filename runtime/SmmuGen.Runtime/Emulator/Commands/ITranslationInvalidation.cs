using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Where the Command queue sends TLB and ATC invalidations (IHI 0070 4.4, 4.5.1): the TLB of the
/// translation model, or a recorder in tests. Called under the device lock, in queue order; a
/// command reaching here has already passed the legality checks and is not IGNORED.
/// </summary>
public interface ITranslationInvalidation
{
    /// <summary>Performs a CMD_TLBI_* command; its opcode selects the scope (NH, EL2, S12, S2_IPA, NSNH).</summary>
    void InvalidateTlb(in Cmd command);

    /// <summary>
    /// Performs a CMD_ATC_INV: an ATS Invalidation Request to the endpoint of its StreamID.
    /// Returns true when the endpoint completed the invalidation, including with a UR response
    /// (IHI 0070 3.9.1.5: that completes without error); false when it did not complete, as on an
    /// ATS Invalidation Completion timeout (IHI 0070 3.9.1.4). A failure makes the next CMD_SYNC
    /// fail with CERROR_ATC_INV_SYNC (IHI 0070 4.7.3, 7.1).
    /// </summary>
    bool InvalidateAtc(in CmdAtcInv command);
}
