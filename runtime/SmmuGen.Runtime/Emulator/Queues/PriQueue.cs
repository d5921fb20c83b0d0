using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The PRI queue (IHI 0070 8.1–8.2): 16-byte PCIe page requests, enabled by CR0.PRIQEN (present
/// with IDR0.PRI), reporting aborts as GERROR.PRIQ_ABT_ERR and overflow through PRIQ_PROD.OVFLG.
/// </summary>
/// <remarks>
/// <para>Two rules differ from the Event queue. IHI 0070 6.3.9.5: the effective PRIQEN is 0 while
/// SMMUEN is 0, so the queue takes records only when CR0ACK shows both. IHI 0070 8.1: an active
/// overflow condition (OVFLG differing from OVACKFLG) inhibits new entries even when there is
/// room, until software acknowledges it.</para>
/// <para>This class only writes the queue. The automatic PRG responses the SMMU owes the endpoint
/// for requests the queue does not take (IHI 0070 8.1, 8.2) are sent by
/// <see cref="Smmu.ReceivePageRequest"/>, which knows the STE (for STE.PPAR) and where responses go.</para>
/// </remarks>
public sealed class PriQueue : OutputQueue<Pri>
{
    /// <summary>Creates the PRI queue of the SMMU whose registers are <paramref name="registers"/>.</summary>
    public PriQueue(SmmuRegisterFile registers, GuestMemory memory, InterruptController interrupts)
        : base(
            registers, memory, interrupts, QueueRegisterSet.Pri, PriqBase.AddrMask, Cr0ack.PriqenMask | Cr0ack.SmmuenMask,
            PriqProd.OvflgMask, PriqCons.OvackflgMask, Gerror.PriqAbtErrMask, InterruptLine.PriQueue)
    {
    }

    private protected override bool OverflowInhibitsWrites => true;
}
