using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// A fault of the translation stages, before it becomes an event record (IHI 0070 7.3.12-7.3.16):
/// which fault, at which stage, what the faulting access was doing (CLASS), the IPA for stage 2
/// faults, and the descriptor address for a walk abort.
/// </summary>
internal readonly record struct TranslationFault(WalkFault Kind, bool Stage2, FaultClass Class, ulong Ipa = 0, ulong FetchAddress = 0, bool TableWrite = false)
{
    /// <summary>The event this fault is reported as.</summary>
    public EvtEventId EventId => Kind switch
    {
        WalkFault.Translation => EvtEventId.FTranslation,
        WalkFault.AddressSize => EvtEventId.FAddrSize,
        WalkFault.AccessFlag => EvtEventId.FAccess,
        WalkFault.Permission => EvtEventId.FPermission,
        _ => EvtEventId.FWalkEabt,
    };

    /// <summary>
    /// Whether the stage's record and termination controls apply (IHI 0070 5.5: CD.R/A and
    /// STE.S2R govern only F_TRANSLATION, F_ADDR_SIZE, F_ACCESS and F_PERMISSION; a walk abort is
    /// always recorded and aborts).
    /// </summary>
    public bool IsTranslationRelated => Kind is WalkFault.Translation or WalkFault.AddressSize or WalkFault.AccessFlag or WalkFault.Permission;

    /// <summary>The event record for <paramref name="transaction"/>, whose access is <paramref name="access"/> after the STE overrides.</summary>
    public Evt ToRecord(in Transaction transaction, TransactionAccess access)
    {
        var variant = Evt.Info.FindVariant((ulong)EventId)!;
        var builder = new EventRecordBuilder(variant)
            .Set("StreamID", transaction.StreamId)
            .Set("SSV", transaction.SubstreamId.HasValue ? 1UL : 0)
            .Set("SubstreamID", transaction.SubstreamId.GetValueOrDefault())
            .Set("RnW", access.IsWrite ? 0UL : 1)
            .Set("InD", access.IsInstructionFetch ? 1UL : 0)
            .Set("PnU", access.IsPrivileged ? 1UL : 0)
            .Set("S2", Stage2 ? 1UL : 0)
            .Set("CLASS", (ulong)Class)
            .Set("InputAddr", transaction.Address);

        // IPA: stage 2 faults only (the CD or descriptor address when CLASS is CD or TT).
        if (Stage2)
        {
            builder = builder.Set("IPA", Ipa);
        }

        // TTRnW: a permission fault of a stage 1 walk through stage 2 says whether the walk read
        // or (hardware update) wrote the descriptor.
        if (Kind == WalkFault.Permission && Class == FaultClass.Tt)
        {
            builder = builder.Set("TTRnW", TableWrite ? 0UL : 1);
        }

        if (Kind == WalkFault.ExternalAbort)
        {
            builder = builder.Set("FetchAddr", FetchAddress);
        }

        return builder.ToEvt();
    }
}
