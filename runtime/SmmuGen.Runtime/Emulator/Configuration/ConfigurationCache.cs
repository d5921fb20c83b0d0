using System.Collections.Concurrent;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The SMMU's configuration cache: valid STEs keyed by StreamID and valid CDs keyed by StreamID
/// and SubstreamID (IHI 0070 16.2), filled by the configuration lookup of incoming transactions and
/// emptied only by the CMD_CFGI_* commands with their exact scopes (IHI 0070 4.3). Like hardware,
/// it keeps serving an entry after software changes the structure in memory, until invalidated.
/// </summary>
/// <remarks>
/// <para>Concurrency: lookups are lock-free and may run on any number of device threads. Fills
/// and invalidations take a small lock and share a generation number, so a fill prepared from a
/// fetch that started before an invalidation is dropped instead of resurrecting the old entry:
/// after a CMD_CFGI_* has run, no transaction that starts later can see the invalidated data.</para>
/// <para>L1STD and L1CD (level-1 descriptor) caching is not modelled, so the Leaf hint of CFGI_STE
/// and CFGI_CD changes nothing here: invalidating more than asked is always allowed (IHI 0070 4.3).
/// ILLEGAL structures and failed fetches are never cached (IHI 0070 5.2.1, 5.4.1).</para>
/// </remarks>
public sealed class ConfigurationCache
{
    private readonly ConcurrentDictionary<uint, Ste> _stes = new();
    private readonly ConcurrentDictionary<(uint StreamId, uint SubstreamId), Cd> _cds = new();
    private readonly object _writeLock = new();
    private long _generation;

    /// <summary>The number of cached STEs.</summary>
    public int SteCount => _stes.Count;

    /// <summary>The number of cached CDs.</summary>
    public int CdCount => _cds.Count;

    /// <summary>Counts invalidations; a fill taken before the latest one is stale.</summary>
    public long Generation => System.Threading.Volatile.Read(ref _generation);

    /// <summary>Caches the STE of <paramref name="streamId"/>.</summary>
    public void FillSte(uint streamId, in Ste ste)
    {
        lock (_writeLock)
        {
            _stes[streamId] = ste;
        }
    }

    /// <summary>Caches the CD of <paramref name="streamId"/>/<paramref name="substreamId"/>.</summary>
    public void FillCd(uint streamId, uint substreamId, in Cd cd)
    {
        lock (_writeLock)
        {
            _cds[(streamId, substreamId)] = cd;
        }
    }

    /// <summary>Caches the STE unless an invalidation ran since <paramref name="generation"/> was read (before the fetch).</summary>
    /// <returns>Whether the entry was cached.</returns>
    public bool TryFillSte(uint streamId, in Ste ste, long generation)
    {
        lock (_writeLock)
        {
            if (_generation != generation)
            {
                return false;
            }

            _stes[streamId] = ste;
            return true;
        }
    }

    /// <summary>Caches the CD unless an invalidation ran since <paramref name="generation"/> was read (before the fetch).</summary>
    /// <returns>Whether the entry was cached.</returns>
    public bool TryFillCd(uint streamId, uint substreamId, in Cd cd, long generation)
    {
        lock (_writeLock)
        {
            if (_generation != generation)
            {
                return false;
            }

            _cds[(streamId, substreamId)] = cd;
            return true;
        }
    }

    /// <summary>The cached STE of <paramref name="streamId"/>, if any. Lock-free.</summary>
    public bool TryGetSte(uint streamId, out Ste ste) => _stes.TryGetValue(streamId, out ste);

    /// <summary>The cached CD of <paramref name="streamId"/>/<paramref name="substreamId"/>, if any. Lock-free.</summary>
    public bool TryGetCd(uint streamId, uint substreamId, out Cd cd) => _cds.TryGetValue((streamId, substreamId), out cd);

    /// <summary>CMD_CFGI_STE (IHI 0070 4.3.1): the STE of <paramref name="streamId"/> and every CD cached through it.</summary>
    public void InvalidateSte(uint streamId)
    {
        lock (_writeLock)
        {
            _generation++;
            _stes.TryRemove(streamId, out _);
            RemoveCds(streamId);
        }
    }

    /// <summary>
    /// CMD_CFGI_STE_RANGE (IHI 0070 4.3.2): the STEs, and CDs cached through them, of the naturally
    /// aligned block of 2^(<paramref name="range"/>+1) StreamIDs containing <paramref name="streamId"/>.
    /// Range 31 covers every StreamID: that is CMD_CFGI_ALL (IHI 0070 4.3.6).
    /// </summary>
    public void InvalidateSteRange(uint streamId, int range)
    {
        var shift = range + 1;
        if (shift >= 32)
        {
            InvalidateAll();
            return;
        }

        var block = streamId >> shift;
        lock (_writeLock)
        {
            _generation++;

            // Enumerating a ConcurrentDictionary while removing from it is allowed.
            foreach (var sid in _stes.Keys)
            {
                if (sid >> shift == block)
                {
                    _stes.TryRemove(sid, out _);
                }
            }

            foreach (var key in _cds.Keys)
            {
                if (key.StreamId >> shift == block)
                {
                    _cds.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>CMD_CFGI_CD (IHI 0070 4.3.3): one CD of <paramref name="streamId"/>.</summary>
    public void InvalidateCd(uint streamId, uint substreamId)
    {
        lock (_writeLock)
        {
            _generation++;
            _cds.TryRemove((streamId, substreamId), out _);
        }
    }

    /// <summary>CMD_CFGI_CD_ALL (IHI 0070 4.3.4): every CD of <paramref name="streamId"/>.</summary>
    public void InvalidateCdAll(uint streamId)
    {
        lock (_writeLock)
        {
            _generation++;
            RemoveCds(streamId);
        }
    }

    /// <summary>CMD_CFGI_ALL (IHI 0070 4.3.6): everything.</summary>
    public void InvalidateAll()
    {
        lock (_writeLock)
        {
            _generation++;
            _stes.Clear();
            _cds.Clear();
        }
    }

    private void RemoveCds(uint streamId)
    {
        foreach (var key in _cds.Keys)
        {
            if (key.StreamId == streamId)
            {
                _cds.TryRemove(key, out _);
            }
        }
    }
}
