using System;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Executes one decoded command for <see cref="Smmu"/>: the visitor <see cref="Cmd.Accept"/> calls
/// with the command's variant, so decoding allocates nothing. Each Visit returns the command error
/// it raises (IHI 0070 7.1), <see cref="CmdqConsErr.CerrorNone"/> when the command completed:
/// CERROR_ILL (IHI 0070 4.1.3) for an unknown opcode, a command of a feature this implementation
/// lacks, or a reserved parameter encoding; CERROR_ATC_INV_SYNC for a CMD_SYNC whose prior
/// CMD_ATC_INVs did not all complete. Non-zero RES0 bits are checked before decoding, by
/// <see cref="CommandFieldMask"/>.
/// </summary>
/// <remarks>
/// IHI 0070 4.1.3: CERROR_ILL takes precedence over a command being IGNORED, so every Visit
/// checks legality first.
/// </remarks>
internal readonly struct CommandExecutor(Smmu smmu) : ICmdVisitor<CmdqConsErr>
{
    private const CmdqConsErr Done = CmdqConsErr.CerrorNone;
    private const CmdqConsErr Illegal = CmdqConsErr.CerrorIll;

    // IHI 0070 4.5.1: Size 52 spans 2^64 bytes (invalidate all). Larger values are permitted, not
    // required, to raise CERROR_ILL; this model raises it, as a demanding driver developer wants.
    private const int MaxAtcInvSize = 52;

    private Idr0 Idr0 => smmu.Registers.Ids.Idr0;

    // IHI 0070 6.3.9.6: with SMMUEN clear the ATS interface is not operational.
    private bool SmmuEnabled => new Cr0ack((uint)smmu.Registers.Peek(Cr0ack.Info)).Smmuen;

    // IHI 0070 4.7.1, 4.7.2: RESUME and STALL_TERM are ILLEGAL where IDR0.STALL_MODEL == 0b01.
    private bool StallsSupported => Idr0.StallModel != Idr0StallModel.NoStall;

    // IHI 0070 4.2: prefetches are hints; with no prefetching modelled they complete at once.
    public CmdqConsErr Visit(in CmdPrefetchConfig value) => Done;

    public CmdqConsErr Visit(in CmdPrefetchAddr value) => Done;

    public CmdqConsErr Visit(in CmdCfgiSte value)
    {
        smmu.ConfigurationCache.InvalidateSte(value.StreamID);
        return Done;
    }

    public CmdqConsErr Visit(in CmdCfgiSteRange value)
    {
        smmu.ConfigurationCache.InvalidateSteRange(value.StreamID, value.Range);
        return Done;
    }

    // IHI 0070 4.3.3, 4.3.4: the CD invalidations raise CERROR_ILL when stage 1 is not implemented.
    public CmdqConsErr Visit(in CmdCfgiCd value)
    {
        if (!Idr0.S1p)
        {
            return Illegal;
        }

        smmu.ConfigurationCache.InvalidateCd(value.StreamID, value.SubstreamID);
        return Done;
    }

    public CmdqConsErr Visit(in CmdCfgiCdAll value)
    {
        if (!Idr0.S1p)
        {
            return Illegal;
        }

        smmu.ConfigurationCache.InvalidateCdAll(value.StreamID);
        return Done;
    }

    // IHI 0070 4.3.5: CMD_CFGI_VMS_PIDM exists only with the VMS (MPAM PARTID map); this model has
    // no MPAM (IDR3.MPAM = 0), so the opcode is not a command of this implementation.
    public CmdqConsErr Visit(in CmdCfgiVmsPidm value) => Illegal;

    // IHI 0070 4.4.2.1-4.4.2.4: the NH (stage 1 EL1) invalidations need stage 1.
    public CmdqConsErr Visit(in CmdTlbiNhAll value) => Tlbi(Idr0.S1p, value.ToCmd());

    public CmdqConsErr Visit(in CmdTlbiNhAsid value) => Tlbi(Idr0.S1p, value.ToCmd());

    public CmdqConsErr Visit(in CmdTlbiNhVa value) =>
        RangeLegal(value.Tg, value.Num, value.Scale, value.Ttl) ? Tlbi(Idr0.S1p, value.ToCmd()) : Illegal;

    public CmdqConsErr Visit(in CmdTlbiNhVaa value) =>
        RangeLegal(value.Tg, value.Num, value.Scale, value.Ttl) ? Tlbi(Idr0.S1p, value.ToCmd()) : Illegal;

    // IHI 0070 4.4.2.5: the EL3 invalidations are Secure Command queue only; this model has only the
    // Non-secure queue, where they are ILLEGAL.
    public CmdqConsErr Visit(in CmdTlbiEl3All value) => Illegal;

    public CmdqConsErr Visit(in CmdTlbiEl3Va value) => Illegal;

    // IHI 0070 4.4.2.7: the EL2 invalidations need hypervisor stage 1 contexts (IDR0.Hyp).
    public CmdqConsErr Visit(in CmdTlbiEl2All value) => Tlbi(Idr0.Hyp, value.ToCmd());

    public CmdqConsErr Visit(in CmdTlbiEl2Asid value) => Tlbi(Idr0.Hyp, value.ToCmd());

    public CmdqConsErr Visit(in CmdTlbiEl2Va value) =>
        RangeLegal(value.Tg, value.Num, value.Scale, value.Ttl) ? Tlbi(Idr0.Hyp, value.ToCmd()) : Illegal;

    public CmdqConsErr Visit(in CmdTlbiEl2Vaa value) =>
        RangeLegal(value.Tg, value.Num, value.Scale, value.Ttl) ? Tlbi(Idr0.Hyp, value.ToCmd()) : Illegal;

    // IHI 0070 4.4.3: the VMID-scoped stage 2 invalidations need stage 2.
    public CmdqConsErr Visit(in CmdTlbiS12Vmall value) => Tlbi(Idr0.S2p, value.ToCmd());

    public CmdqConsErr Visit(in CmdTlbiS2Ipa value) =>
        RangeLegal(value.Tg, value.Num, value.Scale, value.Ttl) ? Tlbi(Idr0.S2p, value.ToCmd()) : Illegal;

    public CmdqConsErr Visit(in CmdTlbiNsnhAll value) => Tlbi(true, value.ToCmd());

    // IHI 0070 4.5.1: CMD_ATC_INV is ILLEGAL without ATS, and IGNORED while SMMUEN is 0. Its
    // consumption does not guarantee completion; a later CMD_SYNC does, so an invalidation the
    // endpoint fails to complete is remembered for that CMD_SYNC.
    public CmdqConsErr Visit(in CmdAtcInv value)
    {
        if (!Idr0.Ats || value.SizeField > MaxAtcInvSize)
        {
            return Illegal;
        }

        if (SmmuEnabled && smmu.TranslationInvalidation?.InvalidateAtc(value) == false)
        {
            smmu.NoteAtcInvalidationFailure();
        }

        return Done;
    }

    // IHI 0070 4.5.2: CMD_PRI_RESP is ILLEGAL without PRI, and so is a reserved Resp encoding; it
    // is IGNORED while SMMUEN is 0.
    public CmdqConsErr Visit(in CmdPriResp value)
    {
        if (!Idr0.Pri || !Enum.IsDefined(value.Resp))
        {
            return Illegal;
        }

        if (SmmuEnabled)
        {
            smmu.StallAndPri?.RespondToPageRequest(value);
        }

        return Done;
    }

    // IHI 0070 4.7.1: ILLEGAL without the Stall model, or with a reserved Resp encoding.
    public CmdqConsErr Visit(in CmdResume value)
    {
        if (!StallsSupported || !Enum.IsDefined(value.Resp))
        {
            return Illegal;
        }

        // IHI 0070 4.7.1: a STAG naming no stalled transaction of the stream is a no-op; otherwise
        // the SMMU lets go of the stall and the stall model retries or aborts the transaction.
        if (smmu.ReleaseStall(value.StreamID, value.Stag))
        {
            smmu.StallAndPri?.Resume(value);
        }

        return Done;
    }

    // IHI 0070 4.7.2: ILLEGAL without the Stall model.
    public CmdqConsErr Visit(in CmdStallTerm value)
    {
        if (!StallsSupported)
        {
            return Illegal;
        }

        smmu.ReleaseStalls(value.StreamID);
        smmu.StallAndPri?.TerminateStalls(value);
        return Done;
    }

    // IHI 0070 4.7.3: CS = 0b11 is reserved (ILLEGAL). Every earlier command has been performed by
    // the time this runs (commands execute synchronously, in order), so what remains is the
    // outcome of earlier CMD_ATC_INVs, then the signal.
    public CmdqConsErr Visit(in CmdSync value)
    {
        if (!Enum.IsDefined(value.Cs))
        {
            return Illegal;
        }

        // IHI 0070 3.9.1.4, 4.7.3, 7.1: a CMD_SYNC that waits for a CMD_ATC_INV that did not complete
        // raises CERROR_ATC_INV_SYNC; it is not consumed and sends no completion signal.
        if (smmu.TakeAtcInvalidationFailure())
        {
            return CmdqConsErr.CerrorAtcInvSync;
        }

        switch (value.Cs)
        {
            case CmdSyncCs.SigIrq:
                smmu.SignalSyncInterrupt(value.MSIAddress, value.MSIData);
                break;
            case CmdSyncCs.SigSev when Idr0.Sev:
                // IHI 0070 4.7.3: SIG_SEV sends an event only where IDR0.SEV says events exist.
                smmu.Interrupts.SendEvent();
                break;
        }

        return Done;
    }

    public CmdqConsErr VisitUnknown(in Cmd value) => Illegal;

    /// <summary>
    /// IHI 0070 4.4.1.1, for an implementation with IDR3.RIL (without it the four fields are RES0
    /// and <see cref="CommandFieldMask"/> has already rejected non-zero ones): with TG == 0 no range
    /// or level hint is used and NUM, SCALE and TTL are RES0 (a non-zero one is detected as
    /// CERROR_ILL, IHI 0070 4.1.5); with TG != 0, NUM == 0, SCALE == 0 and TTL == 0 together are a
    /// Reserved combination that causes CERROR_ILL.
    /// </summary>
    private static bool RangeLegal(TlbiGranule tg, byte num, byte scale, byte ttl)
    {
        // IHI 0070 4.4.1.1: without IDR5.DS a 16KB TTL of 0b01 (no level-1 16KB leaves) counts as
        // 0b00, so with NUM and SCALE zero it is the reserved all-zero combination.
        const byte Level1 = 1;
        if (tg == TlbiGranule.Size16kb && ttl == Level1)
        {
            ttl = 0;
        }

        var anyRangeOrHint = num != 0 || scale != 0 || ttl != 0;
        return tg == TlbiGranule.Any ? !anyRangeOrHint : anyRangeOrHint;
    }

    private CmdqConsErr Tlbi(bool supported, in Cmd command)
    {
        if (!supported)
        {
            return Illegal;
        }

        smmu.TranslationInvalidation?.InvalidateTlb(command);
        return Done;
    }
}
