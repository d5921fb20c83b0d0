namespace SmmuGen.Emulator;

/// <summary>
/// Maps the address of a translation table descriptor to the physical address to access: the
/// identity, or for a nested stage 1 walk a stage 2 translation of the IPA (IHI 0070 3.3.6,
/// CLASS = TT), which raises its own fault on failure.
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
