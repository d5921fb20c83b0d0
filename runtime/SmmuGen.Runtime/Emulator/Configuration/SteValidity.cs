using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The ILLEGAL STE conditions of IHI 0070 5.2 (the field descriptions and the SteIllegal()
/// pseudocode of 5.2.2), for a Non-secure STE on this implementation: an ILLEGAL STE behaves as
/// one with V clear, aborting traffic with C_BAD_STE. One rule per method; each names the
/// field and the reason, which <see cref="Smmu.ExplainSte"/> reports. Fields a configuration
/// ignores are never checked (5.2: S1* fields with stage 1 off, S2* fields with stage 2 off).
/// </summary>
internal static class SteValidity
{
    private const int MaxT0sz = 39;   // IDR3.STT = 0: no small translation tables
    private const int MinT0sz4K16K = 16;
    private const int MinT0sz = 12;
    private const int Max48BitAddress = 48;
    private const int Vmsav832OutputBits = 40;

    // Arm ARM (AArch64.S2InvalidSL): a stage 2 walk may start at level 0 (4KB) or level 1 (16KB)
    // only where the physical address size needs it: at least 44 and 42 bits.
    private const int Level0Start4KMinPaBits = 44;
    private const int Level1Start16KMinPaBits = 42;

    /// <summary>Null when <paramref name="ste"/> is legal here, otherwise why it is ILLEGAL.</summary>
    public static string? FindViolation(in Ste ste, in IdRegisters ids)
    {
        if (!ste.V)
        {
            return "V is 0: the STE is invalid";
        }

        // IHI 0070 5.2: Config 0b001-0b011 are reserved and behave as ABORT, never ILLEGAL.
        var config = (int)ste.Config;
        if ((config & 0b100) == 0)
        {
            return null;
        }

        var stage1 = (config & 0b001) != 0;
        var stage2 = (config & 0b010) != 0;
        return StageImplemented(ste.Config, stage1, ids.Idr0.S1p, "stage 1", "S1P")
            ?? StageImplemented(ste.Config, stage2, ids.Idr0.S2p, "stage 2", "S2P")
            ?? AtsConfiguration(ste, ids, stage2)
            ?? StreamWorld(ste, ids, stage1, stage2)
            ?? (stage1 ? Stage1Stall(ste, ids) ?? SubstreamTable(ste, ids) ?? ContextPointer(ste, ids, stage2) : null)
            ?? (stage2 ? Stage2(ste, ids) : null)
            ?? Vmid(ste, ids, stage1, stage2);
    }

    private static string? StageImplemented(SteConfig config, bool used, bool implemented, string stage, string idField) =>
        used && !implemented ? $"Config {config} enables {stage}, which this SMMU lacks (IDR0.{idField} = 0)" : null;

    // IHI 0070 5.2 EATS: split-stage ATS needs a nested STE without stage 2 stalls; full ATS
    // cannot be combined with stage 2 stalls. Checked only with ATS implemented.
    private static string? AtsConfiguration(in Ste ste, in IdRegisters ids, bool stage2)
    {
        if (!ids.Idr0.Ats || ste.Config == SteConfig.Bypass)
        {
            return null;
        }

        return ste.Eats switch
        {
            SteEats.Split when ste.Config != SteConfig.Nested => "EATS is SPLIT but Config is not NESTED",
            SteEats.Split when ste.S2s => "EATS is SPLIT with S2S set",
            SteEats.Split when ids.Idr0.Ns1ats => "EATS is SPLIT but IDR0.NS1ATS forbids split-stage ATS",
            SteEats.Full when stage2 && ste.S2s => "EATS is FULL with S2S set on a stage 2 configuration",
            _ => null,
        };
    }

    // IHI 0070 5.2 STRW: used only by stage-1-only STEs on an SMMU with hypervisor contexts;
    // 0b01 (EL3) and 0b11 are ILLEGAL for a Non-secure STE.
    private static string? StreamWorld(in Ste ste, in IdRegisters ids, bool stage1, bool stage2)
    {
        if (!stage1 || stage2 || !ids.Idr0.Hyp)
        {
            return null;
        }

        return ((int)ste.Strw & 1) != 0 ? $"STRW {(int)ste.Strw} is not a Non-secure StreamWorld" : null;
    }

    // IHI 0070 5.2 S1STALLD: only meaningful where the stall model lets CDs choose.
    private static string? Stage1Stall(in Ste ste, in IdRegisters ids) =>
        ste.S1stalld && ids.Idr0.StallModel != Idr0StallModel.Stall
            ? "S1STALLD is set but IDR0.STALL_MODEL does not let CDs choose stalling"
            : null;

    // IHI 0070 5.2 S1CDMax, S1Fmt: the CD table cannot exceed the implemented SubstreamIDs, and a
    // two-level CD table needs IDR0.CD2L.
    private static string? SubstreamTable(in Ste ste, in IdRegisters ids)
    {
        int ssidSize = ids.Idr1.Ssidsize;
        if (ssidSize == 0)
        {
            return null;
        }

        if (ste.S1CDMax > ssidSize)
        {
            return $"S1CDMax {ste.S1CDMax} exceeds IDR1.SSIDSIZE {ssidSize}";
        }

        return ste.S1CDMax != 0 && !ids.Idr0.Cd2l && ste.S1Fmt is SteS1Fmt.TwoLevel4k or SteS1Fmt.TwoLevel64k
            ? "S1Fmt selects a two-level CD table but IDR0.CD2L = 0"
            : null;
    }

    // IHI 0070 3.4.3, 5.2: S1ContextPtr beyond the output (stage 1 only) or input (nested) address
    // size. The nested case may also be a stage 2 fault; this model takes C_BAD_STE.
    private static string? ContextPointer(in Ste ste, in IdRegisters ids, bool stage2)
    {
        var bits = stage2 ? InputAddressBits(ids) : OutputAddressBits(ids);
        return AddressSizeEncoding.Fits(ste.S1ContextPtr + Cd.Size - 1, bits)
            ? null
            : $"S1ContextPtr 0x{ste.S1ContextPtr:X} is beyond the {bits}-bit {(stage2 ? "IPA" : "PA")} range";
    }

    private static string? Stage2(in Ste ste, in IdRegisters ids) =>
        Stage2Stall(ste, ids)
        ?? Stage2Format(ste, ids)
        ?? Stage2HardwareUpdate(ste, ids)
        ?? Stage2Endianness(ste, ids)
        ?? Stage2Geometry(ste, ids)
        ?? Stage2TableAddress(ste, ids);

    // IHI 0070 5.2 S2S: a terminate-only SMMU cannot stall, a stall-forcing one must.
    private static string? Stage2Stall(in Ste ste, in IdRegisters ids) => ids.Idr0.StallModel switch
    {
        Idr0StallModel.NoStall when ste.S2s => "S2S is set but IDR0.STALL_MODEL is terminate-only",
        Idr0StallModel.Force when !ste.S2s => "S2S is clear but IDR0.STALL_MODEL forces stalling",
        _ => null,
    };

    // IHI 0070 5.2 S2AA64: the table format must be one IDR0.TTF reports.
    private static string? Stage2Format(in Ste ste, in IdRegisters ids)
    {
        var ttf = (int)ids.Idr0.Ttf;
        if (ste.S2aa64 && (ttf & (int)Idr0Ttf.Aarch64) == 0)
        {
            return "S2AA64 selects VMSAv8-64 tables but IDR0.TTF lacks AArch64";
        }

        return !ste.S2aa64 && (ttf & (int)Idr0Ttf.Aarch32) == 0
            ? "S2AA64 selects VMSAv8-32 LPAE tables but IDR0.TTF lacks AArch32"
            : null;
    }

    // IHI 0070 5.2 S2HA/S2HD: hardware updates need IDR0.HTTU and VMSAv8-64 tables.
    private static string? Stage2HardwareUpdate(in Ste ste, in IdRegisters ids)
    {
        if (!ste.S2ha && !ste.S2hd)
        {
            return null;
        }

        if (!ste.S2aa64 || ids.Idr0.Httu == Idr0Httu.None)
        {
            return "S2HA/S2HD are set but hardware table updates are unavailable (IDR0.HTTU or VMSAv8-32 tables)";
        }

        return ste.S2hd && ids.Idr0.Httu == Idr0Httu.Access ? "S2HD is set but IDR0.HTTU supports only the Access flag" : null;
    }

    // IHI 0070 5.2 S2ENDI: the endianness must be one IDR0.TTENDIAN supports.
    private static string? Stage2Endianness(in Ste ste, in IdRegisters ids) =>
        EndiannessUnsupported(ste.S2endi, ids) ? $"S2ENDI selects {(ste.S2endi ? "big" : "little")}-endian tables, which IDR0.TTENDIAN excludes" : null;

    internal static bool EndiannessUnsupported(bool bigEndian, in IdRegisters ids) => ids.Idr0.Ttendian switch
    {
        Idr0Ttendian.Le => bigEndian,
        Idr0Ttendian.Be => !bigEndian,
        _ => false,
    };

    // IHI 0070 5.2 S2TG, S2T0SZ, S2SL0: a supported granule, an IPA size in range, and a starting
    // level that can resolve that IPA size with at most 16 concatenated tables (Arm ARM VTCR_EL2).
    private static string? Stage2Geometry(in Ste ste, in IdRegisters ids)
    {
        if (!ste.S2aa64)
        {
            return null; // VMSAv8-32 geometry is not modelled; translation reports it (issue 6).
        }

        if (TranslationGranule.FromStage2(ste.S2tg) is not { } granule || !granule.IsSupportedBy(ids.Idr5))
        {
            return $"S2TG {(int)ste.S2tg} is reserved or a granule IDR5 does not report";
        }

        int t0sz = ste.S2t0sz;
        var minimum = System.Math.Max(granule.PageBits == 16 ? MinT0sz : MinT0sz4K16K, 64 - InputAddressBits(ids));
        if (t0sz < minimum || t0sz > MaxT0sz)
        {
            return $"S2T0SZ {t0sz} is outside {minimum}..{MaxT0sz}";
        }

        if (granule.Stage2StartLevel(ste.S2sl0) is not { } level)
        {
            return $"S2SL0 {ste.S2sl0} is reserved for a {1 << (granule.PageBits - 10)}KB granule";
        }

        var paBits = OutputAddressBits(ids);
        if ((granule.PageBits == 12 && level == 0 && paBits < Level0Start4KMinPaBits) || (granule.PageBits == 14 && level == 1 && paBits < Level1Start16KMinPaBits))
        {
            return $"S2SL0 {ste.S2sl0} starts at level {level}, which a {paBits}-bit physical address size does not allow with a {1 << (granule.PageBits - 10)}KB granule";
        }

        return granule.Stage2StartLevelCovers(level, 64 - t0sz)
            ? null
            : $"S2SL0 {ste.S2sl0} (level {level}) cannot start a walk of a {64 - t0sz}-bit IPA space with a {1 << (granule.PageBits - 10)}KB granule";
    }

    // IHI 0070 5.2 S2TTB: within the effective S2PS, and within 48 bits for granules below 64KB.
    private static string? Stage2TableAddress(in Ste ste, in IdRegisters ids)
    {
        // S2PS is ignored with VMSAv8-32 LPAE tables, whose output size is 40 bits.
        var bits = System.Math.Min(ste.S2aa64 ? AddressSizeEncoding.ToBits((int)ste.S2ps) : Vmsav832OutputBits, OutputAddressBits(ids));
        if (ste.S2aa64 && TranslationGranule.FromStage2(ste.S2tg) is { PageBits: < 16 })
        {
            bits = System.Math.Min(bits, Max48BitAddress);
        }

        return AddressSizeEncoding.Fits(ste.S2ttb, bits) ? null : $"S2TTB 0x{ste.S2ttb:X} is beyond the {bits}-bit stage 2 output range";
    }

    // IHI 0070 5.2 S2VMID: with 8-bit VMIDs bits 15:8 must be zero wherever the VMID is used:
    // stage 2 configurations, and stage-1-only NS-EL1 STEs on an SMMU with stage 2.
    private static string? Vmid(in Ste ste, in IdRegisters ids, bool stage1, bool stage2)
    {
        if (ids.Idr0.Vmid16 || !ids.Idr0.S2p || (ste.S2vmid >> 8) == 0)
        {
            return null;
        }

        var used = stage2 || (stage1 && (!ids.Idr0.Hyp || ste.Strw == SteStrw.El1));
        return used ? $"S2VMID 0x{ste.S2vmid:X} needs 16-bit VMIDs (IDR0.VMID16 = 0)" : null;
    }

    /// <summary>The output address size, IDR5.OAS, in bits.</summary>
    internal static int OutputAddressBits(in IdRegisters ids) => AddressSizeEncoding.ToBits((int)ids.Idr5.Oas);

    /// <summary>
    /// The input address size (IHI 0070 3.4): the OAS, or at least 40 bits where VMSAv8-32 LPAE
    /// tables are implemented.
    /// </summary>
    internal static int InputAddressBits(in IdRegisters ids)
    {
        var oas = OutputAddressBits(ids);
        return ((int)ids.Idr0.Ttf & (int)Idr0Ttf.Aarch32) != 0 ? System.Math.Max(oas, 40) : oas;
    }
}
