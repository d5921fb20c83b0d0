using System.Collections.Generic;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The stall model's core (IHI 0070 3.12.2, 5.5): a translation fault of a stage whose CD.S or
/// STE.S2S is set holds the transaction instead of terminating it, records the fault with Stall
/// and a STAG, and keeps it until CMD_RESUME retries or aborts it or CMD_STALL_TERM ends the
/// stream's stalls. What happens to the held transaction then is the stall model's business
/// (<see cref="IStallAndPri"/>): this is the seam the fault pipeline plugs into.
/// </summary>
public sealed partial class Smmu
{
    private readonly Queue<Evt> _pendingStallRecords = new();
    private StallTable? _stalls;

    /// <summary>The transactions currently stalled, for diagnostics and device models.</summary>
    public IReadOnlyList<StalledTransaction> StalledTransactions
    {
        get
        {
            lock (_lock)
            {
                return Stalls.Snapshot();
            }
        }
    }

    private StallTable Stalls => _stalls ??= new StallTable(Registers.Ids.Idr5.StallMax);

    /// <summary>
    /// Holds <paramref name="transaction"/> stalled for <paramref name="fault"/> (a stallable
    /// translation fault record): allocates a STAG and records the fault with Stall = 1. A record
    /// the Event queue cannot take now is kept and written once it can (IHI 0070 7.2.1: the
    /// records of stalled transactions are not discarded); the transaction stays stalled. Null
    /// when STALL_MAX transactions are already held: the caller terminates this one.
    /// </summary>
    internal TranslationResult? TryStall(in Transaction transaction, Evt fault)
    {
        lock (_lock)
        {
            if (!Stalls.TryAdd(transaction, out var stag))
            {
                return null;
            }

            var variant = Evt.Info.FindVariant((ulong)fault.EventId)!;
            var record = new EventRecordBuilder(fault, variant).Set("Stall", 1).Set("STAG", stag).ToEvt();
            _pendingStallRecords.Enqueue(record);
            FlushStallRecords();
            var written = _pendingStallRecords.Count == 0;
            return new TranslationResult(TranslationOutcome.Stalled, 0, record, written) { Stag = stag };
        }
    }

    // Writes the kept stall records, oldest first, while the Event queue takes them. Called under
    // the lock after every MMIO write (software may have made room or enabled the queue).
    private void FlushStallRecords()
    {
        while (_pendingStallRecords.TryPeek(out var record) && EventQueue.TryWrite(record, reportLoss: false) == QueueWriteResult.Written)
        {
            _pendingStallRecords.Dequeue();
        }
    }

    // IHI 0070 3.12.2: clearing SMMUEN terminates every stalled transaction; the stall model hears
    // it as a CMD_STALL_TERM of each stream that had stalls.
    private void TerminateAllStalls()
    {
        if (_stalls is null || _stalls.Count == 0)
        {
            _pendingStallRecords.Clear();
            return;
        }

        var streams = new SortedSet<uint>();
        foreach (var s in _stalls.Snapshot())
        {
            streams.Add(s.Transaction.StreamId);
        }

        _stalls.Clear();
        _pendingStallRecords.Clear();
        foreach (var sid in streams)
        {
            StallAndPri?.TerminateStalls(CmdStallTerm.Create().WithStreamID(sid));
        }
    }

    // CMD_RESUME (IHI 0070 4.7.1): a STAG naming no stalled transaction of the stream is ignored.
    internal bool ReleaseStall(uint streamId, ushort stag) => Stalls.TryRemove(streamId, stag, out _);

    // CMD_STALL_TERM (IHI 0070 4.7.2).
    internal int ReleaseStalls(uint streamId) => Stalls.RemoveStream(streamId).Count;
}
