using System;
using System.Collections.Generic;

namespace SmmuGen.Emulator;

/// <summary>
/// The SMMU's TLB: a bounded set of <see cref="TlbEntry"/> with O(1) lookup and least recently
/// used replacement (one entry is evicted when a new one needs room; nothing is flushed
/// wholesale). Lookup probes one hash key per block size in use (at most a handful), for the
/// ASID and for global entries. Thread-safe: one small lock guards it.
/// </summary>
internal sealed class Tlb
{
    private const int NoSlot = -1;

    private readonly object _lock = new();
    private readonly Dictionary<Key, int> _index;
    private readonly TlbEntry[] _entries;
    private readonly Key[] _keys;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly int[] _sizeCounts = new int[64];
    private ulong _sizesPresent; // bit n: some entry maps 2^n bytes
    private int _head = NoSlot; // most recently used
    private int _tail = NoSlot; // least recently used
    private int _free;           // first never-used slot
    private readonly Stack<int> _freed;

    public Tlb(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _index = new Dictionary<Key, int>(capacity);
        _entries = new TlbEntry[capacity];
        _keys = new Key[capacity];
        _prev = new int[capacity];
        _next = new int[capacity];
        _freed = new Stack<int>(capacity);
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>Finds the entry mapping <paramref name="input"/> for <paramref name="tag"/>: a non-global one for its ASID, or a global one.</summary>
    public bool TryLookup(in TlbTag tag, ulong input, out TlbEntry entry)
    {
        lock (_lock)
        {
            // Probe only the block sizes some entry has, smallest first.
            for (var sizes = _sizesPresent; sizes != 0; sizes &= sizes - 1)
            {
                var bits = System.Numerics.BitOperations.TrailingZeroCount(sizes);
                var page = input >> bits;
                if (_index.TryGetValue(new Key(tag with { Asid = tag.HasStage1 ? tag.Asid : (ushort)0 }, false, page, bits), out var slot)
                    || (tag.HasStage1 && _index.TryGetValue(new Key(tag with { Asid = 0 }, true, page, bits), out slot)))
                {
                    Touch(slot);
                    entry = _entries[slot];
                    return true;
                }
            }
        }

        entry = default;
        return false;
    }

    /// <summary>Adds (or replaces) an entry, evicting the least recently used one when full.</summary>
    public void Insert(in TlbEntry entry)
    {
        var tag = new TlbTag(entry.World, entry.Vmid, entry.Global || !entry.HasStage1 ? (ushort)0 : entry.Asid, entry.HasStage1, entry.HasStage2);
        var key = new Key(tag, entry.Global && entry.HasStage1, entry.InputBase >> entry.BlockBits, entry.BlockBits);
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var existing))
            {
                _entries[existing] = entry;
                Touch(existing);
                return;
            }

            int slot;
            if (_freed.Count > 0)
            {
                slot = _freed.Pop();
            }
            else if (_free < Capacity)
            {
                slot = _free++;
            }
            else
            {
                slot = _tail;
                Remove(slot);
                _freed.Pop();
            }

            _entries[slot] = entry;
            _keys[slot] = key;
            _index.Add(key, slot);
            if (_sizeCounts[entry.BlockBits]++ == 0)
            {
                _sizesPresent |= 1UL << entry.BlockBits;
            }
            LinkFront(slot);
        }
    }

    /// <summary>Removes every entry <paramref name="match"/> selects; returns how many.</summary>
    public int Invalidate<TMatch>(in TMatch match)
        where TMatch : struct, ITlbMatch
    {
        var removed = 0;
        lock (_lock)
        {
            var slot = _head;
            while (slot != NoSlot)
            {
                var next = _next[slot];
                if (match.Matches(_entries[slot]))
                {
                    Remove(slot);
                    removed++;
                }

                slot = next;
            }
        }

        return removed;
    }

    /// <summary>A copy of every entry, most recently used first (for tests and diagnostics).</summary>
    public TlbEntry[] Snapshot()
    {
        lock (_lock)
        {
            var result = new TlbEntry[_index.Count];
            var i = 0;
            for (var slot = _head; slot != NoSlot; slot = _next[slot])
            {
                result[i++] = _entries[slot];
            }

            return result;
        }
    }

    private void Remove(int slot)
    {
        _index.Remove(_keys[slot]);
        var bits = _entries[slot].BlockBits;
        if (--_sizeCounts[bits] == 0)
        {
            _sizesPresent &= ~(1UL << bits);
        }
        Unlink(slot);
        _freed.Push(slot);
    }

    private void Touch(int slot)
    {
        if (_head == slot)
        {
            return;
        }

        Unlink(slot);
        LinkFront(slot);
    }

    private void LinkFront(int slot)
    {
        _prev[slot] = NoSlot;
        _next[slot] = _head;
        if (_head != NoSlot)
        {
            _prev[_head] = slot;
        }

        _head = slot;
        if (_tail == NoSlot)
        {
            _tail = slot;
        }
    }

    private void Unlink(int slot)
    {
        var prev = _prev[slot];
        var next = _next[slot];
        if (prev != NoSlot)
        {
            _next[prev] = next;
        }
        else
        {
            _head = next;
        }

        if (next != NoSlot)
        {
            _prev[next] = prev;
        }
        else
        {
            _tail = prev;
        }

        _prev[slot] = NoSlot;
        _next[slot] = NoSlot;
    }

    /// <summary>A TLB key with a hash that mixes its fields directly (the hot lookup hashes twice per block size).</summary>
    private readonly struct Key(TlbTag tag, bool global, ulong page, int bits) : IEquatable<Key>
    {
        private readonly ulong _page = page;
        private readonly ulong _tags = (ulong)tag.World | ((ulong)tag.Vmid << 8) | ((ulong)tag.Asid << 24) |
            (tag.HasStage1 ? 1UL << 40 : 0) | (tag.HasStage2 ? 1UL << 41 : 0) | (global ? 1UL << 42 : 0) | ((ulong)bits << 48);

        public bool Equals(Key other) => _page == other._page && _tags == other._tags;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(_page, _tags);
    }
}

/// <summary>Selects the TLB entries an invalidation removes.</summary>
internal interface ITlbMatch
{
    bool Matches(in TlbEntry entry);
}
