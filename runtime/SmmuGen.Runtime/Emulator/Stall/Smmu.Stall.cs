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
    /// translation fault record): allocates a STAG and records the fault with Stall = 1. Null when
    /// it cannot stall — STALL_MAX transactions are already held, or the record could not be
    /// written (software could never resume it) — and the caller terminates it.
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
            if (EventQueue.TryWrite(record) != QueueWriteResult.Written)
            {
                Stalls.TryRemove(transaction.StreamId, stag, out _);
                return null;
            }

            return new TranslationResult(TranslationOutcome.Stalled, 0, record, EventRecorded: true) { Stag = stag };
        }
    }

    // CMD_RESUME (IHI 0070 4.7.1): a STAG naming no stalled transaction of the stream is ignored.
    internal bool ReleaseStall(uint streamId, ushort stag) => Stalls.TryRemove(streamId, stag, out _);

    // CMD_STALL_TERM (IHI 0070 4.7.2).
    internal int ReleaseStalls(uint streamId) => Stalls.RemoveStream(streamId).Count;
}
