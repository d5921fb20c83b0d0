using System;

namespace SmmuGen.Memory;

/// <summary>Thrown by the non-<c>Try</c> forms of the <see cref="GuestMemory"/> accessors when an
/// access aborts. The guest path (the emulator) uses the <c>Try</c> forms and never sees it.</summary>
public sealed class GuestMemoryAbortException : Exception
{
    /// <summary>An exception for the aborted access <paramref name="result"/>.</summary>
    public GuestMemoryAbortException(MemoryAccessResult result)
        : base("Guest memory access failed: " + result)
    {
        Result = result;
    }

    /// <summary>The aborted access.</summary>
    public MemoryAccessResult Result { get; }
}
