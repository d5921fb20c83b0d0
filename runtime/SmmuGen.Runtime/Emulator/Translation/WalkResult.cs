namespace SmmuGen.Emulator;

/// <summary>
/// The leaf a table walk reached, or where it failed. For a leaf: its descriptor and where it
/// lives (for hardware updates and stale-entry checks), the level, the output address of the
/// whole transaction, and the hierarchical limits gathered from the tables above it.
/// </summary>
internal readonly record struct WalkResult(
    WalkFault Fault,
    int Level,
    ulong OutputAddress,
    ulong Descriptor,
    ulong DescriptorAddress,
    DescriptorLayout? Layout,
    HierarchicalLimits Limits)
{
    /// <summary>The walk reached a leaf.</summary>
    public bool Succeeded => Fault == WalkFault.None;

    /// <summary>Log2 of the size the leaf maps (page or block).</summary>
    public int BlockBits { get; init; }

    /// <summary>The leaf descriptor's address as the walk addressed it (an IPA in a nested stage 1 walk).</summary>
    public ulong DescriptorInputAddress { get; init; }

    /// <summary>For <see cref="WalkFault.ExternalAbort"/>: the physical address of the descriptor access that aborted.</summary>
    public ulong FetchAddress { get; init; }

    public static WalkResult Failed(WalkFault fault, int level, ulong fetchAddress = 0) =>
        new(fault, level, 0, 0, 0, null, default) { FetchAddress = fetchAddress };
}

/// <summary>
/// The stage 1 hierarchical permission limits (APTable, PXNTable, UXNTable) accumulated over the
/// table descriptors of a walk (Arm ARM VMSAv8-64 hierarchical permissions; ignored with CD.HADx).
/// </summary>
/// <param name="NoUnprivileged">Some APTable[0] was set: no unprivileged access below.</param>
/// <param name="ReadOnly">Some APTable[1] was set: no write access below.</param>
/// <param name="PrivilegedExecuteNever">Some PXNTable was set.</param>
/// <param name="UnprivilegedExecuteNever">Some UXNTable (XNTable) was set.</param>
internal readonly record struct HierarchicalLimits(bool NoUnprivileged, bool ReadOnly, bool PrivilegedExecuteNever, bool UnprivilegedExecuteNever);
