namespace SmmuGen.Emulator;

/// <summary>
/// The access a stage 2 leaf grants (Arm ARM stage 2 permissions; IHI 0070 3.3.5): S2AP read and
/// write, and XN. Without IDR3.XNX only the upper XN bit counts, for every privilege.
/// </summary>
/// <param name="S2ap">S2AP: bit 0 read, bit 1 write.</param>
/// <param name="ExecuteNever">XN[1].</param>
/// <param name="Dirtyable">DBM with STE.S2HD: a write without S2AP[1] is allowed and sets it (hardware dirty state).</param>
/// <param name="MemAttr">The stage 2 MemAttr; MemAttr[3:2] = 0 is Device memory (STE.S2PTW).</param>
internal readonly record struct Stage2Permissions(int S2ap, bool ExecuteNever, bool Dirtyable, int MemAttr)
{
    private const int Read = 0b01;
    private const int Write = 0b10;
    private const int XnUpperBit = 0b10;

    public static Stage2Permissions From(in WalkResult leaf, bool hardwareDirty)
    {
        var layout = leaf.Layout!;
        var d = leaf.Descriptor;
        return new Stage2Permissions(
            (int)DescriptorLayout.Get(layout.S2ap, d),
            ((int)DescriptorLayout.Get(layout.Xn, d) & XnUpperBit) != 0,
            hardwareDirty && DescriptorLayout.Flag(layout.Dbm, d),
            (int)DescriptorLayout.Get(layout.MemAttr, d));
    }

    /// <summary>
    /// Whether <paramref name="access"/> is allowed. An instruction fetch needs execute permission
    /// only, which without FEAT_XNX is XN[1] clear whatever S2AP says (Arm ARM stage 2 permissions:
    /// px = ux = NOT XN[1]; an instruction fetch faults only when execution is not permitted); a
    /// write needs write permission (or a dirty update); a data read needs read permission.
    /// </summary>
    public bool Allows(TransactionAccess access)
    {
        if (access.IsInstructionFetch)
        {
            return !ExecuteNever;
        }

        if (access.IsWrite)
        {
            return (S2ap & Write) != 0 || Dirtyable;
        }

        return (S2ap & Read) != 0;
    }

    private const int DeviceTypeShift = 2;

    /// <summary>Device memory: MemAttr[3:2] = 0b00 (Arm ARM stage 2 memory type encoding, S2FWB clear).</summary>
    public bool IsDevice => MemAttr >> DeviceTypeShift == 0;

    /// <summary>Whether a write needs the hardware dirty update.</summary>
    public bool WriteNeedsDirtyUpdate => Dirtyable && (S2ap & Write) == 0;

    /// <summary>The descriptor after a hardware dirty update: S2AP[1] set.</summary>
    public static ulong MakeDirty(DescriptorLayout layout, ulong descriptor) => descriptor | (((ulong)Write << layout.S2ap!.Lsb) & layout.S2ap.Mask);
}
