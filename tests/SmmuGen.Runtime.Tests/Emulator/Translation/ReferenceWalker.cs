using System.Buffers.Binary;
using SmmuGen.Memory;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>What the reference walk ended with.</summary>
internal enum RefFault
{
    None,
    Translation,
    AddressSize,
    AccessFlag,
    Permission,
    ExternalAbort,
}

/// <summary>Which access a fault belongs to (IHI 0070 7.3.12 CLASS): the CD fetch, a stage 1 table descriptor, or the input address.</summary>
internal enum RefClass
{
    Cd,
    Tt,
    In,
}

/// <summary>An access as the permission model sees it (after the STE overrides).</summary>
internal readonly record struct RefAccess(bool Write, bool Fetch, bool Privileged);

/// <summary>
/// A reference result: a translation to <paramref name="Output"/>, or a fault of stage 1 or 2
/// (<paramref name="Stage2"/>) with its class; <paramref name="Ipa"/> is the stage 2 input of a
/// stage 2 fault and <paramref name="FetchAddress"/> the descriptor address of an external abort.
/// </summary>
internal readonly record struct RefResult(RefFault Fault, ulong Output, bool Stage2 = false, RefClass Class = RefClass.In, ulong Ipa = 0, ulong FetchAddress = 0)
{
    public bool Succeeded => Fault == RefFault.None;

    public override string ToString() => Succeeded
        ? $"translated to 0x{Output:X}"
        : $"{Fault} (stage {(Stage2 ? 2 : 1)}, CLASS {Class}, IPA 0x{Ipa:X}, fetch 0x{FetchAddress:X})";
}

/// <summary>One VA range of a stage 1 regime (CD.TTBx, TGx, TxSZ, TBIx, EPDx, E0PDx, HADx).</summary>
internal sealed record RefRange(int GranuleBits, int Txsz, ulong TableBase, bool Tbi = false, bool Disabled = false, bool E0pd = false, bool HierarchicalDisabled = false);

/// <summary>
/// A stage 1 regime: the lower range, the upper range (null for the single-range, single-privilege
/// EL2 regime), the output size PS (MIN(IPS, OAS)), the implementation's PAMax (OAS), and the CD's
/// endianness, hardware update, AFFD, WXN and PAN controls.
/// </summary>
internal sealed record RefStage1(RefRange Lower, RefRange? Upper, int PsBits, int PaMaxBits, bool BigEndian = false, bool Ha = false, bool Hd = false, bool Affd = false, bool Wxn = false, bool Pan = false)
{
    public bool SinglePrivilege => Upper is null;
}

/// <summary>A stage 2 walk (STE.S2TG, S2T0SZ, S2SL0, S2TTB, S2PS, S2ENDI, S2HA/S2HD/S2AFFD, S2PTW).</summary>
internal sealed record RefStage2(int GranuleBits, int T0sz, int Sl0, ulong TableBase, int PsBits, int PaMaxBits, bool BigEndian = false, bool Ha = false, bool Hd = false, bool Affd = false, bool Ptw = false);

/// <summary>
/// A small, deliberately plain VMSAv8-64 walker written from the Arm ARM (VMSAv8-64 translation
/// table format descriptors, the AArch64 stage 1/stage 2 walk and permission pseudocode), for
/// checking the emulator's engine: raw descriptor bit arithmetic, no use of the production
/// layouts or walker. It only reads memory; where the hardware would set AF or dirty state it
/// answers as though the update succeeded.
/// </summary>
/// <remarks>
/// Choices where the architecture leaves room, stated so a disagreement is easy to judge:
/// descriptor bits [15:12] of every 64KB-granule descriptor are OA[51:48] (required with a
/// 52-bit PAMax, the IMPLEMENTATION DEFINED choice otherwise); table bases are aligned by the
/// tests, so their low bits never matter; an Access flag fault is found before permissions
/// (AArch64.S1Walk/S2Walk check AF when the walk ends).
/// </remarks>
internal static class ReferenceWalker
{
    // Descriptor bits (Arm ARM, VMSAv8-64 descriptor formats).
    private const int AfBit = 10;
    private const int DbmBit = 51;
    private const int PxnBit = 53;
    private const int UxnBit = 54;
    private const int PxnTableBit = 59;
    private const int UxnTableBit = 60;
    private const int ApTableShift = 61;
    private const int ApShift = 6;
    private const int S2apShift = 6;
    private const int MemAttrShift = 2;
    private const int XnShift = 53;

