using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SmmuGen.Runtime.Tests;

/// <summary>Where a Linux define lives in the spec.</summary>
internal abstract record SpecPlace;

/// <summary>A register offset define: the spec register and the page the architecture puts it on.</summary>
internal sealed record RegisterPlace(string Register, int Page = 0) : SpecPlace;

/// <summary>A field mask define: the spec register and field.</summary>
internal sealed record FieldPlace(string Register, string Field) : SpecPlace
{
    public override string ToString() => $"{Register}.{Field}";
}

/// <summary>An enumerated value define: the spec register, field and value name.</summary>
internal sealed record ValuePlace(string Register, string Field, string Value) : SpecPlace
{
    public override string ToString() => $"{Register}.{Field}={Value}";
}

/// <summary>A register-related define that names no field (a union of fields, a software flag, a size).</summary>
internal sealed record NotAField(string Reason) : SpecPlace;

/// <summary>What a define is, for the register test.</summary>
internal enum DefineKind
{
    /// <summary>A register offset (<c>ARM_SMMU_CR0</c>).</summary>
    Offset,

    /// <summary>A register field mask (<c>CR0_SMMUEN</c>).</summary>
    Field,

    /// <summary>An enumerated value of a register field (<c>IDR0_TTF_AARCH64</c>).</summary>
    Value,

    /// <summary>Not a register field: record layouts, opcodes, constants, software-only flags.</summary>
    OutOfScope,

    /// <summary>Looks like a register define, but the mapping does not lead to the spec: a failure.</summary>
    Unresolved,
}

/// <summary>A define with what it is and where the spec has it.</summary>
internal sealed record ClassifiedDefine(LinuxDefine Define, DefineKind Kind, IReadOnlyList<SpecPlace> Places, string Note);

/// <summary>
/// Sorts every Linux define into register offsets, register fields, enumerated values of
/// register fields and the rest, by the naming rules of the driver plus an explicit table for
/// the names that differ. A define is out of scope only when it matches a known non-register
/// pattern; anything else that cannot be placed is <see cref="DefineKind.Unresolved"/>.
/// </summary>
internal static class LinuxDefineClassifier
{
    private const string RegisterPrefix = "ARM_SMMU_";

    /// <summary>Defines that are not register fields, by the part of the driver they belong to.</summary>
    private static readonly (Regex Pattern, string Category)[] OutOfScopePatterns =
    [
        (new Regex("^(STRTAB_STE_|STRTAB_L1_DESC_)", RegexOptions.CultureInvariant), "record layout: Stream table entry / L1 descriptor"),
        (new Regex("^CTXDESC_", RegexOptions.CultureInvariant), "record layout: Context descriptor"),
        (new Regex("^(CMDQ_OP_|CMDQ_ENT_|CMDQ_[0-9]_|CMDQ_(PREFETCH|CFGI|TLBI|ATC|PRI|RESUME|SYNC)_|ATC_INV_)", RegexOptions.CultureInvariant), "record layout: command (opcode, field or encoding)"),
        (new Regex("^(EVTQ_ENT_|EVTQ_[0-9]_|EVT_ID_)", RegexOptions.CultureInvariant), "record layout: event record"),
        (new Regex("^(PRIQ_ENT_|PRIQ_[0-9]_)", RegexOptions.CultureInvariant), "record layout: PRI queue record"),
        (new Regex("^(STRTAB_SPLIT|STRTAB_NUM_L2_STES|STRTAB_MAX_L1_ENTRIES)$", RegexOptions.CultureInvariant), "driver constant: Stream table sizing chosen by Linux"),
        (new Regex("^(ARM_SMMU_POLL_|MSI_IOVA_)", RegexOptions.CultureInvariant), "driver constant: software tuning or IOVA layout"),
    ];

    public static IReadOnlyList<ClassifiedDefine> Classify(LinuxReference reference, IReadOnlyDictionary<string, SpecPlace[]> table)
    {
        var offsetNames = reference.NamedValues.Where(v => v.IsRegisterOffset).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

        // Linux register name (CR0, EVTQ_BASE) -> spec register name (CR0, EVENTQ_BASE).
        var linuxRegisters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in offsetNames.Where(n => n.StartsWith(RegisterPrefix, StringComparison.Ordinal)))
        {
            var linux = name[RegisterPrefix.Length..];
            linuxRegisters[linux] = table.TryGetValue(name, out var places) && places.OfType<RegisterPlace>().FirstOrDefault() is { } p ? p.Register : linux;
        }

