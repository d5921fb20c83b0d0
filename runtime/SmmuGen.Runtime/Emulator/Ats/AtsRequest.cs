namespace SmmuGen.Emulator;

/// <summary>
/// What a PCIe ATS Translation Request asks for (IHI 0070 3.9.1, 13.7): read access is always
/// implied; <paramref name="Write"/> is the inverse of the No-Write (NW) flag; Execute_Requested
/// and Privileged_Mode_Requested travel in the PASID prefix, so a request without a SubstreamID
/// asks for neither and the SMMU treats them as clear.
/// </summary>
/// <param name="Write">NW = 0: the endpoint intends to write (and a writable-clean page may be made dirty).</param>
/// <param name="Execute">Exe: execute permission is requested (PASID-tagged requests only).</param>
/// <param name="Privileged">Priv: the request comes from a privileged entity (PASID-tagged requests only).</param>
public readonly record struct AtsRequest(bool Write = false, bool Execute = false, bool Privileged = false)
{
    /// <summary>A read-only request (NW = 1), unprivileged, without execute.</summary>
    public static AtsRequest Read => default;

    /// <summary>A read/write request (NW = 0), unprivileged, without execute.</summary>
    public static AtsRequest ReadWrite => new(Write: true);

    /// <summary>
    /// The request as an incoming transaction's attributes: RnW from NW, InD from Exe and PnU from
    /// Priv. Unlike an ordinary access, a request may ask for write and execute together, so
    /// <see cref="TransactionAccess.IsInstruction"/> carries Exe even when <see cref="Write"/> is set.
    /// </summary>
    internal TransactionAccess ToAccess() => new(Write, Execute, Privileged);
}
