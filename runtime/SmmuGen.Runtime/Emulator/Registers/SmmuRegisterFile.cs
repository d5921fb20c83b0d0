using System;
using System.Collections.Generic;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The MMIO register file of an emulated SMMUv3 (Non-secure pages 0 and 1): what a driver sees
/// through 32- and 64-bit loads and stores. Every register of the spec is modelled with its
/// architected semantics (IHI 0070 chapter 6), driven by the generated types and metadata:
/// read-only registers ignore writes, RES0 bits read as zero and ignore writes, CR0 and
/// IRQ_CTRL updates complete into their ACK registers, GBPA (and the MPAM Update registers)
/// apply a write only with Update set, GERRORN acknowledges by toggling, queue and table base
/// registers are locked while their queue or the SMMU is enabled, and anything that is not a
/// register is RAZ/WI. Nothing here throws on a guest access.
/// </summary>
/// <remarks>
/// Reset values: architected values from the spec; IMPLEMENTATION DEFINED ones (ID registers,
/// GBPA) from <see cref="SmmuOptions"/>; registers and fields the architecture resets to an
/// UNKNOWN value (CR1, CR2, queue and table bases, PROD/CONS, IRQ_CFGn, …) reset to 0 in this
/// model, which is one of the values real hardware may show, and keeps runs deterministic.
/// Registers of features the options leave out (PRI queue without PRI, IRQ_CFGn without MSI,
/// GATOS/VATOS/MPAM/ECMDQ/AGBPA, which this model does not implement) are RES0: RAZ/WI.
/// </remarks>
public sealed class SmmuRegisterFile
{
    private const int AccessSize32 = 4;
    private const int AccessSize64 = 8;
    private const int HalfShift = 32;

    private static readonly IReadOnlyList<RegisterInfo> Registers = Smmuv3RegisterMap.All;

    private readonly Dictionary<RegisterInfo, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly ulong[] _values;
    private readonly ulong[] _implemented; // bits that exist in this implementation (architected ones minus absent features)
    private readonly int[] _mirrorAck;     // index of the register acknowledging this one by mirroring, or -1
    private readonly bool[] _absent;       // optional registers this implementation does not have (RES0)

    /// <summary>Creates the register file of an implementation and resets it.</summary>
    /// <exception cref="ArgumentException">The options describe no possible implementation.</exception>
    public SmmuRegisterFile(SmmuOptions? options = null)
    {
        Options = (options ?? new SmmuOptions()).Validate();
        Ids = IdRegisters.From(Options);
        _values = new ulong[Registers.Count];
        _implemented = new ulong[Registers.Count];
        _mirrorAck = new int[Registers.Count];
        _absent = new bool[Registers.Count];
        for (var i = 0; i < Registers.Count; i++)
        {
            _index[Registers[i]] = i;
            _implemented[i] = Registers[i].WidthMask & ~Registers[i].ReservedMask;
            _mirrorAck[i] = -1;
        }

        // Acknowledge registers come from the metadata: CR0ACK mirrors CR0, IRQ_CTRLACK mirrors IRQ_CTRL.
        for (var i = 0; i < Registers.Count; i++)
        {
            if (Registers[i].AckOf is { } of && Registers[i].AckKind == AckKind.Mirror && Smmuv3RegisterMap.FindByName(of) is { } target)
            {
                _mirrorAck[_index[target]] = i;
            }
        }

        RemoveAbsentFeatures();
        Reset();
    }

    /// <summary>The implementation's options.</summary>
    public SmmuOptions Options { get; }

    /// <summary>The ID registers the implementation reports.</summary>
    public IdRegisters Ids { get; }

    /// <summary>When set, every MMIO access is appended here (reads, writes, RAZ/WI, ignored writes).</summary>
    public ICollection<MmioAccess>? Trace { get; set; }

    /// <summary>
    /// Raised when a CR0 write takes effect, with the previous and new value, just before CR0ACK
    /// shows it. This is the one path a CR0 update completes through, so the parts of the model
    /// that react to SMMUEN and the queue enables (command processing, event queue) hook it here.
    /// </summary>
    public event Action<Cr0, Cr0>? Cr0Updated;

    /// <summary>Raised when an IRQ_CTRL write takes effect, before IRQ_CTRLACK shows it (same single path as CR0).</summary>
    public event Action<IrqCtrl, IrqCtrl>? IrqCtrlUpdated;

