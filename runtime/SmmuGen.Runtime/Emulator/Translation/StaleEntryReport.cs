namespace SmmuGen.Emulator;

/// <summary>Which cache served a stale entry.</summary>
public enum StaleEntryKind
{
    /// <summary>The configuration cache's STE differs from the STE in the Stream table: a CMD_CFGI_STE is missing.</summary>
    Ste,

    /// <summary>The configuration cache's CD differs from the CD in memory: a CMD_CFGI_CD is missing.</summary>
    Cd,

    /// <summary>The TLB's translation differs from a walk of the tables: a CMD_TLBI_* is missing.</summary>
    Tlb,
}

/// <summary>
/// A cached entry that a transaction used although memory now says otherwise: the driver changed
/// an STE, CD or translation table without the invalidation (and CMD_SYNC) the change needs.
/// Reported by <see cref="Smmu.CheckingMode"/>, which no hardware offers: it is how a driver
/// developer finds a missing CMD_CFGI_* or CMD_TLBI_*.
/// </summary>
/// <param name="Kind">The cache that served the stale entry.</param>
/// <param name="StreamId">The stream of the transaction.</param>
/// <param name="SubstreamId">Its SubstreamID, if any.</param>
/// <param name="Address">The input address.</param>
/// <param name="Detail">What differs, in words: the cached and the current value.</param>
public readonly record struct StaleEntryReport(StaleEntryKind Kind, uint StreamId, uint? SubstreamId, ulong Address, string Detail);
