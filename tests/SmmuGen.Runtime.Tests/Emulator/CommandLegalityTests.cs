using System.Collections.Generic;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Every command variant is accepted or rejected (CERROR_ILL) according to what the implementation has (IHI 0070 4).</summary>
public sealed class CommandLegalityTests
{
    private static readonly SmmuOptions Full = new();
    private static readonly SmmuOptions Stage1Only = new() { Stage2 = false, Nested = false };

    // Minimal: stage 2 only, no Hyp, ATS, PRI, MSI or SEV.
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
        Add("CFGI_CD", CmdCfgiCd.Create(), true, true, true);
        Add("CFGI_CD_ALL", CmdCfgiCdAll.Create(), true, true, true);
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
        Add("RESUME", CmdResume.Create().WithResp(CmdResumeResp.Retry), true, true, true);
        Add("STALL_TERM", CmdStallTerm.Create(), true, true, true);
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
        var bench = new CommandQueueBench();
        Cmd[] commands = [CmdTlbiNhVa.Create().WithAsid(3), CmdAtcInv.Create().WithStreamID(9), CmdTlbiS12Vmall.Create().WithVmid(4), CmdTlbiNsnhAll.Create()];
        bench.Submit(commands);

        Assert.Equal(commands, bench.Invalidation.Commands);
    }

    [Fact]
    public void ResumeStallTermAndPriResp_ReachTheStallInterface_InOrder()
    {
        var bench = new CommandQueueBench();
        Cmd[] commands =
        [
            CmdResume.Create().WithStreamID(1).WithStag(7).WithResp(CmdResumeResp.Abort),
            CmdStallTerm.Create().WithStreamID(2),
            CmdPriResp.Create().WithStreamID(3).WithPRGIndex(5).WithResp(CmdPriRespResp.InvalidRequest),
        ];
        bench.Submit(commands);

        Assert.Equal(commands, bench.Stalls.Commands);
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
}
