using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace SmmuGen.Memory;

/// <summary>
/// A sparse 64-bit guest physical address space, little-endian, backed by 4 KiB pages that are
/// allocated on the first write to them; reading untouched memory returns zeros and allocates
/// nothing. Any address is valid, the top of the address space included; an access that would
/// wrap past 2^64 aborts (<see cref="AbortKind.AddressWrap"/>). Abort regions
/// (<see cref="AddAbortRegion"/>) model bad DMA targets.
/// </summary>
/// <remarks>
/// <para>Every accessor has a <c>Try…</c> form that reports an abort as a
/// <see cref="MemoryAccessResult"/> (the guest path: the emulator turns aborts into architected
/// events); the plain forms throw <see cref="GuestMemoryAbortException"/> instead, for set-up code.
/// An access that aborts moves no byte: a write is checked whole before any byte is written, and a
/// read leaves its destination untouched.</para>
/// <para>Concurrency, as on hardware: any number of threads may access the memory at once. Page
/// allocation is thread-safe (a page is created once; racing first writers agree on it), and abort
/// regions may be added or removed while others access the memory. The 64-bit
/// <c>…Atomic</c> accessors and <see cref="TryCompareExchangeUInt64"/> are single-copy atomic: a
/// reader never sees a torn word. Records read or written at an 8-byte aligned address within one
/// page are moved word by word with the same atomicity (as the SMMU fetches STEs and CDs).
/// Plain byte accesses are not atomic: concurrent plain writes to the same bytes, or a plain read
/// racing with them, are a guest race whose outcome is any mix of the bytes, exactly as on
/// hardware — never a crash.</para>
/// <para>Accesses to pages already touched allocate nothing on the managed heap.</para>
/// </remarks>
public sealed class GuestMemory
{
    /// <summary>The size of a backing page in bytes.</summary>
    public const int PageSize = 4096;

    private const int PageShift = 12;
    private const ulong OffsetMask = PageSize - 1;
    private const int WordsPerPage = PageSize / sizeof(ulong);

    // Records above this size are staged on the heap rather than the stack; SMMUv3 records are at
    // most 64 bytes, so the guest path never gets there.
    private const int MaxStackRecord = 512;

    private readonly ConcurrentDictionary<ulong, Page> _pages = new();
    private readonly object _regionLock = new();

    // Copy-on-write so the access path reads the list without a lock.
    private AbortRegion[] _regions = [];

    // The last page looked up: most accesses hit the page of the one before (queues, tables).
    // Read and written with Volatile so another thread's page is seen fully built; a stale value
    // (racing threads overwrite each other's) only costs a dictionary lookup.
    private Page? _lastPage;

    private IMemoryObserver? _observer;

    /// <summary>Told about every access, or null (the default) for none.</summary>
    public IMemoryObserver? Observer
    {
        get => Volatile.Read(ref _observer);
        set => Volatile.Write(ref _observer, value);
    }

    /// <summary>How many 4 KiB pages are allocated: the memory in use is this times <see cref="PageSize"/>.</summary>
    public int AllocatedPageCount => _pages.Count;

    /// <summary>The abort regions, in the order added.</summary>
    public IReadOnlyList<AbortRegion> AbortRegions => Volatile.Read(ref _regions);

    /// <summary>Whether the page holding <paramref name="address"/> has been allocated.</summary>
    public bool IsPageAllocated(ulong address) => _pages.ContainsKey(address >> PageShift);

