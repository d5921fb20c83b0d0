namespace SmmuGen.Emulator;

/// <summary>
/// One translation an endpoint's Address Translation Cache holds: a successful Translation
/// Completion that granted some access (IHI 0070 3.9.1), tagged with the PASID and privilege the
/// request was made with (PCIe ATS: the ATC must not assume any correlation between privileged
/// and unprivileged permissions, IHI 0070 13.7).
/// </summary>
/// <param name="SubstreamId">The PASID the request carried, or null for a request without one.</param>
/// <param name="Privileged">The completion's Priv.</param>
/// <param name="UntranslatedBase">The start of the untranslated range, aligned to its size.</param>
/// <param name="SizeBits">Log2 of the range's size in bytes.</param>
/// <param name="TranslatedBase">The translation of <paramref name="UntranslatedBase"/>.</param>
/// <param name="Permissions">The R, W and Exe the completion granted.</param>
public readonly record struct AtcEntry(uint? SubstreamId, bool Privileged, ulong UntranslatedBase, int SizeBits, ulong TranslatedBase, AccessPermissions Permissions)
{
    /// <summary>The entry for <paramref name="completion"/> of a request for <paramref name="address"/>.</summary>
    public static AtcEntry From(uint? substreamId, ulong address, in AtsCompletion completion) =>
        new(substreamId, completion.Privileged, address & ~(completion.Size - 1), completion.SizeBits, completion.TranslatedAddress, completion.Permissions);

    /// <summary>The range's size in bytes.</summary>
    public ulong Size => SizeBits >= 64 ? ulong.MaxValue : 1UL << SizeBits;

    /// <summary>Whether the entry translates <paramref name="address"/> for requests tagged with <paramref name="substreamId"/> at <paramref name="privileged"/>.</summary>
    public bool Matches(uint? substreamId, bool privileged, ulong address) =>
        SubstreamId == substreamId && Privileged == privileged && address - UntranslatedBase <= Size - 1;

    /// <summary>The translation of <paramref name="address"/>, an address in the entry's range.</summary>
    public ulong Translate(ulong address) => TranslatedBase + (address - UntranslatedBase);
}
