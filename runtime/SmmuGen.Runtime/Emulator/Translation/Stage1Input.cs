using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// How stage 1 treats an input VA before walking (IHI 0070 5.4, Arm ARM VMSAv8-64 address
/// ranges): VA[55] picks TTB0 (lower range) or TTB1 (upper range) in two-range regimes; the top
/// byte is ignored where TBIx says so; every other bit above the range size must equal the range's
/// sign (0 lower, 1 upper); a disabled range (EPDx) or an unprivileged access to an E0PDx range
/// is a Translation fault. The EL2 regime has the lower range only.
/// </summary>
internal static class Stage1Input
{
    private const int RangeSelectBit = 55;
    private const int TopByteShift = 56;

    /// <summary>Null when the VA faults before the walk; otherwise the walk of its range.</summary>
    public static WalkParameters? Select(in Cd cd, StreamWorld world, ulong va, TransactionAccess access, in IdRegisters ids)
    {
        var upper = world != StreamWorld.El2 && ((va >> RangeSelectBit) & 1) != 0;
        bool disabled, tbi, e0pd;
        int txsz;
        TranslationGranule? granule;
        ulong ttb;
        if (upper)
        {
            disabled = CdValidity.EffectiveEpd1(cd, world);
            (tbi, e0pd, txsz, granule, ttb) = (cd.Tbi1, cd.E0pd1, cd.T1sz, TranslationGranule.FromTg1(cd.Tg1), cd.Ttb1);
        }
        else
        {
            disabled = CdValidity.EffectiveEpd0(cd, world);
            (tbi, e0pd, txsz, granule, ttb) = (cd.Tbi0, cd.E0pd0, cd.T0sz, TranslationGranule.FromTg0(cd.Tg0), cd.Ttb0);
        }

        // E0PD applies where unprivileged accesses exist (not the single-privilege EL2 regime).
        if (disabled || granule is not { } g || (e0pd && !access.IsPrivileged && world != StreamWorld.El2))
        {
            return null;
        }

        var inputBits = 64 - txsz;
        var topBits = tbi ? TopByteShift : 64;
        var checkedBits = va & (topBits == 64 ? ulong.MaxValue : (1UL << topBits) - 1);
        var above = inputBits >= topBits ? 0UL : checkedBits >> inputBits;
        var expected = upper ? (topBits - inputBits >= 64 ? ulong.MaxValue : (1UL << (topBits - inputBits)) - 1) : 0UL;
        if (above != expected)
        {
            return null;
        }

        var oas = SteValidity.OutputAddressBits(ids);
        var outputBits = System.Math.Min(AddressSizeEncoding.ToBits((int)cd.Ips), oas);
        return new WalkParameters(1, g, g.Stage1StartLevel(inputBits), inputBits, ttb, outputBits, cd.Endi, upper ? cd.Had1 : cd.Had0, oas);
    }

    /// <summary>The VA as TLB entries and invalidations compare it: bits 63:56 copy bit 55.</summary>
    public static ulong Canonical(ulong va) => TlbInvalidation.SignExtendVa(va);
}
