namespace SmmuGen.Memory;

/// <summary>Told about every access to a <see cref="GuestMemory"/> (set
/// <see cref="GuestMemory.Observer"/>): a trace hook for tests and debugging. It runs on the
/// accessing thread, inside the access path, so it must be quick and must not access the same
/// memory again.</summary>
public interface IMemoryObserver
{
    /// <summary>Called once per access, after it completed or aborted.</summary>
    void OnAccess(in MemoryAccess access);
}
