using System.Collections.Generic;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The SMMU's configuration cache: STEs keyed by StreamID and CDs keyed by StreamID and
/// SubstreamID (IHI 0070 16.2). The fetch side (filling on a stream table walk) is a later slice;
/// the CMD_CFGI_* commands invalidate it here with their exact scopes (IHI 0070 4.3). Not
/// thread-safe: the device uses it under its lock.
/// </summary>
/// <remarks>
/// L1STD and L1CD (level-1 descriptor) caching is not modelled, so the Leaf hint of CFGI_STE and
/// CFGI_CD changes nothing here: invalidating more than asked is always allowed (IHI 0070 4.3).
/// </remarks>
public sealed class ConfigurationCache
{
    private readonly Dictionary<uint, Ste> _stes = [];
    private readonly Dictionary<(uint StreamId, uint SubstreamId), Cd> _cds = [];

    /// <summary>The number of cached STEs.</summary>
    public int SteCount => _stes.Count;

    /// <summary>The number of cached CDs.</summary>
    public int CdCount => _cds.Count;

    /// <summary>Caches the STE of <paramref name="streamId"/>.</summary>
    public void FillSte(uint streamId, in Ste ste) => _stes[streamId] = ste;

    /// <summary>Caches the CD of <paramref name="streamId"/>/<paramref name="substreamId"/>.</summary>
    public void FillCd(uint streamId, uint substreamId, in Cd cd) => _cds[(streamId, substreamId)] = cd;

    /// <summary>The cached STE of <paramref name="streamId"/>, if any.</summary>
    public bool TryGetSte(uint streamId, out Ste ste) => _stes.TryGetValue(streamId, out ste);

    /// <summary>The cached CD of <paramref name="streamId"/>/<paramref name="substreamId"/>, if any.</summary>
    public bool TryGetCd(uint streamId, uint substreamId, out Cd cd) => _cds.TryGetValue((streamId, substreamId), out cd);

    /// <summary>CMD_CFGI_STE (IHI 0070 4.3.1): the STE of <paramref name="streamId"/> and every CD cached through it.</summary>
    public void InvalidateSte(uint streamId)
    {
        _stes.Remove(streamId);
        InvalidateCdAll(streamId);
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

        // Dictionary.Remove during enumeration is allowed (it never invalidates the enumerator).
        foreach (var sid in _stes.Keys)
        {
            if (sid >> shift == block)
            {
                _stes.Remove(sid);
            }
        }

        foreach (var key in _cds.Keys)
        {
            if (key.StreamId >> shift == block)
            {
                _cds.Remove(key);
            }
        }
    }

    /// <summary>CMD_CFGI_CD (IHI 0070 4.3.3): one CD of <paramref name="streamId"/>.</summary>
    public void InvalidateCd(uint streamId, uint substreamId) => _cds.Remove((streamId, substreamId));

    /// <summary>CMD_CFGI_CD_ALL (IHI 0070 4.3.4): every CD of <paramref name="streamId"/>.</summary>
    public void InvalidateCdAll(uint streamId)
    {
        foreach (var key in _cds.Keys)
        {
            if (key.StreamId == streamId)
            {
                _cds.Remove(key);
            }
        }
    }

    /// <summary>CMD_CFGI_ALL (IHI 0070 4.3.6): everything.</summary>
    public void InvalidateAll()
    {
        _stes.Clear();
        _cds.Clear();
    }
}
