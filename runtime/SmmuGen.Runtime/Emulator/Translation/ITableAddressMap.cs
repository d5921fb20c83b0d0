namespace SmmuGen.Emulator;

/// <summary>
/// Maps the address of a structure the SMMU reads or updates — a translation table descriptor,
/// a CD or an L1CD — to the physical address to access: the identity, or where stage 2 applies a
/// stage 2 translation of the IPA (IHI 0070 3.3.3, 3.3.6; CLASS TT or CD), which raises its own
/// fault on failure.
/// </summary>
internal interface ITableAddressMap
{
    bool TryMap(ulong address, bool write, out ulong physicalAddress);
}

/// <summary>The identity map: tables are at physical addresses.</summary>
internal struct PhysicalTables : ITableAddressMap
{
    public readonly bool TryMap(ulong address, bool write, out ulong physicalAddress)
    {
        physicalAddress = address;
        return true;
    }
}
