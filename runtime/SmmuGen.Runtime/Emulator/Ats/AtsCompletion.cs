using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The SMMU's answer to a PCIe ATS Translation Request (IHI 0070 3.9.1.2, 13.6, 13.7): one
/// Translation Completion Data Entry covering the naturally aligned range of
/// 2^<see cref="SizeBits"/> bytes that holds the requested address.
/// </summary>
/// <param name="Status">Success, UR or CA.</param>
/// <param name="TranslatedAddress">
/// The translation of the start of the range (a PA, or an IPA for split-stage ATS), aligned to
/// <see cref="Size"/>; 0 unless the completion grants some access.
/// </param>
/// <param name="Permissions">The R, W and Exe permissions granted; <see cref="AccessPermissions.None"/> for a fault or for UR and CA.</param>
/// <param name="Privileged">The completion's Priv: as the request supplied it (IHI 0070 13.7.1, not changed by STE.PRIVCFG).</param>
/// <param name="SizeBits">Log2 of the translation size in bytes: at least the STU; exactly the STU when nothing is granted.</param>
/// <param name="Event">
/// The event record the request raised, whether recorded or not: F_BAD_ATS_TREQ for UR, the
/// configuration error behind a CA, or the translation fault that a no-access completion stands
/// for (never recorded, IHI 0070 3.9.1). Null when there is none.
/// </param>
/// <param name="EventRecorded">Whether <paramref name="Event"/> was written to the Event queue.</param>
public readonly record struct AtsCompletion(
    AtsCompletionStatus Status,
    ulong TranslatedAddress,
    AccessPermissions Permissions,
    bool Privileged,
    int SizeBits,
    Evt? Event = null,
    bool EventRecorded = false)
{
    /// <summary>The translation size in bytes.</summary>
    public ulong Size => SizeBits >= 64 ? ulong.MaxValue : 1UL << SizeBits;

    /// <summary>A Success completion that grants at least one permission: one an ATC may cache.</summary>
    public bool GrantsAccess => Status == AtsCompletionStatus.Success && Permissions != AccessPermissions.None;

    /// <summary>The kind of <see cref="Event"/>, or null.</summary>
    public EvtEventId? EventId => Event?.EventId;

    /// <summary>Whether the completion grants every permission in <paramref name="needed"/>.</summary>
    public bool Allows(AccessPermissions needed) => Status == AtsCompletionStatus.Success && (Permissions & needed) == needed;

    /// <summary>The translation of <paramref name="untranslatedAddress"/>, an address in the completion's range.</summary>
    public ulong TranslatedAddressOf(ulong untranslatedAddress) => TranslatedAddress + (untranslatedAddress & (Size - 1));

    /// <summary>
    /// The completion as the result of <see cref="Smmu.Translate(in Transaction)"/> for a
    /// transaction of kind <see cref="TransactionKind.AtsTranslationRequest"/>: Translated with the
    /// permissions and size when it grants access, otherwise Aborted (the UR/CA/no-access
    /// distinction needs <see cref="Smmu.TranslateAts"/>).
    /// </summary>
    public TranslationResult ToTranslationResult(ulong untranslatedAddress) => GrantsAccess
        ? new TranslationResult(TranslationOutcome.Translated, TranslatedAddressOf(untranslatedAddress)) { Permissions = Permissions, MappingBits = SizeBits }
        : new TranslationResult(TranslationOutcome.Aborted, 0, Event, EventRecorded);

    /// <summary>UR, with the F_BAD_ATS_TREQ record if one was raised.</summary>
    internal static AtsCompletion Unsupported(int stuBits, Evt? record = null, bool recorded = false) =>
        new(AtsCompletionStatus.UnsupportedRequest, 0, AccessPermissions.None, false, stuBits, record, recorded);

    /// <summary>CA for a configuration error.</summary>
    internal static AtsCompletion CompleterAbort(int stuBits, Evt? record, bool recorded) =>
        new(AtsCompletionStatus.CompleterAbort, 0, AccessPermissions.None, false, stuBits, record, recorded);

    /// <summary>
    /// Success with R = W = 0 (IHI 0070 3.9.1.2): a translation fault, not recorded; as the first
    /// and only entry its size is the STU.
    /// </summary>
    internal static AtsCompletion NoAccess(bool privileged, int stuBits, Evt? fault = null) =>
        new(AtsCompletionStatus.Success, 0, AccessPermissions.None, privileged, stuBits, fault);
}
