using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>Checking mode: reporting every use of a cached entry that memory no longer agrees with.</summary>
public sealed partial class Smmu
{
    private readonly ConcurrentQueue<StaleEntryReport> _staleEntries = new();
    private volatile bool _checkingMode;

    /// <summary>
    /// Off by default. When on, every STE and CD served from the configuration cache is compared
    /// with the structure in memory, and every translation served from the TLB with a fresh walk;
    /// each difference is a <see cref="StaleEntryReport"/>. The transaction still uses the cached
    /// entry, as hardware would: the report says the driver forgot an invalidation.
    /// </summary>
    public bool CheckingMode
    {
        get => _checkingMode;
        set => _checkingMode = value;
    }

    /// <summary>Raised for each stale entry checking mode finds, on the transaction's thread.</summary>
    public event Action<StaleEntryReport>? StaleEntryDetected;

    /// <summary>The stale entries checking mode has found, oldest first.</summary>
    public IReadOnlyCollection<StaleEntryReport> StaleEntries => _staleEntries;

    /// <summary>Records a stale entry (the translation engine reports TLB entries here).</summary>
    public void ReportStale(in StaleEntryReport report)
    {
        _staleEntries.Enqueue(report);
        StaleEntryDetected?.Invoke(report);
    }

    private void CheckCachedSte(in Transaction transaction, in Ste cached)
    {
        string detail;
        if (!StreamTable.TryFetch(Registers, Memory, transaction.StreamId, out var current, out var fault))
        {
            detail = $"the cached {cached} was used but the Stream table lookup now gives {fault.Event}";
        }
        else if (current != cached)
        {
            detail = $"the cached {cached} was used but memory now holds {current}";
        }
        else
        {
            return;
        }

        ReportStale(new StaleEntryReport(StaleEntryKind.Ste, transaction.StreamId, transaction.SubstreamId, transaction.Address, detail));
    }

    private void CheckCachedCd(in Transaction transaction, in StreamContext context, in Cd cached)
    {
        // A nested STE's CD sits at an IPA; reading it would need a stage 2 walk with side effects
        // (faults, TLB fills), so only CDs at physical addresses are checked.
        if (context.Stage2)
        {
            return;
        }

        var map = default(PhysicalTables);
        var ids = Registers.Ids;
        var status = ContextDescriptorTable.TryFetch(Memory, context.Ste, context.SubstreamId.GetValueOrDefault(), SubstreamsEnabled(context.Ste, ids), CdTableAddressBits(context, ids), ref map, out var current, out var fault);
        string detail;
        if (status != CdFetchStatus.Fetched)
        {
            detail = $"the cached {cached} was used but the CD table lookup now gives {fault.Event}";
        }
        else if (current != cached)
        {
            detail = $"the cached {cached} was used but memory now holds {current}";
        }
        else
        {
            return;
        }

        ReportStale(new StaleEntryReport(StaleEntryKind.Cd, transaction.StreamId, transaction.SubstreamId, transaction.Address, detail));
    }
}
