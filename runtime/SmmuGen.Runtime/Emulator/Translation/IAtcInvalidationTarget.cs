using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The endpoints' Address Translation Caches as the SMMU reaches them (IHI 0070 3.9.1, 4.5.1):
/// CMD_ATC_INV becomes a PCIe ATS Invalidation Request to the endpoint of its StreamID.
/// </summary>
public interface IAtcInvalidationTarget
{
    /// <summary>Invalidates the ATC entries the command names; false when the endpoint failed to complete the invalidation.</summary>
    bool Invalidate(in CmdAtcInv command);
}
