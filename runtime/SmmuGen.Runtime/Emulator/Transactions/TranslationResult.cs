using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The result of <see cref="Smmu.Translate(in Transaction)"/>: the outcome, the output address
/// when the transaction goes ahead, and the event the SMMU raised for it, if any. The event is
/// reported whether or not it reached the Event queue (C_BAD_STREAMID needs CR2.RECINVSID, a
/// translation fault needs the STE/CD record control, and a disabled or full queue drops it).
/// </summary>
/// <param name="Outcome">What happened to the transaction.</param>
/// <param name="OutputAddress">The output (physical) address when <see cref="Outcome"/> is Bypassed or Translated; otherwise 0.</param>
/// <param name="Event">The event record the transaction raised, or null.</param>
/// <param name="EventRecorded">Whether <see cref="Event"/> was written to the Event queue.</param>
public readonly record struct TranslationResult(TranslationOutcome Outcome, ulong OutputAddress, Evt? Event = null, bool EventRecorded = false)
{
    /// <summary>The transaction goes ahead (bypassed or translated).</summary>
    public bool Succeeded => Outcome is TranslationOutcome.Bypassed or TranslationOutcome.Translated;

    /// <summary>
    /// What the translation allows the requester at its privilege: set for translated results
    /// (all of them for bypass); <see cref="AccessPermissions.None"/> otherwise.
    /// </summary>
    public AccessPermissions Permissions { get; init; }

    /// <summary>For a <see cref="TranslationOutcome.Stalled"/> transaction, its stall tag; otherwise null.</summary>
    public ushort? Stag { get; init; }

    /// <summary>For a nested (stage 1 + stage 2) translation, the stage 1 output (the IPA); otherwise null.</summary>
    public ulong? IntermediateAddress { get; init; }

    /// <summary>The memory attributes of a translated result; default otherwise (bypass included).</summary>
    public TranslationAttributes Attributes { get; init; }

    /// <summary>Log2 of the size of the naturally aligned range the translation covers (the smaller of the stages' pages or blocks); 0 when unknown.</summary>
    public int MappingBits { get; init; }

    /// <summary>The kind of the raised event, or null.</summary>
    public EvtEventId? EventId => Event?.EventId;

    /// <summary>A bypassed transaction: the output address is the input address.</summary>
    public static TranslationResult Bypass(ulong address) =>
        new(TranslationOutcome.Bypassed, address) { Permissions = AccessPermissions.Read | AccessPermissions.Write | AccessPermissions.Execute };

    /// <summary>A transaction terminated with an abort, raising <paramref name="evt"/> if not null.</summary>
    public static TranslationResult Abort(Evt? evt = null) => new(TranslationOutcome.Aborted, 0, evt);
}
