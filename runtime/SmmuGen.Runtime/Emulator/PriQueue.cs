using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The PRI queue (IHI 0070 8.1–8.2): 16-byte PCIe page requests, enabled by CR0.PRIQEN (present
/// with IDR0.PRI), reporting aborts as GERROR.PRIQ_ABT_ERR and overflow through PRIQ_PROD.OVFLG.
/// </summary>
/// <remarks>
/// A lost request with Last = 1 needs an automatic PRG response from the SMMU (IHI 0070 8.2, see
/// IDR0.PPS); that response belongs to the ATS/PRI side of the model, which sees
/// <see cref="QueueWriteResult.Lost"/> from <see cref="OutputQueue{TRecord}.TryWrite"/>.
/// </remarks>
public sealed class PriQueue : OutputQueue<Pri>
{
    /// <summary>Creates the PRI queue of the SMMU whose registers are <paramref name="registers"/>.</summary>
    public PriQueue(SmmuRegisterFile registers, GuestMemory memory, InterruptController interrupts)
        : base(
            registers, memory, interrupts, QueueRegisterSet.Pri, PriqBase.AddrMask, Cr0ack.PriqenMask,
            PriqProd.OvflgMask, PriqCons.OvackflgMask, Gerror.PriqAbtErrMask, InterruptLine.PriQueue)
    {
    }
}
