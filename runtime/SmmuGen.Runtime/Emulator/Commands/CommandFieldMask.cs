using System;
using System.Collections.Generic;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// For each command opcode, the bits software may set in a command on this implementation's
/// Non-secure Command queue: the bits of the variant's fields, as the generated metadata
/// (<see cref="Cmd.Info"/>, <see cref="VariantInfo.Fields"/>) gives them, less the fields this
/// implementation does not have. Every other bit is RES0.
/// </summary>
/// <remarks>
/// <para>IHI 0070 4.1.5: all non-specified fields of a command are RES0, and an implementation
/// either ignores them or detects a non-zero one as a malformed command (CERROR_ILL); 4.1.3 and
/// 7.1 list "Reserved field ... used" among the CERROR_ILL causes. Both are allowed; this model
/// detects, because a driver developer wants a command with stray bits to fail loudly rather
/// than run as something else on a later revision that gives those bits a meaning.</para>
/// <para>Fields left out of the mask (so a non-zero value is CERROR_ILL):</para>
/// <list type="bullet">
/// <item>Fields of a later architecture revision than AIDR reports (the spec records each
/// field's revision as <see cref="FieldInfo.Since"/>): they are RES0 here.</item>
/// <item>TG, NUM, SCALE and TTL of the address-based TLBI commands without SMMU_IDR3.RIL:
/// IHI 0070 4.4.1.1 makes them RES0 then.</item>
/// <item>SSec: IHI 0070 4.1.6, a command on the Non-secure Command queue with SSec == 1 is
/// ILLEGAL; and NS (CMD_PREFETCH_ADDR, 4.2.2), RES0 on the Non-secure Command queue. This model
/// has only the Non-secure queue.</item>
/// </list>
/// <para>Built once per device from the metadata; the check itself reads two words and a table
/// entry, and allocates nothing.</para>
/// </remarks>
internal sealed class CommandFieldMask
{
    // IHI 0070 4.4.1.1: "If SMMU_IDR3.RIL == 0, this field is RES0" for each of these.
    private static readonly HashSet<string> RangeInvalidationFields = new(StringComparer.Ordinal) { "TG", "NUM", "SCALE", "TTL" };

    // IHI 0070 4.1.6 (SSec), 4.2.2 (NS): meaningful only on the Secure Command queue.
    private static readonly HashSet<string> SecureQueueOnlyFields = new(StringComparer.Ordinal) { "SSec", "NS" };

    private static readonly int WordCount = Cmd.Info.WordCount;

    private readonly ulong[] _allowed; // [opcode * WordCount + word]; all zero for an opcode with no variant

    private CommandFieldMask(ulong[] allowed) => _allowed = allowed;

    /// <summary>The masks of an implementation with the given ID registers.</summary>
    public static CommandFieldMask For(in IdRegisters ids)
    {
        var opcodes = checked((int)(Cmd.Info.Discriminator?.MaxValue ?? 0) + 1);
        var allowed = new ulong[opcodes * WordCount];
        var revision = new Version(3, (int)ids.Aidr.ArchMinorRev);
        foreach (var variant in Cmd.Info.Variants)
        {
            var row = allowed.AsSpan(checked((int)variant.Value) * WordCount, WordCount);
            foreach (var field in variant.Fields)
            {
                var laterRevision = field.Since is { } since && Version.Parse(since) > revision;
                var noRange = !ids.Idr3.Ril && RangeInvalidationFields.Contains(field.Name);
                if (!laterRevision && !noRange && !SecureQueueOnlyFields.Contains(field.Name))
                {
                    SetBits(row, field);
                }
            }
        }

        return new CommandFieldMask(allowed);
    }

    /// <summary>
    /// True when <paramref name="command"/> has a bit set that its opcode's variant does not allow
    /// on this implementation. False for an opcode with no variant: that is rejected as an unknown
    /// opcode instead.
    /// </summary>
    public bool HasReservedBitsSet(in Cmd command)
    {
        var row = (int)command.Opcode * WordCount;
        if (_allowed[row] == 0)
        {
            return false; // no variant: the opcode bits themselves are never zero in a variant's mask
        }

        for (var i = 0; i < WordCount; i++)
        {
            if ((command.GetWord(i) & ~_allowed[row + i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void SetBits(Span<ulong> words, FieldInfo field)
    {
        const int WordBits = 64;
        for (var bit = field.Lsb; bit <= field.Msb; bit++)
        {
            words[bit / WordBits] |= 1UL << (bit % WordBits);
        }
    }
}
