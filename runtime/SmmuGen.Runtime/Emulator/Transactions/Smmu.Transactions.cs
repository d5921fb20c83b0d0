using System;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>The incoming-transaction side of the device: configuration lookup (IHI 0070 3.3) and the hand-off to translation.</summary>
public sealed partial class Smmu
{
    private const int MaxSubstreamIdBits = 20;

    /// <summary>
    /// Handles one incoming transaction as the SMMU does (IHI 0070 3.3.2): with SMMUEN clear it
    /// aborts or bypasses per GBPA; otherwise the STE of its StreamID is looked up (configuration
    /// cache, then the Stream table in guest memory) and validated, then the CD of its SubstreamID
    /// when stage 1 translates, and every configuration error ends the transaction with its
    /// architected event (C_BAD_STREAMID, F_STE_FETCH, C_BAD_STE, F_STREAM_DISABLED,
    /// C_BAD_SUBSTREAMID, F_CD_FETCH, C_BAD_CD). Translating configurations go to the
    /// <see cref="TranslationEngine"/>.
    /// </summary>
    /// <remarks>
    /// Thread-safe and lock-free up to the point of recording an event: device threads may call it
    /// concurrently with each other and with MMIO (see <see cref="ConfigurationCache"/>).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The SubstreamID is wider than 20 bits, which no client can send.</exception>
    public TranslationResult Translate(in Transaction transaction)
    {
        // IHI 0070 3.9.1: ATS Translation Requests and Translated transactions follow their own rules (Smmu.Ats.cs).
        switch (transaction.Kind)
        {
            case TransactionKind.AtsTranslationRequest:
                return TranslateAtsRequest(transaction);
            case TransactionKind.AtsTranslated:
                return TranslateAtsTranslated(transaction);
        }

        ThrowIfSubstreamIdTooWide(transaction);
        var ids = Registers.Ids;
        if (!new Cr0ack((uint)Registers.Peek(Cr0ack.Info)).Smmuen)
        {
            return Disabled(transaction, ids);
        }

        var generation = ConfigurationCache.Generation;
        if (!TryGetSte(transaction, ids, generation, out var ste, out var fault))
        {
            return Fail(fault, transaction);
        }

        // IHI 0070 5.2: Config ABORT, and the reserved encodings 0b001-0b011 that behave as it,
        // abort every transaction without an event.
        var config = (int)ste.Config;
        if ((config & 0b100) == 0)
        {
            return TranslationResult.Abort();
        }

        var stage1 = (config & 0b001) != 0;
        var stage2 = (config & 0b010) != 0;
        if (!stage1)
        {
            // IHI 0070 5.2, 7.3.9: a SubstreamID needs stage 1 and a CD table to select from.
            return transaction.SubstreamId.HasValue
                ? Fail(ConfigurationFault.BadSubstreamId, transaction)
                : Stage1Bypassed(ste, stage2, transaction, ids);
        }

        if (!TrySelectCd(ste, transaction, ids, out var cdIndex, out var stage1Bypass, out fault))
        {
            return Fail(fault, transaction);
        }

        if (stage1Bypass)
        {
            return Stage1Bypassed(ste, stage2, transaction, ids);
        }

        var context = new StreamContext(ste, default, Stage1: true, stage2, cdIndex);
        var engine = TranslationEngine;
        var cdStatus = TryGetCd(engine, context, transaction, ids, generation, out var cd, out fault, out var mapFault);
        return cdStatus switch
        {
            CdFetchStatus.Fetched => engine.Translate(this, context with { Cd = cd }, transaction),
            CdFetchStatus.AddressMapFailed => mapFault,
            _ => Fail(fault, transaction),
        };
    }

    /// <summary>
    /// Why <paramref name="ste"/> would be ILLEGAL on this implementation (C_BAD_STE, IHI 0070
    /// 5.2), or null when it is legal: a driver developer's answer to "why C_BAD_STE?".
    /// </summary>
    public string? ExplainSte(in Ste ste) => SteValidity.FindViolation(ste, Registers.Ids);

    /// <summary>
    /// Why <paramref name="cd"/>, reached through <paramref name="ste"/>, would be ILLEGAL on this
    /// implementation (C_BAD_CD, IHI 0070 5.4), or null when it is legal.
    /// </summary>
    public string? ExplainCd(in Ste ste, in Cd cd) =>
        CdValidity.FindViolation(cd, ste, Registers.Ids, StreamWorlds.Of(ste, Registers.Ids, Cr2E2h));

