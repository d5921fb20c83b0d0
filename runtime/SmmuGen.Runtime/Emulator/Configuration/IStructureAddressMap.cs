namespace SmmuGen.Emulator;

/// <summary>
/// Maps the address of a configuration structure (a CD or L1CD) to the physical address the
/// SMMU fetches from: the identity when stage 2 does not apply, a stage 2 translation of the IPA
/// for a nested STE (IHI 0070 3.3.3). A failed mapping has already raised its own fault.
/// </summary>
internal interface IStructureAddressMap
{
    bool TryMap(ulong address, out ulong physicalAddress);
}
