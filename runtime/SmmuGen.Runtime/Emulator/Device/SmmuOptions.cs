using System;
using System.Collections.Generic;
using System.Globalization;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The feature set of an emulated SMMUv3 implementation: everything IHI 0070 leaves to the
/// implementer and reports through IDR0–IDR5, IIDR and AIDR, plus the IMPLEMENTATION DEFINED
/// reset value of GBPA. The defaults describe a typical v3.3 server-class SMMU with both
/// stages, PCIe ATS/PRI and MSIs. Enumerated choices use the generated field enums, so an
/// option holds exactly what the ID register will report.
/// </summary>
public sealed record SmmuOptions
{
    /// <summary>Stage 1 translation is implemented (IDR0.S1P).</summary>
    public bool Stage1 { get; init; } = true;

    /// <summary>Stage 2 translation is implemented (IDR0.S2P).</summary>
    public bool Stage2 { get; init; } = true;

    /// <summary>Stage 1 and stage 2 can be used together (nested). Needs both stages; IDR0 has no bit of its own for it.</summary>
    public bool Nested { get; init; } = true;

    /// <summary>StreamID bits (IDR1.SIDSIZE), 0 to 32.</summary>
    public int SidSize { get; init; } = 16;

    /// <summary>SubstreamID bits (IDR1.SSIDSIZE), 0 (no substreams) to 20.</summary>
    public int SsidSize { get; init; } = 20;

    /// <summary>Log2 of the largest Command queue (IDR1.CMDQS), at most 19.</summary>
    public int CmdqLog2MaxSize { get; init; } = 19;

    /// <summary>Log2 of the largest Event queue (IDR1.EVENTQS), at most 19.</summary>
    public int EventqLog2MaxSize { get; init; } = 19;

    /// <summary>Log2 of the largest PRI queue (IDR1.PRIQS), at most 19; reported as 0 without PRI.</summary>
    public int PriqLog2MaxSize { get; init; } = 19;

    /// <summary>Output address size (IDR5.OAS).</summary>
    public Idr5Oas OutputAddressSize { get; init; } = Idr5Oas.Bits48;

    /// <summary>Largest CD.TTBx input address (IDR5.VAX).</summary>
    public Idr5Vax VirtualAddressExtent { get; init; } = Idr5Vax.Bits48;

    /// <summary>The 4 KB translation granule is supported (IDR5.GRAN4K).</summary>
    public bool Granule4K { get; init; } = true;

    /// <summary>The 16 KB translation granule is supported (IDR5.GRAN16K).</summary>
    public bool Granule16K { get; init; } = true;

    /// <summary>The 64 KB translation granule is supported (IDR5.GRAN64K).</summary>
    public bool Granule64K { get; init; } = true;

    /// <summary>Translation table formats (IDR0.TTF).</summary>
    public Idr0Ttf TableFormats { get; init; } = Idr0Ttf.Aarch64;

    /// <summary>Translation table endianness (IDR0.TTENDIAN).</summary>
    public Idr0Ttendian TableEndianness { get; init; } = Idr0Ttendian.Mixed;

    /// <summary>Fault model: stall and terminate, terminate only, or forced stall (IDR0.STALL_MODEL).</summary>
    public Idr0StallModel StallModel { get; init; } = Idr0StallModel.Stall;

    /// <summary>Upper bound on stalled transactions (IDR5.STALL_MAX); 0 when stalling is not possible.</summary>
    public int StallMax { get; init; } = 64;

    /// <summary>Terminated transactions always abort, never RAZ/WI (IDR0.TERM_MODEL).</summary>
    public bool TerminateAlwaysAborts { get; init; }

    /// <summary>PCIe Page Request Interface and the PRI queue (IDR0.PRI). Needs <see cref="Ats"/>.</summary>
    public bool Pri { get; init; } = true;

    /// <summary>
    /// IDR3.PPS: automatic PRG responses to page requests lost on PRI queue overflow carry the
    /// request's PASID without checking STE.PPAR (IHI 0070 8.1). Default false: STE.PPAR decides.
    /// </summary>
    public bool PriOverflowResponsePasid { get; init; }

    /// <summary>PCIe Address Translation Services (IDR0.ATS).</summary>
    public bool Ats { get; init; } = true;

    /// <summary>Message-signalled interrupts (IDR0.MSI); without them the IRQ_CFG registers are absent.</summary>
    public bool Msi { get; init; } = true;