    /// <summary>
    /// Writes an event record to the Event queue as the SMMU does (IHI 0070 7.2), serialised with
    /// MMIO. Used for the events of incoming transactions, by this device and by the translation
    /// engine.
    /// </summary>
    public QueueWriteResult RecordEvent(in Evt record)
    {
        lock (_lock)
        {
            return EventQueue.TryWrite(record);
        }
    }

    internal bool Cr2E2h => new Cr2((uint)Registers.Peek(Cr2.Info)).E2h;

    // IHI 0070 6.3.9.6, 6.3.14: with SMMUEN clear the Stream table is not used; GBPA.ABORT aborts
    // everything, otherwise traffic bypasses (addresses beyond the OAS abort). No event either way.
    private TranslationResult Disabled(in Transaction transaction, in IdRegisters ids)
    {
        var gbpa = new Gbpa((uint)Registers.Peek(Gbpa.Info));
        if (gbpa.Abort || !AddressSizeEncoding.Fits(transaction.Address, SteValidity.OutputAddressBits(ids)))
        {
            return TranslationResult.Abort();
        }

        return TranslationResult.Bypass(transaction.Address);
    }

    private bool TryGetSte(in Transaction transaction, in IdRegisters ids, long generation, out Ste ste, out ConfigurationFault fault)
    {
        if (ConfigurationCache.TryGetSte(transaction.StreamId, out ste))
        {
            if (CheckingMode)
            {
                CheckCachedSte(transaction, ste);
            }

            fault = default;
            return true;
        }

        if (!StreamTable.TryFetch(Registers, Memory, transaction.StreamId, out ste, out fault))
        {
            return false;
        }

        if (SteValidity.FindViolation(ste, ids) is not null)
        {
            fault = ConfigurationFault.BadSte;
            return false;
        }

        ConfigurationCache.TryFillSte(transaction.StreamId, ste, generation);
        return true;
    }

    // IHI 0070 5.2 S1CDMax, S1DSS and 7.3.7, 7.3.9: which CD a transaction uses, whether it skips
    // stage 1, or which configuration fault it raises.
    private static bool TrySelectCd(in Ste ste, in Transaction transaction, in IdRegisters ids, out uint cdIndex, out bool stage1Bypass, out ConfigurationFault fault)
    {
        cdIndex = 0;
        stage1Bypass = false;
        fault = default;
        var substreams = SubstreamsEnabled(ste, ids);
        if (!substreams)
        {
            // One CD at S1ContextPtr; a SubstreamID has nothing to select.
            if (transaction.SubstreamId.HasValue)
            {
                fault = ConfigurationFault.BadSubstreamId;
                return false;
            }

            return true;
        }

        if (transaction.SubstreamId is not { } ssid)
        {
            switch (ste.S1dss)
            {
                case SteS1dss.Bypass:
                    stage1Bypass = true;
                    return true;
                case SteS1dss.Ssid0:
                    return true;
                default: // TERMINATE, and the reserved 0b11 that behaves as it
                    fault = ConfigurationFault.StreamDisabled;
                    return false;
            }
        }

        if (ssid >> ste.S1CDMax != 0)
        {
            fault = ConfigurationFault.BadSubstreamId;
            return false;
        }

        // IHI 0070 5.2 S1DSS: SSID0 hands CD 0 to traffic without a SubstreamID, so SubstreamID 0
        // itself is refused.
        if (ssid == 0 && ste.S1dss == SteS1dss.Ssid0)
        {
            fault = ConfigurationFault.StreamDisabled;
            return false;
        }

        cdIndex = ssid;
        return true;
    }

    // IHI 0070 5.2: S1CDMax and S1Fmt are ignored on an SMMU without SubstreamIDs.
    private static bool SubstreamsEnabled(in Ste ste, in IdRegisters ids) => ste.S1CDMax != 0 && ids.Idr1.Ssidsize != 0;

    // CD table pointers are IPAs (checked against the IAS) when stage 2 translates them, else PAs (the OAS).
    private static int CdTableAddressBits(in StreamContext context, in IdRegisters ids) =>
        context.Stage2 ? SteValidity.InputAddressBits(ids) : SteValidity.OutputAddressBits(ids);

