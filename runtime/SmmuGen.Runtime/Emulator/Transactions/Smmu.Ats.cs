using System;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The PCIe ATS side of the device (IHI 0070 3.9.1): Translation Requests, answered with a
/// Translation Completion, and Translated transactions, checked per CR0.ATSCHK and STE.EATS.
/// </summary>
public sealed partial class Smmu
{
    // IHI 0070 7.3.6: Span counts the STUs a request asked for; requests here ask for one translation.
    private const byte AtsRequestSpan = 1;

    /// <summary>
    /// Answers a PCIe ATS Translation Request (IHI 0070 3.9.1.2) from the endpoint with
    /// <paramref name="streamId"/> for the untranslated <paramref name="address"/>:
    /// <list type="bullet">
    /// <item>UR with F_BAD_ATS_TREQ when SMMUEN is clear or the effective STE.EATS is 0b00
    /// (EATS ABORT, Config BYPASS, or SPLIT while CR0.ATSCHK is clear); UR without an event for
    /// Config ABORT.</item>
    /// <item>CA for a configuration error (invalid or ILLEGAL STE or CD, fetch abort, bad
    /// SubstreamID, F_STREAM_DISABLED, walk abort), recorded only as CR2.REC_CFG_ATS asks.</item>
    /// <item>Success otherwise: EATS FULL translates through every enabled stage, SPLIT returns
    /// the stage 1 output (an IPA) with the permissions of both stages; a translation fault is not
    /// recorded and grants nothing (R = W = 0) over one STU. Permissions follow IHI 0070 13.7.1;
    /// a request with write intent makes a writable-clean page dirty where STE/CD HD allow.</item>
    /// </list>
    /// Thread-safe, as <see cref="Translate"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The SubstreamID is wider than 20 bits.</exception>
    public AtsCompletion TranslateAts(uint streamId, uint? substreamId, ulong address, AtsRequest request) =>
        RequestTranslation(new Transaction(streamId, substreamId, address, request.ToAccess()) { Kind = TransactionKind.AtsTranslationRequest });

    // Translate for a transaction of kind AtsTranslationRequest: the completion as a result.
    private TranslationResult TranslateAtsRequest(in Transaction transaction) =>
        RequestTranslation(transaction).ToTranslationResult(transaction.Address);

    private AtsCompletion RequestTranslation(Transaction request)
    {
        ThrowIfSubstreamIdTooWide(request);
        if (!Registers.Ids.Idr0.Ats)
        {
            var (record, recorded) = UnsupportedUpstreamTransaction(request);
            return AtsCompletion.Unsupported(AtsConfiguration.SmallestTranslationUnitBits(Registers.Ids), record, recorded);
        }

        // IHI 0070 13.7.1: Exe and Priv travel in the PASID prefix; a request without one asks for neither.
        if (request.SubstreamId is null)
        {
            request = request with { Access = new TransactionAccess(request.Access.IsWrite) };
        }

        var ids = Registers.Ids;
        var stu = AtsConfiguration.SmallestTranslationUnitBits(ids);
        var cr0 = new Cr0ack((uint)Registers.Peek(Cr0ack.Info));
        if (!cr0.Smmuen)
        {
            return RefuseAtsRequest(request, stu);
        }

        var generation = ConfigurationCache.Generation;
        if (!TryGetSte(request, ids, generation, out var ste, out var fault))
        {
            // IHI 0070 5.2 V: an invalid (or ILLEGAL) STE completes the request with CA.
            return AtsConfigurationError(fault, request, stu);
        }

        // IHI 0070 5.2 Config: ABORT (and the reserved 0b001-0b011) refuses with UR and no event.
        var config = (int)ste.Config;
        if ((config & 0b100) == 0)
        {
            return AtsCompletion.Unsupported(stu);
        }

        var eats = AtsConfiguration.EffectiveEats(ste, cr0.Atschk);
        if (eats == SteEats.Abort)
        {
            return RefuseAtsRequest(request, stu);
        }

        var stage1 = (config & 0b001) != 0;
        var stage2 = (config & 0b010) != 0;
        if (!stage1)
        {
            return request.SubstreamId.HasValue
                ? AtsConfigurationError(ConfigurationFault.BadSubstreamId, request, stu)
                : AtsStage1Bypassed(ste, stage2, eats, request, ids, stu);
        }

        if (!TrySelectCd(ste, request, ids, out var cdIndex, out var stage1Bypass, out fault))
        {
            return AtsConfigurationError(fault, request, stu);
        }

        if (stage1Bypass)
        {
            return AtsStage1Bypassed(ste, stage2, eats, request, ids, stu);
        }

        var context = new StreamContext(ste, default, Stage1: true, stage2, cdIndex);
        var engine = TranslationEngine;
        switch (TryGetCd(engine, context, request, ids, generation, out var cd, out fault, out var mapFault))
        {
            case CdFetchStatus.Fetched:
                context = context with { Cd = cd };
                var result = engine.Translate(this, context, request);
                var completion = Complete(result, ste, request, stu);
                return eats == SteEats.Split && completion.GrantsAccess ? WithStage1Output(completion, result, stu) : completion;
            case CdFetchStatus.AddressMapFailed:
                // IHI 0070 3.9.1.2: a stage 2 fault on the CD fetch grants nothing, as any translation fault.
                return Complete(mapFault, ste, request, stu);
            default:
                return AtsConfigurationError(fault, request, stu);
        }
    }