    /// <summary>WFE wake-up events (IDR0.SEV).</summary>
    public bool Sev { get; init; } = true;

    /// <summary>Hardware Access flag / dirty state update (IDR0.HTTU).</summary>
    public Idr0Httu Httu { get; init; } = Idr0Httu.AccessDirty;

    /// <summary>Broadcast TLB maintenance (IDR0.BTM).</summary>
    public bool Btm { get; init; }

    /// <summary>IO-coherent table, queue and MSI accesses (IDR0.COHACC).</summary>
    public bool Coherent { get; init; } = true;

    /// <summary>Hypervisor stage 1 contexts (IDR0.Hyp).</summary>
    public bool Hyp { get; init; } = true;

    /// <summary>Range TLB invalidation (IDR3.RIL, v3.2).</summary>
    public bool RangeInvalidation { get; init; } = true;

    /// <summary>Break-before-make relaxation level (IDR3.BBML, v3.2).</summary>
    public Idr3Bbml Bbml { get; init; } = Idr3Bbml.Level2;

    /// <summary>16-bit ASIDs (IDR0.ASID16).</summary>
    public bool Asid16 { get; init; } = true;

    /// <summary>16-bit VMIDs (IDR0.VMID16).</summary>
    public bool Vmid16 { get; init; } = true;

    /// <summary>VMID wildcards for TLB invalidation, CR0.VMW (IDR0.VMW).</summary>
    public bool VmidWildcard { get; init; }

    /// <summary>
    /// The STE may override incoming attributes (IDR1.ATTR_PERMS_OVR and ATTR_TYPES_OVR): PRIVCFG,
    /// INSTCFG and the memory type fields. Without it those STE fields are ignored.
    /// </summary>
    public bool AttributeOverrides { get; init; } = true;

    /// <summary>Two-level Stream tables (IDR0.ST_LEVEL).</summary>
    public bool TwoLevelStreamTable { get; init; } = true;

    /// <summary>Two-level Context Descriptor tables (IDR0.CD2L).</summary>
    public bool TwoLevelCdTable { get; init; } = true;

    /// <summary>
    /// GBPA after reset. IHI 0070 6.3.14: every field but Update resets to an IMPLEMENTATION
    /// DEFINED value, so an SMMU may come out of reset bypassing (the generated default, 0x1000)
    /// or aborting; the power-management scenarios need both. Update is forced to 0.
    /// </summary>
    public Gbpa GbpaReset { get; init; } = Gbpa.Reset;

    /// <summary>Implementer, product, variant and revision (IIDR). Default: Arm's JEP106 code, product 0.</summary>
    public Iidr Iidr { get; init; } = new Iidr(0).WithImplementer(0x43B);

    /// <summary>Architecture revision (AIDR). Default SMMUv3.3.</summary>
    public Aidr Aidr { get; init; } = new Aidr(0).WithArchMajorRev(AidrArchMajorRev.V3).WithArchMinorRev(AidrArchMinorRev.V3_3);

    /// <summary>The options of a minimal implementation: stage 2 only, no ATS/PRI/MSI, small IDs and queues.</summary>
    public static SmmuOptions Minimal { get; } = new()
    {
        Stage1 = false, Nested = false, SidSize = 8, SsidSize = 0, CmdqLog2MaxSize = 8, EventqLog2MaxSize = 7, PriqLog2MaxSize = 0,
        OutputAddressSize = Idr5Oas.Bits40, Granule16K = false, Granule64K = false, StallModel = Idr0StallModel.NoStall, StallMax = 0,
        Pri = false, Ats = false, Msi = false, Sev = false, Httu = Idr0Httu.None, Coherent = false, Hyp = false,
        RangeInvalidation = false, Bbml = Idr3Bbml.Level0, Asid16 = false, Vmid16 = false, TwoLevelStreamTable = false,
        TwoLevelCdTable = false, Aidr = new Aidr(0).WithArchMinorRev(AidrArchMinorRev.V3_0),
    };