    /// <summary>The stage 1 translation of <paramref name="va"/>: range selection, the walk, Access flag and permissions.</summary>
    public static RefResult Stage1(GuestMemory memory, RefStage1 regime, ulong va, RefAccess access, RefStage2? nestedStage2 = null)
    {
        // VA[55] selects the range in the two-range regimes; the EL2 regime has only TTBR0.
        var upper = !regime.SinglePrivilege && Bit(va, 55);
        var range = upper ? regime.Upper! : regime.Lower;
        var inputBits = 64 - range.Txsz;

        // Bits from the top (63, or 55 with the top byte ignored) down to the range size must all
        // equal the range: ones for TTBR1, zeros for TTBR0.
        var top = range.Tbi ? 55 : 63;
        for (var b = inputBits; b <= top; b++)
        {
            if (Bit(va, b) != upper)
            {
                return Fault(RefFault.Translation);
            }
        }

        if (range.Disabled || (range.E0pd && !access.Privileged && !regime.SinglePrivilege))
        {
            return Fault(RefFault.Translation);
        }

        var g = range.GranuleBits;
        var stride = g - 3;
        var startLevel = 4 - CeilingDivide(inputBits - g, stride);
        var walk = Walk(memory, 1, g, inputBits, startLevel, range.TableBase, regime.PsBits, regime.PaMaxBits, regime.BigEndian, va, nestedStage2);
        if (!walk.Result.Succeeded)
        {
            return walk.Result;
        }

        var d = walk.Descriptor;
        if (!Bit(d, AfBit) && !regime.Ha && !regime.Affd)
        {
            return Fault(RefFault.AccessFlag);
        }

        var limits = range.HierarchicalDisabled ? default : walk.Limits;
        var permitted = Stage1Permits(
            (int)((d >> ApShift) & 3), Bit(d, PxnBit), Bit(d, UxnBit), Bit(d, DbmBit) && regime.Hd,
            limits.ApTable, limits.PxnTable, limits.UxnTable, regime.SinglePrivilege, regime.Wxn, regime.Pan, access);
        return permitted ? walk.Result : Fault(RefFault.Permission);
    }

    /// <summary>The stage 2 translation of <paramref name="ipa"/> (stage 2 only, or the last step of a nested translation).</summary>
    public static RefResult Stage2(GuestMemory memory, RefStage2 s2, ulong ipa, RefAccess access, RefClass cls = RefClass.In)
    {
        var inputBits = 64 - s2.T0sz;
        if (ipa >> inputBits != 0)
        {
            return Fault2(RefFault.Translation, cls, ipa);
        }

        // VTCR_EL2.SL0: 4KB 0/1/2 = levels 2/1/0; 16KB and 64KB 0/1/2 = levels 3/2/1.
        var startLevel = (s2.GranuleBits == 12 ? 2 : 3) - s2.Sl0;
        var walk = Walk(memory, 2, s2.GranuleBits, inputBits, startLevel, s2.TableBase, s2.PsBits, s2.PaMaxBits, s2.BigEndian, ipa, null);
        if (!walk.Result.Succeeded)
        {
            return walk.Result with { Stage2 = true, Class = cls, Ipa = ipa };
        }

        var d = walk.Descriptor;
        if (!Bit(d, AfBit) && !s2.Ha && !s2.Affd)
        {
            return Fault2(RefFault.AccessFlag, cls, ipa);
        }

        // A stage 1 table walk through stage 2 is a read (a hardware update a write), and with
        // S2PTW it must not reach stage 2 Device memory (MemAttr[3:2] = 0).
        var s2ap = (int)((d >> S2apShift) & 3);
        var xn = (int)((d >> XnShift) & 3);
        var device = ((d >> MemAttrShift) & 0b1100) == 0;
        var permitted = Stage2Permits(s2ap, xn, Bit(d, DbmBit) && s2.Hd, access)
            && !(cls != RefClass.In && s2.Ptw && device);
        return permitted ? walk.Result with { Stage2 = true } : Fault2(RefFault.Permission, cls, ipa);
    }

