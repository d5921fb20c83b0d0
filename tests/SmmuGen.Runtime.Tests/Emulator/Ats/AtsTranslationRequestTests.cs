using System;
using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Runtime.Tests.Emulator.Translation;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Ats;

/// <summary>
/// ATS Translation Requests (IHI 0070 3.9.1.2): which configurations refuse them (UR, with or
/// without F_BAD_ATS_TREQ), which end in Completer Abort, what a Success completion carries (PA or
/// IPA, permissions per 13.7.1, translation size) and how a translation fault becomes a completion
/// that grants nothing without an event.
/// </summary>
public sealed class AtsTranslationRequestTests
{
    private const ulong Va = 0x4000_1000;
    private const ulong Pa = 0x9_0000_3000;

    [Fact]
    public void SmmuDisabled_RequestGetsUnsupportedRequest_AndFBadAtsTreqWithTheRequestAsMade()
    {
        var ats = new AtsBench(smmuEnabled: false);

        var completion = ats.Request(Va + 0x234, new AtsRequest(Write: true, Execute: true, Privileged: true), substreamId: 5);

        Assert.Equal(AtsCompletionStatus.UnsupportedRequest, completion.Status);
        Assert.Equal(AccessPermissions.None, completion.Permissions);
        var evt = ats.DrainEvents().Single().AsFBadAtsTreq();
        Assert.Equal((AtsBench.Sid, true, 5u), (evt.StreamID, evt.Ssv, evt.SubstreamID));
        Assert.Equal((true, true, true, true), (evt.R, evt.W, evt.X, evt.P));
        Assert.Equal((Va, (byte)1), (evt.InputAddr, evt.Span));
        Assert.True(completion.EventRecorded);
    }

    [Fact]
    public void InvalidSte_CompletesWithCompleterAbort_AndRecordsNothing()
    {
        var ats = new AtsBench();
        ats.Bench.InstallSte(AtsBench.Sid, new Ste().WithEats(SteEats.Full));

        var completion = ats.Request(Va);

        // IHI 0070 5.2 V: CA and no event, where an ordinary transaction records C_BAD_STE.
        Assert.Equal(AtsCompletionStatus.CompleterAbort, completion.Status);
        Assert.Equal((EvtEventId?)EvtEventId.CBadSte, completion.EventId);
        Assert.False(completion.EventRecorded);
        Assert.Empty(ats.DrainEvents());
        Assert.Equal(EvtEventId.CBadSte, ats.Bench.Translate(AtsBench.Sid, Va).EventId);
    }

    [Fact]
    public void IllegalSte_SplitOnAStage1OnlyStream_CompletesWithCompleterAbort()
    {
        var ats = new AtsBench(atsCheck: true).Stage1Stream(SteEats.Split);

        var completion = ats.Request(Va);

        Assert.Equal(AtsCompletionStatus.CompleterAbort, completion.Status);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void StreamIdOutOfRange_CompletesWithCompleterAbort_WithoutCBadStreamid()
    {
        var ats = new AtsBench();

        var completion = ats.Request(Va, streamId: 1u << 5);

        Assert.Equal(AtsCompletionStatus.CompleterAbort, completion.Status);
        Assert.Equal((EvtEventId?)EvtEventId.CBadStreamid, completion.EventId);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void ConfigAbort_GetsUnsupportedRequest_WithoutAnEvent()
    {
        var ats = new AtsBench();
        ats.Bench.InstallSte(AtsBench.Sid, new Ste().WithV(true).WithConfig(SteConfig.Abort).WithEats(SteEats.Full));

        var completion = ats.Request(Va);

        Assert.Equal(AtsCompletionStatus.UnsupportedRequest, completion.Status);
        Assert.Null(completion.Event);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void ConfigBypass_GetsUnsupportedRequest_WithFBadAtsTreq_WhateverEatsSays()
    {
        var ats = new AtsBench();
        ats.Bench.InstallSte(AtsBench.Sid, TransactionBench.BypassSte.WithEats(SteEats.Full));

        var completion = ats.Request(Va, AtsRequest.ReadWrite);

        Assert.Equal(AtsCompletionStatus.UnsupportedRequest, completion.Status);
        var evt = ats.DrainEvents().Single().AsFBadAtsTreq();
        Assert.Equal((AtsBench.Sid, false, true, true), (evt.StreamID, evt.Ssv, evt.R, evt.W));
    }

    [Fact]
    public void EatsAbort_GetsUnsupportedRequest_WithFBadAtsTreq_ThoughOrdinaryTrafficTranslates()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Abort);
        ats.S1.Map(Va, Pa);

        var completion = ats.Request(Va);

        Assert.Equal(AtsCompletionStatus.UnsupportedRequest, completion.Status);
        Assert.Equal(EvtEventId.FBadAtsTreq, ats.DrainEvents().Single().EventId);
        Assert.Equal(Pa, ats.Bench.Translate(AtsBench.Sid, Va).OutputAddress);
    }

    [Fact]
    public void EatsFull_Stage1_ReturnsThePhysicalPage_ItsPermissions_AndItsSize()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);
        ats.S1.Map(Va, Pa);

