namespace SmmuGen.Emulator;

/// <summary>
/// The translation half of the SMMU (IHI 0070 3.4, 3.5): the stage 1 and stage 2 table walks and
/// the TLB. The device finds and validates the configuration, then hands every transaction that
/// some stage translates to this engine; a nested STE also sends its CD fetches through stage 2
/// here. Faults the engine raises go to the Event queue through <see cref="Smmu.RecordEvent"/>.
/// May be called from many threads at once (see <see cref="Smmu"/>).
/// </summary>
public interface ITranslationEngine
{
    /// <summary>Translates <paramref name="transaction"/> through the stages <paramref name="context"/> enables.</summary>
    TranslationResult Translate(Smmu smmu, in StreamContext context, in Transaction transaction);

    /// <summary>
    /// Translates the IPA of a CD or L1CD that a nested STE points at to the physical address to
    /// fetch it from (stage 2, CLASS = CD in a fault). On a fault returns false and the result the
    /// transaction ends with, the fault already raised.
    /// </summary>
    bool TryTranslateStructureAddress(Smmu smmu, in StreamContext context, in Transaction transaction, ulong ipa, out ulong physicalAddress, out TranslationResult fault);
}