    /// <summary>A nested translation: stage 1 with its descriptors fetched through stage 2 (CLASS TT), then the IPA (CLASS IN).</summary>
    public static RefResult Nested(GuestMemory memory, RefStage1 s1, RefStage2 s2, ulong va, RefAccess access)
    {
        var first = Stage1(memory, s1, va, access, s2);
        if (!first.Succeeded)
        {
            return first;
        }

        var second = Stage2(memory, s2, first.Output, access);
        return second.Succeeded ? second with { Stage2 = false } : second;
    }

    /// <summary>
    /// The stage 1 permission check (Arm ARM AArch64 stage 1 direct permissions): AP[2:1] with
    /// APTable, PXN/UXN with PXNTable/UXNTable, execute-never for privileged code on memory
    /// unprivileged code can write, WXN on memory writable at the access's privilege, PAN for
    /// privileged data accesses to memory unprivileged code can read. With HD, DBM makes AP[2]
    /// effectively 0 (the write that would fault sets the dirty state instead). The single
    /// privilege (EL2) regime has no AP[1], no PXN and one XN.
    /// </summary>
    public static bool Stage1Permits(int ap, bool pxn, bool uxn, bool dirtyable, int apTable, bool pxnTable, bool uxnTable, bool singlePrivilege, bool wxn, bool pan, RefAccess access)
    {
        var readOnly = (ap & 0b10) != 0 && !dirtyable;
        if (singlePrivilege)
        {
            var w1 = !readOnly && (apTable & 0b10) == 0;
            var x1 = !uxn && !uxnTable && !(wxn && w1);
            return access.Fetch ? x1 : !access.Write || w1;
        }

        var pr = true;
        var pw = !readOnly;
        var ur = (ap & 0b01) != 0;
        var uw = ur && !readOnly;
        if ((apTable & 0b01) != 0)
        {
            ur = false;
            uw = false;
        }

        if ((apTable & 0b10) != 0)
        {
            pw = false;
            uw = false;
        }

        var px = !pxn && !pxnTable && !uw;
        var ux = !uxn && !uxnTable;
        if (pan && ur)
        {
            pr = false;
            pw = false;
        }

        bool r, w, x;
        if (access.Privileged)
        {
            (r, w, x) = (pr, pw, px && !(wxn && !readOnly && (apTable & 0b10) == 0));
        }
        else
        {
            (r, w, x) = (ur, uw, ux && !(wxn && uw));
        }

        return access.Fetch ? x : access.Write ? w : r;
    }

    /// <summary>
    /// The stage 2 permission check (Arm ARM AArch64 stage 2 direct permissions, without
    /// FEAT_XNX): S2AP[0] reads, S2AP[1] writes (or DBM with S2HD), XN[1] forbids execution at
    /// any privilege; an instruction fetch is governed by execute permission alone.
    /// </summary>
    public static bool Stage2Permits(int s2ap, int xn, bool dirtyable, RefAccess access)
    {
        var r = (s2ap & 0b01) != 0;
        var w = (s2ap & 0b10) != 0 || dirtyable;
        var x = (xn & 0b10) == 0;
        return access.Fetch ? x : access.Write ? w : r;
    }