        var completion = ats.Request(Va + 0x234);

        Assert.Equal(AtsCompletionStatus.Success, completion.Status);
        Assert.Equal((Pa, 12), (completion.TranslatedAddress, completion.SizeBits));
        Assert.Equal(Pa + 0x234, completion.TranslatedAddressOf(Va + 0x234));

        // IHI 0070 13.7: write permission of an already writable page may be granted without NW = 0;
        // Exe is never granted unless requested.
        Assert.Equal(AccessPermissions.Read | AccessPermissions.Write, completion.Permissions);
        Assert.Null(completion.Event);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void EatsFull_Stage1Block_ReturnsTheWholeBlock()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);
        ats.S1.Map(0x4020_0000, 0x8_0060_0000, leafLevel: 2);

        var completion = ats.Request(0x4021_3000);

        Assert.Equal((0x8_0060_0000UL, 21), (completion.TranslatedAddress, completion.SizeBits));
    }

    [Fact]
    public void EatsFull_Nested_ReturnsThePhysicalAddress_OverTheSmallerOfTheStages()
    {
        var ats = new AtsBench().NestedStream(SteEats.Full);
        ats.S1.Map(Va, AtsBench.IpaBase + 0x5000);
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2);

        var completion = ats.Request(Va);

        Assert.Equal(AtsCompletionStatus.Success, completion.Status);
        Assert.Equal((0x8_0000_5000UL, 12), (completion.TranslatedAddress, completion.SizeBits));
    }

    [Fact]
    public void EatsSplit_Nested_ReturnsTheStage1Ipa_WithThePermissionsOfBothStages()
    {
        var ats = new AtsBench(atsCheck: true).NestedStream(SteEats.Split);
        ats.S1.Map(Va, AtsBench.IpaBase + 0x5000);
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2, s2: new S2Leaf(Ap: S2AccessPerm.Read));

        var completion = ats.Request(Va, AtsRequest.ReadWrite);

        // IHI 0070 13.6.3: the IPA, not the PA; stage 2 is read-only, so no write.
        Assert.Equal(AtsCompletionStatus.Success, completion.Status);
        Assert.Equal((AtsBench.IpaBase + 0x5000, 12), (completion.TranslatedAddress, completion.SizeBits));
        Assert.Equal(AccessPermissions.Read, completion.Permissions);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void EatsSplit_WithAtschkClear_BehavesAsEatsAbort()
    {
        var ats = new AtsBench(atsCheck: false).NestedStream(SteEats.Split);
        ats.S1.Map(Va, AtsBench.IpaBase + 0x5000);
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2);

        var completion = ats.Request(Va);

        Assert.Equal(AtsCompletionStatus.UnsupportedRequest, completion.Status);
        Assert.Equal(EvtEventId.FBadAtsTreq, ats.DrainEvents().Single().EventId);
    }

    [Fact]
    public void TranslationFault_CompletesWithSuccessGrantingNothing_OverOneStu_WithoutAnEvent()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);

        var completion = ats.Request(Va + 0x10, AtsRequest.ReadWrite);

        Assert.Equal(AtsCompletionStatus.Success, completion.Status);
        Assert.Equal((AccessPermissions.None, 12), (completion.Permissions, completion.SizeBits));
        Assert.False(completion.GrantsAccess);

        // The fault an ordinary transaction would raise is reported with the completion, not recorded.
        Assert.Equal((EvtEventId?)EvtEventId.FTranslation, completion.EventId);
        Assert.False(completion.EventRecorded);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void Stage2Fault_OfANestedRequest_GrantsNothing_WithoutAnEvent()
    {
        var ats = new AtsBench().NestedStream(SteEats.Full);
        ats.S1.Map(Va, AtsBench.IpaBase + 0x5000); // the IPA is not mapped at stage 2

        var completion = ats.Request(Va);

        Assert.Equal((AtsCompletionStatus.Success, AccessPermissions.None), (completion.Status, completion.Permissions));
        Assert.True(completion.Event!.Value.AsFTranslation().S2);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void WalkExternalAbort_CompletesWithCompleterAbort()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);
        ats.Bench.Memory.AddAbortRegion(ats.S1.Root, 0x1000);

        var completion = ats.Request(Va);

        // IHI 0070 3.9.1.2: F_WALK_EABT is a configuration error for a Translation Request.
        Assert.Equal((AtsCompletionStatus.CompleterAbort, (EvtEventId?)EvtEventId.FWalkEabt), (completion.Status, completion.EventId));
    }

    [Fact]
    public void StuIsTheSmallestGranuleTheSmmuImplements()
    {
        var ats = new AtsBench(new SmmuOptions { Granule4K = false }).Stage2Stream(SteEats.Full);

        // The stage 2 tables use 4KB pages, which this SMMU refuses: the STE is ILLEGAL, CA over a 16KB STU.
        var completion = ats.Request(AtsBench.IpaBase);

        Assert.Equal((AtsCompletionStatus.CompleterAbort, 14), (completion.Status, completion.SizeBits));
    }

    [Fact]
    public void ReadOnlyPage_WriteRequest_GrantsReadOnly()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);
        ats.S1.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll));

        var completion = ats.Request(Va, AtsRequest.ReadWrite);

        // IHI 0070 13.7: the completion grants the subset available; nothing is recorded.
        Assert.Equal((AtsCompletionStatus.Success, AccessPermissions.Read), (completion.Status, completion.Permissions));
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void Execute_IsGrantedOnlyWhenRequested_AndOnlyWhereThePageIsExecutable()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full, s1CdMax: 1);
        ats.S1.Map(Va, Pa);
        ats.S1.Map(Va + 0x1000, Pa + 0x1000, s1: new S1Leaf(Uxn: true));

        var all = AccessPermissions.Read | AccessPermissions.Write | AccessPermissions.Execute;
        Assert.Equal(all, ats.Request(Va, new AtsRequest(Execute: true), substreamId: 1).Permissions);
        Assert.Equal(all & ~AccessPermissions.Execute, ats.Request(Va, AtsRequest.Read, substreamId: 1).Permissions);
        Assert.Equal(all & ~AccessPermissions.Execute, ats.Request(Va + 0x1000, new AtsRequest(Execute: true), substreamId: 1).Permissions);
    }

    [Fact]
    public void Privilege_ComesFromTheRequest_AndIsEchoedInTheCompletion()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full, s1CdMax: 1);
        ats.S1.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RwPriv));

        var user = ats.Request(Va, AtsRequest.ReadWrite, substreamId: 1);
        var privileged = ats.Request(Va, new AtsRequest(Write: true, Privileged: true), substreamId: 1);

        Assert.Equal((AccessPermissions.None, false), (user.Permissions, user.Privileged));
        Assert.Equal((AccessPermissions.Read | AccessPermissions.Write, true), (privileged.Permissions, privileged.Privileged));
    }

    [Fact]
    public void WithoutAPasid_ExecuteAndPrivilegeAreNotRequested()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);
        ats.S1.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RwPriv));
        ats.S1.Map(Va + 0x1000, Pa + 0x1000);

        var privOnly = ats.Request(Va, new AtsRequest(Execute: true, Privileged: true));
        var open = ats.Request(Va + 0x1000, new AtsRequest(Execute: true, Privileged: true));

        // IHI 0070 13.7.1: Exe and Priv travel in the PASID prefix; without one they are 0.
        Assert.Equal((AccessPermissions.None, false), (privOnly.Permissions, privOnly.Privileged));
        Assert.Equal((AccessPermissions.Read | AccessPermissions.Write, false), (open.Permissions, open.Privileged));
    }

    [Fact]
    public void InstcfgInstruction_GrantsReadAndExecuteFromTheExecutePermission()
    {
        var ats = new AtsBench();
        ats.Bench.InstallSte(AtsBench.Sid, TransactionBench.Stage1Ste(AtsBench.CdTable(AtsBench.Sid), 1)
            .WithEats(SteEats.Full).WithInstcfg(OverrideAttr.Override1));
        ats.Bench.WriteAt(AtsBench.CdTable(AtsBench.Sid) + Cd.Size, ats.ValidCd());
        ats.S1.Map(Va, Pa, s1: new S1Leaf(Uxn: true));

        // IHI 0070 13.7.1: with INSTCFG = Instruction every read is an instruction fetch: an
        // unexecutable page grants neither R nor Exe (W still follows the page).
        var completion = ats.Request(Va, new AtsRequest(Execute: true), substreamId: 1);

        Assert.Equal(AccessPermissions.Write, completion.Permissions);
    }

    [Fact]
    public void S1dssBypass_OnAStage1OnlyStream_GivesAnIdentityCompletion()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full, s1CdMax: 1, dss: SteS1dss.Bypass);

        var completion = ats.Request(0x1234_5678);

        // IHI 0070 13.6.4: R = W = 1, identity, no Exe or Priv.
        Assert.Equal(AtsCompletionStatus.Success, completion.Status);
        Assert.Equal((0x1234_5000UL, AccessPermissions.Read | AccessPermissions.Write, false), (completion.TranslatedAddress, completion.Permissions, completion.Privileged));
    }

    [Fact]
    public void S1dssTerminate_RequestWithoutPasid_CompletesWithCompleterAbort()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full, s1CdMax: 1);

        var completion = ats.Request(Va);

        Assert.Equal((AtsCompletionStatus.CompleterAbort, (EvtEventId?)EvtEventId.FStreamDisabled), (completion.Status, completion.EventId));
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void S1dssBypass_OnASplitNestedStream_ReturnsTheIpaWithStage2Permissions()
    {
        var ats = new AtsBench(atsCheck: true).NestedStream(SteEats.Split, s1CdMax: 1, dss: SteS1dss.Bypass);
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2, s2: new S2Leaf(Ap: S2AccessPerm.Read));

        var completion = ats.Request(AtsBench.IpaBase + 0x3000, AtsRequest.ReadWrite);

        // IHI 0070 13.6.5: the IPA itself, with stage 2's permissions and size.
        Assert.Equal((AtsBench.IpaBase, 21, AccessPermissions.Read), (completion.TranslatedAddress, completion.SizeBits, completion.Permissions));
    }

    [Fact]
    public void SubstreamIdOnAStage2OnlyStream_CompletesWithCompleterAbort()
    {
        var ats = new AtsBench().Stage2Stream(SteEats.Full);
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2);

        Assert.Equal(AtsCompletionStatus.CompleterAbort, ats.Request(AtsBench.IpaBase, substreamId: 1).Status);
        Assert.Equal(AtsCompletionStatus.Success, ats.Request(AtsBench.IpaBase).Status);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void WriteRequest_MakesAWritableCleanPageDirty_AndGrantsWrite_WhereAReadRequestDoesNot()
    {
        var ats = new AtsBench();
        ats.Stage1Stream(SteEats.Full, cd: ats.ValidCd().WithHa(true).WithHd(true));
        var leaf = ats.S1.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll, Dbm: true));

        var read = ats.Request(Va);
        Assert.Equal(AccessPermissions.Read, read.Permissions);
        Assert.Equal(S1AccessPerm.RoAll, S1Page4k.FromWords([ats.S1.Read(leaf)]).Ap);

        // IHI 0070 3.9.1, 13.7: NW = 0 on a writable-clean page marks it dirty and grants W.
        var write = ats.Request(Va, AtsRequest.ReadWrite);
        Assert.Equal(AccessPermissions.Read | AccessPermissions.Write, write.Permissions);
        Assert.Equal(S1AccessPerm.RwAll, S1Page4k.FromWords([ats.S1.Read(leaf)]).Ap);
    }

    [Fact]
    public void TranslateWithTheRequestKind_ReturnsTheCompletionAsAResult()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);
        ats.S1.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll));

        var hit = ats.Smmu.Translate(new Transaction(AtsBench.Sid, null, Va + 0x88, TransactionAccess.Write) { Kind = TransactionKind.AtsTranslationRequest });
        var miss = ats.Smmu.Translate(new Transaction(AtsBench.Sid, null, Va + 0x1000, TransactionAccess.Read) { Kind = TransactionKind.AtsTranslationRequest });

        Assert.Equal((TranslationOutcome.Translated, Pa + 0x88, AccessPermissions.Read, 12), (hit.Outcome, hit.OutputAddress, hit.Permissions, hit.MappingBits));
        Assert.Equal((TranslationOutcome.Aborted, (EvtEventId?)EvtEventId.FTranslation, false), (miss.Outcome, miss.EventId, miss.EventRecorded));
    }

    [Fact]
    public void AtsTrafficToAnSmmuWithoutAts_IsAnUnsupportedUpstreamTransaction()
    {
        // IHI 0070 7.3.2: a transaction type the SMMU cannot handle is F_UUT; the request gets UR, the access aborts.
        var ats = new AtsBench(new SmmuOptions { Ats = false, Pri = false });

        var request = ats.Request(Va, substreamId: 5);
        var translated = ats.Translated(Pa, write: true);

        Assert.Equal(AtsCompletionStatus.UnsupportedRequest, request.Status);
        Assert.Equal(TranslationOutcome.Aborted, translated.Outcome);
        var events = ats.DrainEvents();
        Assert.Equal(2, events.Count);
        var first = events[0].AsFUut();
        Assert.Equal((AtsBench.Sid, true, 5u, Smmu.UutReasonAtsNotImplemented, Va), (first.StreamID, first.Ssv, first.SubstreamID, first.Reason, first.InputAddr));
        var second = events[1].AsFUut();
        Assert.Equal((false, Pa), (second.RnW, second.InputAddr));
    }
}