    /// <summary>
    /// Raised at the end of <see cref="Reset"/>, so device state that is not a register (the
    /// outcome of unsynchronised CMD_ATC_INVs) is reset with the registers whichever way the reset
    /// is requested. State derived from registers (an output queue stopped by an unacknowledged
    /// abort error) needs no hook: it follows GERROR/GERRORN back to their reset values.
    /// </summary>
    internal event Action? ResetCompleted;

    /// <summary>Puts every register back to its reset value (see the class remarks for UNKNOWN and IMPLEMENTATION DEFINED values).</summary>
    public void Reset()
    {
        for (var i = 0; i < Registers.Count; i++)
        {
            var r = Registers[i];
            var value = r.ResetValue & ~r.ResetUnknownMask & ~r.ResetImpdefMask;
            value |= ImplementationDefinedReset(r) & r.ResetImpdefMask;
            _values[i] = value & _implemented[i];
        }

        ResetCompleted?.Invoke();
    }

    /// <summary>A 32-bit load at <paramref name="page"/>:<paramref name="offset"/>; either half of a 64-bit register may be read.</summary>
    public uint Read32(int page, ulong offset)
    {
        var (i, shift) = Locate(page, offset, AccessSize32);
        var value = i < 0 ? 0u : (uint)(ReadValue(i) >> shift);
        Record(page, offset, AccessSize32, false, value, i < 0 ? MmioOutcome.RazWi : MmioOutcome.Register, i, offset);
        return value;
    }

    /// <summary>A 64-bit load; only a 64-bit register at its own offset answers, anything else is RAZ.</summary>
    public ulong Read64(int page, ulong offset)
    {
        var (i, _) = Locate(page, offset, AccessSize64);
        var value = i < 0 ? 0UL : ReadValue(i);
        Record(page, offset, AccessSize64, false, value, i < 0 ? MmioOutcome.RazWi : MmioOutcome.Register, i, offset);
        return value;
    }

    /// <summary>A 32-bit store; a store to one half of a 64-bit register leaves the other half as it was.</summary>
    public void Write32(int page, ulong offset, uint value)
    {
        var (i, shift) = Locate(page, offset, AccessSize32);
        var outcome = MmioOutcome.RazWi;
        if (i >= 0)
        {
            var half = (ulong)uint.MaxValue << shift;
            var merged = (_values[i] & ~half) | ((ulong)value << shift);
            outcome = WriteRegister(i, merged, half);
        }

        Record(page, offset, AccessSize32, true, value, outcome, i, offset);
    }

    /// <summary>A 64-bit store; only a 64-bit register at its own offset takes it, anything else is WI.</summary>
    public void Write64(int page, ulong offset, ulong value)
    {
        var (i, _) = Locate(page, offset, AccessSize64);
        var outcome = i < 0 ? MmioOutcome.RazWi : WriteRegister(i, value, ulong.MaxValue);
        Record(page, offset, AccessSize64, true, value, outcome, i, offset);
    }

    /// <summary>
    /// Raises global errors the way the SMMU does (IHI 0070 6.3.19): each GERROR bit in
    /// <paramref name="errors"/> is toggled only if that error is not already active (GERROR and
    /// GERRORN equal); an active error is not raised again until software acknowledges it.
    /// Returns the bits actually raised.
    /// </summary>
    internal uint RaiseGlobalError(uint errors)
    {
        var g = _index[Gerror.Info];
        var active = _values[g] ^ _values[_index[Gerrorn.Info]];
        var raise = errors & _implemented[g] & ~active;
        _values[g] ^= raise;
        return (uint)raise;
    }

    /// <summary>The stored value of a register, as the SMMU itself sees it (no trace).</summary>
    internal ulong Peek(RegisterInfo register) => _values[_index[register]];

    /// <summary>Sets a register from the SMMU's side (e.g. advancing CMDQ_CONS), bypassing software write rules but never setting RES0 bits.</summary>
    internal void Poke(RegisterInfo register, ulong value)
    {
        var i = _index[register];
        _values[i] = value & _implemented[i];
    }

