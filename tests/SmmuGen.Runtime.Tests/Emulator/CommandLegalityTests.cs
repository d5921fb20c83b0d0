using System.Collections.Generic;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Every command variant is accepted or rejected (CERROR_ILL) according to what the implementation has (IHI 0070 4).</summary>
public sealed class CommandLegalityTests
{
    private static readonly SmmuOptions Full = new();
    private static readonly SmmuOptions Stage1Only = new() { Stage2 = false, Nested = false };

    // Minimal: stage 2 only, no Hyp, ATS, PRI, MSI, SEV or Stall model; SMMUv3.0 (no range invalidation).
    private static readonly SmmuOptions Minimal = SmmuOptions.Minimal;

    public static TheoryData<string, Cmd, SmmuOptions, bool> Cases()
    {
        var data = new TheoryData<string, Cmd, SmmuOptions, bool>();
        void Add(string name, Cmd cmd, bool full, bool stage1Only, bool minimal)
        {
            data.Add(name + "/full", cmd, Full, full);
            data.Add(name + "/s1-only", cmd, Stage1Only, stage1Only);
            data.Add(name + "/minimal", cmd, Minimal, minimal);
        }

        Add("PREFETCH_CONFIG", CmdPrefetchConfig.Create(), true, true, true);
        Add("PREFETCH_ADDR", CmdPrefetchAddr.Create(), true, true, true);
        Add("CFGI_STE", CmdCfgiSte.Create(), true, true, true);
        Add("CFGI_STE_RANGE", CmdCfgiSteRange.Create(), true, true, true);
        Add("CFGI_CD", CmdCfgiCd.Create(), true, true, false); // IHI 0070 4.3.3: needs stage 1
        Add("CFGI_CD_ALL", CmdCfgiCdAll.Create(), true, true, false); // IHI 0070 4.3.4: needs stage 1
        Add("CFGI_VMS_PIDM", CmdCfgiVmsPidm.Create(), false, false, false);
        Add("TLBI_NH_ALL", CmdTlbiNhAll.Create(), true, true, false);
        Add("TLBI_NH_ASID", CmdTlbiNhAsid.Create(), true, true, false);
        Add("TLBI_NH_VA", CmdTlbiNhVa.Create(), true, true, false);
        Add("TLBI_NH_VAA", CmdTlbiNhVaa.Create(), true, true, false);
        Add("TLBI_EL3_ALL", CmdTlbiEl3All.Create(), false, false, false);
        Add("TLBI_EL3_VA", CmdTlbiEl3Va.Create(), false, false, false);
        Add("TLBI_EL2_ALL", CmdTlbiEl2All.Create(), true, true, false);
        Add("TLBI_EL2_ASID", CmdTlbiEl2Asid.Create(), true, true, false);
        Add("TLBI_EL2_VA", CmdTlbiEl2Va.Create(), true, true, false);
        Add("TLBI_EL2_VAA", CmdTlbiEl2Vaa.Create(), true, true, false);
        Add("TLBI_S12_VMALL", CmdTlbiS12Vmall.Create(), true, false, true);
        Add("TLBI_S2_IPA", CmdTlbiS2Ipa.Create(), true, false, true);
        Add("TLBI_NSNH_ALL", CmdTlbiNsnhAll.Create(), true, true, true);
        Add("ATC_INV", CmdAtcInv.Create(), true, true, false);
        Add("PRI_RESP", CmdPriResp.Create().WithResp(CmdPriRespResp.Success), true, true, false);
        Add("RESUME", CmdResume.Create().WithResp(CmdResumeResp.Retry), true, true, false); // IHI 0070 4.7.1: needs the Stall model
        Add("STALL_TERM", CmdStallTerm.Create(), true, true, false); // IHI 0070 4.7.2: needs the Stall model
        Add("SYNC", CmdSync.Create(), true, true, true);
        Add("unknown opcode", default(Cmd).WithOpcode((CmdOpcode)0xFF), false, false, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryCommandVariant_IsAcceptedOrRejectedPerOptions(string name, Cmd command, SmmuOptions options, bool legal)
    {
        var bench = new CommandQueueBench(options);
        bench.Submit(command);

        Assert.True(legal == (bench.ConsRd == 1), name);
        Assert.Equal(legal ? CmdqConsErr.CerrorNone : CmdqConsErr.CerrorIll, bench.Cons.Err);
        Assert.Equal(!legal, bench.CommandErrorActive);
    }

    [Fact]
    public void TlbiAndAtcInv_ReachTheInvalidationInterface_InOrder()
    {
        var bench = new CommandQueueBench(smmuEnabled: true);
        Cmd[] commands = [CmdTlbiNhVa.Create().WithAsid(3), CmdAtcInv.Create().WithStreamID(9), CmdTlbiS12Vmall.Create().WithVmid(4), CmdTlbiNsnhAll.Create()];
        bench.Submit(commands);

        Assert.Equal(commands, bench.Invalidation.Commands);
    }

    [Fact]
    public void StallTermAndPriResp_ReachTheStallInterface_InOrder_AndAResumeOfNoStallIsANoOp()
    {
        var bench = new CommandQueueBench(smmuEnabled: true);
        Cmd[] commands =
        [
            CmdResume.Create().WithStreamID(1).WithStag(7).WithResp(CmdResumeResp.Abort),
            CmdStallTerm.Create().WithStreamID(2),
            CmdPriResp.Create().WithStreamID(3).WithPRGIndex(5).WithResp(CmdPriRespResp.InvalidRequest),
        ];
        bench.Submit(commands);

        // IHI 0070 4.7.1: the RESUME names no stalled transaction, so it is a no-op.
        Assert.Equal(commands[1..], bench.Stalls.Commands);
        Assert.Empty(bench.Invalidation.Commands);
    }

    [Fact]
    public void ReservedResponseEncodings_AreIllegal()
    {
        var resume = CmdResume.Create().WithResp((CmdResumeResp)3);
        var pri = CmdPriResp.Create().WithResp((CmdPriRespResp)3);
        foreach (Cmd c in new List<Cmd> { resume, pri })
        {
            var bench = new CommandQueueBench();
            bench.Submit(c);
            Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
            Assert.Empty(bench.Stalls.Commands);
        }
    }

    [Fact]
    public void AtcInvAndPriResp_AreIgnored_WhileSmmuenIsClear()
    {
        // IHI 0070 4.5.1, 4.5.2, 6.3.9.6: legal, consumed, but nothing reaches the ATS interface.
        var bench = new CommandQueueBench();
        bench.Submit(CmdAtcInv.Create().WithStreamID(1), CmdPriResp.Create().WithResp(CmdPriRespResp.Success), CmdTlbiNsnhAll.Create());

        Assert.Equal(3u, bench.ConsRd);
        Assert.False(bench.CommandErrorActive);
        Assert.Equal([(Cmd)CmdTlbiNsnhAll.Create()], bench.Invalidation.Commands);
        Assert.Empty(bench.Stalls.Commands);
    }

    [Fact]
    public void IllegalCommand_IsIllegal_EvenWhereItWouldBeIgnored()
    {
        // IHI 0070 4.1.3: CERROR_ILL takes precedence over IGNORED (CMD_PRI_RESP with SMMUEN 0).
        var bench = new CommandQueueBench();
        bench.Submit(CmdPriResp.Create().WithResp((CmdPriRespResp)3));

        Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
        Assert.Equal(0u, bench.ConsRd);
    }

    [Theory]
    [InlineData(52, true)]
    [InlineData(53, false)]
    [InlineData(63, false)]
    public void AtcInvSize_Above52_IsIllegal(byte size, bool legal)
    {
        // IHI 0070 4.5.1: Size 52 invalidates everything; larger sizes may raise CERROR_ILL, and do here.
        var bench = new CommandQueueBench(smmuEnabled: true);
        bench.Submit(CmdAtcInv.Create().WithSizeField(size));

        Assert.Equal(legal, !bench.CommandErrorActive);
        Assert.Equal(legal ? 1 : 0, bench.Invalidation.Commands.Count);
    }

    public static TheoryData<string, Cmd> CommandsWithSSec() => new()
    {
        { "PREFETCH_CONFIG", CmdPrefetchConfig.Create().WithSSec(true) },
        { "CFGI_STE", CmdCfgiSte.Create().WithSSec(true) },
        { "CFGI_STE_RANGE", CmdCfgiSteRange.Create().WithSSec(true) },
        { "CFGI_ALL", CmdCfgiSteRange.Create().WithRange(31).WithSSec(true) },
        { "CFGI_CD", CmdCfgiCd.Create().WithSSec(true) },
        { "RESUME", CmdResume.Create().WithResp(CmdResumeResp.Retry).WithSSec(true) },
        { "STALL_TERM", CmdStallTerm.Create().WithSSec(true) },
    };

    [Theory]
    [MemberData(nameof(CommandsWithSSec))]
    public void SSecSet_OnTheNonSecureQueue_IsIllegal(string name, Cmd command)
    {
        // IHI 0070 4.1.6: SSec == 1 on the Non-secure Command queue is ILLEGAL, Secure support or not.
        var bench = new CommandQueueBench();
        bench.Submit(command);

        Assert.True(bench.Cons.Err == CmdqConsErr.CerrorIll, name);
        Assert.Equal(0u, bench.ConsRd);
    }

    public static TheoryData<string, Cmd, bool> RangeInvalidations()
    {
        var data = new TheoryData<string, Cmd, bool>();
        void Add(string name, Cmd cmd, bool legal) => data.Add(name, cmd, legal);

        // IHI 0070 4.4.1.1: TG == 0 is a plain invalidation; NUM, SCALE and TTL are then RES0.
        Add("TG 0", CmdTlbiNhVa.Create().WithAddress(0x1000), true);
        Add("TG 0 with NUM", CmdTlbiNhVa.Create().WithNum(1), false);
        Add("TG 0 with SCALE", CmdTlbiNhVaa.Create().WithScale(1), false);
        Add("TG 0 with TTL", CmdTlbiS2Ipa.Create().WithTtl(3), false);

        // TG != 0: a range and/or a level hint; all three zero is the Reserved combination.
        Add("TG 4K, one granule, no hint", CmdTlbiNhVa.Create().WithTg(TlbiGranule.Size4kb), false);
        Add("TG 4K, TTL 3", CmdTlbiNhVa.Create().WithTg(TlbiGranule.Size4kb).WithTtl(3), true);
        Add("TG 16K, NUM 1", CmdTlbiEl2Va.Create().WithTg(TlbiGranule.Size16kb).WithNum(1), true);
        Add("TG 64K, SCALE 2", CmdTlbiEl2Vaa.Create().WithTg(TlbiGranule.Size64kb).WithScale(2), true);
        Add("S2_IPA TG 4K, no range", CmdTlbiS2Ipa.Create().WithTg(TlbiGranule.Size4kb), false);
        Add("S2_IPA TG 4K, NUM 31 SCALE 31", CmdTlbiS2Ipa.Create().WithTg(TlbiGranule.Size4kb).WithNum(31).WithScale(31), true);
        return data;
    }

    [Theory]
    [MemberData(nameof(RangeInvalidations))]
    public void RangeInvalidationFields_FollowTheTgRules(string name, Cmd command, bool legal)
    {
        var bench = new CommandQueueBench();
        bench.Submit(command);

        Assert.True(legal == !bench.CommandErrorActive, name);
        Assert.Equal(legal ? CmdqConsErr.CerrorNone : CmdqConsErr.CerrorIll, bench.Cons.Err);
    }

    [Fact]
    public void RangeInvalidationFields_WithoutIdr3Ril_AreReserved()
    {
        // IHI 0070 4.4.1.1: without IDR3.RIL, TG, NUM, SCALE and TTL are all RES0.
        var noRil = new SmmuOptions { RangeInvalidation = false };
        foreach (Cmd c in new Cmd[]
        {
            CmdTlbiNhVa.Create().WithTg(TlbiGranule.Size4kb).WithTtl(3),
            CmdTlbiNhVa.Create().WithNum(1),
            CmdTlbiS2Ipa.Create().WithScale(1),
            CmdTlbiS2Ipa.Create().WithTtl(1),
        })
        {
            var bench = new CommandQueueBench(noRil);
            bench.Submit(c);
            Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
        }

        var plain = new CommandQueueBench(noRil);
        plain.Submit(CmdTlbiNhVa.Create().WithAddress(0x1000).WithLeaf(true));
        Assert.False(plain.CommandErrorActive);
    }

    [Fact]
    public void FieldOfALaterRevision_IsReserved()
    {
        // CMD_PREFETCH_ADDR.Stride arrived in SMMUv3.1 (IHI 0070 4.2.2): RES0 on an SMMUv3.0.
        Assert.Equal(AidrArchMinorRev.V3_0, SmmuOptions.Minimal.Aidr.ArchMinorRev);
        var old = new CommandQueueBench(SmmuOptions.Minimal);
        old.Submit(CmdPrefetchAddr.Create().WithStride(1));
        Assert.Equal(CmdqConsErr.CerrorIll, old.Cons.Err);

        var current = new CommandQueueBench();
        current.Submit(CmdPrefetchAddr.Create().WithStride(1));
        Assert.False(current.CommandErrorActive);
    }
}
