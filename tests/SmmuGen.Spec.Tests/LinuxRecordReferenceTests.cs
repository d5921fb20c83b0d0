using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using Xunit.Abstractions;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// The in-memory record specs (STE, CD, commands, events, PRI) against every record-related
/// define of the Linux arm-smmu-v3 driver (<c>../shared/reference/arm-smmu-v3-defs.tsv</c>).
/// Each Linux define in the record families must appear in <see cref="Map"/>, and must match
/// the spec exactly; a define missing from the map, or one the spec contradicts, fails.
/// </summary>
public sealed class LinuxRecordReferenceTests
{
    private const string DefinesFile = "arm-smmu-v3-defs.tsv";

    /// <summary>The Linux define families that describe in-memory records (the rest are registers).</summary>
    private static readonly string[] RecordPrefixes =
    {
        "STRTAB_STE_", "STRTAB_L1_DESC_", "STRTAB_SPLIT", "STRTAB_NUM_L2_STES", "STRTAB_MAX_L1_ENTRIES",
        "CTXDESC_", "CMDQ_", "EVTQ_", "EVT_ID_", "PRIQ_", "ATC_INV_",
    };

    private static readonly string[] SpecFiles = { "ste.yaml", "cd.yaml", "commands.yaml", "events.yaml", "pri.yaml" };

    // Variant lists used by several entries of the map.
    private static readonly string[] TlbiAddressed = { "CMD_TLBI_NH_VA", "CMD_TLBI_NH_VAA", "CMD_TLBI_EL3_VA", "CMD_TLBI_EL2_VA", "CMD_TLBI_EL2_VAA", "CMD_TLBI_S2_IPA" };
    private static readonly string[] TlbiVa = { "CMD_TLBI_NH_VA", "CMD_TLBI_NH_VAA", "CMD_TLBI_EL3_VA", "CMD_TLBI_EL2_VA", "CMD_TLBI_EL2_VAA" };
    private static readonly string[] TlbiVmid = { "CMD_TLBI_NH_ALL", "CMD_TLBI_NH_ASID", "CMD_TLBI_NH_VA", "CMD_TLBI_NH_VAA", "CMD_TLBI_S12_VMALL", "CMD_TLBI_S2_IPA" };
    private static readonly string[] TlbiAsid = { "CMD_TLBI_NH_ASID", "CMD_TLBI_NH_VA", "CMD_TLBI_EL2_ASID", "CMD_TLBI_EL2_VA" };
    private static readonly string[] CfgiSid = { "CMD_CFGI_STE", "CMD_CFGI_STE_RANGE", "CMD_CFGI_CD", "CMD_CFGI_CD_ALL" };
    private static readonly string[] Prefetch = { "CMD_PREFETCH_CONFIG", "CMD_PREFETCH_ADDR" };
    private static readonly string[] EvtInputAddr = { "F_UUT", "F_TRANSL_FORBIDDEN", "F_WALK_EABT", "F_TRANSLATION", "F_ADDR_SIZE", "F_ACCESS", "F_PERMISSION", "F_TLB_CONFLICT" };