    private ulong ImplementationDefinedReset(RegisterInfo r) =>
        ReferenceEquals(r, Idr0.Info) ? Ids.Idr0.Raw
        : ReferenceEquals(r, Idr1.Info) ? Ids.Idr1.Raw
        : ReferenceEquals(r, Idr2.Info) ? Ids.Idr2.Raw
        : ReferenceEquals(r, Idr3.Info) ? Ids.Idr3.Raw
        : ReferenceEquals(r, Idr4.Info) ? Ids.Idr4.Raw
        : ReferenceEquals(r, Idr5.Info) ? Ids.Idr5.Raw
        : ReferenceEquals(r, Iidr.Info) ? Ids.Iidr.Raw
        : ReferenceEquals(r, Aidr.Info) ? Ids.Aidr.Raw
        // IHI 0070 6.3.14: GBPA.Update resets to 0, the rest to IMPLEMENTATION DEFINED values.
        : ReferenceEquals(r, Gbpa.Info) ? Options.GbpaReset.WithUpdate(false).Raw
        : 0UL; // AGBPA, MPAMIDR, IDR6: not implemented here, so RES0.

    /// <summary>Removes the registers and fields of features this implementation does not have: they become RES0 (RAZ/WI).</summary>
    private void RemoveAbsentFeatures()
    {
        var o = Options;
        if (!o.Pri)
        {
            // IHI 0070 6.3.33–6.3.36, 6.3.97–6.3.98: the PRI queue registers exist only with IDR0.PRI.
            Absent(PriqBase.Info, PriqProd.Info, PriqCons.Info, PriqIrqCfg0.Info, PriqIrqCfg1.Info, PriqIrqCfg2.Info);
            AbsentFields(Cr0.Info, Cr0.PriqenMask);
            AbsentFields(Cr0ack.Info, Cr0ack.PriqenMask);
            AbsentFields(IrqCtrl.Info, IrqCtrl.PriqIrqenMask);
            AbsentFields(IrqCtrlack.Info, IrqCtrlack.PriqIrqenMask);
        }

        if (!o.Msi)
        {
            // IHI 0070 6.3.21–6.3.23, 6.3.30–6.3.36: the MSI configuration exists only with IDR0.MSI.
            Absent(GerrorIrqCfg0.Info, GerrorIrqCfg1.Info, GerrorIrqCfg2.Info, EventqIrqCfg0.Info, EventqIrqCfg1.Info, EventqIrqCfg2.Info, PriqIrqCfg0.Info, PriqIrqCfg1.Info);
            AbsentFields(PriqIrqCfg2.Info, PriqIrqCfg2.MemAttrMask | PriqIrqCfg2.ShMask); // PRIQ_IRQ_CFG2.LO concerns wired interrupts too.
        }

        if (!o.Ats)
        {
            AbsentFields(Cr0.Info, Cr0.AtschkMask); // IHI 0070 6.3.9: ATSCHK is RES0 without IDR0.ATS.
            AbsentFields(Cr0ack.Info, Cr0ack.AtschkMask);
        }

        if (!Ids.Idr0.Vmw)
        {
            AbsentFields(Cr0.Info, Cr0.VmwMask); // IHI 0070 6.3.9: VMW is RES0 without IDR0.VMW.
            AbsentFields(Cr0ack.Info, Cr0ack.VmwMask);
        }

        if (!Ids.Idr0.Hyp)
        {
            AbsentFields(Cr2.Info, Cr2.E2hMask); // IHI 0070 6.3.12: E2H is RES0 without IDR0.Hyp.
        }

        if (!Ids.Idr0.Atsrecerr)
        {
            AbsentFields(Cr2.Info, Cr2.RecCfgAtsMask); // IHI 0070 6.3.12: needs IDR0.ATSRECERR.
        }

        if (!Ids.Idr0.Dormhint)
        {
            AbsentFields(Statusr.Info, Statusr.DormantMask);
        }

        if (!Ids.Idr0.Atos)
        {
            Absent(GatosCtrl.Info, GatosSid.Info, GatosAddr.Info);
        }

        if (!Ids.Idr0.Vatos)
        {
            Absent(VatosSel.Info);
        }

        if (!Ids.Idr3.Mpam)
        {
            Absent(Mpamidr.Info, Gmpam.Info, Gbpmpam.Info);
        }

        if (!Ids.Idr1.Ecmdq)
        {
            Absent(Idr6.Info);
            AbsentFields(Gerror.Info, Gerror.CmdqpErrMask);
            AbsentFields(Gerrorn.Info, Gerrorn.CmdqpErrMask);
        }

        // IHI 0070 6.3.15: AGBPA is optional and RES0 when not implemented; this model has no extra attributes.
        Absent(Agbpa.Info);
    }