    // Stage 1 does not translate: Config S2_TRANS, or STE.S1DSS = BYPASS for a request without a
    // PASID. IHI 0070 3.4, 13.6.5: the input must still fit the stage 1 output range; the stage 1
    // Address Size fault grants nothing, as any translation fault.
    private AtsCompletion AtsStage1Bypassed(in Ste ste, bool stage2, SteEats eats, in Transaction request, in IdRegisters ids, int stu)
    {
        var bits = stage2 ? SteValidity.InputAddressBits(ids) : SteValidity.OutputAddressBits(ids);
        if (!AddressSizeEncoding.Fits(request.Address, bits))
        {
            return AtsCompletion.NoAccess(request.Access.IsPrivileged, stu, Stage1AddressSizeRecord(ste, request));
        }

        if (!stage2)
        {
            // IHI 0070 3.9.1.2, 13.6.4: full ATS skipping the only stage gives an identity
            // completion with R = W = 1 (U = 0) and neither Exe nor Priv (the request has no PASID).
            var identity = NaturalAlignment.AlignDown(request.Address, stu);
            return new AtsCompletion(AtsCompletionStatus.Success, identity, AccessPermissions.Read | AccessPermissions.Write, false, stu);
        }

        var context = new StreamContext(ste, default, Stage1: false, Stage2: true, null);
        var completion = Complete(TranslationEngine.Translate(this, context, request), ste, request, stu);

        // IHI 0070 13.6.5: split-stage ATS skipping stage 1 returns the IPA itself, with stage 2's
        // permissions and translation size.
        return eats == SteEats.Split && completion.GrantsAccess
            ? completion with { TranslatedAddress = request.Address & ~(completion.Size - 1) }
            : completion;
    }

    // IHI 0070 13.6.3: split-stage ATS returns the stage 1 output (an IPA); the permissions and the
    // size come from both stages, as the engine computed them.
    private static AtsCompletion WithStage1Output(in AtsCompletion completion, in TranslationResult result, int stu) =>
        result.IntermediateAddress is { } ipa
            ? completion with { TranslatedAddress = ipa & ~(completion.Size - 1) }
            : AtsCompletion.NoAccess(completion.Privileged, stu); // an engine that does not report the IPA