    /// <summary>
    /// Linux name -> spec. <c>Variants == null</c> means the record's shared fields;
    /// <c>Variants == ["*"]</c> means every variant that has a field of that name (at least one).
    /// </summary>
    private static readonly IReadOnlyList<Expectation> Map = new Expectation[]
    {
        // ---- Stream table: L1STD and STE ---------------------------------------------------
        new NotAField("STRTAB_SPLIT", "driver choice of STRTAB_BASE_CFG.SPLIT, not a record field"),
        new NotAField("STRTAB_NUM_L2_STES", "driver constant derived from its SPLIT"),
        new NotAField("STRTAB_MAX_L1_ENTRIES", "driver limit on its level-1 table"),
        new Field("STRTAB_L1_DESC_SPAN", "ste.yaml", "L1STD", null, "Span", 0),
        new Field("STRTAB_L1_DESC_L2PTR_MASK", "ste.yaml", "L1STD", null, "L2Ptr", 0, Address: true),
        new Dwords("STRTAB_STE_DWORDS", "ste.yaml", "STE"),
        new Field("STRTAB_STE_0_V", "ste.yaml", "STE", null, "V", 0),
        new Field("STRTAB_STE_0_CFG", "ste.yaml", "STE", null, "Config", 0),
        new Value("STRTAB_STE_0_CFG_ABORT", "ste.yaml", "STE", null, "Config", "ABORT"),
        new Value("STRTAB_STE_0_CFG_BYPASS", "ste.yaml", "STE", null, "Config", "BYPASS"),
        new Value("STRTAB_STE_0_CFG_S1_TRANS", "ste.yaml", "STE", null, "Config", "S1_TRANS"),
        new Value("STRTAB_STE_0_CFG_S2_TRANS", "ste.yaml", "STE", null, "Config", "S2_TRANS"),
        new Value("STRTAB_STE_0_CFG_NESTED", "ste.yaml", "STE", null, "Config", "NESTED"),
        new Field("STRTAB_STE_0_S1FMT", "ste.yaml", "STE", null, "S1Fmt", 0),
        new Value("STRTAB_STE_0_S1FMT_LINEAR", "ste.yaml", "STE", null, "S1Fmt", "LINEAR"),
        new Value("STRTAB_STE_0_S1FMT_64K_L2", "ste.yaml", "STE", null, "S1Fmt", "TWO_LEVEL_64K"),
        new Field("STRTAB_STE_0_S1CTXPTR_MASK", "ste.yaml", "STE", null, "S1ContextPtr", 0, Address: true),
        new Field("STRTAB_STE_0_S1CDMAX", "ste.yaml", "STE", null, "S1CDMax", 0),
        new Field("STRTAB_STE_1_S1DSS", "ste.yaml", "STE", null, "S1DSS", 1),
        new Value("STRTAB_STE_1_S1DSS_TERMINATE", "ste.yaml", "STE", null, "S1DSS", "TERMINATE"),
        new Value("STRTAB_STE_1_S1DSS_BYPASS", "ste.yaml", "STE", null, "S1DSS", "BYPASS"),
        new Value("STRTAB_STE_1_S1DSS_SSID0", "ste.yaml", "STE", null, "S1DSS", "SSID0"),
        new Value("STRTAB_STE_1_S1C_CACHE_NC", "ste.yaml", "STE", null, "S1CIR", "NC", AlsoFields: new[] { "S1COR" }),
        new Value("STRTAB_STE_1_S1C_CACHE_WBRA", "ste.yaml", "STE", null, "S1CIR", "WB_RA", AlsoFields: new[] { "S1COR" }),
        new Value("STRTAB_STE_1_S1C_CACHE_WT", "ste.yaml", "STE", null, "S1CIR", "WT_RA", AlsoFields: new[] { "S1COR" }),
        new Value("STRTAB_STE_1_S1C_CACHE_WB", "ste.yaml", "STE", null, "S1CIR", "WB", AlsoFields: new[] { "S1COR" }),
        new Field("STRTAB_STE_1_S1CIR", "ste.yaml", "STE", null, "S1CIR", 1),
        new Field("STRTAB_STE_1_S1COR", "ste.yaml", "STE", null, "S1COR", 1),
        new Field("STRTAB_STE_1_S1CSH", "ste.yaml", "STE", null, "S1CSH", 1),
        new Field("STRTAB_STE_1_MEV", "ste.yaml", "STE", null, "MEV", 1),
        new Field("STRTAB_STE_1_S2FWB", "ste.yaml", "STE", null, "S2FWB", 1),
        new Field("STRTAB_STE_1_S1STALLD", "ste.yaml", "STE", null, "S1STALLD", 1),
        new Field("STRTAB_STE_1_EATS", "ste.yaml", "STE", null, "EATS", 1),
        new Value("STRTAB_STE_1_EATS_ABT", "ste.yaml", "STE", null, "EATS", "ABORT"),
        new Value("STRTAB_STE_1_EATS_TRANS", "ste.yaml", "STE", null, "EATS", "FULL"),
        new Value("STRTAB_STE_1_EATS_S1CHK", "ste.yaml", "STE", null, "EATS", "SPLIT"),
        new Field("STRTAB_STE_1_STRW", "ste.yaml", "STE", null, "STRW", 1),
        new Value("STRTAB_STE_1_STRW_NSEL1", "ste.yaml", "STE", null, "STRW", "EL1"),
        new Value("STRTAB_STE_1_STRW_EL2", "ste.yaml", "STE", null, "STRW", "EL2"),
        new Field("STRTAB_STE_1_SHCFG", "ste.yaml", "STE", null, "SHCFG", 1),
        new Value("STRTAB_STE_1_SHCFG_INCOMING", "ste.yaml", "STE", null, "SHCFG", "INCOMING"),
        new Field("STRTAB_STE_2_S2VMID", "ste.yaml", "STE", null, "S2VMID", 2),
        new Span("STRTAB_STE_2_VTCR", "ste.yaml", "STE", 2, new[] { "S2T0SZ", "S2SL0", "S2IR0", "S2OR0", "S2SH0", "S2TG", "S2PS" }),
        new SubField("STRTAB_STE_2_VTCR_S2T0SZ", "ste.yaml", "STE", "S2T0SZ", "STRTAB_STE_2_VTCR", 2),
        new SubField("STRTAB_STE_2_VTCR_S2SL0", "ste.yaml", "STE", "S2SL0", "STRTAB_STE_2_VTCR", 2),
        new SubField("STRTAB_STE_2_VTCR_S2IR0", "ste.yaml", "STE", "S2IR0", "STRTAB_STE_2_VTCR", 2),
        new SubField("STRTAB_STE_2_VTCR_S2OR0", "ste.yaml", "STE", "S2OR0", "STRTAB_STE_2_VTCR", 2),
        new SubField("STRTAB_STE_2_VTCR_S2SH0", "ste.yaml", "STE", "S2SH0", "STRTAB_STE_2_VTCR", 2),
        new SubField("STRTAB_STE_2_VTCR_S2TG", "ste.yaml", "STE", "S2TG", "STRTAB_STE_2_VTCR", 2),
        new SubField("STRTAB_STE_2_VTCR_S2PS", "ste.yaml", "STE", "S2PS", "STRTAB_STE_2_VTCR", 2),
        new Field("STRTAB_STE_2_S2AA64", "ste.yaml", "STE", null, "S2AA64", 2),
        new Field("STRTAB_STE_2_S2ENDI", "ste.yaml", "STE", null, "S2ENDI", 2),
        new Field("STRTAB_STE_2_S2PTW", "ste.yaml", "STE", null, "S2PTW", 2),
        new Field("STRTAB_STE_2_S2S", "ste.yaml", "STE", null, "S2S", 2),
        new Field("STRTAB_STE_2_S2R", "ste.yaml", "STE", null, "S2R", 2),
        new Field("STRTAB_STE_3_S2TTB_MASK", "ste.yaml", "STE", null, "S2TTB", 3, Address: true),
        new Profile("STRTAB_STE_0_NESTING_ALLOWED", "ste.yaml", "STE", "IOMMUFD_NESTED", 0,
            new[] { "STRTAB_STE_0_V", "STRTAB_STE_0_CFG", "STRTAB_STE_0_S1FMT", "STRTAB_STE_0_S1CTXPTR_MASK", "STRTAB_STE_0_S1CDMAX" }),
        new Profile("STRTAB_STE_1_NESTING_ALLOWED", "ste.yaml", "STE", "IOMMUFD_NESTED", 1,
            new[] { "STRTAB_STE_1_S1DSS", "STRTAB_STE_1_S1CIR", "STRTAB_STE_1_S1COR", "STRTAB_STE_1_S1CSH", "STRTAB_STE_1_S1STALLD", "STRTAB_STE_1_EATS" }),

        // ---- Context descriptors: L1CD and CD --------------------------------------------
        new NotAField("CTXDESC_L2_ENTRIES", "driver constant: CDs in one 64KB leaf table (STE.S1Fmt TWO_LEVEL_64K)"),
        new Field("CTXDESC_L1_DESC_V", "cd.yaml", "L1CD", null, "V", 0),
        new Field("CTXDESC_L1_DESC_L2PTR_MASK", "cd.yaml", "L1CD", null, "L2Ptr", 0, Address: true),
        new Dwords("CTXDESC_CD_DWORDS", "cd.yaml", "CD"),
        new Field("CTXDESC_CD_0_TCR_T0SZ", "cd.yaml", "CD", null, "T0SZ", 0),
        new Field("CTXDESC_CD_0_TCR_TG0", "cd.yaml", "CD", null, "TG0", 0),
        new Field("CTXDESC_CD_0_TCR_IRGN0", "cd.yaml", "CD", null, "IR0", 0),
        new Field("CTXDESC_CD_0_TCR_ORGN0", "cd.yaml", "CD", null, "OR0", 0),
        new Field("CTXDESC_CD_0_TCR_SH0", "cd.yaml", "CD", null, "SH0", 0),
        new Field("CTXDESC_CD_0_TCR_EPD0", "cd.yaml", "CD", null, "EPD0", 0),
        new Field("CTXDESC_CD_0_TCR_EPD1", "cd.yaml", "CD", null, "EPD1", 0),
        new Field("CTXDESC_CD_0_ENDI", "cd.yaml", "CD", null, "ENDI", 0),
        new Field("CTXDESC_CD_0_V", "cd.yaml", "CD", null, "V", 0),
        new Field("CTXDESC_CD_0_TCR_IPS", "cd.yaml", "CD", null, "IPS", 0),
        new Field("CTXDESC_CD_0_TCR_TBI0", "cd.yaml", "CD", null, "TBI0", 0),
        new Field("CTXDESC_CD_0_TCR_HA", "cd.yaml", "CD", null, "HA", 0),
        new Field("CTXDESC_CD_0_TCR_HD", "cd.yaml", "CD", null, "HD", 0),
        new Field("CTXDESC_CD_0_AA64", "cd.yaml", "CD", null, "AA64", 0),
        new Field("CTXDESC_CD_0_S", "cd.yaml", "CD", null, "S", 0),
        new Field("CTXDESC_CD_0_R", "cd.yaml", "CD", null, "R", 0),
        new Field("CTXDESC_CD_0_A", "cd.yaml", "CD", null, "A", 0),
        new Field("CTXDESC_CD_0_ASET", "cd.yaml", "CD", null, "ASET", 0),
        new Field("CTXDESC_CD_0_ASID", "cd.yaml", "CD", null, "ASID", 0),
        new Field("CTXDESC_CD_1_TTB0_MASK", "cd.yaml", "CD", null, "TTB0", 1, Address: true),

        // ---- Command queue entries ---------------------------------------------------------
        new SizeShift("CMDQ_ENT_SZ_SHIFT", "commands.yaml", "CMD"),
        new Dwords("CMDQ_ENT_DWORDS", "commands.yaml", "CMD"),
        new NotAField("CMDQ_CONS_ERR", "register field SMMU_CMDQ_CONS.ERR (registers.yaml)"),
        new NotAField("CMDQ_ERR_CERROR_NONE_IDX", "value of register field SMMU_CMDQ_CONS.ERR (registers.yaml)"),
        new NotAField("CMDQ_ERR_CERROR_ILL_IDX", "value of register field SMMU_CMDQ_CONS.ERR (registers.yaml)"),
        new NotAField("CMDQ_ERR_CERROR_ABT_IDX", "value of register field SMMU_CMDQ_CONS.ERR (registers.yaml)"),
        new NotAField("CMDQ_ERR_CERROR_ATC_INV_IDX", "value of register field SMMU_CMDQ_CONS.ERR (registers.yaml)"),
        new NotAField("CMDQ_PROD_OWNED_FLAG", "Linux software flag kept in its copy of CMDQ_PROD"),
        new Field("CMDQ_0_OP", "commands.yaml", "CMD", null, "OPCODE", 0),
        new Field("CMDQ_0_SSV", "commands.yaml", "CMD", new[] { "*" }, "SSV", 0),
        new Field("CMDQ_PREFETCH_0_SID", "commands.yaml", "CMD", Prefetch, "StreamID", 0),
        new Field("CMDQ_PREFETCH_1_SIZE", "commands.yaml", "CMD", new[] { "CMD_PREFETCH_ADDR" }, "Size", 1),
        new Field("CMDQ_PREFETCH_1_ADDR_MASK", "commands.yaml", "CMD", new[] { "CMD_PREFETCH_ADDR" }, "Address", 1, Address: true),
        new Field("CMDQ_CFGI_0_SSID", "commands.yaml", "CMD", new[] { "CMD_CFGI_CD" }, "SubstreamID", 0),
        new Field("CMDQ_CFGI_0_SID", "commands.yaml", "CMD", CfgiSid, "StreamID", 0),
        new Field("CMDQ_CFGI_1_LEAF", "commands.yaml", "CMD", new[] { "CMD_CFGI_STE", "CMD_CFGI_CD" }, "Leaf", 1),
        new Field("CMDQ_CFGI_1_RANGE", "commands.yaml", "CMD", new[] { "CMD_CFGI_STE_RANGE" }, "Range", 1),
        new Field("CMDQ_TLBI_0_NUM", "commands.yaml", "CMD", TlbiAddressed, "NUM", 0),
        new MaxValue("CMDQ_TLBI_RANGE_NUM_MAX", "commands.yaml", "CMD", TlbiAddressed, "NUM"),
        new Field("CMDQ_TLBI_0_SCALE", "commands.yaml", "CMD", TlbiAddressed, "SCALE", 0),
        new Field("CMDQ_TLBI_0_VMID", "commands.yaml", "CMD", TlbiVmid, "VMID", 0),
        new Field("CMDQ_TLBI_0_ASID", "commands.yaml", "CMD", TlbiAsid, "ASID", 0),
        new Field("CMDQ_TLBI_1_LEAF", "commands.yaml", "CMD", TlbiAddressed, "Leaf", 1),
        new Field("CMDQ_TLBI_1_TTL", "commands.yaml", "CMD", TlbiAddressed, "TTL", 1),
        new Field("CMDQ_TLBI_1_TG", "commands.yaml", "CMD", TlbiAddressed, "TG", 1),
        new Field("CMDQ_TLBI_1_VA_MASK", "commands.yaml", "CMD", TlbiVa, "Address", 1, Address: true),
        new Field("CMDQ_TLBI_1_IPA_MASK", "commands.yaml", "CMD", new[] { "CMD_TLBI_S2_IPA" }, "Address", 1, Address: true),
        new Field("CMDQ_ATC_0_SSID", "commands.yaml", "CMD", new[] { "CMD_ATC_INV" }, "SubstreamID", 0),
        new Field("CMDQ_ATC_0_SID", "commands.yaml", "CMD", new[] { "CMD_ATC_INV" }, "StreamID", 0),
        new Field("CMDQ_ATC_0_GLOBAL", "commands.yaml", "CMD", new[] { "CMD_ATC_INV" }, "Global", 0),
        new Field("CMDQ_ATC_1_SIZE", "commands.yaml", "CMD", new[] { "CMD_ATC_INV" }, "Size", 1),
        new Field("CMDQ_ATC_1_ADDR_MASK", "commands.yaml", "CMD", new[] { "CMD_ATC_INV" }, "Address", 1, Address: true),
        new FitsField("ATC_INV_SIZE_ALL", "commands.yaml", "CMD", "CMD_ATC_INV", "Size"),
        new Field("CMDQ_PRI_0_SSID", "commands.yaml", "CMD", new[] { "CMD_PRI_RESP" }, "SubstreamID", 0),
        new Field("CMDQ_PRI_0_SID", "commands.yaml", "CMD", new[] { "CMD_PRI_RESP" }, "StreamID", 0),
        new Field("CMDQ_PRI_1_GRPID", "commands.yaml", "CMD", new[] { "CMD_PRI_RESP" }, "PRGIndex", 1),
        new Field("CMDQ_PRI_1_RESP", "commands.yaml", "CMD", new[] { "CMD_PRI_RESP" }, "Resp", 1),
        new Value("CMDQ_RESUME_0_RESP_TERM", "commands.yaml", "CMD", "CMD_RESUME", "Resp", "TERM"),
        new Value("CMDQ_RESUME_0_RESP_RETRY", "commands.yaml", "CMD", "CMD_RESUME", "Resp", "RETRY"),
        new Value("CMDQ_RESUME_0_RESP_ABORT", "commands.yaml", "CMD", "CMD_RESUME", "Resp", "ABORT"),
        new Field("CMDQ_RESUME_0_RESP", "commands.yaml", "CMD", new[] { "CMD_RESUME" }, "Resp", 0),
        new Field("CMDQ_RESUME_0_SID", "commands.yaml", "CMD", new[] { "CMD_RESUME" }, "StreamID", 0),
        new Field("CMDQ_RESUME_1_STAG", "commands.yaml", "CMD", new[] { "CMD_RESUME" }, "STAG", 1),
        new Field("CMDQ_SYNC_0_CS", "commands.yaml", "CMD", new[] { "CMD_SYNC" }, "CS", 0),
        new Value("CMDQ_SYNC_0_CS_NONE", "commands.yaml", "CMD", "CMD_SYNC", "CS", "SIG_NONE"),
        new Value("CMDQ_SYNC_0_CS_IRQ", "commands.yaml", "CMD", "CMD_SYNC", "CS", "SIG_IRQ"),
        new Value("CMDQ_SYNC_0_CS_SEV", "commands.yaml", "CMD", "CMD_SYNC", "CS", "SIG_SEV"),
        new Field("CMDQ_SYNC_0_MSH", "commands.yaml", "CMD", new[] { "CMD_SYNC" }, "MSH", 0),
        new Field("CMDQ_SYNC_0_MSIATTR", "commands.yaml", "CMD", new[] { "CMD_SYNC" }, "MSIAttr", 0),
        new Field("CMDQ_SYNC_0_MSIDATA", "commands.yaml", "CMD", new[] { "CMD_SYNC" }, "MSIData", 0),
        new Field("CMDQ_SYNC_1_MSIADDR_MASK", "commands.yaml", "CMD", new[] { "CMD_SYNC" }, "MSIAddress", 1, Address: true),
        new Variant("CMDQ_OP_PREFETCH_CFG", "commands.yaml", "CMD", "CMD_PREFETCH_CONFIG"),
        new Variant("CMDQ_OP_CFGI_STE", "commands.yaml", "CMD", "CMD_CFGI_STE"),
        new Variant("CMDQ_OP_CFGI_ALL", "commands.yaml", "CMD", "CMD_CFGI_STE_RANGE", Profile: "CFGI_ALL"),
        new Variant("CMDQ_OP_CFGI_CD", "commands.yaml", "CMD", "CMD_CFGI_CD"),
        new Variant("CMDQ_OP_CFGI_CD_ALL", "commands.yaml", "CMD", "CMD_CFGI_CD_ALL"),
        new Variant("CMDQ_OP_TLBI_NH_ALL", "commands.yaml", "CMD", "CMD_TLBI_NH_ALL"),
        new Variant("CMDQ_OP_TLBI_NH_ASID", "commands.yaml", "CMD", "CMD_TLBI_NH_ASID"),
        new Variant("CMDQ_OP_TLBI_NH_VA", "commands.yaml", "CMD", "CMD_TLBI_NH_VA"),
        new Variant("CMDQ_OP_TLBI_NH_VAA", "commands.yaml", "CMD", "CMD_TLBI_NH_VAA"),
        new Variant("CMDQ_OP_TLBI_EL2_ALL", "commands.yaml", "CMD", "CMD_TLBI_EL2_ALL"),
        new Variant("CMDQ_OP_TLBI_EL2_ASID", "commands.yaml", "CMD", "CMD_TLBI_EL2_ASID"),
        new Variant("CMDQ_OP_TLBI_EL2_VA", "commands.yaml", "CMD", "CMD_TLBI_EL2_VA"),
        new Variant("CMDQ_OP_TLBI_S12_VMALL", "commands.yaml", "CMD", "CMD_TLBI_S12_VMALL"),
        new Variant("CMDQ_OP_TLBI_S2_IPA", "commands.yaml", "CMD", "CMD_TLBI_S2_IPA"),
        new Variant("CMDQ_OP_TLBI_NSNH_ALL", "commands.yaml", "CMD", "CMD_TLBI_NSNH_ALL"),
        new Variant("CMDQ_OP_ATC_INV", "commands.yaml", "CMD", "CMD_ATC_INV"),
        new Variant("CMDQ_OP_PRI_RESP", "commands.yaml", "CMD", "CMD_PRI_RESP"),
        new Variant("CMDQ_OP_RESUME", "commands.yaml", "CMD", "CMD_RESUME"),
        new Variant("CMDQ_OP_CMD_SYNC", "commands.yaml", "CMD", "CMD_SYNC"),

        // ---- Event queue records -----------------------------------------------------------
        new SizeShift("EVTQ_ENT_SZ_SHIFT", "events.yaml", "EVT"),
        new Dwords("EVTQ_ENT_DWORDS", "events.yaml", "EVT"),
        new Field("EVTQ_0_ID", "events.yaml", "EVT", null, "EVENT_ID", 0),
        new Field("EVTQ_0_SSV", "events.yaml", "EVT", new[] { "*" }, "SSV", 0),
        new Field("EVTQ_0_SSID", "events.yaml", "EVT", new[] { "*" }, "SubstreamID", 0),
        new Field("EVTQ_0_SID", "events.yaml", "EVT", null, "StreamID", 0),
        new Field("EVTQ_1_STAG", "events.yaml", "EVT", new[] { "*" }, "STAG", 1),
        new Field("EVTQ_1_STALL", "events.yaml", "EVT", new[] { "*" }, "Stall", 1),
        new Field("EVTQ_1_PnU", "events.yaml", "EVT", new[] { "*" }, "PnU", 1),
        new Field("EVTQ_1_InD", "events.yaml", "EVT", new[] { "*" }, "InD", 1),
        new Field("EVTQ_1_RnW", "events.yaml", "EVT", new[] { "*" }, "RnW", 1),
        new Field("EVTQ_1_S2", "events.yaml", "EVT", new[] { "*" }, "S2", 1),
        new Field("EVTQ_1_CLASS", "events.yaml", "EVT", new[] { "*" }, "CLASS", 1),
        new Value("EVTQ_1_CLASS_TT", "events.yaml", "EVT", "F_TRANSLATION", "CLASS", "TT"),
        new Field("EVTQ_1_TT_READ", "events.yaml", "EVT", new[] { "F_PERMISSION" }, "TTRnW", 1),
        new Field("EVTQ_2_ADDR", "events.yaml", "EVT", EvtInputAddr, "InputAddr", 2),
        new Field("EVTQ_3_IPA", "events.yaml", "EVT", new[] { "*" }, "IPA", 3, Address: true),
        new Field("EVTQ_3_FETCH_ADDR", "events.yaml", "EVT", new[] { "*" }, "FetchAddr", 3, Address: true),
        new Variant("EVT_ID_BAD_STREAMID_CONFIG", "events.yaml", "EVT", "C_BAD_STREAMID"),
        new Variant("EVT_ID_STE_FETCH_FAULT", "events.yaml", "EVT", "F_STE_FETCH"),
        new Variant("EVT_ID_BAD_STE_CONFIG", "events.yaml", "EVT", "C_BAD_STE"),
        new Variant("EVT_ID_STREAM_DISABLED_FAULT", "events.yaml", "EVT", "F_STREAM_DISABLED"),
        new Variant("EVT_ID_BAD_SUBSTREAMID_CONFIG", "events.yaml", "EVT", "C_BAD_SUBSTREAMID"),
        new Variant("EVT_ID_CD_FETCH_FAULT", "events.yaml", "EVT", "F_CD_FETCH"),
        new Variant("EVT_ID_BAD_CD_CONFIG", "events.yaml", "EVT", "C_BAD_CD"),
        new Variant("EVT_ID_TRANSLATION_FAULT", "events.yaml", "EVT", "F_TRANSLATION"),
        new Variant("EVT_ID_ADDR_SIZE_FAULT", "events.yaml", "EVT", "F_ADDR_SIZE"),
        new Variant("EVT_ID_ACCESS_FAULT", "events.yaml", "EVT", "F_ACCESS"),
        new Variant("EVT_ID_PERMISSION_FAULT", "events.yaml", "EVT", "F_PERMISSION"),
        new Variant("EVT_ID_VMS_FETCH_FAULT", "events.yaml", "EVT", "F_VMS_FETCH"),

        // ---- PRI queue entries -------------------------------------------------------------
        new SizeShift("PRIQ_ENT_SZ_SHIFT", "pri.yaml", "PRI"),
        new Dwords("PRIQ_ENT_DWORDS", "pri.yaml", "PRI"),
        new Field("PRIQ_0_SID", "pri.yaml", "PRI", null, "StreamID", 0),
        new Field("PRIQ_0_SSID", "pri.yaml", "PRI", null, "SubstreamID", 0),
        new Field("PRIQ_0_PERM_PRIV", "pri.yaml", "PRI", null, "Priv", 0),
        new Field("PRIQ_0_PERM_EXEC", "pri.yaml", "PRI", null, "X", 0),
        new Field("PRIQ_0_PERM_READ", "pri.yaml", "PRI", null, "R", 0),
        new Field("PRIQ_0_PERM_WRITE", "pri.yaml", "PRI", null, "W", 0),
        new Field("PRIQ_0_PRG_LAST", "pri.yaml", "PRI", null, "Last", 0),
        new Field("PRIQ_0_SSID_V", "pri.yaml", "PRI", null, "SSV", 0),
        new Field("PRIQ_1_PRG_IDX", "pri.yaml", "PRI", null, "PRGIndex", 1),
        new Field("PRIQ_1_ADDR_MASK", "pri.yaml", "PRI", null, "PageAddress", 1, Address: true),
    };

