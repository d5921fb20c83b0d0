using System;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Executes one decoded command for <see cref="Smmu"/>: the visitor <see cref="Cmd.Accept"/> calls
/// with the command's variant, so decoding allocates nothing. Each Visit returns false when the
/// command is ILLEGAL here (CERROR_ILL, IHI 0070 4.1.1 and 7.1): an unknown opcode, a command of a
/// feature this implementation lacks, or a reserved field encoding.
/// </summary>
internal readonly struct CommandExecutor(Smmu smmu) : ICmdVisitor<bool>
{
    private Idr0 Idr0 => smmu.Registers.Ids.Idr0;

    // IHI 0070 4.2: prefetches are hints; with no prefetching modelled they complete at once.
    public bool Visit(in CmdPrefetchConfig value) => true;

    public bool Visit(in CmdPrefetchAddr value) => true;

    public bool Visit(in CmdCfgiSte value)
    {
        smmu.ConfigurationCache.InvalidateSte(value.StreamID);
        return true;
    }

    public bool Visit(in CmdCfgiSteRange value)
    {
        smmu.ConfigurationCache.InvalidateSteRange(value.StreamID, value.Range);
        return true;
    }

    public bool Visit(in CmdCfgiCd value)
    {
        smmu.ConfigurationCache.InvalidateCd(value.StreamID, value.SubstreamID);
        return true;
    }

    public bool Visit(in CmdCfgiCdAll value)
    {
        smmu.ConfigurationCache.InvalidateCdAll(value.StreamID);
        return true;
    }

    // IHI 0070 4.3.5: CMD_CFGI_VMS_PIDM exists only with the VMS (MPAM PARTID map); this model has
    // no MPAM (IDR3.MPAM = 0), so the opcode is not a command of this implementation.
    public bool Visit(in CmdCfgiVmsPidm value) => false;

    // IHI 0070 4.4.2.1-4.4.2.4: the NH (stage 1 EL1) invalidations need stage 1.
    public bool Visit(in CmdTlbiNhAll value) => Tlbi(Idr0.S1p, value.ToCmd());

    public bool Visit(in CmdTlbiNhAsid value) => Tlbi(Idr0.S1p, value.ToCmd());

    public bool Visit(in CmdTlbiNhVa value) => Tlbi(Idr0.S1p, value.ToCmd());

    public bool Visit(in CmdTlbiNhVaa value) => Tlbi(Idr0.S1p, value.ToCmd());

    // IHI 0070 4.4.2.5: the EL3 invalidations are Secure Command queue only; this model has only the
    // Non-secure queue, where they are ILLEGAL.
    public bool Visit(in CmdTlbiEl3All value) => false;

    public bool Visit(in CmdTlbiEl3Va value) => false;

    // IHI 0070 4.4.2.7: the EL2 invalidations need hypervisor stage 1 contexts (IDR0.Hyp).
    public bool Visit(in CmdTlbiEl2All value) => Tlbi(Idr0.Hyp, value.ToCmd());

    public bool Visit(in CmdTlbiEl2Asid value) => Tlbi(Idr0.Hyp, value.ToCmd());

    public bool Visit(in CmdTlbiEl2Va value) => Tlbi(Idr0.Hyp, value.ToCmd());

    public bool Visit(in CmdTlbiEl2Vaa value) => Tlbi(Idr0.Hyp, value.ToCmd());

    // IHI 0070 4.4.3: the VMID-scoped stage 2 invalidations need stage 2.
    public bool Visit(in CmdTlbiS12Vmall value) => Tlbi(Idr0.S2p, value.ToCmd());

    public bool Visit(in CmdTlbiS2Ipa value) => Tlbi(Idr0.S2p, value.ToCmd());

    public bool Visit(in CmdTlbiNsnhAll value) => Tlbi(true, value.ToCmd());

    // IHI 0070 4.5.1: CMD_ATC_INV is ILLEGAL without ATS.
    public bool Visit(in CmdAtcInv value)
    {
        if (!Idr0.Ats)
        {
            return false;
        }

        smmu.TranslationInvalidation?.InvalidateAtc(value);
        return true;
    }

    // IHI 0070 4.5.2: CMD_PRI_RESP is ILLEGAL without PRI, and so is a reserved Resp encoding.
    public bool Visit(in CmdPriResp value)
    {
        if (!Idr0.Pri || !Enum.IsDefined(value.Resp))
        {
            return false;
        }

        smmu.StallAndPri?.RespondToPageRequest(value);
        return true;
    }

    // IHI 0070 4.7.1: a reserved Resp encoding makes CMD_RESUME ILLEGAL.
    public bool Visit(in CmdResume value)
    {
        if (!Enum.IsDefined(value.Resp))
        {
            return false;
        }

        smmu.StallAndPri?.Resume(value);
        return true;
    }

    public bool Visit(in CmdStallTerm value)
    {
        smmu.StallAndPri?.TerminateStalls(value);
        return true;
    }

    // IHI 0070 4.7.3: CS = 0b11 is reserved (ILLEGAL). Every earlier command has completed by the
    // time this runs (commands execute synchronously, in order), so only the signal remains.
    public bool Visit(in CmdSync value)
    {
        switch (value.Cs)
        {
            case CmdSyncCs.SigNone:
                return true;
            case CmdSyncCs.SigIrq:
                smmu.SignalSyncInterrupt(value.MSIAddress, value.MSIData);
                return true;
            case CmdSyncCs.SigSev:
                // IHI 0070 4.7.3: SIG_SEV sends an event only where IDR0.SEV says events exist.
                if (Idr0.Sev)
                {
                    smmu.Interrupts.SendEvent();
                }

                return true;
            default:
                return false;
        }
    }

    public bool VisitUnknown(in Cmd value) => false;

    private bool Tlbi(bool supported, in Cmd command)
    {
        if (!supported)
        {
            return false;
        }

        smmu.TranslationInvalidation?.InvalidateTlb(command);
        return true;
    }
}
