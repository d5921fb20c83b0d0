using System;
using System.Numerics;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// A queue the SMMU produces into and software consumes from (Event queue, PRI queue): the
/// SMMU owns PROD, software owns CONS, and both are index-plus-wrap-flag values whose width comes
/// from the queue's clamped BASE.LOG2SIZE (IHI 0070 3.5). Every register bit used here comes from
/// the generated types; the derived classes only say which registers and GERROR bits are theirs.
/// </summary>
/// <typeparam name="TRecord">The generated record the queue holds.</typeparam>
public abstract class OutputQueue<TRecord>
    where TRecord : struct, IRecord<TRecord>
{
    private readonly SmmuRegisterFile _registers;
    private readonly GuestMemory _memory;
    private readonly InterruptController _interrupts;
    private readonly QueueRegisterSet _set;
    private readonly ulong _baseAddrMask;
    private readonly uint _ackEnableMask;
    private readonly ulong _ovflgMask;
    private readonly ulong _ovackflgMask;
    private readonly uint _abortError;
    private readonly InterruptLine _line;
    private readonly int _prodShift;
    private readonly int _consShift;

    private protected OutputQueue(
        SmmuRegisterFile registers,
        GuestMemory memory,
        InterruptController interrupts,
        QueueRegisterSet set,
        ulong baseAddrMask,
        uint ackEnableMask,
        ulong ovflgMask,
        ulong ovackflgMask,
        uint abortError,
        InterruptLine line)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(interrupts);
        _registers = registers;
        _memory = memory;
        _interrupts = interrupts;
        _set = set;
        _baseAddrMask = baseAddrMask;
        _ackEnableMask = ackEnableMask;
        _ovflgMask = ovflgMask;
        _ovackflgMask = ovackflgMask;
        _abortError = abortError;
        _line = line;
        _prodShift = BitOperations.TrailingZeroCount(set.ProdIndexMask);
        _consShift = BitOperations.TrailingZeroCount(set.ConsIndexMask);
    }

    /// <summary>
    /// The queue is enabled: CR0ACK shows every bit of its enable mask (IHI 0070 6.3.10; for the
    /// PRI queue that includes SMMUEN, see <see cref="PriQueue"/>).
    /// </summary>
    public bool IsEnabled => (_registers.Peek(Cr0ack.Info) & _ackEnableMask) == _ackEnableMask;

    /// <summary>
    /// A write to the queue memory aborted and software has not acknowledged the queue's GERROR
    /// abort error yet: the queue is not writable (IHI 0070 7.2.1, 8.2). Acknowledging the error
    /// through GERRORN makes it writable again; re-enabling the queue does not, and a reset clears
    /// it with GERROR/GERRORN.
    /// </summary>
    public bool IsStopped => ((_registers.Peek(Gerror.Info) ^ _registers.Peek(Gerrorn.Info)) & _abortError) != 0;

    /// <summary>Number of entries: 2^LOG2SIZE, with LOG2SIZE already clamped to the IDR1 maximum.</summary>
    public int Capacity => 1 << Log2Size;

    /// <summary>PROD and CONS are equal: nothing for software to read.</summary>
    public bool IsEmpty => Geometry.IsEmpty(Prod, Cons);

    /// <summary>PROD and CONS have equal indexes and different wrap flags (IHI 0070 3.5.1).</summary>
    public bool IsFull => Geometry.IsFull(Prod, Cons);

    /// <summary>An overflow is pending: PROD.OVFLG differs from CONS.OVACKFLG (IHI 0070 7.4).</summary>
    public bool OverflowPending =>
        ((_registers.Peek(_set.Prod) & _ovflgMask) != 0) != ((_registers.Peek(_set.Cons) & _ovackflgMask) != 0);

    /// <summary>
    /// Whether a pending overflow keeps further records out even when there is room: true for the
    /// PRI queue (IHI 0070 8.1), false for the Event queue, which keeps recording (IHI 0070 7.4).
    /// </summary>
    private protected virtual bool OverflowInhibitsWrites => false;

    private int Log2Size => _set.Log2Size(_registers.Peek(_set.Base));

    private QueueGeometry Geometry => new(Log2Size);

    /// <summary>PROD's index and wrap flag, as one number.</summary>
    private ulong Prod => ((_registers.Peek(_set.Prod) & _set.ProdIndexMask) >> _prodShift) & Geometry.PointerMask;

    /// <summary>CONS's index and wrap flag, as one number.</summary>
    private ulong Cons => ((_registers.Peek(_set.Cons) & _set.ConsIndexMask) >> _consShift) & Geometry.PointerMask;

    /// <summary>
    /// Puts <paramref name="record"/> on the queue the way the SMMU does: at PROD, then PROD
    /// advances (index and wrap flag together). A disabled or stopped queue discards it; a full
    /// queue (or, for the PRI queue, one with an overflow pending) loses it and toggles PROD.OVFLG
    /// unless an overflow is already pending; an abort on the memory write raises the queue's
    /// GERROR abort error. The queue's interrupt fires when the queue goes from empty to non-empty.
    /// </summary>
    public QueueWriteResult TryWrite(in TRecord record) => TryWrite(record, reportLoss: true);

    /// <summary>
    /// As <see cref="TryWrite(in TRecord)"/>; with <paramref name="reportLoss"/> false a full queue
    /// leaves OVFLG alone: the caller keeps the record to write later, so nothing is lost
    /// (IHI 0070 7.2.1: the records of stalled transactions are never discarded).
    /// </summary>
    internal QueueWriteResult TryWrite(in TRecord record, bool reportLoss)
    {
        if (!IsEnabled || IsStopped)
        {
            return QueueWriteResult.Discarded;
        }

        var geometry = Geometry;
        var prod = Prod;
        var cons = Cons;
        var prodRaw = _registers.Peek(_set.Prod);
        var overflowPending = OverflowPending;
        if (geometry.IsFull(prod, cons) || (overflowPending && OverflowInhibitsWrites))
        {
            // IHI 0070 7.4, 8.1: a record that finds the queue full is lost. The overflow is reported
            // by toggling OVFLG so it differs from OVACKFLG; while one is pending (not yet
            // acknowledged by software copying OVFLG to OVACKFLG) further losses do not toggle it
            // again. On the PRI queue a pending overflow also keeps out records that would fit.
            if (!overflowPending && reportLoss)
            {
                _registers.Poke(_set.Prod, prodRaw ^ _ovflgMask);
            }

            return QueueWriteResult.Lost;
        }

        var baseAddress = geometry.AlignedBase(_registers.Peek(_set.Base), _baseAddrMask, TRecord.Size);
        var address = baseAddress + (geometry.Slot(prod) * (ulong)TRecord.Size);
        if (_memory.TryWriteRecord(address, in record).IsAbort)
        {
            // IHI 0070 7.2.2, 8.2: an abort on a queue write is reported in GERROR and the record
            // is lost. The abort is synchronous here: PROD does not move past the record. While the
            // abort error is unacknowledged the queue is not writable (7.2.1), see IsStopped.
            _interrupts.RaiseGlobalError(_abortError);
            return QueueWriteResult.Aborted;
        }

        var next = geometry.Next(prod);
        _registers.Poke(_set.Prod, (prodRaw & ~_set.ProdIndexMask) | (next << _prodShift));
        if (geometry.IsEmpty(prod, cons))
        {
            // IHI 0070 3.18.1: the queue interrupt signals that the queue became non-empty.
            _interrupts.Signal(_line);
        }

        return QueueWriteResult.Written;
    }
}