    private static WalkOutcome Walk(GuestMemory memory, int stage, int g, int inputBits, int startLevel, ulong ttb, int psBits, int paMaxBits, bool bigEndian, ulong input, RefStage2? nestedStage2)
    {
        var stride = g - 3;
        var limits = default(Limits);
        var indexBitsAtStart = inputBits - LevelShift(g, startLevel);
        var table = ttb & ~((8UL << indexBitsAtStart) - 1);
        for (var level = startLevel; level <= 3; level++)
        {
            var shift = LevelShift(g, level);
            var indexBits = level == startLevel ? indexBitsAtStart : stride;
            var descriptorAddress = table + (((input >> shift) & ((1UL << indexBits) - 1)) * 8);

            // A nested stage 1 walk reads its descriptors at IPAs, which stage 2 translates (a read).
            var physical = descriptorAddress;
            if (nestedStage2 is not null)
            {
                var s2 = Stage2(memory, nestedStage2, descriptorAddress, new RefAccess(false, false, false), RefClass.Tt);
                if (!s2.Succeeded)
                {
                    return new WalkOutcome(s2, 0, default);
                }

                physical = s2.Output;
            }

            if (!memory.TryReadUInt64(physical, out var raw).IsSuccess)
            {
                return new WalkOutcome(new RefResult(RefFault.ExternalAbort, 0, Class: RefClass.Tt, FetchAddress: physical), 0, default);
            }

            var d = bigEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw;
            if (!Bit(d, 0))
            {
                return Failed(RefFault.Translation);
            }

            var typeBit = Bit(d, 1);
            if (level < 3 && typeBit)
            {
                // Table descriptor: bits [47:g] (and [15:12] as [51:48] with 64KB) give the next table.
                var next = AddressBits(d, g, g);
                if (next >> psBits != 0)
                {
                    return Failed(RefFault.AddressSize);
                }

                if (stage == 1)
                {
                    limits = new Limits(
                        limits.ApTable | (int)((d >> ApTableShift) & 3),
                        limits.PxnTable || Bit(d, PxnTableBit),
                        limits.UxnTable || Bit(d, UxnTableBit));
                }

                table = next;
                continue;
            }

            // Level 3 with Type 0 is reserved; a block only where the granule has one.
            if (level == 3 ? !typeBit : !BlockAllowed(g, level, paMaxBits))
            {
                return Failed(RefFault.Translation);
            }

            var outputBase = AddressBits(d, g, shift);
            if (outputBase >> psBits != 0)
            {
                return Failed(RefFault.AddressSize);
            }

            var output = outputBase | (input & ((1UL << shift) - 1));
            return new WalkOutcome(new RefResult(RefFault.None, output), d, limits);
        }

        return Failed(RefFault.Translation);
    }

    /// <summary>Blocks: 4KB levels 1 and 2; 16KB level 2; 64KB level 2, and level 1 when PAMax is 52 (AArch64.BlockDescSupported).</summary>
    private static bool BlockAllowed(int g, int level, int paMaxBits) => g switch
    {
        12 => level is 1 or 2,
        14 => level == 2,
        _ => level == 2 || (level == 1 && paMaxBits == 52),
    };

    /// <summary>Descriptor bits [47:lsb], plus bits [15:12] as address bits [51:48] with the 64KB granule.</summary>
    private static ulong AddressBits(ulong d, int g, int lsb)
    {
        var address = d & (((1UL << 48) - 1) & ~((1UL << lsb) - 1));
        if (g == 16)
        {
            address |= ((d >> 12) & 0xF) << 48;
        }

        return address;
    }

    private static int LevelShift(int g, int level) => g + ((3 - level) * (g - 3));

    private static int CeilingDivide(int a, int b) => (a + b - 1) / b;

    private static bool Bit(ulong value, int bit) => ((value >> bit) & 1) != 0;

    private static RefResult Fault(RefFault fault) => new(fault, 0);

    private static RefResult Fault2(RefFault fault, RefClass cls, ulong ipa) => new(fault, 0, true, cls, ipa);

    private static WalkOutcome Failed(RefFault fault) => new(Fault(fault), 0, default);

    private readonly record struct Limits(int ApTable, bool PxnTable, bool UxnTable);

    private readonly record struct WalkOutcome(RefResult Result, ulong Descriptor, Limits Limits);
}
