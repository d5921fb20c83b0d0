using System;
using System.Globalization;

namespace SmmuGen.Memory;

/// <summary>The outcome of a guest memory access: success, or an abort with the first faulting
/// address. A value, not an exception, because an abort is an ordinary guest event that the
/// emulator turns into an architected event or error; <c>default</c> is success.</summary>
public readonly struct MemoryAccessResult : IEquatable<MemoryAccessResult>
{
    private MemoryAccessResult(AbortKind kind, ulong faultAddress, AbortRegion? region)
    {
        Kind = kind;
        FaultAddress = faultAddress;
        Region = region;
    }

    /// <summary>The access completed.</summary>
    public static MemoryAccessResult Success => default;

    /// <summary>Whether the access completed.</summary>
    public bool IsSuccess => Kind == AbortKind.None;

    /// <summary>Whether the access aborted.</summary>
    public bool IsAbort => Kind != AbortKind.None;

    /// <summary>Why the access aborted; <see cref="AbortKind.None"/> on success.</summary>
    public AbortKind Kind { get; }

    /// <summary>The lowest address of the access that faulted (for <see cref="AbortKind.AddressWrap"/>,
    /// the start of the access); 0 on success.</summary>
    public ulong FaultAddress { get; }

    /// <summary>The abort region that faulted, or null (success, or an address wrap).</summary>
    public AbortRegion? Region { get; }

    /// <summary>An abort at <paramref name="faultAddress"/> caused by <paramref name="region"/>.</summary>
    public static MemoryAccessResult Abort(ulong faultAddress, AbortRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new(region.Kind, faultAddress, region);
    }

    /// <summary>An access starting at <paramref name="address"/> that runs past 2^64.</summary>
    public static MemoryAccessResult Wrap(ulong address) => new(AbortKind.AddressWrap, address, null);

    /// <summary>Throws <see cref="GuestMemoryAbortException"/> when the access aborted: for callers
    /// outside the guest path (test set-up, tools) where an abort is a bug.</summary>
    public void ThrowIfAbort()
    {
        if (IsAbort)
        {
            throw new GuestMemoryAbortException(this);
        }
    }

    /// <inheritdoc/>
    public bool Equals(MemoryAccessResult other) =>
        Kind == other.Kind && FaultAddress == other.FaultAddress && ReferenceEquals(Region, other.Region);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MemoryAccessResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, FaultAddress, Region);

    /// <summary>Equality of kind, fault address and region.</summary>
    public static bool operator ==(MemoryAccessResult left, MemoryAccessResult right) => left.Equals(right);

    /// <summary>Inequality of kind, fault address or region.</summary>
    public static bool operator !=(MemoryAccessResult left, MemoryAccessResult right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        AbortKind.None => "success",
        AbortKind.AddressWrap => string.Create(CultureInfo.InvariantCulture, $"abort: access at 0x{FaultAddress:X} wraps past 2^64"),
        _ => string.Create(CultureInfo.InvariantCulture, $"abort at 0x{FaultAddress:X}: {Region}"),
    };
}