    private CdFetchStatus TryGetCd(ITranslationEngine engine, in StreamContext context, in Transaction transaction, in IdRegisters ids, long generation, out Cd cd, out ConfigurationFault fault, out TranslationResult mapFault)
    {
        var sid = transaction.StreamId;
        var index = context.SubstreamId.GetValueOrDefault();
        mapFault = default;
        if (ConfigurationCache.TryGetCd(sid, index, out cd))
        {
            if (CheckingMode)
            {
                CheckCachedCd(transaction, context, cd);
            }

            fault = default;
            return CdFetchStatus.Fetched;
        }

        var map = new StructureAddressMap(this, engine, context, transaction);
        var status = ContextDescriptorTable.TryFetch(Memory, context.Ste, index, SubstreamsEnabled(context.Ste, ids), CdTableAddressBits(context, ids), ref map, out cd, out fault);
        if (status == CdFetchStatus.AddressMapFailed)
        {
            mapFault = map.Fault;
            return status;
        }

        if (status != CdFetchStatus.Fetched)
        {
            return status;
        }

        if (CdValidity.FindViolation(cd, context.Ste, ids, StreamWorlds.Of(context.Ste, ids, Cr2E2h)) is not null)
        {
            fault = ConfigurationFault.BadCd;
            return CdFetchStatus.Fault;
        }

        ConfigurationCache.TryFillCd(sid, index, cd, generation);
        return CdFetchStatus.Fetched;
    }

    // Stage 1 does not translate (Config BYPASS or S2_TRANS, or S1DSS = BYPASS). IHI 0070 3.4: the
    // input address must still fit the stage 1 output range (the OAS when nothing translates, the
    // IAS in front of stage 2), else a stage 1 Address Size fault, which always aborts.
    private TranslationResult Stage1Bypassed(in Ste ste, bool stage2, in Transaction transaction, in IdRegisters ids)
    {
        var bits = stage2 ? SteValidity.InputAddressBits(ids) : SteValidity.OutputAddressBits(ids);
        if (!AddressSizeEncoding.Fits(transaction.Address, bits))
        {
            var record = Stage1AddressSizeRecord(ste, transaction);
            return Record(TranslationResult.Abort(record));
        }

        if (!stage2)
        {
            return TranslationResult.Bypass(transaction.Address);
        }

        var context = new StreamContext(ste, default, Stage1: false, Stage2: true, null);
        return TranslationEngine.Translate(this, context, transaction);
    }

    // A stage 1 Address Size fault on the input of a transaction that bypasses stage 1 (CLASS IN).
    private Evt Stage1AddressSizeRecord(in Ste ste, in Transaction transaction) =>
        new TranslationFault(WalkFault.AddressSize, false, FaultClass.In).ToRecord(transaction, EffectiveAccess(ste, transaction.Access, Registers.Ids));

    /// <summary>
    /// The access as translation sees it after the STE's overrides (IHI 0070 5.2 PRIVCFG, INSTCFG):
    /// OVERRIDE_0 forces unprivileged / data, OVERRIDE_1 privileged / instruction; INSTCFG applies
    /// to reads only. Without IDR1.ATTR_PERMS_OVR the fields are ignored and the incoming
    /// attributes are used.
    /// </summary>
    public static TransactionAccess EffectiveAccess(in Ste ste, TransactionAccess access, in IdRegisters ids)
    {
        if (!ids.Idr1.AttrPermsOvr)
        {
            return access;
        }

        var privileged = ste.Privcfg switch
        {
            OverrideAttr.Override0 => false,
            OverrideAttr.Override1 => true,
            _ => access.IsPrivileged,
        };
        var instruction = !access.IsWrite && ste.Instcfg switch
        {
            OverrideAttr.Override0 => false,
            OverrideAttr.Override1 => true,
            _ => access.IsInstruction,
        };
        return new TransactionAccess(access.IsWrite, instruction, privileged);
    }

    private TranslationResult Fail(in ConfigurationFault fault, in Transaction transaction)
    {
        var record = fault.ToRecord(transaction);

        // IHI 0070 7.3.3: C_BAD_STREAMID is recorded only when CR2.RECINVSID asks for it; every
        // other configuration error is always recorded (IHI 0070 5.5: R/S govern translation faults only).
        if (fault.Event == EvtEventId.CBadStreamid && !new Cr2((uint)Registers.Peek(Cr2.Info)).Recinvsid)
        {
            return TranslationResult.Abort(record);
        }

        return Record(TranslationResult.Abort(record));
    }

    private TranslationResult Record(TranslationResult result) =>
        result.Event is { } record ? result with { EventRecorded = RecordEvent(record) == QueueWriteResult.Written } : result;

    /// <summary>Maps CD and L1CD addresses: the identity, or stage 2 for a nested STE.</summary>
    private struct StructureAddressMap(Smmu smmu, ITranslationEngine engine, StreamContext context, Transaction transaction) : ITableAddressMap
    {
        public TranslationResult Fault { get; private set; }

        public bool TryMap(ulong address, bool write, out ulong physicalAddress)
        {
            if (!context.Stage2)
            {
                physicalAddress = address;
                return true;
            }

            var ok = engine.TryTranslateStructureAddress(smmu, context, transaction, address, out physicalAddress, out var fault);
            Fault = fault;
            return ok;
        }
    }
}
