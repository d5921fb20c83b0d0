using System;
using System.Collections.Generic;
using System.Threading;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// A PCIe endpoint's Address Translation Cache for one StreamID (IHI 0070 3.9.1): it fills on
/// demand with ATS Translation Requests to the SMMU, caches the completions that grant access
/// (keyed by PASID, privilege and untranslated range), and issues DMA as Translated accesses
/// through the SMMU to guest memory. CMD_ATC_INV reaches it through <see cref="AtcEndpoints"/>.
/// </summary>
/// <remarks>
/// <para>Thread-safe. The cache has its own lock, never held while calling the SMMU: the SMMU
/// delivers invalidations under its MMIO lock, so holding the cache lock across a Translation
/// Request (which may take that lock to record an event) could deadlock.</para>
/// <para>A Translation Request that an invalidation overtakes is not cached and is sent again,
/// as PCIe ATS requires of an ATC (a completion received while an overlapping invalidation was
/// outstanding may be stale). An access already past its ATC lookup when an invalidation
/// completes is not waited for: the model does not hold invalidation completion back for
/// Translated accesses in flight.</para>
/// </remarks>
public sealed class AtcEndpoint
{
    /// <summary>The number of entries when none is given.</summary>
    public const int DefaultCapacity = 64;

    private const int MaxRequestAttempts = 16;

    private readonly object _lock = new();
    private readonly List<AtcEntry> _entries = [];
    private long _invalidations;
    private int _translationRequests;
    private int _invalidationRequests;
    private volatile bool _failInvalidations;