    /// <summary>The problems that make these options describe no possible implementation; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                problems.Add(message);
            }
        }

        // IHI 0070 6.3.1: an SMMU implements at least one translation stage.
        Check(Stage1 || Stage2, "at least one of Stage1 and Stage2 must be implemented (IDR0.S1P/S2P)");
        Check(!Nested || (Stage1 && Stage2), "Nested translation needs both Stage1 and Stage2");
        // IHI 0070 6.3.1: PRI is an extension of ATS, so IDR0.PRI=1 requires IDR0.ATS=1.
        Check(!Pri || Ats, "Pri needs Ats (the PCIe Page Request Interface builds on ATS)");
        CheckRange(problems, nameof(SidSize), SidSize, 32, "IDR1.SIDSIZE");
        CheckRange(problems, nameof(SsidSize), SsidSize, 20, "IDR1.SSIDSIZE");
        // IHI 0070 6.3.2: each queue holds at most 2^19 entries.
        CheckRange(problems, nameof(CmdqLog2MaxSize), CmdqLog2MaxSize, 19, "IDR1.CMDQS");
        CheckRange(problems, nameof(EventqLog2MaxSize), EventqLog2MaxSize, 19, "IDR1.EVENTQS");
        CheckRange(problems, nameof(PriqLog2MaxSize), PriqLog2MaxSize, 19, "IDR1.PRIQS");
        CheckRange(problems, nameof(StallMax), StallMax, (int)(Idr5.StallMaxMask >> Idr5.StallMaxShift), "IDR5.STALL_MAX");
        Check(Granule4K || Granule16K || Granule64K, "at least one translation granule (4K, 16K, 64K) must be supported");
        Check(StallModel == Idr0StallModel.NoStall || StallMax > 0, $"StallModel {StallModel} allows stalls, so StallMax must be at least 1");
        Check(Enum.IsDefined(StallModel), $"StallModel {(int)StallModel} is not an architected value");
        Check(Enum.IsDefined(Httu), $"Httu {(int)Httu} is not an architected value");
        Check(Enum.IsDefined(TableFormats), $"TableFormats {(int)TableFormats} is not an architected value");
        Check(Enum.IsDefined(OutputAddressSize), $"OutputAddressSize {(int)OutputAddressSize} is not an architected value (0b111 is reserved in v3.3)");
        Check(Enum.IsDefined(Bbml), $"Bbml {(int)Bbml} is not an architected value");
        Check(Enum.IsDefined(TableEndianness), $"TableEndianness {(int)TableEndianness} is not an architected value");
        Check(Aidr.ArchMajorRev == AidrArchMajorRev.V3 && Enum.IsDefined(Aidr.ArchMinorRev), $"Aidr {Aidr} is not an SMMUv3.0–v3.3 revision");
        // IHI 0070 6.3.6: the 52-bit output address size arrived with SMMUv3.1.
        Check(OutputAddressSize != Idr5Oas.Bits52 || Aidr.ArchMinorRev != AidrArchMinorRev.V3_0, "OutputAddressSize Bits52 needs SMMUv3.1 or later (Aidr reports SMMUv3.0)");
        Check((Aidr.Raw & Smmuv3.Aidr.ReservedMask) == 0, "Aidr sets RES0 bits");
        Check((Iidr.Raw & Smmuv3.Iidr.ReservedMask) == 0, "Iidr sets RES0 bits");
        Check((GbpaReset.Raw & Smmuv3.Gbpa.ReservedMask) == 0, "GbpaReset sets RES0 bits");

        // A feature may only be reported by an implementation of the revision that introduced it:
        // the spec records each field's revision ("since"), so the check is driven by metadata.
        if (problems.Count == 0)
        {
            var ids = IdRegisters.From(this);
            CheckSince(problems, Idr0.Info, ids.Idr0.Raw);
            CheckSince(problems, Idr1.Info, ids.Idr1.Raw);
            CheckSince(problems, Idr3.Info, ids.Idr3.Raw);
            CheckSince(problems, Idr5.Info, ids.Idr5.Raw);
        }

        return problems;

        void CheckSince(List<string> list, RegisterInfo info, ulong raw)
        {
            var have = new Version(3, (int)Aidr.ArchMinorRev);
            foreach (var f in info.Fields)
            {
                if (f.Since is { } since && f.Extract(raw) != 0 && Version.Parse(since) > have)
                {
                    list.Add($"{info.Name}.{f.Name} arrived in SMMUv{since} but Aidr reports SMMUv3.{(int)Aidr.ArchMinorRev}");
                }
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options describe no possible implementation.</summary>
    public SmmuOptions Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SMMU options: " + string.Join("; ", problems) + ".");
        }

        return this;
    }

    private static void CheckRange(List<string> problems, string name, int value, int max, string field)
    {
        if (value < 0 || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} = {value} is outside 0..{max} ({field})"));
        }
    }
}
