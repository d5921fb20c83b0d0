using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The access a stage 1 leaf grants (IHI 0070 3.3.5 and the Arm ARM's VMSAv8-64 permission
/// model): AP[2:1], PXN/UXN with the hierarchical limits, and the CD's WXN and PAN. Kept as
/// data so a TLB entry can answer any later access without the descriptors.
/// </summary>
/// <param name="Ap">AP[2:1]: bit 0 grants unprivileged access, bit 1 makes the page read-only.</param>
/// <param name="Pxn">Privileged execute never (leaf or PXNTable).</param>
/// <param name="Uxn">Unprivileged execute never (leaf or UXNTable); XN in the EL2 regime.</param>
/// <param name="TableNoUnprivileged">APTable[0] above the leaf.</param>
/// <param name="TableReadOnly">APTable[1] above the leaf.</param>
/// <param name="Dirtyable">DBM with CD.HD: a write to the read-only page is allowed and makes it writable (hardware dirty state).</param>
internal readonly record struct Stage1Permissions(int Ap, bool Pxn, bool Uxn, bool TableNoUnprivileged, bool TableReadOnly, bool Dirtyable)
{
    private const int ApUnprivileged = 0b01;
    private const int ApReadOnly = 0b10;

    public static Stage1Permissions From(in WalkResult leaf, bool hardwareDirty)
    {
        var layout = leaf.Layout!;
        var d = leaf.Descriptor;
        return new Stage1Permissions(
            (int)DescriptorLayout.Get(layout.Ap, d),
            DescriptorLayout.Flag(layout.Pxn, d) || leaf.Limits.PrivilegedExecuteNever,
            DescriptorLayout.Flag(layout.Uxn, d) || leaf.Limits.UnprivilegedExecuteNever,
            leaf.Limits.NoUnprivileged,
            leaf.Limits.ReadOnly,
            hardwareDirty && DescriptorLayout.Flag(layout.Dbm, d));
    }

    /// <summary>
    /// Whether <paramref name="access"/> is allowed in <paramref name="world"/> with the CD's
    /// WXN and PAN. The EL2 regime has one privilege level: AP[1] and PXN do not apply and every
    /// access counts as privileged.
    /// </summary>
    public bool Allows(TransactionAccess access, StreamWorld world, bool wxn, bool pan)
    {
        var singlePrivilege = world == StreamWorld.El2;
        var privileged = singlePrivilege || access.IsPrivileged;
        var unprivilegedAccess = !singlePrivilege && (Ap & ApUnprivileged) != 0 && !TableNoUnprivileged;
        var writable = !TableReadOnly && ((Ap & ApReadOnly) == 0 || Dirtyable);

        if (access.IsInstructionFetch)
        {
            // WXN: memory writable at the fetching privilege never executes there (the Arm ARM
            // removes execute permission where WXN meets that privilege's write permission, so
            // privileged-only writable memory stays executable, execute-only, to unprivileged code).
            // Privileged code never executes memory that unprivileged code can write (the Arm
            // ARM's implicit PXN).
            if (!privileged)
            {
                return !Uxn && !(wxn && unprivilegedAccess && writable);
            }

            if (wxn && writable)
            {
                return false;
            }

            return !(singlePrivilege ? Uxn : Pxn) && !(unprivilegedAccess && writable);
        }

        if (!privileged && !unprivilegedAccess)
        {
            return false;
        }

        // PAN: privileged data accesses to memory unprivileged code can reach are refused.
        if (privileged && !singlePrivilege && pan && unprivilegedAccess)
        {
            return false;
        }

        return !access.IsWrite || writable;
    }

    /// <summary>Whether a write needs the hardware dirty update (the page is read-only by AP[2] and DBM allows it).</summary>
    public bool WriteNeedsDirtyUpdate => Dirtyable && (Ap & ApReadOnly) != 0;

    /// <summary>The AP encoding a hardware dirty update writes: AP[2] cleared.</summary>
    public static ulong MakeDirty(DescriptorLayout layout, ulong descriptor) => descriptor & ~(((ulong)ApReadOnly << layout.Ap!.Lsb) & layout.Ap.Mask);
}
