using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Runtime.Tests.Emulator.Translation;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Ats;

/// <summary>
/// ATS Translated transactions (IHI 0070 3.9.1.3): CR0.ATSCHK = 0 lets them through unchecked;
/// with ATSCHK = 1 the STE decides: EATS FULL passes, SPLIT translates the IPA at stage 2, and an
/// effective EATS of 0b00 (or Config BYPASS) records F_TRANSL_FORBIDDEN; with SMMUEN clear they
/// always record it.
/// </summary>
public sealed class AtsTranslatedTests
{
    private const ulong Pa = 0x9_0000_3040;

    [Fact]
    public void AtschkClear_TranslatedTrafficPassesUntranslated_WithoutLookingAtTheStreamTable()
    {
        var ats = new AtsBench(atsCheck: false);
        ats.Bench.Memory.AddAbortRegion(TransactionBench.StreamTableAddress, 1 << 12); // any STE fetch would abort

        var read = ats.Translated(Pa);
        var write = ats.Translated(Pa, write: true, substreamId: 9);

        Assert.Equal(TranslationResult.Bypass(Pa), read);
        Assert.Equal(TranslationResult.Bypass(Pa), write);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void AtschkClear_EatsAbort_StillPasses()
    {
        var ats = new AtsBench(atsCheck: false).Stage1Stream(SteEats.Abort);

        Assert.Equal(TranslationOutcome.Bypassed, ats.Translated(Pa).Outcome);
    }

    [Fact]
    public void AtschkClear_AddressBeyondTheOas_AbortsWithoutAnEvent()
    {
        var ats = new AtsBench(new SmmuOptions { OutputAddressSize = Idr5Oas.Bits40 }, atsCheck: false);

        Assert.Equal(TranslationOutcome.Bypassed, ats.Translated((1UL << 40) - 8).Outcome);
        Assert.Equal(TranslationResult.Abort(), ats.Translated(1UL << 40));
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void SmmuDisabled_TranslatedTrafficAborts_WithFTranslForbidden()
    {
        var ats = new AtsBench(smmuEnabled: false);
        const ulong address = 0xFF00_0000_9000_3044; // the whole 64 bits are reported

        var result = ats.Translated(address, write: true, substreamId: 4);

        Assert.Equal((TranslationOutcome.Aborted, true), (result.Outcome, result.EventRecorded));
        var evt = ats.DrainEvents().Single().AsFTranslForbidden();
        Assert.Equal((AtsBench.Sid, false, address), (evt.StreamID, evt.RnW, evt.InputAddr));
    }

    [Fact]
    public void AtschkSet_EatsAbort_AbortsWithFTranslForbidden()
    {
        var ats = new AtsBench(atsCheck: true).Stage1Stream(SteEats.Abort);

        var result = ats.Translated(Pa);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        var evt = ats.DrainEvents().Single().AsFTranslForbidden();
        Assert.Equal((AtsBench.Sid, true, Pa), (evt.StreamID, evt.RnW, evt.InputAddr));
    }

    [Fact]
    public void AtschkSet_ConfigBypass_AbortsWithFTranslForbidden_WhateverEatsSays()
    {
        var ats = new AtsBench(atsCheck: true);
        ats.Bench.InstallSte(AtsBench.Sid, TransactionBench.BypassSte.WithEats(SteEats.Full));

        Assert.Equal(TranslationOutcome.Aborted, ats.Translated(Pa, write: true).Outcome);
        Assert.Equal(EvtEventId.FTranslForbidden, ats.DrainEvents().Single().EventId);
    }

    [Fact]
    public void AtschkSet_InvalidSte_AbortsWithoutAnEvent()
    {
        var ats = new AtsBench(atsCheck: true);
        ats.Bench.InstallSte(AtsBench.Sid, new Ste().WithEats(SteEats.Full));

        var result = ats.Translated(Pa);

        // IHI 0070 5.2 V: aborted, nothing recorded (an ordinary transaction records C_BAD_STE).
        Assert.Equal((TranslationOutcome.Aborted, false), (result.Outcome, result.EventRecorded));
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void AtschkSet_StreamIdOutOfRange_AbortsWithoutAnEvent()
    {
        var ats = new AtsBench(atsCheck: true);

        Assert.Equal(TranslationOutcome.Aborted, ats.Translated(Pa, streamId: 1u << 5).Outcome);
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void AtschkSet_ConfigAbort_AbortsWithoutAnEvent()
    {
        var ats = new AtsBench(atsCheck: true);
        ats.Bench.InstallSte(AtsBench.Sid, new Ste().WithV(true).WithConfig(SteConfig.Abort).WithEats(SteEats.Full));

        Assert.Equal(TranslationResult.Abort(), ats.Translated(Pa));
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void AtschkSet_EatsFull_PassesThePhysicalAddress()
    {
        var ats = new AtsBench(atsCheck: true).Stage1Stream(SteEats.Full);

        Assert.Equal(TranslationResult.Bypass(Pa), ats.Translated(Pa, write: true));
        Assert.Empty(ats.DrainEvents());
    }

    [Fact]
    public void AtschkSet_EatsSplit_TranslatesTheIpaAtStage2()
    {
        var ats = new AtsBench(atsCheck: true).NestedStream(SteEats.Split);
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2);

        var result = ats.Translated(AtsBench.IpaBase + 0x5678, write: true);

        Assert.Equal((TranslationOutcome.Translated, 0x8_0000_5678UL), (result.Outcome, result.OutputAddress));
    }

    [Fact]
    public void AtschkSet_EatsSplit_Stage2FaultIsRecordedAsForAnOrdinaryTransaction_WithoutSubstream()
    {
        var ats = new AtsBench(atsCheck: true);
        ats.Bench.InstallSte(AtsBench.Sid, TransactionBench.NestedSte(AtsBench.CdTable(AtsBench.Sid)).WithS2ttb(ats.S2.Root).WithS2r(true).WithEats(SteEats.Split));
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2, s2: new S2Leaf(Ap: S2AccessPerm.Read));

        var result = ats.Translated(AtsBench.IpaBase + 0x40, write: true, substreamId: 1, privileged: true);

        // IHI 0070 3.9.1.3: without IDR3.PASIDTT the access is taken as SSV = 0, PnU = 0, InD = 0.
        Assert.Equal((TranslationOutcome.Aborted, true), (result.Outcome, result.EventRecorded));
        var evt = ats.DrainEvents().Single().AsFPermission();
        Assert.Equal((true, AtsBench.IpaBase + 0x40, AtsBench.IpaBase), (evt.S2, evt.InputAddr, evt.Ipa)); // IPA[51:12]
        Assert.Equal((false, false, false), (evt.Ssv, evt.PnU, evt.RnW));
    }

    [Fact]
    public void AtschkSet_EatsSplit_IpaBeyondTheIas_IsAStage1AddressSizeFault()
    {
        var ats = new AtsBench(atsCheck: true).NestedStream(SteEats.Split);
        const ulong beyond = 1UL << 48; // the default IAS is the 48-bit OAS

        var result = ats.Translated(beyond);

        Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
        var evt = ats.DrainEvents().Single().AsFAddrSize();
        Assert.Equal((false, beyond), (evt.S2, evt.InputAddr));
    }
}