    // The completion for the translation engine's result (IHI 0070 3.9.1.2, 13.7.1).
    private static AtsCompletion Complete(in TranslationResult result, in Ste ste, in Transaction request, int stu)
    {
        var privileged = request.Access.IsPrivileged;
        if (result.Succeeded)
        {
            var granted = AtsPermissionGrant.Grant(result.Permissions, ste.Instcfg, request.Access.IsInstruction);
            if (granted == AccessPermissions.None)
            {
                return AtsCompletion.NoAccess(privileged, stu);
            }

            // The largest naturally aligned range with one translation and one set of permissions:
            // the smaller of the stages' pages or blocks (IHI 0070 13.6.3), at least one STU.
            var sizeBits = Math.Max(result.MappingBits, stu);
            var size = 1UL << sizeBits;
            return new AtsCompletion(AtsCompletionStatus.Success, result.OutputAddress & ~(size - 1), granted, privileged, sizeBits);
        }

        // Translation faults (including stage 2 faults of a CD or table fetch, and a hardware update
        // stage 2 refuses, which carries no record) grant nothing and are not recorded; a walk
        // abort is an error that completes with CA.
        if (result.Event is { } record && !IsTranslationFault(record.EventId))
        {
            return AtsCompletion.CompleterAbort(stu, record, result.EventRecorded);
        }

        return AtsCompletion.NoAccess(privileged, stu, result.Event);
    }

    private static bool IsTranslationFault(EvtEventId id) =>
        id is EvtEventId.FTranslation or EvtEventId.FAddrSize or EvtEventId.FAccess or EvtEventId.FPermission;

    // IHI 0070 3.9.1.2, 7.3.6: UR, recording F_BAD_ATS_TREQ with the permissions requested before
    // the STE overrides (R is always 1 in a PCIe request; W is !NW).
    private AtsCompletion RefuseAtsRequest(in Transaction request, int stu)
    {
        var access = request.Access;
        Evt record = FBadAtsTreq.Create()
            .WithStreamID(request.StreamId)
            .WithSsv(request.SubstreamId.HasValue)
            .WithSubstreamID(request.SubstreamId.GetValueOrDefault())
            .WithSpan(AtsRequestSpan)
            .WithR(true)
            .WithW(access.IsWrite)
            .WithX(access.IsInstruction)
            .WithP(access.IsPrivileged)
            .WithInputAddr(request.Address & FBadAtsTreq.InputAddrMask);
        return AtsCompletion.Unsupported(stu, record, RecordEvent(record) == QueueWriteResult.Written);
    }

    // IHI 0070 3.9.1.2, 5.2 V, 7.3.6: a configuration error completes the request with CA. Its
    // event is recorded only when CR2.REC_CFG_ATS asks (C_BAD_STREAMID also needs CR2.RECINVSID);
    // REC_CFG_ATS is RES0 on this model (IDR0.ATSRECERR = 0), so nothing is recorded.
    private AtsCompletion AtsConfigurationError(in ConfigurationFault fault, in Transaction request, int stu)
    {
        var record = fault.ToRecord(request);
        var cr2 = new Cr2((uint)Registers.Peek(Cr2.Info));
        var shouldRecord = cr2.RecCfgAts && (fault.Event != EvtEventId.CBadStreamid || cr2.Recinvsid);
        return AtsCompletion.CompleterAbort(stu, record, shouldRecord && RecordEvent(record) == QueueWriteResult.Written);
    }

    // Translate for a transaction of kind AtsTranslated (IHI 0070 3.9.1.3).
    private TranslationResult TranslateAtsTranslated(in Transaction transaction)
    {
        ThrowIfSubstreamIdTooWide(transaction);
        if (!Registers.Ids.Idr0.Ats)
        {
            var (record, recorded) = UnsupportedUpstreamTransaction(transaction);
            return TranslationResult.Abort(record) with { EventRecorded = recorded };
        }

        // IHI 0070 3.9.1.3, 13.7: without IDR3.PASIDTT (not implemented here) a Translated
        // transaction is taken as SSV = 0, PnU = 0 (unprivileged) and InD = 0 (data).
        var translated = transaction with { SubstreamId = null, Access = new TransactionAccess(transaction.Access.IsWrite) };
        var ids = Registers.Ids;
        var cr0 = new Cr0ack((uint)Registers.Peek(Cr0ack.Info));
        if (!cr0.Smmuen)
        {
            return ForbidTranslated(translated);
        }

        // IHI 0070 6.3.9 ATSCHK = 0 (fast mode): no Stream table or TLB lookup.
        if (!cr0.Atschk)
        {
            return PassTranslated(translated, ids);
        }

        if (!TryGetSte(translated, ids, ConfigurationCache.Generation, out var ste, out var fault))
        {
            return TranslatedConfigurationError(fault, translated);
        }

        // IHI 0070 5.2 Config: ABORT aborts Translated traffic without an event.
        if (((int)ste.Config & 0b100) == 0)
        {
            return TranslationResult.Abort();
        }

        return AtsConfiguration.EffectiveEats(ste, atsCheck: true) switch
        {
            // IHI 0070 5.2 EATS: full ATS lets Translated traffic bypass.
            SteEats.Full => PassTranslated(translated, ids),

            // IHI 0070 13.6.3, 3.9.1.3: the address is an IPA: checked against the IAS (a stage 1
            // F_ADDR_SIZE), then translated by stage 2, its faults recorded as for any transaction.
            SteEats.Split => Stage1Bypassed(ste, stage2: true, translated, ids),

            // IHI 0070 5.2 EATS 0b00 and Config BYPASS: F_TRANSL_FORBIDDEN.
            _ => ForbidTranslated(translated),
        };
    }

