using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The ILLEGAL CD conditions of IHI 0070 5.4 (field descriptions and the CdIllegal()
/// pseudocode of 5.4.2) for a CD reached through a valid STE: an ILLEGAL CD aborts the transaction
/// with C_BAD_CD. One rule per method, each naming the field and the reason. Fields that a disabled
/// translation table (effective EPDx = 1) covers are not checked.
/// </summary>
internal static class CdValidity
{
    private const int MaxTxsz = 39; // IDR3.STT = 0
    private const int MinTxsz = 16;
    private const int MinTxsz52BitVa = 12;
    private const int Max48BitAddress = 48;

    /// <summary>Null when <paramref name="cd"/> is legal for <paramref name="ste"/> here, otherwise why it is ILLEGAL.</summary>
    public static string? FindViolation(in Cd cd, in Ste ste, in IdRegisters ids, StreamWorld world)
    {
        if (!cd.V)
        {
            return "V is 0: the CD is invalid";
        }

        return FaultModel(cd, ste, ids)
            ?? TableFormat(cd, ste, ids, world)
            ?? Endianness(cd, ids, world)
            ?? HardwareUpdate(cd, ids)
            ?? Asid(cd, ids, world)
            ?? (cd.Aa64 ? TranslationTables(cd, ids, world) : null);
    }

    // IHI 0070 5.4 S, A and 5.2 S1STALLD: the stall and termination choices must be ones the
    // implementation and the STE allow.
    private static string? FaultModel(in Cd cd, in Ste ste, in IdRegisters ids)
    {
        if (cd.S && ste.S1stalld)
        {
            return "S is set but STE.S1STALLD forbids stalling";
        }

        if (!cd.A && ids.Idr0.TermModel)
        {
            return "A is clear but IDR0.TERM_MODEL = 1 requires terminated transactions to abort";
        }

        return ids.Idr0.StallModel switch
        {
            Idr0StallModel.NoStall when cd.S => "S is set but IDR0.STALL_MODEL is terminate-only",
            Idr0StallModel.Force when !cd.S => "S is clear but IDR0.STALL_MODEL forces stalling",
            _ => null,
        };
    }

    // IHI 0070 5.4 AA64: the format must be implemented, VMSAv8-32 is not allowed for EL2-E2H, and
    // VMSAv8-64 stage 1 cannot sit over a VMSAv8-32 stage 2.
    private static string? TableFormat(in Cd cd, in Ste ste, in IdRegisters ids, StreamWorld world)
    {
        var ttf = (int)ids.Idr0.Ttf;
        if (!cd.Aa64)
        {
            if ((ttf & (int)Idr0Ttf.Aarch32) == 0)
            {
                return "AA64 is clear (VMSAv8-32 LPAE) but IDR0.TTF lacks AArch32";
            }

            return world == StreamWorld.El2E2h ? "AA64 is clear but the EL2-E2H StreamWorld needs VMSAv8-64" : null;
        }

        if ((ttf & (int)Idr0Ttf.Aarch64) == 0)
        {
            return "AA64 is set but IDR0.TTF lacks AArch64";
        }

        return ste.Config == SteConfig.Nested && !ste.S2aa64 ? "AA64 is set but stage 2 uses VMSAv8-32 tables" : null;
    }

    // IHI 0070 5.4 ENDI: checked while some translation table is enabled.
    private static string? Endianness(in Cd cd, in IdRegisters ids, StreamWorld world) =>
        (!EffectiveEpd0(cd, world) || !EffectiveEpd1(cd, world)) && SteValidity.EndiannessUnsupported(cd.Endi, ids)
            ? $"ENDI selects {(cd.Endi ? "big" : "little")}-endian tables, which IDR0.TTENDIAN excludes"
            : null;

    // IHI 0070 5.4 HA/HD: hardware updates need IDR0.HTTU (VMSAv8-64 only).
    private static string? HardwareUpdate(in Cd cd, in IdRegisters ids)
    {
        if (!cd.Aa64 || (!cd.Ha && !cd.Hd))
        {
            return null;
        }

        if (ids.Idr0.Httu == Idr0Httu.None)
        {
            return "HA/HD are set but IDR0.HTTU = 0";
        }

        return cd.Hd && ids.Idr0.Httu == Idr0Httu.Access ? "HD is set but IDR0.HTTU supports only the Access flag" : null;
    }

    // IHI 0070 5.4 ASID: with 8-bit ASIDs bits 15:8 must be zero where the ASID is used (not EL2).
    private static string? Asid(in Cd cd, in IdRegisters ids, StreamWorld world) =>
        world != StreamWorld.El2 && !ids.Idr0.Asid16 && (cd.Asid >> 8) != 0
            ? $"ASID 0x{cd.Asid:X} needs 16-bit ASIDs (IDR0.ASID16 = 0)"
            : null;

    private static string? TranslationTables(in Cd cd, in IdRegisters ids, StreamWorld world)
    {
        var ttb0 = EffectiveEpd0(cd, world)
            ? null
            : Table("0", cd.T0sz, TranslationGranule.FromTg0(cd.Tg0), (int)cd.Tg0, cd.Ttb0, cd, ids);

        // IHI 0070 5.4 TTB1: the EL2 StreamWorld has a single VA range, so TTB1 is unused there.
        return ttb0 ?? (world == StreamWorld.El2 || EffectiveEpd1(cd, world)
            ? null
            : Table("1", cd.T1sz, TranslationGranule.FromTg1(cd.Tg1), (int)cd.Tg1, cd.Ttb1, cd, ids));
    }

    // IHI 0070 5.4 TxSZ, TGx, TTBx: for an enabled table, a supported granule, a VA size in range
    // (down to 52 bits with IDR5.VAX and the 64KB granule) and a table address within the
    // effective IPS (and 48 bits for granules below 64KB).
    private static string? Table(string n, int txsz, TranslationGranule? granule, int tg, ulong ttb, in Cd cd, in IdRegisters ids)
    {
        if (granule is not { } g || !g.IsSupportedBy(ids.Idr5))
        {
            return $"TG{n} {tg} is reserved or a granule IDR5 does not report";
        }

        var minimum = g.PageBits == 16 && ids.Idr5.Vax == Idr5Vax.Bits52 ? MinTxsz52BitVa : MinTxsz;
        if (txsz < minimum || txsz > MaxTxsz)
        {
            return $"T{n}SZ {txsz} is outside {minimum}..{MaxTxsz}";
        }

        var bits = System.Math.Min(AddressSizeEncoding.ToBits((int)cd.Ips), SteValidity.OutputAddressBits(ids));
        if (g.PageBits < 16)
        {
            bits = System.Math.Min(bits, Max48BitAddress);
        }

        return AddressSizeEncoding.Fits(ttb, bits) ? null : $"TTB{n} 0x{ttb:X} is beyond the {bits}-bit output range of IPS";
    }

    /// <summary>IHI 0070 5.4: EPD0 has no effect in the EL2 StreamWorld (its one range must be walkable).</summary>
    internal static bool EffectiveEpd0(in Cd cd, StreamWorld world) => world != StreamWorld.El2 && cd.Epd0;

    /// <summary>TTB1 is unused in the EL2 StreamWorld.</summary>
    internal static bool EffectiveEpd1(in Cd cd, StreamWorld world) => world == StreamWorld.El2 || cd.Epd1;
}
