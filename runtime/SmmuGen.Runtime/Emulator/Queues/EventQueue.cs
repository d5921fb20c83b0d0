using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The Event queue (IHI 0070 7.2, 7.4): 32-byte event records the SMMU writes for faults and
/// configuration errors, enabled by CR0.EVENTQEN, reporting aborts as GERROR.EVENTQ_ABT_ERR.
/// </summary>
public sealed class EventQueue : OutputQueue<Evt>
{
    /// <summary>Creates the Event queue of the SMMU whose registers are <paramref name="registers"/>.</summary>
    public EventQueue(SmmuRegisterFile registers, GuestMemory memory, InterruptController interrupts)
        : base(
            registers, memory, interrupts, QueueRegisterSet.Event, EventqBase.AddrMask, Cr0ack.EventqenMask,
            EventqProd.OvflgMask, EventqCons.OvackflgMask, Gerror.EventqAbtErrMask, InterruptLine.EventQueue)
    {
    }
}