    private readonly ITestOutputHelper _output;

    public LinuxRecordReferenceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void RecordSpecs_CompileWithoutErrors()
    {
        foreach (var file in SpecFiles.Append("descriptors.yaml"))
        {
            var result = Compile(file);
            foreach (var d in result.Diagnostics)
            {
                _output.WriteLine(d.ToString());
            }

            Assert.False(result.HasErrors, $"{file} has errors:{Environment.NewLine}{string.Join(Environment.NewLine, result.Diagnostics)}");
            Assert.NotNull(result.Document);
            Assert.NotEmpty(result.Document!.Records);
        }
    }

    [Fact]
    public void EveryLinuxRecordDefine_IsMapped()
    {
        var mapped = Map.Select(m => m.Linux).ToHashSet(StringComparer.Ordinal);
        var optional = Map.OfType<Profile>().Select(p => p.Linux).ToHashSet(StringComparer.Ordinal);
        var defines = LoadDefines();
        var unmapped = defines.Keys.Where(IsRecordDefine).Where(n => !mapped.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(unmapped.Count == 0, "Linux record defines with no entry in LinuxRecordReferenceTests.Map (add one, naming the spec field or why it is not a field):" + Environment.NewLine + string.Join(Environment.NewLine, unmapped));

        // The map names only defines Linux has (profiles may be spelled out from their parts).
        var stale = Map.Where(m => !defines.ContainsKey(m.Linux) && !optional.Contains(m.Linux)).Select(m => m.Linux).ToList();
        Assert.True(stale.Count == 0, "map entries for defines the reference does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryLinuxRecordDefine_MatchesTheSpec()
    {
        var defines = LoadDefines();
        var failures = new List<string>();
        foreach (var m in Map.Where(m => m is not NotAField))
        {
            if (m is not Profile && !defines.ContainsKey(m.Linux))
            {
                continue; // reported by EveryLinuxRecordDefine_IsMapped
            }

            try
            {
                var problem = Check(m, defines);
                if (problem is not null)
                {
                    failures.Add($"{m.Linux}: {problem}");
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"{m.Linux}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} Linux define(s) do not match the record specs:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public void SpecFieldsLinuxLacks_AreListed()
    {
        // Informational: the fields of the specs no Linux define covers (Linux defines only what its driver uses).
        var covered = new HashSet<(string Record, string? Variant, string Field)>();
        var anyVariant = new HashSet<(string Record, string Field)>();
        foreach (var m in Map)
        {
            switch (m)
            {
                case Field f when f.Variants is null:
                    covered.Add((f.Record, null, f.Name));
                    break;
                case Field f when f.Variants.Contains("*"):
                    anyVariant.Add((f.Record, f.Name));
                    break;
                case Field f:
                    foreach (var v in f.Variants!)
                    {
                        covered.Add((f.Record, v, f.Name));
                    }

                    break;
                case SubField s:
                    covered.Add((s.Record, null, s.Name));
                    break;
            }
        }

        var total = 0;
        foreach (var file in SpecFiles)
        {
            foreach (var r in Document(file).Records)
            {
                var lacking = new List<string>();
                lacking.AddRange(r.Fields.Where(f => !covered.Contains((r.Name, null, f.Name))).Select(f => $"{f.Name}[{f.Bits}]"));
                foreach (var v in r.Variants)
                {
                    lacking.AddRange(v.Fields
                        .Where(f => !covered.Contains((r.Name, v.Name, f.Name)) && !anyVariant.Contains((r.Name, f.Name)))
                        .Select(f => $"{v.Name}.{f.Name}[{f.Bits}]"));
                }

                total += lacking.Count;
                _output.WriteLine($"{file} {r.Name}: {lacking.Count} field(s) Linux does not define: {string.Join(", ", lacking)}");
            }
        }

        Assert.True(total >= 0);
    }

    // ------------------------------------------------------------------------------ checks

    private static string? Check(Expectation m, IReadOnlyDictionary<string, ulong> defines)
    {
        var doc = Document(m.File);
        switch (m)
        {
            case Field f:
            {
                var expected = BitsOf(defines[f.Linux], f.Word);
                var found = FieldsNamed(doc, f.Record, f.Variants, f.Name);
                if (found.Count == 0)
                {
                    return $"the spec has no field {Where(f.Record, f.Variants)}.{f.Name}";
                }

                var wrong = found.Where(x => x.Field.Bits != expected).Select(x => $"{x.Owner}.{f.Name} is bits {x.Field.Bits}").ToList();
                if (wrong.Count > 0)
                {
                    return $"Linux has bits {expected} (word {f.Word} {Local(expected)}), but " + string.Join("; ", wrong);
                }

                var notAddress = found.Where(x => x.Field.IsAddress != f.Address).Select(x => x.Owner).ToList();
                return notAddress.Count > 0 ? $"{string.Join(", ", notAddress)}.{f.Name}: address: {!f.Address} in the spec, {f.Address} expected" : null;
            }

            case SubField s:
            {
                var baseBits = BitsOf(defines[s.Base], s.Word);
                var inner = BitsOf(defines[s.Linux], 0);
                var expected = new BitRange(baseBits.Lsb + inner.Msb, baseBits.Lsb + inner.Lsb);
                var field = FieldsNamed(doc, s.Record, null, s.Name).SingleOrDefault();
                return field.Field is null ? $"the spec has no field {s.Record}.{s.Name}"
                    : field.Field.Bits != expected ? $"Linux has bits {expected} ({s.Base} + {inner}), the spec {s.Record}.{s.Name} has {field.Field.Bits}" : null;
            }

            case Span sp:
            {
                var expected = BitsOf(defines[sp.Linux], sp.Word);
                var fields = sp.Fields.Select(n => FieldsNamed(doc, sp.Record, null, n).SingleOrDefault().Field).ToList();
                if (fields.Any(f => f is null))
                {
                    return $"the spec lacks one of {string.Join(", ", sp.Fields)}";
                }

                var lsb = fields.Min(f => f!.Bits.Lsb);
                var msb = fields.Max(f => f!.Bits.Msb);
                var width = fields.Sum(f => f!.Bits.Width);
                return lsb != expected.Lsb || msb != expected.Msb || width != expected.Width
                    ? $"Linux spans bits {expected}; the spec fields {string.Join(", ", sp.Fields)} cover {msb}:{lsb} with {width} bits"
                    : null;
            }

            case Value v:
            {
                var expected = defines[v.Linux];
                foreach (var fieldName in new[] { v.Field }.Concat(v.AlsoFields ?? Array.Empty<string>()))
                {
                    var field = FieldsNamed(doc, v.Record, v.Variant is null ? null : new[] { v.Variant }, fieldName).SingleOrDefault().Field;
                    if (field?.EnumName is null)
                    {
                        return $"the spec field {Where(v.Record, v.Variant is null ? null : new[] { v.Variant })}.{fieldName} is missing or has no enum";
                    }

                    var e = doc.Enums.Single(x => x.Name == field.EnumName);
                    var value = e.Values.SingleOrDefault(x => x.Name == v.ValueName);
                    if (value is null)
                    {
                        return $"enum {e.Name} of {fieldName} has no value {v.ValueName} (it has {string.Join(", ", e.Values.Select(x => x.Name))})";
                    }

                    if (value.Value != expected)
                    {
                        return $"Linux has {Hex(expected)}, the spec {e.Name}.{v.ValueName} is {Hex(value.Value)}";
                    }
                }

                return null;
            }

            case Variant vr:
            {
                var record = RecordOf(doc, vr.Record);
                var variant = record.Variants.SingleOrDefault(x => x.Name == vr.Name);
                if (variant is null)
                {
                    return $"record {vr.Record} has no variant {vr.Name}";
                }

                if (variant.Value != defines[vr.Linux])
                {
                    return $"Linux has {Hex(defines[vr.Linux])}, the spec variant {vr.Name} has {Hex(variant.Value)}";
                }

                var clash = record.Variants.Where(x => x != variant && x.Value == variant.Value).Select(x => x.Name).ToList();
                if (clash.Count > 0)
                {
                    return $"value {Hex(variant.Value)} is also used by {string.Join(", ", clash)}";
                }

                return vr.Profile is not null && variant.Profiles.All(p => p.Name != vr.Profile)
                    ? $"variant {vr.Name} has no profile {vr.Profile}"
                    : null;
            }

            case Dwords d:
            {
                var record = RecordOf(doc, d.Record);
                return (ulong)record.SizeBytes != defines[d.Linux] * 8 ? $"Linux has {defines[d.Linux]} 64-bit words, the spec {d.Record} is {record.SizeBytes} bytes" : null;
            }

            case SizeShift ss:
            {
                var record = RecordOf(doc, ss.Record);
                return (ulong)record.SizeBytes != 1UL << (int)defines[ss.Linux] ? $"Linux has entries of 2^{defines[ss.Linux]} bytes, the spec {ss.Record} is {record.SizeBytes} bytes" : null;
            }

            case MaxValue mv:
            {
                var found = FieldsNamed(doc, mv.Record, mv.Variants, mv.Name);
                var wrong = found.Where(x => x.Field.Bits.MaxValue != defines[mv.Linux]).Select(x => $"{x.Owner}.{mv.Name} holds up to {x.Field.Bits.MaxValue}").ToList();
                return found.Count == 0 ? $"no field {mv.Name}" : wrong.Count > 0 ? $"Linux's maximum is {defines[mv.Linux]}, but {string.Join("; ", wrong)}" : null;
            }

            case FitsField ff:
            {
                var field = FieldsNamed(doc, ff.Record, new[] { ff.Variant }, ff.Name).SingleOrDefault().Field;
                return field is null ? $"no field {ff.Variant}.{ff.Name}" : defines[ff.Linux] > field.Bits.MaxValue ? $"{defines[ff.Linux]} does not fit {ff.Variant}.{ff.Name} (bits {field.Bits})" : null;
            }

            case Profile p:
            {
                // Linux composes NESTING_ALLOWED from field masks; use the define itself when the
                // reference has it, otherwise the OR of the defines it is built from.
                ulong expected;
                if (defines.TryGetValue(p.Linux, out var direct))
                {
                    expected = direct;
                }
                else
                {
                    var missing = p.Parts.Where(x => !defines.ContainsKey(x)).ToList();
                    if (missing.Count > 0)
                    {
                        return "the reference lacks " + string.Join(", ", missing);
                    }

                    expected = p.Parts.Aggregate(0UL, (acc, x) => acc | defines[x]);
                }

                var record = RecordOf(doc, p.Record);
                var profile = record.Profiles.SingleOrDefault(x => x.Name == p.ProfileName);
                if (profile is null)
                {
                    return $"record {p.Record} has no profile {p.ProfileName}";
                }

                var actual = 0UL;
                foreach (var name in profile.Fields)
                {
                    var bits = record.Fields.Single(f => f.Name == name).Bits;
                    if (bits.FirstWord == p.Word)
                    {
                        actual |= new BitRange(bits.Msb - (64 * p.Word), bits.Lsb - (64 * p.Word)).Mask;
                    }
                    else if (bits.FirstWord > 1)
                    {
                        return $"profile {p.ProfileName} names {name} (bits {bits}), outside the two words the uAPI carries";
                    }
                }

                return actual != expected ? $"Linux allows word {p.Word} mask {Hex(expected)}, profile {p.ProfileName} covers {Hex(actual)} (extra {Hex(actual & ~expected)}, missing {Hex(expected & ~actual)})" : null;
            }

            default:
                return $"unhandled map entry {m.GetType().Name}";
        }
    }

    private static List<(string Owner, FieldSpec Field)> FieldsNamed(SpecDocument doc, string recordName, IReadOnlyList<string>? variants, string name)
    {
        var record = RecordOf(doc, recordName);
        if (variants is null)
        {
            return record.Fields.Where(f => f.Name == name).Select(f => (record.Name, f)).ToList();
        }

        if (variants.Contains("*"))
        {
            return record.Variants.SelectMany(v => v.Fields.Where(f => f.Name == name).Select(f => (v.Name, f))).ToList();
        }

        var result = new List<(string, FieldSpec)>();
        foreach (var vn in variants)
        {
            var v = record.Variants.SingleOrDefault(x => x.Name == vn) ?? throw new InvalidOperationException($"record {recordName} has no variant {vn}");
            var field = v.Fields.SingleOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"variant {vn} has no field {name}");
            result.Add((vn, field));
        }

        return result;
    }

    private static RecordSpec RecordOf(SpecDocument doc, string name) =>
        doc.Records.SingleOrDefault(r => r.Name == name) ?? throw new InvalidOperationException($"{doc.File} has no record {name}");

    /// <summary>The absolute bit range a Linux mask of 64-bit word <paramref name="word"/> covers.</summary>
    private static BitRange BitsOf(ulong mask, int word)
    {
        if (mask == 0)
        {
            throw new InvalidOperationException("mask is zero");
        }

        var lsb = BitOperations.TrailingZeroCount(mask);
        var msb = 63 - BitOperations.LeadingZeroCount(mask);
        var range = new BitRange(msb, lsb);
        if (range.Mask != mask)
        {
            throw new InvalidOperationException($"mask {Hex(mask)} is not one contiguous bit range");
        }

        return new BitRange(msb + (64 * word), lsb + (64 * word));
    }

    private static string Local(BitRange absolute) => $"bits {new BitRange(absolute.Msb % 64, absolute.Lsb % 64)}";

    private static string Where(string record, IReadOnlyList<string>? variants) =>
        variants is null ? record : $"{record}[{string.Join("|", variants)}]";

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static bool IsRecordDefine(string name) =>
        RecordPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) && !name.StartsWith("STRTAB_BASE", StringComparison.Ordinal);

    // ------------------------------------------------------------------------------ loading

    private static readonly Dictionary<string, SpecDocument> Documents = new(StringComparer.Ordinal);

    private static SpecDocument Document(string file)
    {
        lock (Documents)
        {
            if (!Documents.TryGetValue(file, out var doc))
            {
                var result = Compile(file);
                Assert.False(result.HasErrors, $"{file} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, result.Diagnostics)}");
                doc = result.Document!;
                Documents[file] = doc;
            }

            return doc;
        }
    }

    private static SpecResult Compile(string file)
    {
        var path = Path.Combine(RepositoryRoot(), "spec", "smmuv3", file);
        Assert.True(File.Exists(path), $"spec file {path} is missing");
        return SpecCompiler.Compile(path, File.ReadAllText(path));
    }

    /// <summary>Every define of the TSV (name, computed value).</summary>
    private static IReadOnlyDictionary<string, ulong> LoadDefines()
    {
        var directory = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "reference"));
        var path = Path.Combine(directory, DefinesFile);
        Assert.True(Directory.Exists(directory), $"The Linux reference folder is missing: looked for {directory} (../shared/reference next to the repository root). The record specs cannot be checked against Linux without it.");
        Assert.True(File.Exists(path), $"The Linux reference file {DefinesFile} is missing from {directory}.");
        var defines = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            Assert.True(cells.Length == 3, $"{DefinesFile}: malformed line '{line}'");
            var text = cells[2].Trim();
            var value = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : ulong.Parse(text, CultureInfo.InvariantCulture);
            defines[cells[0].Trim()] = value;
        }

        Assert.NotEmpty(defines);
        return defines;
    }

    private static string RepositoryRoot()
    {
        var recorded = typeof(LinuxRecordReferenceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SmmuGen.RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "SmmuGen.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmmuGen.sln")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail("cannot find the repository root (the folder holding SmmuGen.sln) from " + AppContext.BaseDirectory + " or the SmmuGen.RepositoryRoot assembly metadata");
        return string.Empty;
    }

    // ------------------------------------------------------------------------------ map kinds

    private abstract record Expectation(string Linux, string File);

    /// <summary>A define that is not a field of a record (a register field, a driver constant); kept so every define is accounted for.</summary>
    private sealed record NotAField(string Linux, string Why) : Expectation(Linux, string.Empty);

    /// <summary>A field mask of 64-bit word <paramref name="Word"/>.</summary>
    private sealed record Field(string Linux, string File, string Record, string[]? Variants, string Name, int Word, bool Address = false) : Expectation(Linux, File);

    /// <summary>A field given relative to another define's field (Linux's VTCR sub-fields).</summary>
    private sealed record SubField(string Linux, string File, string Record, string Name, string Base, int Word) : Expectation(Linux, File);

    /// <summary>A Linux field that the architecture splits into several adjacent fields.</summary>
    private sealed record Span(string Linux, string File, string Record, int Word, string[] Fields) : Expectation(Linux, File);

    /// <summary>An encoding of a field's enum.</summary>
    private sealed record Value(string Linux, string File, string Record, string? Variant, string Field, string ValueName, string[]? AlsoFields = null) : Expectation(Linux, File);

    /// <summary>An opcode or event number: a variant's discriminator value.</summary>
    private sealed record Variant(string Linux, string File, string Record, string Name, string? Profile = null) : Expectation(Linux, File);

    /// <summary>A record size in 64-bit words.</summary>
    private sealed record Dwords(string Linux, string File, string Record) : Expectation(Linux, File);

    /// <summary>A record size as log2 of bytes.</summary>
    private sealed record SizeShift(string Linux, string File, string Record) : Expectation(Linux, File);

    /// <summary>The largest value of a field.</summary>
    private sealed record MaxValue(string Linux, string File, string Record, string[] Variants, string Name) : Expectation(Linux, File);

    /// <summary>A value that must fit a field.</summary>
    private sealed record FitsField(string Linux, string File, string Record, string Variant, string Name) : Expectation(Linux, File);

    /// <summary>A mask of allowed fields of one word: a profile.</summary>
    private sealed record Profile(string Linux, string File, string Record, string ProfileName, int Word, string[] Parts) : Expectation(Linux, File);
}
