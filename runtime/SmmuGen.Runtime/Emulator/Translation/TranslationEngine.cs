using System;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The SMMU's translation half (IHI 0070 3.3.5-3.3.6, 3.13, 5.5): stage 1, stage 2 and nested
/// VMSAv8-64 walks, Access flag and permission checks, hardware Access flag and dirty state
/// updates, the faults with all their record fields, and a TLB with exact CMD_TLBI_* semantics.
/// </summary>
/// <remarks>
/// <para>Faults: a stage 1 fault is recorded when CD.R is set and aborts when CD.A is set
/// (read-as-zero/write-ignored otherwise); a stage 2 fault is recorded when STE.S2R is set and
/// aborts; a walk abort is always recorded and aborts. With CD.S or STE.S2S a translation fault
/// stalls instead (<see cref="TranslationOutcome.Stalled"/>, recorded with its STAG) while the SMMU
/// holds fewer than IDR5.STALL_MAX stalled transactions; CMD_RESUME and CMD_STALL_TERM release
/// them and tell the <see cref="IStallAndPri"/>, which retries or terminates them. VMSAv8-32
/// LPAE tables (CD.AA64 or STE.S2AA64 clear, legal only when IDR0.TTF offers AArch32) are not
/// walked: such a stage gives a Translation fault.</para>
/// <para>With <see cref="Smmu.CheckingMode"/> on, every translation the TLB serves is compared with
/// a fresh walk of the tables and a difference is reported (<see cref="StaleEntryKind.Tlb"/>): the
/// driver changed a mapping without the TLB invalidation and CMD_SYNC it needed.</para>
/// <para>Thread-safe: any number of device threads may translate while the Command queue
/// invalidates.</para>
/// </remarks>
public sealed class TranslationEngine : ITranslationEngine, ITranslationInvalidation
{
    /// <summary>The TLB size when none is given.</summary>
    public const int DefaultTlbCapacity = 4096;

    // A hardware update that loses a race with software restarts the walk; a bound keeps a
    // descriptor rewritten without pause from holding a transaction forever.
    private const int MaxWalkAttempts = 16;

    private readonly Tlb _tlb;
    private readonly IdRegisters _ids;

    /// <summary>Creates an engine for an implementation with <paramref name="options"/> (the defaults when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tlbCapacity"/> is below 1.</exception>
    public TranslationEngine(SmmuOptions? options = null, int tlbCapacity = DefaultTlbCapacity)
    {
        _ids = IdRegisters.From(options ?? new SmmuOptions());
        _tlb = new Tlb(tlbCapacity);
    }

    /// <summary>How many translations the TLB holds.</summary>
    public int TlbEntryCount => _tlb.Count;

    /// <summary>The TLB's capacity.</summary>
    public int TlbCapacity => _tlb.Capacity;

    /// <summary>Where CMD_ATC_INV goes: the endpoints' ATCs, or null when none is modelled.</summary>
    public IAtcInvalidationTarget? Atc { get; set; }

    /// <inheritdoc/>
    public TranslationResult Translate(Smmu smmu, in StreamContext context, in Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(smmu);
        var request = new Request(this, smmu, context, transaction);
        return request.Run();
    }

    /// <inheritdoc/>
    public bool TryTranslateStructureAddress(Smmu smmu, in StreamContext context, in Transaction transaction, ulong ipa, out ulong physicalAddress, out TranslationResult fault)
    {
        ArgumentNullException.ThrowIfNull(smmu);
        var request = new Request(this, smmu, context, transaction);
        return request.TryStage2Structure(ipa, write: false, FaultClass.Cd, out physicalAddress, out fault);
    }

    /// <inheritdoc/>
    public void InvalidateTlb(in Cmd command)
    {
        if (TlbInvalidation.From(command, _ids.Idr0.S2p, _ids.Idr3.Ril) is { } scope)
        {
            _tlb.Invalidate(scope);
        }
    }

