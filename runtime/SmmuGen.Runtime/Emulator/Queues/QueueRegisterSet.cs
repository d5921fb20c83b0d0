using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The BASE/PROD/CONS registers of one SMMU queue and how they relate, all taken from the
/// generated types: which CR0 bit enables the queue, which IDR1 field limits LOG2SIZE, which
/// PROD/CONS bits hold the index and wrap flag, and which side (SMMU or software) owns each index.
/// </summary>
internal sealed record QueueRegisterSet(
    RegisterInfo Base,
    ulong Log2SizeMask,
    int Log2SizeShift,
    RegisterInfo Prod,
    ulong ProdIndexMask,
    RegisterInfo Cons,
    ulong ConsIndexMask,
    uint Cr0EnableMask,
    bool SmmuIsProducer)
{
    /// <summary>
    /// The Command queue: software produces, the SMMU consumes, so CMDQ_CONS is the register
    /// software may only write while CMDQEN is 0 (IHI 0070 6.3.28).
    /// </summary>
    public static QueueRegisterSet Command { get; } = new(
        CmdqBase.Info, CmdqBase.Log2sizeMask, CmdqBase.Log2sizeShift,
        CmdqProd.Info, CmdqProd.WrMask, CmdqCons.Info, CmdqCons.RdMask, Cr0.CmdqenMask, SmmuIsProducer: false);

    /// <summary>The Event queue: the SMMU produces, so EVENTQ_PROD is locked while EVENTQEN is 1 (IHI 0070 6.3.95).</summary>
    public static QueueRegisterSet Event { get; } = new(
        EventqBase.Info, EventqBase.Log2sizeMask, EventqBase.Log2sizeShift,
        EventqProd.Info, EventqProd.WrMask, EventqCons.Info, EventqCons.RdMask, Cr0.EventqenMask, SmmuIsProducer: true);

    /// <summary>The PRI queue: the SMMU produces, so PRIQ_PROD is locked while PRIQEN is 1 (IHI 0070 6.3.97).</summary>
    public static QueueRegisterSet Pri { get; } = new(
        PriqBase.Info, PriqBase.Log2sizeMask, PriqBase.Log2sizeShift,
        PriqProd.Info, PriqProd.WrMask, PriqCons.Info, PriqCons.RdMask, Cr0.PriqenMask, SmmuIsProducer: true);

    /// <summary>The three queues.</summary>
    public static QueueRegisterSet[] All { get; } = [Command, Event, Pri];

    /// <summary>The largest LOG2SIZE the implementation accepts for this queue (IDR1.CMDQS/EVENTQS/PRIQS).</summary>
    public int MaxLog2Size(Idr1 idr1) =>
        ReferenceEquals(this, Command) ? idr1.Cmdqs : ReferenceEquals(this, Event) ? idr1.Eventqs : idr1.Priqs;

    /// <summary>The LOG2SIZE currently programmed in the BASE register value.</summary>
    public int Log2Size(ulong baseValue) => (int)((baseValue & Log2SizeMask) >> Log2SizeShift);

    /// <summary>
    /// Bits of PROD/CONS that exist for a queue of 2^qs entries: the index bits [qs-1:0], the wrap
    /// flag at bit qs, and every non-index field; index bits above the wrap flag read as zero
    /// (IHI 0070 6.3.27–6.3.28, 6.3.95–6.3.98).
    /// </summary>
    public static ulong LiveMask(ulong indexMask, int qs) => ~indexMask | (indexMask & new QueueGeometry(qs).PointerMask);
}