        var result = new Dictionary<string, ClassifiedDefine>(StringComparer.Ordinal);

        // Pass 1: offsets and field masks (rows with a bit range).
        foreach (var d in reference.Defines)
        {
            if (table.TryGetValue(d.Name, out var places))
            {
                result[d.Name] = FromTable(d, places);
            }
            else if (offsetNames.Contains(d.Name) && d.Name.StartsWith(RegisterPrefix, StringComparison.Ordinal))
            {
                result[d.Name] = new ClassifiedDefine(d, DefineKind.Offset, [new RegisterPlace(d.Name[RegisterPrefix.Length..])], "by name");
            }
            else if (reference.RowsByName.TryGetValue(d.Name, out var row) && row.HasBits && LongestRegisterPrefix(d.Name, linuxRegisters) is { } linux)
            {
                var field = d.Name[(linux.Length + 1)..];
                if (field.EndsWith("_MASK", StringComparison.Ordinal))
                {
                    field = field[..^"_MASK".Length];
                }

                result[d.Name] = new ClassifiedDefine(d, DefineKind.Field, [new FieldPlace(linuxRegisters[linux], field)], "by name");
            }
        }

        var fieldDefines = result.Values.Where(c => c.Kind == DefineKind.Field).ToDictionary(c => c.Define.Name, StringComparer.Ordinal);

        // Pass 2: enumerated values, out-of-scope defines and what is left.
        foreach (var d in reference.Defines.Where(d => !result.ContainsKey(d.Name)))
        {
            var hasBits = reference.RowsByName.TryGetValue(d.Name, out var row) && row.HasBits;
            var parent = hasBits ? null : fieldDefines.Keys.Where(f => d.Name.StartsWith(f + "_", StringComparison.Ordinal)).OrderByDescending(f => f.Length).FirstOrDefault();
            if (parent is not null)
            {
                var value = d.Name[(parent.Length + 1)..];
                var places = fieldDefines[parent].Places.OfType<FieldPlace>().Select(f => (SpecPlace)new ValuePlace(f.Register, f.Field, value)).ToArray();
                result[d.Name] = new ClassifiedDefine(d, DefineKind.Value, places, $"by name, value of {parent}");
            }
            else if (LongestRegisterPrefix(d.Name, linuxRegisters) is { } linux)
            {
                result[d.Name] = new ClassifiedDefine(d, DefineKind.Unresolved, [], $"named after register {linux} but neither a field of it nor a value of one of its fields; add it to the mapping table or fix the spec");
            }
            else if (OutOfScopePatterns.FirstOrDefault(p => p.Pattern.IsMatch(d.Name)) is { Pattern: not null } match)
            {
                result[d.Name] = new ClassifiedDefine(d, DefineKind.OutOfScope, [], match.Category);
            }
            else
            {
                result[d.Name] = new ClassifiedDefine(d, DefineKind.Unresolved, [], "matches no register, no mapping table entry and no out-of-scope pattern");
            }
        }

        return reference.Defines.Select(d => result[d.Name]).ToArray();
    }

    private static ClassifiedDefine FromTable(LinuxDefine d, SpecPlace[] places)
    {
        var kind = places switch
        {
            [NotAField, ..] => DefineKind.OutOfScope,
            _ when places.All(p => p is RegisterPlace) => DefineKind.Offset,
            _ when places.All(p => p is FieldPlace) => DefineKind.Field,
            _ when places.All(p => p is ValuePlace) => DefineKind.Value,
            _ => DefineKind.Unresolved,
        };
        var note = places is [NotAField n, ..] ? "named after a register, but no field: " + n.Reason : "mapping table";
        return new ClassifiedDefine(d, kind, places, note);
    }

    private static string? LongestRegisterPrefix(string define, IReadOnlyDictionary<string, string> linuxRegisters) =>
        linuxRegisters.Keys.Where(r => define.StartsWith(r + "_", StringComparison.Ordinal)).OrderByDescending(r => r.Length).FirstOrDefault();
}
