using System.Collections.Generic;

namespace SmmuGen.Emulator;

/// <summary>
/// The transactions the SMMU holds stalled (IHI 0070 3.12.2): at most IDR5.STALL_MAX at once, each
/// named by its StreamID and a STAG unique among that stream's stalls. Used under the device lock.
/// </summary>
internal sealed class StallTable(int capacity)
{
    private readonly Dictionary<(uint StreamId, ushort Stag), Transaction> _stalled = [];
    private ushort _nextStag;

    public int Count => _stalled.Count;

    /// <summary>Holds <paramref name="transaction"/>; false when STALL_MAX transactions are already held.</summary>
    public bool TryAdd(in Transaction transaction, out ushort stag)
    {
        stag = 0;
        if (_stalled.Count >= capacity)
        {
            return false;
        }

        // A STAG is a 16-bit name; skip any still in use by this stream.
        do
        {
            stag = _nextStag++;
        }
        while (_stalled.ContainsKey((transaction.StreamId, stag)));

        _stalled.Add((transaction.StreamId, stag), transaction);
        return true;
    }

    /// <summary>Releases the stall StreamID/STAG (CMD_RESUME, or a stall whose record was lost); false when there is none.</summary>
    public bool TryRemove(uint streamId, ushort stag, out Transaction transaction) => _stalled.Remove((streamId, stag), out transaction);

    /// <summary>Releases every stall of <paramref name="streamId"/> (CMD_STALL_TERM).</summary>
    public List<StalledTransaction> RemoveStream(uint streamId)
    {
        var removed = new List<StalledTransaction>();
        foreach (var (key, transaction) in _stalled)
        {
            if (key.StreamId == streamId)
            {
                removed.Add(new StalledTransaction(transaction, key.Stag));
            }
        }

        foreach (var s in removed)
        {
            _stalled.Remove((streamId, s.Stag));
        }

        return removed;
    }

    public StalledTransaction[] Snapshot()
    {
        var result = new StalledTransaction[_stalled.Count];
        var i = 0;
        foreach (var (key, transaction) in _stalled)
        {
            result[i++] = new StalledTransaction(transaction, key.Stag);
        }

        return result;
    }

    public void Clear() => _stalled.Clear();
}
