namespace SmmuGen.Emulator;

/// <summary>
/// One incoming transaction as a client device presents it to the SMMU (IHI 0070 3.2): the
/// StreamID that selects its STE, an optional SubstreamID (a PCIe PASID) that selects its CD, the
/// input address, and its access attributes.
/// </summary>
/// <param name="StreamId">The StreamID.</param>
/// <param name="SubstreamId">The SubstreamID, or null when the transaction carries none (SSV = 0).</param>
/// <param name="Address">The input address (a VA for stage 1, an IPA for stage 2 only).</param>
/// <param name="Access">Read/write, instruction/data and privilege.</param>
public readonly record struct Transaction(uint StreamId, uint? SubstreamId, ulong Address, TransactionAccess Access)
{
    /// <summary>An ordinary access (the default), an ATS Translation Request, or an ATS Translated access.</summary>
    public TransactionKind Kind { get; init; }
}