    private void Absent(params RegisterInfo[] registers)
    {
        foreach (var r in registers)
        {
            _implemented[_index[r]] = 0;
            _absent[_index[r]] = true;
        }
    }

    private void AbsentFields(RegisterInfo register, ulong fields) => _implemented[_index[register]] &= ~fields;

    /// <summary>Finds the register an access of <paramref name="size"/> bytes reaches, and the bit shift of the accessed half; -1 for RAZ/WI.</summary>
    private (int Index, int Shift) Locate(int page, ulong offset, int size)
    {
        if (offset % (ulong)size != 0 || Smmuv3RegisterMap.FindContaining(page, offset) is not { } r)
        {
            return (-1, 0);
        }

        var i = _index[r];
        if (_absent[i])
        {
            return (-1, 0); // an absent optional register: RES0
        }

        // IHI 0070 6.2: 64-bit registers may be accessed as one 64-bit access or as two 32-bit
        // halves; a 64-bit access to a 32-bit register is not a supported access (RAZ/WI here).
        return (size, r.Width) switch
        {
            (AccessSize64, 64) when offset == r.Offset => (i, 0),
            (AccessSize32, 32) => (i, 0),
            (AccessSize32, 64) => (i, offset == r.Offset ? 0 : HalfShift),
            _ => (-1, 0),
        };
    }

    private ulong ReadValue(int i) => _values[i] & LiveMask(i);

    /// <summary>Bits that exist right now: implemented bits minus PROD/CONS index bits above the queue's wrap flag.</summary>
    private ulong LiveMask(int i)
    {
        var r = Registers[i];
        foreach (var q in QueueRegisterSet.All)
        {
            if (ReferenceEquals(r, q.Prod) || ReferenceEquals(r, q.Cons))
            {
                var qs = q.Log2Size(_values[_index[q.Base]]);
                return _implemented[i] & QueueRegisterSet.LiveMask(ReferenceEquals(r, q.Prod) ? q.ProdIndexMask : q.ConsIndexMask, qs);
            }
        }

        return _implemented[i];
    }

    /// <summary>Applies a software write of a whole register value, restricted to the bits in <paramref name="accessed"/>.</summary>
    private MmioOutcome WriteRegister(int i, ulong written, ulong accessed)
    {
        var r = Registers[i];
        var mask = r.WritableMask & LiveMask(i) & accessed & ~LockedBits(r);
        if (mask == 0)
        {
            return MmioOutcome.Ignored;
        }

        if (r.SelfClearMask != 0 && (written & r.SelfClearMask & mask) == 0)
        {
            // IHI 0070 6.3.14 (GBPA), 6.3.42–6.3.43 (GMPAM, GBPMPAM): a write with Update clear
            // changes nothing. The self-clearing bit then completes at once and reads back 0.
            return MmioOutcome.Ignored;
        }

        if (ReferenceEquals(r, Gerrorn.Info))
        {
            // IHI 0070 6.3.20: software toggles a GERRORN bit only to acknowledge an active error;
            // toggling an inactive one is CONSTRAINED UNPREDICTABLE, and this model ignores it.
            mask &= _values[_index[Gerror.Info]] ^ _values[i];
        }

        var previous = _values[i];
        var next = ((previous & ~mask) | (written & mask)) & ~r.SelfClearMask;
        next = ClampQueueSize(r, next);
        _values[i] = next & _implemented[i];
        if (_mirrorAck[i] >= 0)
        {
            CompleteUpdate(i, previous);
        }

        return MmioOutcome.Register;
    }

    /// <summary>
    /// IHI 0070 6.3.26/6.3.29/6.3.33: a LOG2SIZE above the IDR1 maximum acts as, and reads back
    /// as, that maximum.
    /// </summary>
    private ulong ClampQueueSize(RegisterInfo r, ulong value)
    {
        foreach (var q in QueueRegisterSet.All)
        {
            if (ReferenceEquals(r, q.Base))
            {
                var max = q.MaxLog2Size(Ids.Idr1);
                if (q.Log2Size(value) > max)
                {
                    value = (value & ~q.Log2SizeMask) | ((ulong)max << q.Log2SizeShift);
                }
            }
        }

        return value;
    }