    /// <summary>Creates the ATC of the endpoint whose transactions carry <paramref name="streamId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public AtcEndpoint(Smmu smmu, uint streamId, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(smmu);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Smmu = smmu;
        StreamId = streamId;
        Capacity = capacity;
    }

    /// <summary>The SMMU the endpoint's Root Complex forwards to.</summary>
    public Smmu Smmu { get; }

    /// <summary>The endpoint's StreamID (its RequesterID).</summary>
    public uint StreamId { get; }

    /// <summary>How many translations the ATC holds at most; the oldest is evicted first.</summary>
    public int Capacity { get; }

    /// <summary>
    /// When set, the endpoint does not complete ATS Invalidation Requests (it leaves its entries
    /// and <see cref="Invalidate"/> returns false), as a timed-out endpoint: the CMD_SYNC after
    /// the CMD_ATC_INV then fails with CERROR_ATC_INV_SYNC (IHI 0070 3.9.1.4).
    /// </summary>
    public bool FailInvalidations
    {
        get => _failInvalidations;
        set => _failInvalidations = value;
    }

    /// <summary>How many Translation Requests the endpoint has sent.</summary>
    public int TranslationRequestCount => Volatile.Read(ref _translationRequests);

    /// <summary>How many ATS Invalidation Requests the endpoint has received, completed or not.</summary>
    public int InvalidationRequestCount => Volatile.Read(ref _invalidationRequests);

    /// <summary>A copy of the cached translations, oldest first.</summary>
    public IReadOnlyList<AtcEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>The cached translation of <paramref name="address"/> for requests tagged with <paramref name="substreamId"/> at <paramref name="privileged"/>.</summary>
    public bool TryLookup(uint? substreamId, ulong address, bool privileged, out AtcEntry entry)
    {
        lock (_lock)
        {
            foreach (var e in _entries)
            {
                if (e.Matches(substreamId, privileged, address))
                {
                    entry = e;
                    return true;
                }
            }
        }

        entry = default;
        return false;
    }

    /// <summary>
    /// Sends a Translation Request for <paramref name="address"/> and caches the completion when
    /// it grants some access (a no-access completion is never cached: the next access asks
    /// again, as after a page-in). Returns the completion.
    /// </summary>
    public AtsCompletion RequestTranslation(uint? substreamId, ulong address, AtsRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = Interlocked.Read(ref _invalidations);
            Interlocked.Increment(ref _translationRequests);
            var completion = Smmu.TranslateAts(StreamId, substreamId, address, request);
            if (!completion.GrantsAccess || TryInsert(AtcEntry.From(substreamId, address, completion), before) || attempt == MaxRequestAttempts)
            {
                return completion;
            }
        }
    }

    /// <summary>
    /// DMA read of <paramref name="destination"/>.Length bytes at the untranslated
    /// <paramref name="address"/>: each 4KB piece is translated by the ATC (a Translation Request
    /// on a miss), then read as a Translated access through the SMMU. Stops at the first failure.
    /// </summary>
    /// <param name="substreamId">The PASID the DMA carries, or null.</param>
    /// <param name="address">The untranslated (input) address.</param>
    /// <param name="destination">Where the data goes.</param>
    /// <param name="privileged">Privileged DMA; meaningful only with a PASID, which carries the flag.</param>
    public AtcDmaStatus Read(uint? substreamId, ulong address, Span<byte> destination, bool privileged = false)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var current = address + (ulong)done;
            var length = PieceLength(current, destination.Length - done);
            var status = Resolve(substreamId, current, write: false, privileged, out var output);
            if (status != AtcDmaStatus.Completed)
            {
                return status;
            }

            if (!Smmu.Memory.TryRead(output, destination.Slice(done, length)).IsSuccess)
            {
                return AtcDmaStatus.MemoryAborted;
            }

            done += length;
        }

        return AtcDmaStatus.Completed;
    }

    /// <summary>DMA write of <paramref name="source"/> at the untranslated <paramref name="address"/>; see <see cref="Read"/>.</summary>
    public AtcDmaStatus Write(uint? substreamId, ulong address, ReadOnlySpan<byte> source, bool privileged = false)
    {
        var done = 0;
        while (done < source.Length)
        {
            var current = address + (ulong)done;
            var length = PieceLength(current, source.Length - done);
            var status = Resolve(substreamId, current, write: true, privileged, out var output);
            if (status != AtcDmaStatus.Completed)
            {
                return status;
            }

            if (!Smmu.Memory.TryWrite(output, source.Slice(done, length)).IsSuccess)
            {
                return AtcDmaStatus.MemoryAborted;
            }

            done += length;
        }

        return AtcDmaStatus.Completed;
    }

    /// <summary>
    /// Performs an ATS Invalidation Request (IHI 0070 4.5.1; see <see cref="AtcInvalidation"/> for
    /// its scope). Returns false, invalidating nothing, when <see cref="FailInvalidations"/> is set.
    /// </summary>
    public bool Invalidate(in CmdAtcInv command)
    {
        Interlocked.Increment(ref _invalidationRequests);
        if (FailInvalidations)
        {
            return false;
        }

        var scope = AtcInvalidation.From(command);
        lock (_lock)
        {
            _entries.RemoveAll(e => scope.Covers(e));
            Interlocked.Increment(ref _invalidations);
        }

        return true;
    }

    /// <summary>Drops every cached translation, as the endpoint does when software disables its ATS.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            Interlocked.Increment(ref _invalidations);
        }
    }

    // DMA pieces stop at 4KB boundaries: every translation (ATS or stage 2) covers whole,
    // naturally aligned 4KB pages at least, so a piece never straddles two translations.
    private static int PieceLength(ulong address, int remaining)
    {
        const ulong Page = 4096;
        var toBoundary = Page - (address & (Page - 1));
        return (int)Math.Min((ulong)remaining, toBoundary);
    }

    // The output address of a Translated access to the untranslated address, through the ATC and the SMMU.
    private AtcDmaStatus Resolve(uint? substreamId, ulong address, bool write, bool privileged, out ulong output)
    {
        output = 0;

        // IHI 0070 13.7: Priv travels in the PASID prefix, so a request without one is unprivileged.
        privileged &= substreamId.HasValue;
        var needed = write ? AccessPermissions.Write : AccessPermissions.Read;
        if (!TryLookup(substreamId, address, privileged, out var entry) || (entry.Permissions & needed) != needed)
        {
            var completion = RequestTranslation(substreamId, address, new AtsRequest(Write: write, Privileged: privileged));
            switch (completion.Status)
            {
                case AtsCompletionStatus.UnsupportedRequest:
                    return AtcDmaStatus.TranslationUnsupported;
                case AtsCompletionStatus.CompleterAbort:
                    return AtcDmaStatus.TranslationAborted;
            }

            if (!completion.Allows(needed))
            {
                return AtcDmaStatus.AccessDenied;
            }

            entry = AtcEntry.From(substreamId, address, completion);
        }

        var translated = new Transaction(StreamId, substreamId, entry.Translate(address), new TransactionAccess(write, IsPrivileged: privileged))
        {
            Kind = TransactionKind.AtsTranslated,
        };
        var result = Smmu.Translate(translated);
        if (result.Outcome is not (TranslationOutcome.Translated or TranslationOutcome.Bypassed))
        {
            return AtcDmaStatus.TranslatedAccessAborted;
        }

        output = result.OutputAddress;
        return AtcDmaStatus.Completed;
    }

    // Caches an entry unless an invalidation completed since its request was sent. An entry for
    // the same PASID and privilege that overlaps it is replaced; the oldest entry makes room.
    private bool TryInsert(in AtcEntry entry, long invalidationsBefore)
    {
        lock (_lock)
        {
            if (Interlocked.Read(ref _invalidations) != invalidationsBefore)
            {
                return false;
            }

            var added = entry;
            _entries.RemoveAll(e => e.SubstreamId == added.SubstreamId && e.Privileged == added.Privileged && Overlap(e, added));
            if (_entries.Count == Capacity)
            {
                _entries.RemoveAt(0);
            }

            _entries.Add(entry);
            return true;
        }
    }

    private static bool Overlap(in AtcEntry a, in AtcEntry b)
    {
        var bits = Math.Max(a.SizeBits, b.SizeBits);
        return bits >= 64 || (a.UntranslatedBase >> bits) == (b.UntranslatedBase >> bits);
    }
}