    /// <summary>Makes every access touching <paramref name="size"/> bytes from
    /// <paramref name="baseAddress"/> abort with <paramref name="kind"/>. Regions may overlap.</summary>
    /// <returns>The region, to remove it later.</returns>
    public AbortRegion AddAbortRegion(ulong baseAddress, ulong size, AbortKind kind = AbortKind.External, string? description = null)
    {
        AbortRegion.Validate(baseAddress, size);
        if (kind is not (AbortKind.External or AbortKind.Decode))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "An abort region aborts with External or Decode.");
        }

        var region = new AbortRegion(baseAddress, size, kind, description ?? string.Empty);
        lock (_regionLock)
        {
            Volatile.Write(ref _regions, [.. _regions, region]);
        }

        return region;
    }

    /// <summary>Removes a region added by <see cref="AddAbortRegion"/>; false if it was not there.</summary>
    public bool RemoveAbortRegion(AbortRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        lock (_regionLock)
        {
            var index = Array.IndexOf(_regions, region);
            if (index < 0)
            {
                return false;
            }

            var next = new AbortRegion[_regions.Length - 1];
            _regions.AsSpan(0, index).CopyTo(next);
            _regions.AsSpan(index + 1).CopyTo(next.AsSpan(index));
            Volatile.Write(ref _regions, next);
            return true;
        }
    }

    // ---- bytes -------------------------------------------------------------------------------

    /// <summary>Reads <c>destination.Length</c> bytes from <paramref name="address"/>; on abort the
    /// destination is left as it was.</summary>
    public MemoryAccessResult TryRead(ulong address, Span<byte> destination)
    {
        var result = Check(address, destination.Length);
        if (result.IsSuccess)
        {
            CopyOut(address, destination);
        }

        Notify(MemoryAccessKind.Read, address, destination.Length, result);
        return result;
    }

    /// <summary>Writes <paramref name="source"/> at <paramref name="address"/>; on abort nothing is written.</summary>
    public MemoryAccessResult TryWrite(ulong address, ReadOnlySpan<byte> source)
    {
        var result = Check(address, source.Length);
        if (result.IsSuccess)
        {
            CopyIn(address, source);
        }

        Notify(MemoryAccessKind.Write, address, source.Length, result);
        return result;
    }

    /// <summary>Reads bytes; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public void Read(ulong address, Span<byte> destination) => TryRead(address, destination).ThrowIfAbort();

    /// <summary>Writes bytes; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public void Write(ulong address, ReadOnlySpan<byte> source) => TryWrite(address, source).ThrowIfAbort();

    // ---- typed little-endian values ----------------------------------------------------------

    /// <summary>Reads a little-endian 32-bit value; 0 on abort.</summary>
    public MemoryAccessResult TryReadUInt32(ulong address, out uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        var result = TryRead(address, bytes);
        value = result.IsSuccess ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : 0;
        return result;
    }

    /// <summary>Reads a little-endian 64-bit value (not atomic: see <see cref="TryReadUInt64Atomic"/>); 0 on abort.</summary>
    public MemoryAccessResult TryReadUInt64(ulong address, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        var result = TryRead(address, bytes);
        value = result.IsSuccess ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : 0;
        return result;
    }

    /// <summary>Writes a little-endian 32-bit value.</summary>
    public MemoryAccessResult TryWriteUInt32(ulong address, uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return TryWrite(address, bytes);
    }

    /// <summary>Writes a little-endian 64-bit value (not atomic: see <see cref="TryWriteUInt64Atomic"/>).</summary>
    public MemoryAccessResult TryWriteUInt64(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return TryWrite(address, bytes);
    }

    /// <summary>Reads a little-endian 32-bit value; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public uint ReadUInt32(ulong address)
    {
        TryReadUInt32(address, out var value).ThrowIfAbort();
        return value;
    }

    /// <summary>Reads a little-endian 64-bit value; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public ulong ReadUInt64(ulong address)
    {
        TryReadUInt64(address, out var value).ThrowIfAbort();
        return value;
    }

    /// <summary>Writes a little-endian 32-bit value; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public void WriteUInt32(ulong address, uint value) => TryWriteUInt32(address, value).ThrowIfAbort();

    /// <summary>Writes a little-endian 64-bit value; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public void WriteUInt64(ulong address, ulong value) => TryWriteUInt64(address, value).ThrowIfAbort();

    // ---- 64-bit single-copy-atomic words -----------------------------------------------------

    /// <summary>Reads the little-endian 64-bit word at the 8-byte aligned <paramref name="address"/>
    /// in one single-copy-atomic access; 0 on abort.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 8-byte aligned (a bug of the caller).</exception>
    public MemoryAccessResult TryReadUInt64Atomic(ulong address, out ulong value)
    {
        RequireWordAligned(address);
        var result = Check(address, sizeof(ulong));
        value = 0;
        if (result.IsSuccess && FindPage(address >> PageShift) is { } page)
        {
            value = FromStored(Volatile.Read(ref page.Word(address)));
        }

        Notify(MemoryAccessKind.AtomicRead, address, sizeof(ulong), result);
        return result;
    }

    /// <summary>Writes the little-endian 64-bit word at the 8-byte aligned <paramref name="address"/>
    /// in one single-copy-atomic access.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 8-byte aligned (a bug of the caller).</exception>
    public MemoryAccessResult TryWriteUInt64Atomic(ulong address, ulong value)
    {
        RequireWordAligned(address);
        var result = Check(address, sizeof(ulong));
        if (result.IsSuccess)
        {
            Volatile.Write(ref GetOrAddPage(address >> PageShift).Word(address), ToStored(value));
        }

        Notify(MemoryAccessKind.AtomicWrite, address, sizeof(ulong), result);
        return result;
    }

    /// <summary>Atomically replaces the 64-bit word at the 8-byte aligned <paramref name="address"/>
    /// with <paramref name="value"/> if it equals <paramref name="comparand"/> (hardware access-flag
    /// and dirty-state updates). <paramref name="original"/> is the word found (0 on abort); the
    /// exchange happened when it equals <paramref name="comparand"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 8-byte aligned (a bug of the caller).</exception>
    public MemoryAccessResult TryCompareExchangeUInt64(ulong address, ulong value, ulong comparand, out ulong original)
    {
        RequireWordAligned(address);
        var result = Check(address, sizeof(ulong));
        original = 0;
        if (result.IsSuccess)
        {
            // Untouched memory is zero: a comparand other than zero fails there without allocating.
            var page = comparand == 0 ? GetOrAddPage(address >> PageShift) : FindPage(address >> PageShift);
            if (page is not null)
            {
                original = FromStored(Interlocked.CompareExchange(ref page.Word(address), ToStored(value), ToStored(comparand)));
            }
        }

        Notify(MemoryAccessKind.CompareExchange, address, sizeof(ulong), result);
        return result;
    }

    /// <summary>Single-copy-atomic 64-bit read; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 8-byte aligned.</exception>
    public ulong ReadUInt64Atomic(ulong address)
    {
        TryReadUInt64Atomic(address, out var value).ThrowIfAbort();
        return value;
    }

    /// <summary>Single-copy-atomic 64-bit write; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 8-byte aligned.</exception>
    public void WriteUInt64Atomic(ulong address, ulong value) => TryWriteUInt64Atomic(address, value).ThrowIfAbort();

    /// <summary>Atomic compare-and-exchange returning the word found, as
    /// <see cref="Interlocked.CompareExchange(ref ulong, ulong, ulong)"/>; throws
    /// <see cref="GuestMemoryAbortException"/> on abort.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not 8-byte aligned.</exception>
    public ulong CompareExchangeUInt64(ulong address, ulong value, ulong comparand)
    {
        TryCompareExchangeUInt64(address, value, comparand, out var original).ThrowIfAbort();
        return original;
    }

    // ---- records -----------------------------------------------------------------------------

    /// <summary>Reads a generated record (STE, CD, command, event, …) from <paramref name="address"/>;
    /// <c>default</c> on abort. At an 8-byte aligned address within one page each 64-bit word is read
    /// single-copy atomically.</summary>
    public MemoryAccessResult TryReadRecord<T>(ulong address, out T record)
        where T : struct, IRecord<T>
    {
        var size = T.Size;
        var result = Check(address, size);
        record = default;
        if (result.IsSuccess)
        {
            if (IsWordPath(address, size))
            {
                Span<ulong> words = stackalloc ulong[size / sizeof(ulong)];
                if (FindPage(address >> PageShift) is { } page)
                {
                    var first = (int)((address & OffsetMask) / sizeof(ulong));
                    for (var i = 0; i < words.Length; i++)
                    {
                        words[i] = FromStored(Volatile.Read(ref page.Words[first + i]));
                    }
                }
                else
                {
                    words.Clear();
                }

                record = T.FromWords(words);
            }
            else
            {
                Span<byte> bytes = size <= MaxStackRecord ? stackalloc byte[size] : new byte[size];
                CopyOut(address, bytes);
                record = T.ReadFrom(bytes);
            }
        }

        Notify(MemoryAccessKind.Read, address, size, result);
        return result;
    }

    /// <summary>Writes a generated record at <paramref name="address"/>; on abort nothing is written.
    /// At an 8-byte aligned address within one page each 64-bit word is written single-copy atomically.</summary>
    public MemoryAccessResult TryWriteRecord<T>(ulong address, in T record)
        where T : struct, IRecord<T>
    {
        var size = T.Size;
        var result = Check(address, size);
        if (result.IsSuccess)
        {
            if (IsWordPath(address, size))
            {
                var page = GetOrAddPage(address >> PageShift);
                var first = (int)((address & OffsetMask) / sizeof(ulong));
                for (var i = 0; i < size / sizeof(ulong); i++)
                {
                    Volatile.Write(ref page.Words[first + i], ToStored(record.GetWord(i)));
                }
            }
            else
            {
                Span<byte> bytes = size <= MaxStackRecord ? stackalloc byte[size] : new byte[size];
                record.WriteTo(bytes);
                CopyIn(address, bytes);
            }
        }

        Notify(MemoryAccessKind.Write, address, size, result);
        return result;
    }

    /// <summary>Reads a generated record; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public T ReadRecord<T>(ulong address)
        where T : struct, IRecord<T>
    {
        TryReadRecord<T>(address, out var record).ThrowIfAbort();
        return record;
    }

    /// <summary>Writes a generated record; throws <see cref="GuestMemoryAbortException"/> on abort.</summary>
    public void WriteRecord<T>(ulong address, in T record)
        where T : struct, IRecord<T>
        => TryWriteRecord(address, in record).ThrowIfAbort();

    // ---- the access path ---------------------------------------------------------------------

    /// <summary>Whether <paramref name="length"/> bytes at <paramref name="address"/> may be accessed:
    /// not past 2^64, and no byte in an abort region (the lowest such byte is reported).</summary>
    private MemoryAccessResult Check(ulong address, int length)
    {
        if (length == 0)
        {
            return MemoryAccessResult.Success;
        }

        var last = address + (ulong)(length - 1);
        if (last < address)
        {
            return MemoryAccessResult.Wrap(address);
        }

        var regions = Volatile.Read(ref _regions);
        AbortRegion? hit = null;
        var fault = ulong.MaxValue;
        foreach (var region in regions)
        {
            if (region.Overlaps(address, last))
            {
                var first = Math.Max(region.Base, address);
                if (hit is null || first < fault)
                {
                    hit = region;
                    fault = first;
                }
            }
        }

        return hit is null ? MemoryAccessResult.Success : MemoryAccessResult.Abort(fault, hit);
    }

    private void CopyOut(ulong address, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var offset = (int)(address & OffsetMask);
            var chunk = Math.Min(PageSize - offset, destination.Length);
            if (FindPage(address >> PageShift) is { } page)
            {
                page.Bytes.Slice(offset, chunk).CopyTo(destination);
            }
            else
            {
                destination[..chunk].Clear();
            }

            destination = destination[chunk..];
            address += (ulong)chunk; // wraps to 0 only after the last byte of the space, when the loop ends
        }
    }

    private void CopyIn(ulong address, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            var offset = (int)(address & OffsetMask);
            var chunk = Math.Min(PageSize - offset, source.Length);
            source[..chunk].CopyTo(GetOrAddPage(address >> PageShift).Bytes[offset..]);
            source = source[chunk..];
            address += (ulong)chunk;
        }
    }

    private Page? FindPage(ulong number)
    {
        var page = Volatile.Read(ref _lastPage);
        if (page is not null && page.Number == number)
        {
            return page;
        }

        if (_pages.TryGetValue(number, out page))
        {
            Volatile.Write(ref _lastPage, page);
            return page;
        }

        return null;
    }

    private Page GetOrAddPage(ulong number)
    {
        if (FindPage(number) is { } found)
        {
            return found;
        }

        // Racing first writers may each build a page; GetOrAdd hands all of them the one that won.
        var page = _pages.GetOrAdd(number, static n => new Page(n));
        Volatile.Write(ref _lastPage, page);
        return page;
    }

    private void Notify(MemoryAccessKind kind, ulong address, int length, MemoryAccessResult result)
    {
        var observer = Volatile.Read(ref _observer);
        observer?.OnAccess(new MemoryAccess(kind, address, length, result));
    }

    private static bool IsWordPath(ulong address, int size) =>
        (address & (sizeof(ulong) - 1)) == 0 && (address & OffsetMask) + (ulong)size <= PageSize && size % sizeof(ulong) == 0;

    private static void RequireWordAligned(ulong address)
    {
        if ((address & (sizeof(ulong) - 1)) != 0)
        {
            throw new ArgumentException($"A 64-bit atomic access needs an 8-byte aligned address, not 0x{address:X}.", nameof(address));
        }
    }

    // Pages hold host-order words whose bytes are the guest's little-endian bytes.
    private static ulong ToStored(ulong value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private static ulong FromStored(ulong stored) => ToStored(stored);

    /// <summary>One 4 KiB page, held as 64-bit words so that every aligned word is naturally
    /// aligned in host memory, which the atomic accessors need.</summary>
    private sealed class Page(ulong number)
    {
        public readonly ulong Number = number;
        public readonly ulong[] Words = new ulong[WordsPerPage];

        public Span<byte> Bytes => MemoryMarshal.AsBytes(Words.AsSpan());

        public ref ulong Word(ulong address) => ref Words[(int)((address & OffsetMask) / sizeof(ulong))];
    }
}
