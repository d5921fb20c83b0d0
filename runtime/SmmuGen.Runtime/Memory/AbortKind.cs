namespace SmmuGen.Memory;

/// <summary>Why a guest memory access failed. The emulator maps every kind to the architected
/// external-abort outcome of the access (F_STE_FETCH, F_WALK_EABT, CERROR_ABT, …); the kinds only
/// say where the abort came from, for diagnostics and tests.</summary>
public enum AbortKind
{
    /// <summary>No abort: the access completed.</summary>
    None = 0,

    /// <summary>The memory system answered with an error (a bus slave error, an uncorrectable ECC
    /// error, a firewall): an abort region added with this kind.</summary>
    External = 1,

    /// <summary>Nothing decodes the address (a hole in the physical map): an abort region added
    /// with this kind.</summary>
    Decode = 2,

    /// <summary>The access runs past the top of the 64-bit address space. No bus carries such an
    /// access, so it is rejected whole, before any byte moves.</summary>
    AddressWrap = 3,
}