    // IHI 0070 3.9.1, 3.9.1.1: Translated traffic that passes is subject only to an address size
    // check; an address above the OAS is aborted without an event (the IMPLEMENTATION DEFINED
    // choice of this model, the other being truncation).
    private static TranslationResult PassTranslated(in Transaction translated, in IdRegisters ids) =>
        AddressSizeEncoding.Fits(translated.Address, SteValidity.OutputAddressBits(ids))
            ? TranslationResult.Bypass(translated.Address)
            : TranslationResult.Abort();

    // IHI 0070 7.3.8: F_TRANSL_FORBIDDEN, always recorded; it has no SubstreamID fields.
    private TranslationResult ForbidTranslated(in Transaction translated)
    {
        Evt record = FTranslForbidden.Create()
            .WithStreamID(translated.StreamId)
            .WithRnW(!translated.Access.IsWrite)
            .WithInputAddr(translated.Address);
        return Record(TranslationResult.Abort(record));
    }

    // IHI 0070 3.9.1.3, 5.2 V: with ATSCHK set, a configuration error (invalid or ILLEGAL STE
    // included) aborts the Translated transaction. The event is recorded only with
    // CR2.REC_CFG_ATS (RES0 here), and C_BAD_STREAMID then regardless of CR2.RECINVSID.
    private TranslationResult TranslatedConfigurationError(in ConfigurationFault fault, in Transaction translated)
    {
        var result = TranslationResult.Abort(fault.ToRecord(translated));
        return new Cr2((uint)Registers.Peek(Cr2.Info)).RecCfgAts ? Record(result) : result;
    }

    /// <summary>The F_UUT Reason this model gives ATS traffic reaching an SMMU without ATS (the field is IMPLEMENTATION DEFINED).</summary>
    public const ushort UutReasonAtsNotImplemented = 1;

    // IHI 0070 7.3.2: without IDR0.ATS there is no ATS interface, so a Translation Request or a
    // Translated access is a transaction type the SMMU cannot handle: F_UUT (recorded whatever
    // SMMUEN says), and the transaction is refused (UR / abort).
    private (Evt Record, bool Recorded) UnsupportedUpstreamTransaction(in Transaction transaction)
    {
        var record = FUut.Create()
            .WithStreamID(transaction.StreamId)
            .WithSsv(transaction.SubstreamId.HasValue)
            .WithSubstreamID(transaction.SubstreamId.GetValueOrDefault())
            .WithReason(UutReasonAtsNotImplemented)
            .WithRnW(!transaction.Access.IsWrite)
            .WithInD(transaction.Access.IsInstructionFetch)
            .WithPnU(transaction.Access.IsPrivileged)
            .WithInputAddr(transaction.Address)
            .ToEvt();
        return (record, RecordEvent(record) == QueueWriteResult.Written);
    }

    private static void ThrowIfSubstreamIdTooWide(in Transaction transaction)
    {
        if (transaction.SubstreamId is { } ssid && ssid >> MaxSubstreamIdBits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(transaction), ssid, "SubstreamIDs are at most 20 bits wide (IHI 0070 3.3.3).");
        }
    }
}