    /// <inheritdoc/>
    public bool InvalidateAtc(in CmdAtcInv command) => Atc?.Invalidate(command) ?? true;

    /// <summary>A copy of the TLB's entries, most recently used first.</summary>
    internal TlbEntry[] TlbSnapshot() => _tlb.Snapshot();

    /// <summary>One transaction's translation: its context, the access after overrides, and the walks.</summary>
    private readonly struct Request(TranslationEngine engine, Smmu smmu, StreamContext context, Transaction transaction)
    {
        private readonly IdRegisters _ids = smmu.Registers.Ids;
        private readonly TransactionAccess _access = Smmu.EffectiveAccess(context.Ste, transaction.Access, smmu.Registers.Ids);
        private readonly StreamWorld _world = StreamWorlds.Of(context.Ste, smmu.Registers.Ids, smmu.Cr2E2h);

        // IHI 0070 3.9.1: an ATS Translation Request asks what the mapping allows; a translation
        // fault is not recorded and makes the completion grant nothing.
        private readonly bool _ats = transaction.Kind == TransactionKind.AtsTranslationRequest;

        private Ste Ste => context.Ste;

        private Cd Cd => context.Cd;

        public TranslationResult Run()
        {
            var input = transaction.Address;
            WalkParameters? stage1 = null;
            if (context.Stage1)
            {
                // VMSAv8-32 LPAE tables (CD.AA64 clear, allowed only where IDR0.TTF offers them)
                // are not walked by this model: such a stage faults instead of translating.
                stage1 = Cd.Aa64 ? Stage1Input.Select(Cd, _world, input, _access, _ids) : null;
                if (stage1 is null)
                {
                    return Fail(new TranslationFault(WalkFault.Translation, false, FaultClass.In));
                }

                input = Stage1Input.Canonical(input);
            }

            var tag = Tag();
            for (var attempt = 1; ; attempt++)
            {
                if (engine._tlb.TryLookup(tag, input, out var entry) && FromEntry(entry, input) is { } hit)
                {
                    if (smmu.CheckingMode)
                    {
                        Check(stage1, input, hit);
                    }

                    return hit;
                }

                var result = Walk(stage1, input, out var raced);
                if (!raced || attempt == MaxWalkAttempts)
                {
                    return result;
                }
            }
        }

        /// <summary>Stage 2 of a CD or stage 1 table address (CLASS CD or TT).</summary>
        public bool TryStage2Structure(ulong ipa, bool write, FaultClass cls, out ulong physicalAddress, out TranslationResult fault)
        {
            var access = new TransactionAccess(write);
            for (var attempt = 1; ; attempt++)
            {
                var f = Stage2(ipa, access, cls, out physicalAddress, out var permissions, out _, out _, out var raced, out _);
                if (f is null && Ste.S2ptw && permissions.IsDevice && context.Stage1)
                {
                    // IHI 0070 5.2 S2PTW: a CD or table fetch from stage 2 Device memory is a permission fault.
                    f = new TranslationFault(WalkFault.Permission, true, cls, ipa, TableWrite: write);
                }

                if (f is { } stage2Fault)
                {
                    fault = Fail(stage2Fault);
                    return false;
                }

                if (!raced || attempt == MaxWalkAttempts)
                {
                    fault = default;
                    return true;
                }
            }
        }

        private TlbTag Tag()
        {
            // VMIDs tag stage 2 and NS-EL1 stage 1 entries where stage 2 exists; ASIDs tag stage 1
            // entries except in the EL2 regime, which has none.
            var vmid = _world == StreamWorld.NsEl1 && _ids.Idr0.S2p ? Ste.S2vmid : (ushort)0;
            var asid = context.Stage1 && _world != StreamWorld.El2 ? Cd.Asid : (ushort)0;
            return new TlbTag(_world, vmid, asid, context.Stage1, context.Stage2);
        }

        private TranslationResult? FromEntry(in TlbEntry entry, ulong input)
        {
            // A write that needs a hardware dirty update goes back to the tables.
            if (_access.IsWrite && ((entry.HasStage1 && entry.Stage1.WriteNeedsDirtyUpdate) || (entry.HasStage2 && entry.Stage2.WriteNeedsDirtyUpdate)))
            {
                return null;
            }

            if (!_ats && entry.HasStage1 && !entry.Stage1.Allows(_access, _world, Cd.Wxn, Cd.Pan))
            {
                return Fail(new TranslationFault(WalkFault.Permission, false, FaultClass.In));
            }

            if (!_ats && entry.HasStage2 && !entry.Stage2.Allows(_access))
            {
                var ipa = entry.HasStage1 ? entry.IntermediateBase + (input - entry.InputBase) : input;
                return Fail(new TranslationFault(WalkFault.Permission, true, FaultClass.In, ipa));
            }

            return Translated(entry.Translate(input), entry.HasStage1, entry.Stage1, entry.HasStage2, entry.Stage2, entry.BlockBits) with
            {
                Attributes = entry.Attributes,
                IntermediateAddress = entry.HasStage1 && entry.HasStage2 ? entry.IntermediateBase + (input - entry.InputBase) : null,
            };
        }

        private TranslationResult Walk(WalkParameters? stage1, ulong input, out bool raced)
        {
            raced = false;
            var ipa = input;
            var s1Level = -1;
            var blockBits = 64;
            var s1Permissions = default(Stage1Permissions);
            var global = true;
            var granuleBits = 0;
            byte? mair = null;
            var shareability = default(DescShareability);
            if (stage1 is { } w1)
            {
                var leaf = context.Stage2 ? WalkNested(w1, input, out var mapFault) : WalkPhysical(w1, input, out mapFault);
                if (leaf.Fault == WalkFault.Stage2OnWalk)
                {
                    return mapFault;
                }

                if (Stage1Leaf(ref leaf, out s1Permissions, out raced, out var updateFault) is { } f1)
                {
                    return f1.Kind == WalkFault.Stage2OnWalk ? updateFault : Fail(f1);
                }

                if (raced)
                {
                    return default;
                }

                ipa = leaf.OutputAddress;
                s1Level = leaf.Level;
                blockBits = leaf.BlockBits;
                granuleBits = w1.Granule.PageBits;

                // nG: non-global entries carry the ASID; the EL2 regime has no ASIDs.
                var layout = leaf.Layout!;
                global = _world == StreamWorld.El2 || !DescriptorLayout.Flag(layout.NotGlobal, leaf.Descriptor);
                mair = MairAttribute((int)DescriptorLayout.Get(layout.AttrIndx, leaf.Descriptor));
                shareability = (DescShareability)DescriptorLayout.Get(layout.Sh, leaf.Descriptor);
            }

            var output = ipa;
            var s2Permissions = default(Stage2Permissions);
            var s2Level = -1;
            if (context.Stage2)
            {
                if (Stage2(ipa, _access, FaultClass.In, out output, out s2Permissions, out s2Level, out var s2Bits, out raced, out var s2Shareability) is { } f2)
                {
                    return Fail(f2);
                }

                if (raced)
                {
                    return default;
                }

                blockBits = Math.Min(blockBits, s2Bits);
                shareability = s2Shareability;
                if (!context.Stage1)
                {
                    granuleBits = Stage2Input.Of(Ste, _ids).Granule.PageBits;
                }
            }

            var mask = (1UL << blockBits) - 1;
            var tag = Tag();
            var attributes = new TranslationAttributes(mair, context.Stage2 ? (byte)s2Permissions.MemAttr : null, shareability);
            engine._tlb.Insert(new TlbEntry(
                tag.World, tag.Vmid, tag.Asid, global && context.Stage1, context.Stage1, context.Stage2,
                input & ~mask, blockBits, output & ~mask, context.Stage1 && context.Stage2 ? ipa & ~mask : 0,
                granuleBits, s1Level, s2Level, s1Permissions, s2Permissions) { Attributes = attributes });
            return Translated(output, context.Stage1, s1Permissions, context.Stage2, s2Permissions, blockBits) with
            {
                Attributes = attributes,
                IntermediateAddress = context.Stage1 && context.Stage2 ? ipa : null,
            };
        }

        // The attribute byte AttrIndx selects: MAIR0 holds attributes 0-3, MAIR1 4-7, eight bits each.
        private byte MairAttribute(int attrIndx)
        {
            const int AttributesPerHalf = 4;
            const int BitsPerAttribute = 8;
            var half = attrIndx < AttributesPerHalf ? Cd.Mair0 : Cd.Mair1;
            return (byte)(half >> (attrIndx % AttributesPerHalf * BitsPerAttribute));
        }

        // What the mapping allows this requester, for the result (ATS completions, device models).
        private TranslationResult Translated(ulong output, bool hasStage1, in Stage1Permissions s1, bool hasStage2, in Stage2Permissions s2, int blockBits)
        {
            var permissions = AccessPermissions.None;
            var privileged = _access.IsPrivileged;
            if (Allows(new TransactionAccess(false, false, privileged), hasStage1, s1, hasStage2, s2))
            {
                permissions |= AccessPermissions.Read;
            }

            // A page that is only dirty-able is not reported writable: the write has not happened.
            if (Allows(new TransactionAccess(true, false, privileged), hasStage1, s1 with { Dirtyable = false }, hasStage2, s2 with { Dirtyable = false }))
            {
                permissions |= AccessPermissions.Write;
            }

            if (Allows(new TransactionAccess(false, true, privileged), hasStage1, s1, hasStage2, s2))
            {
                permissions |= AccessPermissions.Execute;
            }

            return new TranslationResult(TranslationOutcome.Translated, output) { Permissions = permissions, MappingBits = blockBits };
        }

        private bool Allows(TransactionAccess access, bool hasStage1, in Stage1Permissions s1, bool hasStage2, in Stage2Permissions s2) =>
            (!hasStage1 || s1.Allows(access, _world, Cd.Wxn, Cd.Pan)) && (!hasStage2 || s2.Allows(access));

        private WalkResult WalkPhysical(in WalkParameters p, ulong input, out TranslationResult mapFault)
        {
            mapFault = default;
            var map = default(PhysicalTables);
            return TableWalker.Walk(smmu.Memory, p, input, ref map);
        }

        private WalkResult WalkNested(in WalkParameters p, ulong input, out TranslationResult mapFault)
        {
            var map = new NestedTables(this);
            var leaf = TableWalker.Walk(smmu.Memory, p, input, ref map);
            mapFault = map.Fault;
            return leaf;
        }

        // The Access flag, permission and hardware update decisions for a stage 1 leaf
        // (IHI 0070 3.13, 5.4 HA/HD/AFFD; Arm ARM: an Access flag fault outranks a Permission fault).
        private TranslationFault? Stage1Leaf(ref WalkResult leaf, out Stage1Permissions permissions, out bool raced, out TranslationResult updateFault)
        {
            raced = false;
            updateFault = default;
            permissions = default;
            switch (leaf.Fault)
            {
                case WalkFault.None:
                    break;
                case WalkFault.ExternalAbort:
                    return new TranslationFault(WalkFault.ExternalAbort, false, FaultClass.Tt, FetchAddress: leaf.FetchAddress);
                default:
                    return new TranslationFault(leaf.Fault, false, FaultClass.In);
            }

            var layout = leaf.Layout!;
            var descriptor = leaf.Descriptor;
            var accessed = DescriptorLayout.Flag(layout.Af, descriptor);
            if (!accessed && !Cd.Ha && !Cd.Affd)
            {
                return new TranslationFault(WalkFault.AccessFlag, false, FaultClass.In);
            }

            permissions = Stage1Permissions.From(leaf, Cd.Hd);
            var permitted = permissions.Allows(_access, _world, Cd.Wxn, Cd.Pan);
            if (!permitted && !_ats)
            {
                return new TranslationFault(WalkFault.Permission, false, FaultClass.In);
            }

            var updated = descriptor;
            if (!accessed && Cd.Ha)
            {
                updated |= layout.Af!.Mask;
            }

            if (permitted && _access.IsWrite && permissions.WriteNeedsDirtyUpdate)
            {
                updated = Stage1Permissions.MakeDirty(layout, updated);
            }

            if (updated == descriptor)
            {
                return null;
            }

            // In a nested walk the update is a write through stage 2, which must allow it.
            if (context.Stage2 && !TryStage2Structure(leaf.DescriptorInputAddress, write: true, FaultClass.Tt, out _, out updateFault))
            {
                // The stage 2 fault (CLASS TT, TTRnW = write) is already raised; the transaction ends with it.
                return new TranslationFault(WalkFault.Stage2OnWalk, true, FaultClass.Tt);
            }

            switch (TableWalker.TryUpdate(smmu.Memory, leaf.DescriptorAddress, Cd.Endi, descriptor, updated))
            {
                case null:
                    return new TranslationFault(WalkFault.ExternalAbort, false, FaultClass.Tt, FetchAddress: leaf.DescriptorAddress);
                case false:
                    raced = true;
                    return null;
            }

            leaf = leaf with { Descriptor = updated };
            permissions = Stage1Permissions.From(leaf, Cd.Hd);
            return null;
        }

        // Stage 2 of an IPA: the input range, the walk, then the Access flag, permissions and
        // hardware updates (STE.S2HA/S2HD/S2AFFD), through the TLB's stage-2-only entries.
        private TranslationFault? Stage2(ulong ipa, TransactionAccess access, FaultClass cls, out ulong output, out Stage2Permissions permissions, out int level, out int blockBits, out bool raced, out DescShareability shareability)
        {
            shareability = default;
            output = 0;
            permissions = default;
            level = -1;
            blockBits = 64;
            raced = false;
            // VMSAv8-32 LPAE stage 2 tables (STE.S2AA64 clear) are not walked by this model.
            if (!Ste.S2aa64)
            {
                return new TranslationFault(WalkFault.Translation, true, cls, ipa);
            }

            var p = Stage2Input.Of(Ste, _ids);
            if (!Stage2Input.InRange(p, ipa))
            {
                return new TranslationFault(WalkFault.Translation, true, cls, ipa);
            }

            // Stage-2-only entries serve every stage 2 lookup of the VMID (input, CD and table addresses).
            var tag = new TlbTag(StreamWorld.NsEl1, _ids.Idr0.S2p ? Ste.S2vmid : (ushort)0, 0, false, true);
            if (engine._tlb.TryLookup(tag, ipa, out var entry) && !(access.IsWrite && entry.Stage2.WriteNeedsDirtyUpdate))
            {
                permissions = entry.Stage2;
                if (!permissions.Allows(access) && !(_ats && cls == FaultClass.In))
                {
                    return new TranslationFault(WalkFault.Permission, true, cls, ipa, TableWrite: access.IsWrite);
                }

                output = entry.Translate(ipa);
                level = entry.Stage2Level;
                blockBits = entry.BlockBits;
                shareability = entry.Attributes.Shareability;
                return null;
            }

            var map = default(PhysicalTables);
            var leaf = TableWalker.Walk(smmu.Memory, p, ipa, ref map);
            switch (leaf.Fault)
            {
                case WalkFault.None:
                    break;
                case WalkFault.ExternalAbort:
                    return new TranslationFault(WalkFault.ExternalAbort, true, cls, ipa, leaf.FetchAddress);
                default:
                    return new TranslationFault(leaf.Fault, true, cls, ipa);
            }

            var layout = leaf.Layout!;
            var descriptor = leaf.Descriptor;
            var accessed = DescriptorLayout.Flag(layout.Af, descriptor);
            if (!accessed && !Ste.S2ha && !Ste.S2affd)
            {
                return new TranslationFault(WalkFault.AccessFlag, true, cls, ipa);
            }

            permissions = Stage2Permissions.From(leaf, Ste.S2hd);
            var permitted = permissions.Allows(access);
            if (!permitted && !(_ats && cls == FaultClass.In))
            {
                return new TranslationFault(WalkFault.Permission, true, cls, ipa, TableWrite: access.IsWrite);
            }

            var updated = descriptor;
            if (!accessed && Ste.S2ha)
            {
                updated |= layout.Af!.Mask;
            }

            if (permitted && access.IsWrite && permissions.WriteNeedsDirtyUpdate)
            {
                updated = Stage2Permissions.MakeDirty(layout, updated);
            }

            if (updated != descriptor)
            {
                switch (TableWalker.TryUpdate(smmu.Memory, leaf.DescriptorAddress, Ste.S2endi, descriptor, updated))
                {
                    case null:
                        return new TranslationFault(WalkFault.ExternalAbort, true, cls, ipa, leaf.DescriptorAddress);
                    case false:
                        raced = true;
                        return null;
                }

                leaf = leaf with { Descriptor = updated };
                permissions = Stage2Permissions.From(leaf, Ste.S2hd);
            }

            output = leaf.OutputAddress;
            level = leaf.Level;
            blockBits = leaf.BlockBits;
            shareability = (DescShareability)DescriptorLayout.Get(layout.Sh, leaf.Descriptor);
            var mask = (1UL << blockBits) - 1;
            engine._tlb.Insert(new TlbEntry(
                StreamWorld.NsEl1, tag.Vmid, 0, false, false, true, ipa & ~mask, blockBits, output & ~mask, 0,
                p.Granule.PageBits, -1, level, default, permissions)
            {
                Attributes = new TranslationAttributes(null, (byte)permissions.MemAttr, shareability),
            });
            return null;
        }

        // IHI 0070 5.5: record and terminate per the stage's controls.
        private TranslationResult Fail(in TranslationFault fault)
        {
            if (fault.Kind == WalkFault.Stage2OnWalk)
            {
                // The stage 2 fault of a hardware update was already raised; the transaction aborts.
                return TranslationResult.Abort();
            }

            var record = fault.ToRecord(transaction, _access);
            if (_ats)
            {
                // IHI 0070 3.9.1.2: a Translation Request records nothing; a translation fault makes
                // the completion grant no access, a walk abort makes it a Completer Abort.
                return new TranslationResult(TranslationOutcome.Aborted, 0, record);
            }

            // IHI 0070 3.12.2, 5.5: a translation fault of a stage that stalls (CD.S, STE.S2S) holds
            // the transaction, its record always written (software must see it to resume), when the
            // SMMU can still hold one more; otherwise it terminates as below.
            if (fault.IsTranslationRelated && (fault.Stage2 ? Ste.S2s : Cd.S) && _ids.Idr0.StallModel != Idr0StallModel.NoStall)
            {
                if (smmu.TryStall(transaction, record) is { } stalled)
                {
                    return stalled;
                }

                // IHI 0070 3.12: a stall configuration that cannot stall (STALL_MAX transactions are
                // already held) terminates with an abort, the fault reported with Stall = 0.
                return new TranslationResult(TranslationOutcome.Aborted, 0, record, smmu.RecordEvent(record) == QueueWriteResult.Written);
            }

            bool shouldRecord;
            var outcome = TranslationOutcome.Aborted;
            if (!fault.IsTranslationRelated)
            {
                shouldRecord = true;
            }
            else if (fault.Stage2)
            {
                shouldRecord = Ste.S2r;
            }
            else
            {
                shouldRecord = Cd.R;
                if (!Cd.A && !_ids.Idr0.TermModel)
                {
                    outcome = TranslationOutcome.ReadAsZeroWriteIgnored;
                }
            }

            var recorded = shouldRecord && smmu.RecordEvent(record) == QueueWriteResult.Written;
            return new TranslationResult(outcome, 0, record, recorded);
        }

        // Checking mode: what the tables say now, without touching the TLB or the descriptors.
        private void Check(WalkParameters? stage1, ulong input, in TranslationResult cached)
        {
            var fresh = FreshWalk(stage1, input, cached.OutputAddress, out var detail);
            if (detail is null && fresh == cached.OutputAddress)
            {
                return;
            }

            smmu.ReportStale(new StaleEntryReport(
                StaleEntryKind.Tlb, transaction.StreamId, transaction.SubstreamId, transaction.Address,
                detail ?? $"the TLB gave 0x{cached.OutputAddress:X} but the tables now give 0x{fresh:X}"));
        }

        private ulong FreshWalk(WalkParameters? stage1, ulong input, ulong cachedOutput, out string? detail)
        {
            detail = null;
            var ipa = input;
            var physical = default(PhysicalTables);
            if (stage1 is { } w1)
            {
                var leaf = context.Stage2 ? FreshNested(w1, input) : TableWalker.Walk(smmu.Memory, w1, input, ref physical);
                if (!leaf.Succeeded)
                {
                    detail = $"the TLB gave 0x{cachedOutput:X} but a stage 1 walk now gives a {leaf.Fault} fault at level {leaf.Level}";
                    return 0;
                }

                if (!Stage1Permissions.From(leaf, Cd.Hd).Allows(_access, _world, Cd.Wxn, Cd.Pan))
                {
                    detail = $"the TLB gave 0x{cachedOutput:X} but the stage 1 descriptor now forbids this access";
                    return 0;
                }

                ipa = leaf.OutputAddress;
            }

            if (!context.Stage2)
            {
                return ipa;
            }

            var p = Stage2Input.Of(Ste, _ids);
            var s2 = Stage2Input.InRange(p, ipa) ? TableWalker.Walk(smmu.Memory, p, ipa, ref physical) : WalkResult.Failed(WalkFault.Translation, p.StartLevel);
            if (!s2.Succeeded)
            {
                detail = $"the TLB gave 0x{cachedOutput:X} but a stage 2 walk of IPA 0x{ipa:X} now gives a {s2.Fault} fault at level {s2.Level}";
                return 0;
            }

            if (!Stage2Permissions.From(s2, Ste.S2hd).Allows(_access))
            {
                detail = $"the TLB gave 0x{cachedOutput:X} but the stage 2 descriptor of IPA 0x{ipa:X} now forbids this access";
                return 0;
            }

            return s2.OutputAddress;
        }

        private WalkResult FreshNested(in WalkParameters p, ulong input)
        {
            var map = new FreshNestedTables(this);
            return TableWalker.Walk(smmu.Memory, p, input, ref map);
        }

        /// <summary>Stage 1 table addresses of a nested walk, translated by stage 2 (CLASS TT).</summary>
        private struct NestedTables(Request request) : ITableAddressMap
        {
            public TranslationResult Fault { get; private set; }

            public bool TryMap(ulong address, bool write, out ulong physicalAddress)
            {
                var ok = request.TryStage2Structure(address, write, FaultClass.Tt, out physicalAddress, out var fault);
                Fault = fault;
                return ok;
            }
        }

        /// <summary>Checking mode's stage 2 for table addresses: a plain walk, nothing recorded or cached.</summary>
        private readonly struct FreshNestedTables(Request request) : ITableAddressMap
        {
            public bool TryMap(ulong address, bool write, out ulong physicalAddress)
            {
                var p = Stage2Input.Of(request.Ste, request._ids);
                var physical = default(PhysicalTables);
                var leaf = Stage2Input.InRange(p, address) ? TableWalker.Walk(request.Memory, p, address, ref physical) : default;
                physicalAddress = leaf.OutputAddress;
                return leaf.Succeeded && Stage2Input.InRange(p, address);
            }
        }

        private SmmuGen.Memory.GuestMemory Memory => smmu.Memory;
    }
}
