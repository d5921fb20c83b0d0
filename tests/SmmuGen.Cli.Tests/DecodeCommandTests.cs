using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Cli.Tests;

/// <summary>
/// <c>smmugen decode</c> against the bundled specs. Records and register values are built with
/// the types the generator made from the same specs, so a test fails when the CLI's reading of a
/// spec and the generated code's disagree.
/// </summary>
public sealed class DecodeCommandTests
{
    private static readonly Regex FieldRow = new(@"^\s+(?<name>\S+)\s+\[(?<bits>[0-9:]+)\]\s+(?<value>\S+)(?:\s+(?<enum>\S+))?$");

    // ------------------------------------------------------------------ registers

    [Fact]
    public void Cr0NamesTheEnablesThatAreSet()
    {
        var cr0 = new Cr0(0).WithSmmuen(true).WithEventqen(true).WithCmdqen(true);
        Assert.Equal(0xdu, cr0.Raw);

        var run = Decode("CR0", "0xd");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal("CR0 = 0x0000000d (page 0, offset 0x20, 32-bit)", run.OutLines[0]);
        var fields = Fields(run);
        Assert.Equal(("0", "1", (string?)null), (fields["SMMUEN"].Bits, fields["SMMUEN"].Value, fields["SMMUEN"].Name));
        Assert.Equal("1", fields["EVENTQEN"].Value);
        Assert.Equal("1", fields["CMDQEN"].Value);
        Assert.Equal("0", fields["PRIQEN"].Value);
        Assert.Equal("0", fields["ATSCHK"].Value);

        // Every field is listed for a register, zero or not, with its enum name.
        Assert.Equal(Cr0.Info.Fields.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), fields.Keys.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(("8:6", "0x0", "EXACT"), (fields["VMW"].Bits, fields["VMW"].Value, fields["VMW"].Name));
        Assert.DoesNotContain("reserved", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void GerrorNamesCmdqErr()
    {
        var run = Decode("GERROR", "0x" + new Gerror(0).WithCmdqErr(true).Raw.ToString("x", CultureInfo.InvariantCulture));

        Assert.Equal(0, run.ExitCode);
        var fields = Fields(run);
        Assert.Equal("1", fields["CMDQ_ERR"].Value);
        Assert.All(fields.Where(f => f.Key != "CMDQ_ERR"), f => Assert.Equal("0", f.Value.Value));
    }

    [Theory]
    [InlineData("CR0", "0xd")]
    [InlineData("cr0", "13")]
    [InlineData("SMMU_CR0", "0xD")]
    [InlineData("smmu_cr0", "0b1101")]
    [InlineData("Cr0", "0x0000_000d")]
    public void RegisterNamesAndValuesHaveSeveralSpellings(string name, string value)
    {
        var run = Decode(name, value);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("CR0 = 0x0000000d (page 0, offset 0x20, 32-bit)", run.OutLines[0]);
    }

    [Fact]
    public void RegisterFoundByCSharpNameAndUnderscoreFreeSpelling()
    {
        Assert.StartsWith("STRTAB_BASE_CFG = ", Decode("StrtabBaseCfg", "0").Out, StringComparison.Ordinal);
        Assert.StartsWith("STRTAB_BASE_CFG = ", Decode("smmu_strtab_base_cfg", "0").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SixtyFourBitRegisterShowsAddressInPlace()
    {
        var value = new StrtabBase(0).WithAddr(0x8000_0040).Raw;

        var run = Decode("STRTAB_BASE", "0x" + value.ToString("x", CultureInfo.InvariantCulture));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("STRTAB_BASE = 0x0000000080000040 (page 0, offset 0x80, 64-bit)", run.Out, StringComparison.Ordinal);
        Assert.Equal("0x80000040", Fields(run)["ADDR"].Value);
    }

    [Fact]
    public void EnumValuesWithoutANameStayNumbers()
    {
        var named = Fields(Decode("CR0", "0x" + new Cr0(0).WithVmw(VmidWildcard.Ignore2).Raw.ToString("x", CultureInfo.InvariantCulture)));
        var unnamed = Fields(Decode("CR0", "0x" + new Cr0(0).WithVmw((VmidWildcard)7).Raw.ToString("x", CultureInfo.InvariantCulture)));

        Assert.Equal(("0x2", "IGNORE_2"), (named["VMW"].Value, named["VMW"].Name));
        Assert.Equal(("0x7", (string?)null), (unnamed["VMW"].Value, unnamed["VMW"].Name));
    }

    [Fact]
    public void ReservedRegisterBitsAreFlagged()
    {
        // Bit 5 and bits 31:9 of CR0 belong to no field.
        var value = new Cr0(0).WithSmmuen(true).Raw | (1u << 5) | (0x3u << 30);

        var run = Decode("CR0", "0x" + value.ToString("x", CultureInfo.InvariantCulture));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  ! reserved (RES0) bits set: [5] [31:30]", run.OutLines);
        Assert.Equal("1", Fields(run)["SMMUEN"].Value);
    }

    [Theory]
    [InlineData("0x100000000", "does not fit the 32-bit register CR0")]
    [InlineData("dead", "write hex with 0x (0xdead)")]
    [InlineData("0xZZ", "'0xZZ' is not a hex number")]
    [InlineData("0x10000000000000000", "does not fit 64 bits")]
    public void BadRegisterValuesAreUsageErrors(string value, string message)
    {
        var run = Decode("CR0", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void RegisterTakesExactlyOneValue()
    {
        Assert.Equal(2, Decode("CR0").ExitCode);
        Assert.Contains("give one value", Decode("CR0", "1", "2").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNameIsAUsageErrorWithSuggestions()
    {
        var run = Decode("STRTAB", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no register or record named 'STRTAB'; did you mean", run.Error, StringComparison.Ordinal);
        Assert.Contains("STRTAB_BASE_CFG", run.Error, StringComparison.Ordinal);
        Assert.Contains("event, command", Decode("frobnicate", "0").Error, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ events

    /// <summary>One event per EVENT_ID, each field set to a value that shows it is read from its own bits.</summary>
    private static readonly Dictionary<string, (Evt Record, (string Field, string Value, string? Name)[] Expected)> EventCases = new()
    {
        ["F_UUT"] = (FUut.Create().WithStreamID(0x42).WithSsv(true).WithSubstreamID(0x5).WithReason(0x1234).WithPnU(true).WithInD(true).WithRnW(true).WithInputAddr(0xffff_8000_dead_b000),
            new[] { F("StreamID", "0x42"), F("SSV", "1"), F("SubstreamID", "0x5"), F("Reason", "0x1234"), F("PnU", "1"), F("InD", "1"), F("RnW", "1"), F("InputAddr", "0xffff8000deadb000") }),
        ["C_BAD_STREAMID"] = (CBadStreamid.Create().WithStreamID(0xffff_ffff).WithSsv(true).WithSubstreamID(0xf_ffff),
            new[] { F("StreamID", "0xffffffff"), F("SSV", "1"), F("SubstreamID", "0xfffff") }),
        ["F_STE_FETCH"] = (FSteFetch.Create().WithStreamID(0x10).WithReason(0x7).WithFetchAddr(0x8_0000_1048),
            new[] { F("StreamID", "0x10"), F("Reason", "0x7"), F("FetchAddr", "0x800001048") }),
        ["C_BAD_STE"] = (CBadSte.Create().WithStreamID(0x3),
            new[] { F("StreamID", "0x3") }),
        ["F_BAD_ATS_TREQ"] = (FBadAtsTreq.Create().WithStreamID(0x200).WithSpan(0x3).WithP(true).WithX(true).WithW(true).WithR(true).WithInputAddr(0x1234_5000),
            new[] { F("StreamID", "0x200"), F("Span", "0x3"), F("P", "1"), F("X", "1"), F("W", "1"), F("R", "1"), F("InputAddr", "0x12345000") }),
        ["F_STREAM_DISABLED"] = (FStreamDisabled.Create().WithStreamID(0x99),
            new[] { F("StreamID", "0x99") }),
        ["F_TRANSL_FORBIDDEN"] = (FTranslForbidden.Create().WithStreamID(0x8).WithRnW(true).WithInputAddr(0x4000_0000),
            new[] { F("StreamID", "0x8"), F("RnW", "1"), F("InputAddr", "0x40000000") }),
        ["C_BAD_SUBSTREAMID"] = (CBadSubstreamid.Create().WithStreamID(0x7).WithSubstreamID(0x3ff),
            new[] { F("StreamID", "0x7"), F("SubstreamID", "0x3ff") }),
        ["F_CD_FETCH"] = (FCdFetch.Create().WithStreamID(0x1).WithSsv(true).WithSubstreamID(0x2).WithReason(0xbeef).WithFetchAddr(0x1_0000_0040),
            new[] { F("StreamID", "0x1"), F("SSV", "1"), F("SubstreamID", "0x2"), F("Reason", "0xbeef"), F("FetchAddr", "0x100000040") }),
        ["C_BAD_CD"] = (CBadCd.Create().WithStreamID(0x1).WithSsv(true).WithSubstreamID(0x9),
            new[] { F("StreamID", "0x1"), F("SSV", "1"), F("SubstreamID", "0x9") }),
        ["F_WALK_EABT"] = (FWalkEabt.Create().WithStreamID(0x5).WithReason(0xffff).WithPnU(true).WithRnW(true).WithNsipa(true).WithS2(true).WithClass(FaultClass.Tt).WithInputAddr(0x8000).WithFetchAddr(0x9_0000_0008),
            new[] { F("StreamID", "0x5"), F("Reason", "0xffff"), F("PnU", "1"), F("RnW", "1"), F("NSIPA", "1"), F("S2", "1"), F("CLASS", "0x1", "TT"), F("InputAddr", "0x8000"), F("FetchAddr", "0x900000008") }),
        ["F_TRANSLATION"] = (FTranslation.Create().WithStreamID(0x42).WithSsv(true).WithSubstreamID(0x1).WithStag(0x1b).WithStall(true).WithInD(true).WithNsipa(true).WithClass(FaultClass.In).WithInputAddr(0xdead_beef).WithIpa(0x4_0000_0000),
            new[] { F("StreamID", "0x42"), F("SSV", "1"), F("SubstreamID", "0x1"), F("STAG", "0x1b"), F("Stall", "1"), F("InD", "1"), F("NSIPA", "1"), F("CLASS", "0x2", "IN"), F("InputAddr", "0xdeadbeef"), F("IPA", "0x400000000") }),
        ["F_ADDR_SIZE"] = (FAddrSize.Create().WithStreamID(0x11).WithS2(true).WithClass(FaultClass.Cd).WithRnW(true).WithInputAddr(0x1_0000_0000_0000).WithIpa(0xf_ffff_f000),
            new[] { F("StreamID", "0x11"), F("S2", "1"), F("CLASS", "0x0", "CD"), F("RnW", "1"), F("InputAddr", "0x1000000000000"), F("IPA", "0xffffff000") }),
        ["F_ACCESS"] = (FAccess.Create().WithStreamID(0x12).WithPnU(true).WithStag(0xffff).WithStall(true).WithInputAddr(0x1000),
            new[] { F("StreamID", "0x12"), F("PnU", "1"), F("STAG", "0xffff"), F("Stall", "1"), F("InputAddr", "0x1000") }),
        ["F_PERMISSION"] = (FPermission.Create().WithStreamID(0x13).WithS2(true).WithClass(FaultClass.Tt).WithTTRnW(true).WithInputAddr(0x7fff_f000).WithIpa(0x8_1234_5000),
            new[] { F("StreamID", "0x13"), F("S2", "1"), F("CLASS", "0x1", "TT"), F("TTRnW", "1"), F("InputAddr", "0x7ffff000"), F("IPA", "0x812345000") }),
        ["F_TLB_CONFLICT"] = (FTlbConflict.Create().WithStreamID(0x20).WithReason(0x8000_0001).WithS2(true).WithNsipa(true).WithInD(true).WithInputAddr(0x2000).WithIpa(0x3000),
            new[] { F("StreamID", "0x20"), F("Reason", "0x80000001"), F("S2", "1"), F("NSIPA", "1"), F("InD", "1"), F("InputAddr", "0x2000"), F("IPA", "0x3000") }),
        ["F_CFG_CONFLICT"] = (FCfgConflict.Create().WithStreamID(0x21).WithSsv(true).WithSubstreamID(0x4).WithReason(0xabcd_ef01),
            new[] { F("StreamID", "0x21"), F("SSV", "1"), F("SubstreamID", "0x4"), F("Reason", "0xabcdef01") }),
        ["E_PAGE_REQUEST"] = (EPageRequest.Create().WithStreamID(0x55),
            new[] { F("StreamID", "0x55") }),
        ["F_VMS_FETCH"] = (FVmsFetch.Create().WithStreamID(0x25).WithFetchAddr(0xfff_ffff_fff8),
            new[] { F("StreamID", "0x25"), F("FetchAddr", "0xffffffffff8") }),
    };

    public static TheoryData<string> EventNames => new(EventCases.Keys);

    [Fact]
    public void EveryEventIdHasACase()
    {
        var ids = EventCases.Values.Select(c => (ulong)c.Record.EventId).Order();

        Assert.Equal(Enum.GetValues<EvtEventId>().Select(v => (ulong)v).Order(), ids);
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void EveryEventDecodesToItsNameAndFields(string name)
    {
        var (record, expected) = EventCases[name];
        var words = Enumerable.Range(0, Evt.WordCount).Select(record.GetWord).ToArray();

        var run = Decode(new[] { "event", "--all" }.Concat(words.Select(Word)).ToArray());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"EVT {name} (EVENT_ID 0x{(ulong)record.EventId:x})", run.OutLines[0]);
        Assert.Equal("  words: " + string.Join(" ", words.Select(Word)), run.OutLines[1]);
        AssertFields(run, expected.Prepend(F("EVENT_ID", $"0x{(ulong)record.EventId:x}", name)));
        Assert.DoesNotContain("reserved", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroFieldsAreLeftOutUnlessAllIsGiven()
    {
        Evt record = FTranslation.Create().WithStreamID(0x42).WithInputAddr(0x1000);

        var run = Decode(EventArgs("event", record));

        var fields = Fields(run);
        Assert.Equal(new[] { "EVENT_ID", "StreamID", "InputAddr" }, fields.Keys);
        Assert.Contains("  (12 zero fields not shown; --all shows them)", run.OutLines);
    }

    [Fact]
    public void EventSummaryReadsLikeTheLinuxDriver()
    {
        Evt stall = FTranslation.Create().WithStreamID(0x42).WithSsv(true).WithSubstreamID(0x1).WithStag(0x7).WithStall(true).WithRnW(true).WithClass(FaultClass.In).WithInputAddr(0xdead_0000);
        Evt write = FPermission.Create().WithStreamID(0x13).WithPnU(true).WithInD(true).WithS2(true).WithClass(FaultClass.Tt).WithInputAddr(0x1000).WithIpa(0x2000);
        Evt fetch = FSteFetch.Create().WithStreamID(0x10).WithFetchAddr(0x8000_0040);

        Assert.Contains("  summary: sid 0x42 ssid 0x1 iova 0xdead0000 ipa 0x0 unpriv data read s1 class IN stall stag 0x7", Decode(EventArgs("event", stall)).OutLines);
        Assert.Contains("  summary: sid 0x13 no ssid iova 0x1000 ipa 0x2000 priv inst write s2 class TT ttd_write stag 0x0", Decode(EventArgs("event", write)).OutLines);
        Assert.Contains("  summary: sid 0x10 no ssid fetch_addr 0x80000040", Decode(EventArgs("event", fetch)).OutLines);
    }

    [Fact]
    public void UnknownEventIdIsReportedWithItsRawWords()
    {
        var run = Decode("event", "0x0000004200000099", "0x1", "0x2", "0x3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("EVT unknown EVENT_ID 0x99: no EVT layout has this value; shared fields only", run.OutLines[0]);
        Assert.Equal("  words: 0x0000004200000099 0x0000000000000001 0x0000000000000002 0x0000000000000003", run.OutLines[1]);
        Assert.Equal(("0x99", (string?)null), (Fields(run)["EVENT_ID"].Value, Fields(run)["EVENT_ID"].Name));
        Assert.Equal("0x42", Fields(run)["StreamID"].Value);
        Assert.DoesNotContain("summary", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BitsOutsideTheVariantAreFlagged()
    {
        // C_BAD_STE has no field in word 2.
        Evt record = CBadSte.Create().WithStreamID(0x3).WithWord(2, 0x30);

        var run = Decode(EventArgs("event", record));

        Assert.Contains("  ! reserved (RES0) bits set: [133:132]", run.OutLines);
    }

    [Fact]
    public void ThirtyTwoBitDwordsAreAcceptedWhenTwiceAsManyAreGiven()
    {
        Evt record = FTranslation.Create().WithStreamID(0x42).WithStag(0x5).WithInputAddr(0x1_2345_6789);
        var dwords = Enumerable.Range(0, Evt.WordCount)
            .SelectMany(i => new[] { (uint)record.GetWord(i), (uint)(record.GetWord(i) >> 32) })
            .Select(d => d.ToString("x8", CultureInfo.InvariantCulture));

        var run = Decode(new[] { "event" }.Concat(dwords).ToArray());

        Assert.Equal(Decode(EventArgs("event", record)).Out, run.Out);
        Assert.Equal("0x123456789", Fields(run)["InputAddr"].Value);
    }

    [Fact]
    public void WordsMayBeOneCommaSeparatedArgument()
    {
        Evt record = CBadSte.Create().WithStreamID(0x3);
        var joined = string.Join(", ", Enumerable.Range(0, Evt.WordCount).Select(i => Word(record.GetWord(i))));

        Assert.Equal(Decode(EventArgs("event", record)).Out, Decode("evt", joined).Out);
    }

    [Theory]
    [InlineData(new[] { "0x1", "0x2" }, "too few words: EVT is 4 64-bit words (32 bytes), or 8 32-bit dwords, lowest first; 2 given")]
    [InlineData(new[] { "1", "2", "3", "4", "5" }, "too many words: EVT is 4 64-bit words")]
    [InlineData(new[] { "1", "2", "3", "4", "5", "6", "7", "0x100000000" }, "value 8 (0x100000000) does not fit 32 bits")]
    [InlineData(new[] { "1", "2", "3", "0xg" }, "'0xg' is not a hex number")]
    [InlineData(new string[0], "give the EVT record's 4 64-bit words")]
    public void WrongWordsAreUsageErrors(string[] words, string message)
    {
        var run = Decode(new[] { "event" }.Concat(words).ToArray());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ commands

    private static readonly Dictionary<string, (Cmd Record, (string Field, string Value, string? Name)[] Expected)> CommandCases = new()
    {
        ["CMD_PREFETCH_CONFIG"] = (CmdPrefetchConfig.Create().WithSsv(true).WithSubstreamID(0x3).WithStreamID(0x10),
            new[] { F("SSV", "1"), F("SubstreamID", "0x3"), F("StreamID", "0x10") }),
        ["CMD_PREFETCH_ADDR"] = (CmdPrefetchAddr.Create().WithStreamID(0x11).WithSizeField(0x4).WithStride(0x1f).WithNs(true).WithAddress(0xffff_0000_1000),
            new[] { F("StreamID", "0x11"), F("Size", "0x4"), F("Stride", "0x1f"), F("NS", "1"), F("Address", "0xffff00001000") }),
        ["CMD_CFGI_STE"] = (CmdCfgiSte.Create().WithStreamID(0x12).WithLeaf(true),
            new[] { F("StreamID", "0x12"), F("Leaf", "1") }),
        ["CMD_CFGI_STE_RANGE"] = (CmdCfgiSteRange.Create().WithStreamID(0x20).WithRange(31),
            new[] { F("StreamID", "0x20"), F("Range", "0x1f") }),
        ["CMD_CFGI_CD"] = (CmdCfgiCd.Create().WithStreamID(0x13).WithSubstreamID(0xfffff).WithLeaf(true),
            new[] { F("StreamID", "0x13"), F("SubstreamID", "0xfffff"), F("Leaf", "1") }),
        ["CMD_CFGI_CD_ALL"] = (CmdCfgiCdAll.Create().WithStreamID(0x14),
            new[] { F("StreamID", "0x14") }),
        ["CMD_CFGI_VMS_PIDM"] = (CmdCfgiVmsPidm.Create().WithVmid(0x15),
            new[] { F("VMID", "0x15") }),
        ["CMD_TLBI_NH_ALL"] = (CmdTlbiNhAll.Create().WithVmid(0x16),
            new[] { F("VMID", "0x16") }),
        ["CMD_TLBI_NH_ASID"] = (CmdTlbiNhAsid.Create().WithVmid(0x17).WithAsid(0xffff),
            new[] { F("VMID", "0x17"), F("ASID", "0xffff") }),
        ["CMD_TLBI_NH_VA"] = (CmdTlbiNhVa.Create().WithNum(0x1f).WithScale(0x3).WithVmid(0x1).WithAsid(0x2).WithLeaf(true).WithTtl(0x3).WithTg(TlbiGranule.Size4kb).WithAddress(0xffff_8000_0000_0000),
            new[] { F("NUM", "0x1f"), F("SCALE", "0x3"), F("VMID", "0x1"), F("ASID", "0x2"), F("Leaf", "1"), F("TTL", "0x3"), F("TG", "0x1", "SIZE_4KB"), F("Address", "0xffff800000000000") }),
        ["CMD_TLBI_NH_VAA"] = (CmdTlbiNhVaa.Create().WithVmid(0x3).WithTg(TlbiGranule.Size64kb).WithAddress(0x1_0000),
            new[] { F("VMID", "0x3"), F("TG", "0x3", "SIZE_64KB"), F("Address", "0x10000") }),
        ["CMD_TLBI_EL3_ALL"] = (CmdTlbiEl3All.Create(),
            Array.Empty<(string, string, string?)>()),
        ["CMD_TLBI_EL3_VA"] = (CmdTlbiEl3Va.Create().WithLeaf(true).WithAddress(0x2000),
            new[] { F("Leaf", "1"), F("Address", "0x2000") }),
        ["CMD_TLBI_EL2_ALL"] = (CmdTlbiEl2All.Create(),
            Array.Empty<(string, string, string?)>()),
        ["CMD_TLBI_EL2_ASID"] = (CmdTlbiEl2Asid.Create().WithAsid(0x44),
            new[] { F("ASID", "0x44") }),
        ["CMD_TLBI_EL2_VA"] = (CmdTlbiEl2Va.Create().WithAsid(0x45).WithNum(0x2).WithTg(TlbiGranule.Size16kb).WithAddress(0x4000),
            new[] { F("ASID", "0x45"), F("NUM", "0x2"), F("TG", "0x2", "SIZE_16KB"), F("Address", "0x4000") }),
        ["CMD_TLBI_EL2_VAA"] = (CmdTlbiEl2Vaa.Create().WithScale(0x1f).WithTtl(0x1).WithAddress(0x5000),
            new[] { F("SCALE", "0x1f"), F("TTL", "0x1"), F("Address", "0x5000") }),
        ["CMD_TLBI_S12_VMALL"] = (CmdTlbiS12Vmall.Create().WithVmid(0xffff),
            new[] { F("VMID", "0xffff") }),
        ["CMD_TLBI_S2_IPA"] = (CmdTlbiS2Ipa.Create().WithVmid(0x9).WithLeaf(true).WithAddress(0xf_ffff_f000),
            new[] { F("VMID", "0x9"), F("Leaf", "1"), F("Address", "0xffffff000") }),
        ["CMD_TLBI_NSNH_ALL"] = (CmdTlbiNsnhAll.Create(),
            Array.Empty<(string, string, string?)>()),
        ["CMD_ATC_INV"] = (CmdAtcInv.Create().WithGlobal(true).WithSsv(true).WithSubstreamID(0x8).WithStreamID(0x100).WithSizeField(52).WithAddress(0x0),
            new[] { F("Global", "1"), F("SSV", "1"), F("SubstreamID", "0x8"), F("StreamID", "0x100"), F("Size", "0x34") }),
        ["CMD_PRI_RESP"] = (CmdPriResp.Create().WithStreamID(0x101).WithPRGIndex(0x1ff).WithResp(CmdPriRespResp.Success),
            new[] { F("StreamID", "0x101"), F("PRGIndex", "0x1ff"), F("Resp", "0x2", "SUCCESS") }),
        ["CMD_RESUME"] = (CmdResume.Create().WithStreamID(0x102).WithStag(0x7).WithResp(CmdResumeResp.Retry),
            new[] { F("StreamID", "0x102"), F("STAG", "0x7"), F("Resp", "0x1", "RETRY") }),
        ["CMD_STALL_TERM"] = (CmdStallTerm.Create().WithStreamID(0x103),
            new[] { F("StreamID", "0x103") }),
        ["CMD_SYNC"] = (CmdSync.Create().WithCs(CmdSyncCs.SigIrq).WithMsh(0x3).WithMSIAttr(0xf).WithMSIData(0xcafe).WithMSIAddress(0x8_0000_0004),
            new[] { F("CS", "0x1", "SIG_IRQ"), F("MSH", "0x3"), F("MSIAttr", "0xf"), F("MSIData", "0xcafe"), F("MSIAddress", "0x800000004") }),
    };

    public static TheoryData<string> CommandNames => new(CommandCases.Keys);

    [Fact]
    public void EveryOpcodeHasACase()
    {
        var opcodes = CommandCases.Values.Select(c => (ulong)c.Record.Opcode).Order();

        Assert.Equal(Enum.GetValues<CmdOpcode>().Select(v => (ulong)v).Order(), opcodes);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void EveryCommandDecodesToItsNameAndFields(string name)
    {
        var (record, expected) = CommandCases[name];
        var words = Enumerable.Range(0, Cmd.WordCount).Select(record.GetWord).Select(Word);

        var run = Decode(new[] { "command", "--all" }.Concat(words).ToArray());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"CMD {name} (OPCODE 0x{(ulong)record.Opcode:x})", run.OutLines[0]);
        AssertFields(run, expected.Prepend(F("OPCODE", $"0x{(ulong)record.Opcode:x}", name)));
        Assert.DoesNotContain("reserved", run.Out, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ STE, CD, PRI

    [Fact]
    public void SteDecodesItsNonZeroFields()
    {
        var ste = new Ste().WithV(true).WithConfig(SteConfig.S2Trans).WithS2vmid(0x12).WithS2ttb(0x8_0000_0000).WithS2aa64(true);

        var run = Decode(new[] { "ste" }.Concat(Enumerable.Range(0, Ste.WordCount).Select(ste.GetWord).Select(Word)).ToArray());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("STE (64 bytes)", run.OutLines[0]);
        var fields = Fields(run);
        Assert.Equal(("1", (string?)null), (fields["V"].Value, fields["V"].Name));
        Assert.Equal(("3:1", "0x6", "S2_TRANS"), (fields["Config"].Bits, fields["Config"].Value, fields["Config"].Name));
        Assert.Equal("0x12", fields["S2VMID"].Value);
        Assert.Equal("0x800000000", fields["S2TTB"].Value);
        Assert.Equal("1", fields["S2AA64"].Value);
        Assert.Equal(5, fields.Count);
    }

    [Fact]
    public void CdAndPriDecode()
    {
        var cd = new Cd().WithV(true).WithAsid(0x1234).WithTtb0(0x4000_0000).WithT0sz(16);
        var pri = new Pri().WithStreamID(0x77).WithSsv(true).WithSubstreamID(0x3).WithR(true).WithLast(true).WithPRGIndex(0x1a).WithPageAddress(0x7000);

        var cdRun = Decode(new[] { "cd" }.Concat(Enumerable.Range(0, Cd.WordCount).Select(cd.GetWord).Select(Word)).ToArray());
        var priRun = Decode(new[] { "pri" }.Concat(Enumerable.Range(0, Pri.WordCount).Select(pri.GetWord).Select(Word)).ToArray());

        Assert.Equal("CD (64 bytes)", cdRun.OutLines[0]);
        Assert.Equal(new[] { ("V", "1"), ("ASID", "0x1234"), ("TTB0", "0x40000000"), ("T0SZ", "0x10") }.OrderBy(p => p.Item1), Fields(cdRun).Select(f => (f.Key, f.Value.Value)).OrderBy(p => p.Key));
        Assert.Equal("PRI (16 bytes)", priRun.OutLines[0]);
        var fields = Fields(priRun);
        Assert.Equal(new[] { "StreamID", "SubstreamID", "R", "Last", "SSV", "PRGIndex", "PageAddress" }, fields.Keys);
        Assert.Equal("0x7000", fields["PageAddress"].Value);
    }

    // ------------------------------------------------------------------ kernel logs on standard input

    [Fact]
    public void DmesgDumpIsDecodedUnderItsLastLine()
    {
        Evt record = FTranslation.Create().WithStreamID(0x42).WithSsv(true).WithSubstreamID(0x1).WithStag(0x7).WithStall(true).WithRnW(true).WithClass(FaultClass.In).WithInputAddr(0xdead_0000);
        var log = Lines(
            "[    1.000000] Booting Linux on physical CPU 0x0",
            "[   12.345678] arm-smmu-v3 arm-smmu-v3.0.auto: event 0x10 received:",
            "[   12.345679] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x0000004200001810",
            "[   12.345680] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x0000020880000007",
            "[   12.345681] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x00000000dead0000",
            "[   12.345682] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x0000000000000000",
            "[   12.345690] arm-smmu-v3 arm-smmu-v3.0.auto: event: F_TRANSLATION client: 0000:01:00.0 sid: 0x42 ssid: 0x1 iova: 0xdead0000 ipa: 0x0");
        Assert.Equal(log.Split('\n')[2].Split('\t')[1], Word(record.GetWord(0)));
        Assert.Equal(log.Split('\n')[3].Split('\t')[1], Word(record.GetWord(1)));

        var run = DecodeLog(log);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        const string p = "[   12.345682] arm-smmu-v3 arm-smmu-v3.0.auto: ";
        var expected = Lines(
            "[    1.000000] Booting Linux on physical CPU 0x0",
            "[   12.345678] arm-smmu-v3 arm-smmu-v3.0.auto: event 0x10 received:",
            "[   12.345679] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x0000004200001810",
            "[   12.345680] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x0000020880000007",
            "[   12.345681] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x00000000dead0000",
            "[   12.345682] arm-smmu-v3 arm-smmu-v3.0.auto: \t0x0000000000000000",
            p + "  smmugen: EVT F_TRANSLATION (EVENT_ID 0x10)",
            p + "    summary: sid 0x42 ssid 0x1 iova 0xdead0000 ipa 0x0 unpriv data read s1 class IN stall stag 0x7",
            p + "    EVENT_ID     [7:0]      0x10        F_TRANSLATION",
            p + "    SSV          [11]       1",
            p + "    SubstreamID  [31:12]    0x1",
            p + "    StreamID     [63:32]    0x42",
            p + "    STAG         [79:64]    0x7",
            p + "    Stall        [95]       1",
            p + "    RnW          [99]       1",
            p + "    CLASS        [105:104]  0x2         IN",
            p + "    InputAddr    [191:128]  0xdead0000",
            p + "    (6 zero fields not shown; --all shows them)",
            "[   12.345690] arm-smmu-v3 arm-smmu-v3.0.auto: event: F_TRANSLATION client: 0000:01:00.0 sid: 0x42 ssid: 0x1 iova: 0xdead0000 ipa: 0x0");
        Assert.Equal(expected, run.Out);
    }

    /// <summary>Line prefixes of kernel logs as tools print them; {0} is a number that changes from line to line.</summary>
    [Theory]
    [InlineData("[   12.34567{0}] arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("[Mon Mar  3 12:00:0{0} 2025] arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("<3>[   12.34567{0}] arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("kern  :err   : [   12.34567{0}] arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("[   12.34567{0}][  T123] arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("Mar 03 12:00:0{0} myhost kernel: arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("Mar 03 12:00:0{0}.12345{0} myhost kernel: [   12.34567{0}] arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("2025-03-03T12:00:0{0}.123456+00:00 myhost kernel: [  12.34567{0}] arm-smmu-v3 arm-smmu-v3.0.auto: ")]
    [InlineData("(XEN) SMMUv3: /smmuv3@2b400000: ")]
    [InlineData("(XEN) [  123.45{0}] SMMUv3: /smmuv3@2b400000: ")]
    [InlineData("(XEN) [2025-03-03 12:00:0{0}] SMMUv3: /smmuv3@2b400000: ")]
    [InlineData("")]
    public void DumpsAreFoundWhateverTheLinePrefix(string prefixFormat)
    {
        Evt record = FPermission.Create().WithStreamID(0x13).WithS2(true).WithClass(FaultClass.Tt).WithTTRnW(true).WithInputAddr(0x7fff_f000).WithIpa(0x8_1234_5000);
        var line = 0;
        string Prefix() => string.Format(CultureInfo.InvariantCulture, prefixFormat, line++ % 10);
        var log = Lines(new[] { Prefix() + "unrelated: value 0x1234" }.Concat(Dump(record, Prefix)).Append(Prefix() + "after").ToArray());

        var run = DecodeLog(log);

        var input = log.Split('\n');
        var output = run.OutLines;
        var lastDumpLine = input[5];
        var lead = lastDumpLine.Substring(0, lastDumpLine.IndexOf("0x", StringComparison.Ordinal)).TrimEnd();
        lead = lead.Length == 0 ? string.Empty : lead + " ";
        Assert.Equal(input.Take(6), output.Take(6));
        Assert.Equal(lead + "  smmugen: EVT F_PERMISSION (EVENT_ID 0x13)", output[6]);
        Assert.Equal(lead + "    summary: sid 0x13 no ssid iova 0x7ffff000 ipa 0x812345000 unpriv data write s2 class TT ttd_read stag 0x0", output[7]);
        Assert.Equal(input.Last(), output.Last());
        Assert.DoesNotContain("truncated", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralDumpsBlankAndUnrelatedLinesKeepTheirOrder()
    {
        Evt first = CBadSte.Create().WithStreamID(0x3);
        Evt second = FTranslation.Create().WithStreamID(0x8).WithInputAddr(0x1000);
        Evt third = FStreamDisabled.Create().WithStreamID(0x9);
        var n = 0;
        string Ts() => string.Format(CultureInfo.InvariantCulture, "[{0,12:F6}] arm-smmu-v3 arm-smmu-v3.0.auto: ", 100 + (n++ * 0.000001));
        var lines = new List<string> { "[    0.000000] Linux version 6.17.0" };
        lines.AddRange(Dump(first, Ts));
        lines.Add(string.Empty);
        lines.Add("[  100.500000] nvme nvme0: 8/0/0 default/read/poll queues");
        lines.AddRange(Dump(second, Ts));
        lines.Add("[  101.000000] arm-smmu-v3 arm-smmu-v3.0.auto: event: F_TRANSLATION client: 0000:01:00.0 sid: 0x8 ssid: 0x0 iova: 0x1000 ipa: 0x0");
        lines.Add(string.Empty);
        lines.AddRange(Dump(third, Ts));

        var run = DecodeLog(Lines(lines.ToArray()));

        // Removing the decoded blocks gives back the input, line for line.
        var passed = run.OutLines.Where(l => !l.Contains(":   ", StringComparison.Ordinal) || l.Contains('\t', StringComparison.Ordinal));
        Assert.Equal(lines.Append(string.Empty), passed);
        var titles = run.OutLines.Where(l => l.Contains("smmugen: ", StringComparison.Ordinal)).Select(l => l.Substring(l.IndexOf("smmugen: ", StringComparison.Ordinal))).ToList();
        Assert.Equal(new[] { "smmugen: EVT C_BAD_STE (EVENT_ID 0x4)", "smmugen: EVT F_TRANSLATION (EVENT_ID 0x10)", "smmugen: EVT F_STREAM_DISABLED (EVENT_ID 0x6)" }, titles);

        // Each block sits right under the fourth word of its dump.
        var firstBlock = Array.FindIndex(run.OutLines, l => l.EndsWith("smmugen: EVT C_BAD_STE (EVENT_ID 0x4)", StringComparison.Ordinal));
        Assert.Equal(lines[5], run.OutLines[firstBlock - 1]);
    }

    [Fact]
    public void TruncatedDumpsAreReportedAndTheirLinesKept()
    {
        Evt record = FTranslation.Create().WithStreamID(0x42);
        const string P = "[   12.000000] arm-smmu-v3 arm-smmu-v3.0.auto: ";
        var full = Dump(record, () => P).ToArray();
        var lines = new List<string>();
        lines.AddRange(full.Take(3));                      // header + 2 words, then an unrelated line
        lines.Add("[   12.100000] usb 1-1: new high-speed USB device");
        lines.AddRange(full.Take(2));                      // header + 1 word, then a blank line
        lines.Add(string.Empty);
        lines.AddRange(full.Take(4));                      // header + 3 words, then another dump's header
        lines.AddRange(full);                              // complete
        lines.AddRange(full.Take(1));                      // header alone, then EOF

        var run = DecodeLog(Lines(lines.ToArray()));

        var notes = run.OutLines.Where(l => l.Contains("truncated", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[]
            {
                P.TrimEnd() + "   smmugen: truncated: 2 of 4 words (event 0x10); not decoded",
                P.TrimEnd() + "   smmugen: truncated: 1 of 4 words (event 0x10); not decoded",
                P.TrimEnd() + "   smmugen: truncated: 3 of 4 words (event 0x10); not decoded",
                P.TrimEnd() + "   smmugen: truncated: 0 of 4 words (event 0x10); not decoded",
            },
            notes);
        Assert.Single(run.OutLines, l => l.Contains("smmugen: EVT F_TRANSLATION", StringComparison.Ordinal));

        // The note comes right after the dump's last line, before the line that cut it short.
        var firstNote = Array.IndexOf(run.OutLines, notes[0]);
        Assert.Equal(full[2], run.OutLines[firstNote - 1]);
        Assert.Equal("[   12.100000] usb 1-1: new high-speed USB device", run.OutLines[firstNote + 1]);
        Assert.Equal(lines.Append(string.Empty), run.OutLines.Where(l => !l.Contains("smmugen:", StringComparison.Ordinal) && !l.StartsWith(P.TrimEnd() + "    ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ColouredDmesgIsDecodedAndCopiedAsIs()
    {
        Evt record = CBadSte.Create().WithStreamID(0x3);
        const string Ts = "\u001b[32m[   12.000000] \u001b[0m\u001b[33marm-smmu-v3 arm-smmu-v3.0.auto: \u001b[0m";
        var log = Lines(Dump(record, () => Ts).Select(l => l.Replace(Ts, Ts + "\u001b[1;31m", StringComparison.Ordinal) + "\u001b[0m").ToArray());

        var run = DecodeLog(log);

        Assert.StartsWith(log, run.Out, StringComparison.Ordinal);
        Assert.Contains("[   12.000000] arm-smmu-v3 arm-smmu-v3.0.auto:   smmugen: EVT C_BAD_STE (EVENT_ID 0x4)", run.OutLines);
    }

    [Fact]
    public void WordLinesFromAnotherDeviceDoNotJoinTheDump()
    {
        Evt record = CBadSte.Create().WithStreamID(0x3);
        var dump = Dump(record, () => "[   12.000000] arm-smmu-v3 arm-smmu-v3.0.auto: ").ToArray();
        var log = Lines(dump[0], dump[1], "[   12.000001] arm-smmu-v3 arm-smmu-v3.1.auto: \t0x0000000000000000", dump[2], dump[3], dump[4]);

        var run = DecodeLog(log);

        Assert.Contains(run.OutLines, l => l.EndsWith("smmugen: truncated: 1 of 4 words (event 0x4); not decoded", StringComparison.Ordinal));
        Assert.DoesNotContain("smmugen: EVT", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandQueueErrorDumpIsDecodedAsACommand()
    {
        Cmd record = CmdCfgiSte.Create().WithStreamID(0x12).WithWord(1, 0x3);
        var log = Lines(
            "[   50.000000] arm-smmu-v3 arm-smmu-v3.0.auto: CMDQ error (cons 0x01000022): Illegal command",
            "[   50.000001] arm-smmu-v3 arm-smmu-v3.0.auto: skipping command in error state:",
            "[   50.000002] arm-smmu-v3 arm-smmu-v3.0.auto:  " + Word(record.GetWord(0)),
            "[   50.000003] arm-smmu-v3 arm-smmu-v3.0.auto:  " + Word(record.GetWord(1)));

        var run = DecodeLog(log);

        const string P = "[   50.000003] arm-smmu-v3 arm-smmu-v3.0.auto:   ";
        Assert.Contains(P + "smmugen: CMD CMD_CFGI_STE (OPCODE 0x3)", run.OutLines);
        Assert.Contains(P + "  StreamID  [63:32]  0x12", run.OutLines);
        Assert.Contains(P + "  Leaf      [64]     1", run.OutLines);
        Assert.Contains(P + "  ! reserved (RES0) bits set: [65]", run.OutLines);
    }

    [Fact]
    public void HeaderAndWordsThatDisagreeAreFlagged()
    {
        var log = Lines(
            "event 0x10 received:",
            "\t0x0000000000000004",
            "\t0x0000000000000000",
            "\t0x0000000000000000",
            "\t0x0000000000000000");

        var run = DecodeLog(log);

        Assert.Contains("  smmugen: EVT C_BAD_STE (EVENT_ID 0x4)", run.OutLines);
        Assert.Contains("    ! the header says event 0x10 but EVENT_ID in the words is 0x4", run.OutLines);
    }

    [Fact]
    public void EmptyInputGivesEmptyOutput()
    {
        var run = DecodeLog(string.Empty);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
    }

    // ------------------------------------------------------------------ --spec

    [Fact]
    public void SpecOptionReplacesTheBundledSpecs()
    {
        using var workspace = new SpecWorkspace();
        workspace.Write("demo.yaml", Fixtures.Valid);

        var run = workspace.Run("decode", "CTRL", "0x80000005", "--spec", "demo.yaml");

        Assert.True(run.ExitCode == 0, run.Error);
        var fields = Fields(run);
        Assert.Equal(("0x2", "SLOW"), (fields["MODE"].Value, fields["MODE"].Name));
        Assert.Equal("1", fields["IRQ"].Value);
        Assert.Equal(2, workspace.Run("decode", "CR0", "0x1", "--spec", "demo.yaml").ExitCode);
    }

    [Fact]
    public void SpecWithErrorsDecodesNothing()
    {
        using var workspace = new SpecWorkspace();
        workspace.Write("broken.yaml", Fixtures.Overlap);

        var run = workspace.Run("decode", "CTRL", "0x1", "--spec", "broken.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("broken.yaml(10,", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpDescribesTheForms()
    {
        var run = Decode("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("REGISTER VALUE", run.Out, StringComparison.Ordinal);
        Assert.Contains("--spec", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeExamplesShowWhatTheCliPrints()
    {
        var root = typeof(DecodeCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmmuGen.RepositoryRoot").Value!;
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n").Split('\n');
        var examples = 0;
        for (var i = 0; i < readme.Length; i++)
        {
            // Commands given as arguments; the piped dmesg example elides lines, so it is not compared.
            if (!readme[i].StartsWith("$ smmugen decode ", StringComparison.Ordinal))
            {
                continue;
            }

            var command = readme[i].Substring("$ smmugen ".Length);
            var hash = command.IndexOf('#', StringComparison.Ordinal);
            var args = (hash >= 0 ? command.Substring(0, hash) : command).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var shown = readme.Skip(i + 1).TakeWhile(l => !l.StartsWith("$ ", StringComparison.Ordinal) && !l.StartsWith("```", StringComparison.Ordinal));

            var run = CliRun.In(AppContext.BaseDirectory, args);

            Assert.Equal(string.Join("\n", shown) + "\n", run.Out);
            examples++;
        }

        Assert.True(examples >= 3, "the README lost its decode examples");
    }

    // ------------------------------------------------------------------ helpers

    private static (string Field, string Value, string? Name) F(string field, string value, string? name = null) => (field, value, name);

    private static string Word(ulong word) => "0x" + word.ToString("x16", CultureInfo.InvariantCulture);

    private static string[] EventArgs(string kind, Evt record) =>
        new[] { kind }.Concat(Enumerable.Range(0, Evt.WordCount).Select(record.GetWord).Select(Word)).ToArray();

    /// <summary>The dump the Linux driver prints for <paramref name="record"/>, each line with a fresh prefix.</summary>
    private static IEnumerable<string> Dump(Evt record, Func<string> prefix)
    {
        yield return prefix() + $"event 0x{(ulong)record.EventId:x2} received:";
        for (var i = 0; i < Evt.WordCount; i++)
        {
            yield return prefix() + "\t" + Word(record.GetWord(i));
        }
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static CliRun Decode(params string[] args) => CliRun.In(AppContext.BaseDirectory, new[] { "decode" }.Concat(args).ToArray());

    private static CliRun DecodeLog(string stdin)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = SmmugenApp.Run(new[] { "decode" }, input, stdout, stderr, AppContext.BaseDirectory);
        return new CliRun(exitCode, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>The field rows of the output: name → (bits, value, enum name).</summary>
    private static Dictionary<string, (string Bits, string Value, string? Name)> Fields(CliRun run)
    {
        var fields = new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal);
        foreach (var line in run.OutLines)
        {
            var m = FieldRow.Match(line);
            if (m.Success)
            {
                fields.Add(m.Groups["name"].Value, (m.Groups["bits"].Value, m.Groups["value"].Value, m.Groups["enum"].Success ? m.Groups["enum"].Value : null));
            }
        }

        return fields;
    }

    /// <summary>The expected fields have their values; every other field listed is zero.</summary>
    private static void AssertFields(CliRun run, IEnumerable<(string Field, string Value, string? Name)> expected)
    {
        var fields = Fields(run);
        var want = expected.ToDictionary(e => e.Field, StringComparer.Ordinal);
        foreach (var (field, value, name) in want.Values)
        {
            Assert.True(fields.ContainsKey(field), $"{field} missing from:\n{run.Out}");
            Assert.Equal((field, value, name), (field, fields[field].Value, fields[field].Name));
        }

        foreach (var other in fields.Where(f => !want.ContainsKey(f.Key)))
        {
            Assert.True(other.Value.Value is "0" or "0x0", $"{other.Key} should be zero:\n{run.Out}");
        }
    }
}
