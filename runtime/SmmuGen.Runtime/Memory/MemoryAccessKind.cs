namespace SmmuGen.Memory;

/// <summary>What kind of access an <see cref="IMemoryObserver"/> is told about.</summary>
public enum MemoryAccessKind
{
    /// <summary>A plain read (bytes, typed value or record).</summary>
    Read = 0,

    /// <summary>A plain write (bytes, typed value or record).</summary>
    Write = 1,

    /// <summary>A 64-bit single-copy-atomic read.</summary>
    AtomicRead = 2,

    /// <summary>A 64-bit single-copy-atomic write.</summary>
    AtomicWrite = 3,

    /// <summary>A 64-bit atomic compare-and-exchange.</summary>
    CompareExchange = 4,
}
