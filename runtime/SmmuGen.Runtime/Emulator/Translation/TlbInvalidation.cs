using SmmuGen.Memory;
using System;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The scope of one CMD_TLBI_* (IHI 0070 4.4): which regimes, VMID, ASID and stages it reaches,
/// and for the by-address forms the address range (one address, or the range of TG, NUM and
/// SCALE) and the TTL level hint. It removes exactly the entries in scope: global entries are
/// spared by the by-ASID forms, stage-2-only entries by the stage 1 forms, and combined nested
/// entries by CMD_TLBI_S2_IPA (software follows it with a stage 1 invalidation, IHI 0070 4.4.3.2).
/// </summary>
internal readonly record struct TlbInvalidation : ITlbMatch
{
    private const int TtlNone = 0;
    private const int PageShift = 12;

    // IHI 0070 4.4.1.1: SCALE values above 39 are treated as 39.
    private const int MaxScale = 39;

    private bool El1 { get; init; }

    private bool El2 { get; init; }

    private bool El2E2h { get; init; }

    /// <summary>The VMID entries must have, or -1 for any.</summary>
    private int Vmid { get; init; } = -1;

    /// <summary>The ASID non-global entries must have, or -1 for any.</summary>
    private int Asid { get; init; } = -1;

    /// <summary>Spare global entries (the by-ASID forms).</summary>
    private bool NonGlobalOnly { get; init; }

    private bool RequireStage1 { get; init; }

    private bool Stage2Only { get; init; }

    private bool ByAddress { get; init; }

    private ulong Start { get; init; }

    private ulong Length { get; init; }

    private int Level { get; init; } = -1;

    private int GranuleBits { get; init; } = -1;

    public TlbInvalidation()
    {
    }

    public bool Matches(in TlbEntry entry)
    {
        var worldOk = entry.World switch
        {
            StreamWorld.NsEl1 => El1,
            StreamWorld.El2 => El2,
            _ => El2E2h,
        };
        if (!worldOk || (Vmid >= 0 && entry.Vmid != Vmid) || (RequireStage1 && !entry.HasStage1) || (Stage2Only && (entry.HasStage1 || !entry.HasStage2)))
        {
            return false;
        }

        if (Asid >= 0 && !entry.Global && entry.Asid != Asid)
        {
            return false;
        }

        if (NonGlobalOnly && entry.Global)
        {
            return false;
        }

        if (!ByAddress)
        {
            return true;
        }

        // TTL (with TG): only leaves of that level, of that granule.
        var entryLevel = Stage2Only ? entry.Stage2Level : entry.Stage1Level;
        if (Level >= 0 && (entryLevel != Level || entry.GranuleBits != GranuleBits))
        {
            return false;
        }

        // A stage 1 invalidation reaches the whole stage 1 leaf: a nested entry that caches only a
        // piece of a stage 1 block (stage 2 maps it with smaller pages) goes with any address of the block.
        return Stage2Only ? entry.Overlaps(Start, Length) : entry.Stage1LeafOverlaps(Start, Length);
    }

    /// <summary>The scope of a TLBI command, or null for a command that is not one.</summary>
    /// <param name="command">The command.</param>
    /// <param name="vmidsApply">Stage 2 is implemented, so VMID fields select entries (IHI 0070 4.4: otherwise they are ignored).</param>
    /// <param name="rangesApply">IDR3.RIL: TG/NUM/SCALE describe a range (otherwise they are ignored).</param>
    public static TlbInvalidation? From(in Cmd command, bool vmidsApply, bool rangesApply)
    {
        var all = new TlbInvalidation();
        switch (command.Opcode)
        {
            case CmdOpcode.CmdTlbiNhAll:
                return all with { El1 = true, RequireStage1 = true, Vmid = VmidOf(command.AsCmdTlbiNhAll().Vmid, vmidsApply) };
            case CmdOpcode.CmdTlbiNhAsid:
            {
                var c = command.AsCmdTlbiNhAsid();
                return all with { El1 = true, RequireStage1 = true, Vmid = VmidOf(c.Vmid, vmidsApply), Asid = c.Asid, NonGlobalOnly = true };
            }

            case CmdOpcode.CmdTlbiNhVa:
            {
                var c = command.AsCmdTlbiNhVa();
                return ByRange(all with { El1 = true, RequireStage1 = true, Vmid = VmidOf(c.Vmid, vmidsApply), Asid = c.Asid }, c.Address, c.Tg, c.Num, c.Scale, c.Ttl, rangesApply);
            }

            case CmdOpcode.CmdTlbiNhVaa:
            {
                var c = command.AsCmdTlbiNhVaa();
                return ByRange(all with { El1 = true, RequireStage1 = true, Vmid = VmidOf(c.Vmid, vmidsApply) }, c.Address, c.Tg, c.Num, c.Scale, c.Ttl, rangesApply);
            }

            case CmdOpcode.CmdTlbiEl2All:
                return all with { El2 = true, El2E2h = true };
            case CmdOpcode.CmdTlbiEl2Asid:
                return all with { El2E2h = true, Asid = command.AsCmdTlbiEl2Asid().Asid, NonGlobalOnly = true };
            case CmdOpcode.CmdTlbiEl2Va:
            {
                // EL2 (no E2H) entries are global (that regime has no ASIDs), so the ASID only narrows E2H entries.
                var c = command.AsCmdTlbiEl2Va();
                return ByRange(all with { El2 = true, El2E2h = true, Asid = c.Asid }, c.Address, c.Tg, c.Num, c.Scale, c.Ttl, rangesApply);
            }

            case CmdOpcode.CmdTlbiEl2Vaa:
            {
                var c = command.AsCmdTlbiEl2Vaa();
                return ByRange(all with { El2 = true, El2E2h = true }, c.Address, c.Tg, c.Num, c.Scale, c.Ttl, rangesApply);
            }

            case CmdOpcode.CmdTlbiS12Vmall:
                return all with { El1 = true, Vmid = VmidOf(command.AsCmdTlbiS12Vmall().Vmid, vmidsApply) };
            case CmdOpcode.CmdTlbiS2Ipa:
            {
                var c = command.AsCmdTlbiS2Ipa();
                return ByRange(all with { El1 = true, Stage2Only = true, Vmid = VmidOf(c.Vmid, vmidsApply) }, c.Address, c.Tg, c.Num, c.Scale, c.Ttl, rangesApply);
            }

            case CmdOpcode.CmdTlbiNsnhAll:
                return all with { El1 = true };
            default:
                return null;
        }
    }

    private static int VmidOf(ushort vmid, bool vmidsApply) => vmidsApply ? vmid : -1;

    // IHI 0070 4.4.1.1: with TG = 0 (or without IDR3.RIL) the command names the one address it
    // holds; otherwise Range = (NUM + 1) * 2^SCALE granules of TG from Address (the SMMU encoding,
    // not the PE's TLBI R one of 2^(5 * SCALE + 1)), and a non-zero TTL narrows it to leaves of
    // that level. Without SMMU_IDR5.DS (not modelled), TTL = 0b01 with the 16KB granule is
    // Reserved and treated as TTL = 0b00.
    private static TlbInvalidation ByRange(TlbInvalidation scope, ulong address, TlbiGranule tg, byte num, byte scale, byte ttl, bool rangesApply)
    {
        var start = SignExtendVa(address);
        if (!rangesApply || tg == TlbiGranule.Any)
        {
            return scope with { ByAddress = true, Start = start, Length = 1UL << PageShift };
        }

        var granuleBits = tg switch
        {
            TlbiGranule.Size4kb => 12,
            TlbiGranule.Size16kb => 14,
            _ => 16,
        };
        if (granuleBits == 14 && ttl == 1)
        {
            ttl = TtlNone;
        }

        var pages = (num + 1UL) << Math.Min((int)scale, MaxScale);
        var length = pages << granuleBits;
        if (length >> granuleBits != pages)
        {
            length = ulong.MaxValue; // the range runs past the top of the address space
        }

        return scope with
        {
            ByAddress = true,
            Start = NaturalAlignment.AlignDown(start, granuleBits),
            Length = length,
            Level = ttl == TtlNone ? -1 : ttl,
            GranuleBits = ttl == TtlNone ? -1 : granuleBits,
        };
    }

    /// <summary>VAs are compared in the form TLB entries keep: bits 63:56 copy bit 55 (the top byte is a tag or a sign extension).</summary>
    public static ulong SignExtendVa(ulong address) => (ulong)((long)(address << 8) >> 8);
}