    /// <summary>
    /// The bits of a register software may not change right now because what they configure is
    /// in use (IHI 0070 6.3.11–6.3.12, 6.3.24–6.3.36, 6.3.95–6.3.98). The architecture makes such
    /// a write CONSTRAINED UNPREDICTABLE: either it is ignored, or the register takes the value
    /// with an UNPREDICTABLE effect on the SMMU's internal state; this model always takes the
    /// first option. Both the requested value (CR0) and the completed one (CR0ACK) count as
    /// enabled, so a lock holds during an update.
    /// </summary>
    private ulong LockedBits(RegisterInfo r)
    {
        var cr0 = new Cr0((uint)(_values[_index[Cr0.Info]] | _values[_index[Cr0ack.Info]]));
        var irq = new IrqCtrl((uint)(_values[_index[IrqCtrl.Info]] | _values[_index[IrqCtrlack.Info]]));
        const ulong All = ulong.MaxValue;

        if (ReferenceEquals(r, StrtabBase.Info) || ReferenceEquals(r, StrtabBaseCfg.Info) || ReferenceEquals(r, Cr2.Info))
        {
            return cr0.Smmuen ? All : 0;
        }

        if (ReferenceEquals(r, Cr1.Info))
        {
            var anyQueue = (cr0.Raw & (Cr0.CmdqenMask | Cr0.EventqenMask | Cr0.PriqenMask)) != 0;
            return (cr0.Smmuen ? Cr1.TableIcMask | Cr1.TableOcMask | Cr1.TableShMask : 0)
                | (anyQueue ? Cr1.QueueIcMask | Cr1.QueueOcMask | Cr1.QueueShMask : 0);
        }

        foreach (var q in QueueRegisterSet.All)
        {
            var enabled = (cr0.Raw & q.Cr0EnableMask) != 0;
            if (ReferenceEquals(r, q.Base))
            {
                return enabled ? All : 0;
            }

            // The index the SMMU advances is software-writable only while the queue is disabled.
            if (ReferenceEquals(r, q.SmmuIsProducer ? q.Prod : q.Cons))
            {
                return enabled ? All : 0;
            }
        }

        // IHI 0070 6.3.16: a source's IRQ_CFG registers may change only while its IRQEN is 0;
        // writes otherwise are CONSTRAINED UNPREDICTABLE, and this model ignores them.
        if (ReferenceEquals(r, GerrorIrqCfg0.Info) || ReferenceEquals(r, GerrorIrqCfg1.Info) || ReferenceEquals(r, GerrorIrqCfg2.Info))
        {
            return irq.GerrorIrqen ? All : 0;
        }

        if (ReferenceEquals(r, EventqIrqCfg0.Info) || ReferenceEquals(r, EventqIrqCfg1.Info) || ReferenceEquals(r, EventqIrqCfg2.Info))
        {
            return irq.EventqIrqen ? All : 0;
        }

        if (ReferenceEquals(r, PriqIrqCfg0.Info) || ReferenceEquals(r, PriqIrqCfg1.Info) || ReferenceEquals(r, PriqIrqCfg2.Info))
        {
            return irq.PriqIrqen ? All : 0;
        }

        return 0;
    }

    /// <summary>
    /// The single path through which a CR0 or IRQ_CTRL update completes: listeners see the old and
    /// new value, then the ACK register mirrors the new one. This functional model completes
    /// immediately (IHI 0070 6.3.10, 6.3.18: the ACK shows a field once its update took effect).
    /// </summary>
    private void CompleteUpdate(int i, ulong previous)
    {
        var r = Registers[i];
        if (ReferenceEquals(r, Cr0.Info))
        {
            Cr0Updated?.Invoke(new Cr0((uint)previous), new Cr0((uint)_values[i]));
        }
        else if (ReferenceEquals(r, IrqCtrl.Info))
        {
            IrqCtrlUpdated?.Invoke(new IrqCtrl((uint)previous), new IrqCtrl((uint)_values[i]));
        }

        var ack = _mirrorAck[i];
        _values[ack] = _values[i] & _implemented[ack];
    }

    private void Record(int page, ulong offset, int size, bool isWrite, ulong value, MmioOutcome outcome, int index, ulong at)
    {
        if (Trace is { } trace)
        {
            var reg = index >= 0 ? Registers[index] : Smmuv3RegisterMap.FindContaining(page, at);
            trace.Add(new MmioAccess(page, offset, size, isWrite, value, outcome, reg));
        }
    }
}
