using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SmmuGen.Smmuv3;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// The spec, as the generated metadata carries it (<see cref="Smmuv3RegisterMap.All"/>,
/// <see cref="RegisterInfo.Fields"/>), against the register facts of the Linux arm-smmu-v3
/// driver in <c>../shared/reference</c>: every register offset, every field mask and every
/// enumerated value Linux defines for a register must be in the spec, identical.
/// </summary>
public sealed class LinuxReferenceTests(ITestOutputHelper output)
{
    private static readonly string[] IrqCfg0 = ["GERROR_IRQ_CFG0", "EVENTQ_IRQ_CFG0", "PRIQ_IRQ_CFG0"];
    private static readonly string[] IrqCfg2 = ["GERROR_IRQ_CFG2", "EVENTQ_IRQ_CFG2", "PRIQ_IRQ_CFG2"];
    private static readonly string[] QueueBases = ["CMDQ_BASE", "EVENTQ_BASE", "PRIQ_BASE"];

    /// <summary>
    /// Linux define -> spec place, for every define whose place its name does not give (the same
    /// mapping as the comment at the top of spec/smmuv3/registers.yaml). Everything else follows
    /// the driver's naming: ARM_SMMU_&lt;REG&gt; is register REG on page 0,
    /// &lt;REG&gt;_&lt;FIELD&gt;[_MASK] is field FIELD of REG, and &lt;FIELD DEFINE&gt;_&lt;NAME&gt;
    /// is the enumerated value NAME of that field (names compared ignoring case).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, SpecPlace[]> Mapping = new Dictionary<string, SpecPlace[]>(StringComparer.Ordinal)
    {
        // Registers: EVTQ is EVENTQ; the queue PROD/CONS index registers are page-1 registers.
        ["ARM_SMMU_EVTQ_BASE"] = [new RegisterPlace("EVENTQ_BASE")],
        ["ARM_SMMU_EVTQ_PROD"] = [new RegisterPlace("EVENTQ_PROD", Page: 1)],
        ["ARM_SMMU_EVTQ_CONS"] = [new RegisterPlace("EVENTQ_CONS", Page: 1)],
        ["ARM_SMMU_EVTQ_IRQ_CFG0"] = [new RegisterPlace("EVENTQ_IRQ_CFG0")],
        ["ARM_SMMU_EVTQ_IRQ_CFG1"] = [new RegisterPlace("EVENTQ_IRQ_CFG1")],
        ["ARM_SMMU_EVTQ_IRQ_CFG2"] = [new RegisterPlace("EVENTQ_IRQ_CFG2")],
        ["ARM_SMMU_PRIQ_PROD"] = [new RegisterPlace("PRIQ_PROD", Page: 1)],
        ["ARM_SMMU_PRIQ_CONS"] = [new RegisterPlace("PRIQ_CONS", Page: 1)],

        // Fields whose names differ.
        ["IDR0_ST_LVL"] = [new FieldPlace("IDR0", "ST_LEVEL")],
        ["IDR1_EVTQS"] = [new FieldPlace("IDR1", "EVENTQS")],
        ["IDR3_BBM"] = [new FieldPlace("IDR3", "BBML")],
        ["CR0_EVTQEN"] = [new FieldPlace("CR0", "EVENTQEN")],
        ["IRQ_CTRL_EVTQ_IRQEN"] = [new FieldPlace("IRQ_CTRL", "EVENTQ_IRQEN")],
        ["GERROR_EVTQ_ABT_ERR"] = [new FieldPlace("GERROR", "EVENTQ_ABT_ERR")],
        ["GERROR_MSI_EVTQ_ABT_ERR"] = [new FieldPlace("GERROR", "MSI_EVENTQ_ABT_ERR")],

        // Fields one define describes for several registers.
        ["MSI_CFG0_ADDR_MASK"] = [.. IrqCfg0.Select(r => new FieldPlace(r, "ADDR"))],
        ["MSI_CFG2_SH"] = [.. IrqCfg2.Select(r => new FieldPlace(r, "SH"))],
        ["MSI_CFG2_MEMATTR"] = [.. IrqCfg2.Select(r => new FieldPlace(r, "MemAttr"))],
        ["Q_BASE_ADDR_MASK"] = [.. QueueBases.Select(r => new FieldPlace(r, "ADDR"))],
        ["Q_BASE_LOG2SIZE"] = [.. QueueBases.Select(r => new FieldPlace(r, "LOG2SIZE"))],
        ["Q_BASE_RWA"] = [new FieldPlace("CMDQ_BASE", "RA"), new FieldPlace("EVENTQ_BASE", "WA"), new FieldPlace("PRIQ_BASE", "WA")],
        ["Q_OVERFLOW_FLAG"] = [new FieldPlace("EVENTQ_PROD", "OVFLG"), new FieldPlace("EVENTQ_CONS", "OVACKFLG"), new FieldPlace("PRIQ_PROD", "OVFLG"), new FieldPlace("PRIQ_CONS", "OVACKFLG")],

        // Enumerated values whose names differ, or that are shared encodings of several fields.
        ["IDR0_ST_LVL_2LVL"] = [new ValuePlace("IDR0", "ST_LEVEL", "TWO_LEVEL")],
        ["IDR5_OAS_32_BIT"] = [new ValuePlace("IDR5", "OAS", "BITS_32")],
        ["IDR5_OAS_36_BIT"] = [new ValuePlace("IDR5", "OAS", "BITS_36")],
        ["IDR5_OAS_40_BIT"] = [new ValuePlace("IDR5", "OAS", "BITS_40")],
        ["IDR5_OAS_42_BIT"] = [new ValuePlace("IDR5", "OAS", "BITS_42")],
        ["IDR5_OAS_44_BIT"] = [new ValuePlace("IDR5", "OAS", "BITS_44")],
        ["IDR5_OAS_48_BIT"] = [new ValuePlace("IDR5", "OAS", "BITS_48")],
        ["IDR5_OAS_52_BIT"] = [new ValuePlace("IDR5", "OAS", "BITS_52")],
        ["IDR5_VAX_52_BIT"] = [new ValuePlace("IDR5", "VAX", "BITS_52")],
        ["STRTAB_BASE_CFG_FMT_2LVL"] = [new ValuePlace("STRTAB_BASE_CFG", "FMT", "TWO_LEVEL")],
        ["CR1_CACHE_NC"] = CacheFields("NC"),
        ["CR1_CACHE_WB"] = CacheFields("WB"),
        ["CR1_CACHE_WT"] = CacheFields("WT"),
        ["ARM_SMMU_SH_NSH"] = ShareabilityFields("NSH"),
        ["ARM_SMMU_SH_OSH"] = ShareabilityFields("OSH"),
        ["ARM_SMMU_SH_ISH"] = ShareabilityFields("ISH"),
        ["ARM_SMMU_MEMATTR_DEVICE_nGnRE"] = [.. IrqCfg2.Select(r => new ValuePlace(r, "MemAttr", "DEVICE_nGnRE"))],
        ["ARM_SMMU_MEMATTR_OIWB"] = [.. IrqCfg2.Select(r => new ValuePlace(r, "MemAttr", "NORMAL_OWB_IWB"))],
        ["CMDQ_ERR_CERROR_NONE_IDX"] = [new ValuePlace("CMDQ_CONS", "ERR", "CERROR_NONE")],
        ["CMDQ_ERR_CERROR_ILL_IDX"] = [new ValuePlace("CMDQ_CONS", "ERR", "CERROR_ILL")],
        ["CMDQ_ERR_CERROR_ABT_IDX"] = [new ValuePlace("CMDQ_CONS", "ERR", "CERROR_ABT")],
        ["CMDQ_ERR_CERROR_ATC_INV_IDX"] = [new ValuePlace("CMDQ_CONS", "ERR", "CERROR_ATC_INV_SYNC")],

        // Named after a register, but no field of it.
        ["GERROR_ERR_MASK"] = [new NotAField("union of the GERROR error bits, not a field")],
        ["CMDQ_PROD_OWNED_FLAG"] = [new NotAField("software-only flag of the driver's shared producer index (CMDQ_PROD[31] is RES0)")],
        ["ARM_SMMU_REG_SZ"] = [new NotAField("size of the page-0 register space the driver uses, not a register")],
    };

    private static SpecPlace[] CacheFields(string value) =>
        [.. new[] { "QUEUE_IC", "QUEUE_OC", "TABLE_IC", "TABLE_OC" }.Select(f => new ValuePlace("CR1", f, value))];

    private static SpecPlace[] ShareabilityFields(string value) =>
        [new ValuePlace("CR1", "QUEUE_SH", value), new ValuePlace("CR1", "TABLE_SH", value), .. IrqCfg2.Select(r => new ValuePlace(r, "SH", value))];

    private static readonly Lazy<IReadOnlyList<ClassifiedDefine>> Classified = new(() => LinuxDefineClassifier.Classify(LinuxReference.Load(), Mapping));

    private static IReadOnlyList<ClassifiedDefine> Defines(DefineKind kind) => Classified.Value.Where(c => c.Kind == kind).ToArray();

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    [Fact]
    public void ReferenceFilesAgreeWithEachOther()
    {
        var reference = LinuxReference.Load();
        var errors = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);

        foreach (var v in reference.NamedValues)
        {
            listed.Add(v.Name);
            if (!reference.DefinesByName.TryGetValue(v.Name, out var d))
            {
                errors.Add($"{v.Name}: in {LinuxReference.FieldsFile} ({v.Section}) but not in {LinuxReference.DefinesFile}");
            }
            else if (d.Value != v.Value)
            {
                errors.Add($"{v.Name}: {LinuxReference.FieldsFile} says {Hex(v.Value)}, {LinuxReference.DefinesFile} says {Hex(d.Computed)}");
            }
        }

        foreach (var row in reference.Rows)
        {
            listed.Add(row.Name);
            if (!reference.DefinesByName.TryGetValue(row.Name, out var d))
            {
                errors.Add($"{row.Name}: in {LinuxReference.FieldsFile} ({row.Section}) but not in {LinuxReference.DefinesFile}");
                continue;
            }

            if (row.HasBits && row.BitsMask != row.MaskOrValue)
            {
                errors.Add($"{row.Name}: bits [{row.Msb}:{row.Lsb}] give {Hex(row.BitsMask)}, the mask column says {Hex(row.MaskOrValue)}");
            }

            if (d.Value != row.MaskOrValue)
            {
                errors.Add($"{row.Name}: {LinuxReference.FieldsFile} says {Hex(row.MaskOrValue)}, {LinuxReference.DefinesFile} says {Hex(d.Computed)}");
            }

            foreach (var (name, value) in row.EnumValues)
            {
                var define = row.Name + "_" + name;
                listed.Add(define);
                if (!reference.DefinesByName.TryGetValue(define, out var e))
                {
                    errors.Add($"{row.Name}: enumerated value {name}={value} has no define {define} in {LinuxReference.DefinesFile}");
                }
                else if (e.Value != value)
                {
                    errors.Add($"{define}: {LinuxReference.FieldsFile} says {value}, {LinuxReference.DefinesFile} says {Hex(e.Computed)}");
                }
            }
        }

        foreach (var d in reference.Defines.Where(d => !listed.Contains(d.Name)))
        {
            errors.Add($"{d.Name}: in {LinuxReference.DefinesFile} but in no table of {LinuxReference.FieldsFile}");
        }

        foreach (var d in reference.Defines.Where(d => d.IsSignExtended))
        {
            output.WriteLine($"note: {d.Name} = {d.Definition} is a negative int; {LinuxReference.DefinesFile} gives it sign-extended ({Hex(d.Computed)}), compared as {Hex(d.Value)}");
        }

        Assert.True(errors.Count == 0, "The two Linux reference files disagree:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void EveryLinuxDefineIsARegisterFactOrListedOutOfScope()
    {
        var unresolved = Defines(DefineKind.Unresolved);
        var outOfScope = Defines(DefineKind.OutOfScope);

        output.WriteLine($"{Classified.Value.Count} Linux defines: {Defines(DefineKind.Offset).Count} register offsets, {Defines(DefineKind.Field).Count} register fields, {Defines(DefineKind.Value).Count} enumerated values of register fields, {outOfScope.Count} not a register field.");
        output.WriteLine(string.Empty);
        output.WriteLine("Not a register field (out of scope for this test):");
        foreach (var group in outOfScope.GroupBy(c => c.Note))
        {
            output.WriteLine($"  {group.Key}:");
            output.WriteLine("    " + string.Join(", ", group.Select(c => c.Define.Name)));
        }

        Assert.True(
            unresolved.Count == 0,
            "Linux defines that look like register facts but have no place in the spec:" + Environment.NewLine
            + string.Join(Environment.NewLine, unresolved.Select(c => $"  {c.Define.Name} = {c.Define.Definition}: {c.Note}")));
    }

    [Fact]
    public void RegisterOffsetsMatchTheSpec()
    {
        Assert.NotEmpty(Defines(DefineKind.Offset));
        var errors = OffsetErrors(Classified.Value);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void RegisterFieldMasksMatchTheSpec()
    {
        Assert.NotEmpty(Defines(DefineKind.Field));
        var errors = FieldMaskErrors(Classified.Value);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void EnumeratedValuesMatchTheSpec()
    {
        Assert.NotEmpty(Defines(DefineKind.Value));
        var errors = EnumValueErrors(Classified.Value);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void ChecksFailForRegisterDefinesTheSpecLacksOrGetsWrong()
    {
        // A made-up reference: what a later Linux (or a wrong spec) could hold.
        string[] tsv =
        [
            "ARM_SMMU_CR0\t0x20\t0x20",
            "ARM_SMMU_IDR5\t0x14\t0x14",
            "ARM_SMMU_EVTQ_PROD\t0xa8\t0xa8",
            "ARM_SMMU_GATOS_PAR\t0x118\t0x118",
            "CR0_SMMUEN\t(1 << 1)\t0x2",
            "CR0_DPT_WALK_EN\t(1 << 10)\t0x400",
            "IDR5_OAS\tGENMASK(2, 0)\t0x7",
            "IDR5_OAS_48_BIT\t5\t0x5",
            "IDR5_OAS_56_BIT\t7\t0x7",
            "IDR5_GRAN4K_YES\t1\t0x1",
            "SMMU_FOO\t(1 << 3)\t0x8",
        ];
        string[] md =
        [
            "#### Register offsets (made up)",
            "| Name | Value | Name | Value |",
            "|---|---|---|---|",
            "| ARM_SMMU_CR0 | 0x20 | ARM_SMMU_IDR5 | 0x14 |",
            "| ARM_SMMU_EVTQ_PROD | 0xa8 | ARM_SMMU_GATOS_PAR | 0x118 |",
            string.Empty,
            "#### Fields (made up)",
            "| Field | Bits | Mask / value | Enumerated values |",
            "|---|---|---|---|",
            "| CR0_SMMUEN | [1] | 0x2 |  |",
            "| CR0_DPT_WALK_EN | [10] | 0x400 |  |",
            "| IDR5_OAS | [2:0] | 0x7 | 48_BIT=5, 56_BIT=7 |",
            "| IDR5_GRAN4K_YES | — | 1 = 0x1 |  |",
            "| SMMU_FOO | [3] | 0x8 |  |",
        ];
        var classified = LinuxDefineClassifier.Classify(LinuxReference.FromText("(made up)", tsv, md), Mapping);

        Assert.Equal(
            ["ARM_SMMU_GATOS_PAR = 0x118: the spec has no register GATOS_PAR"],
            OffsetErrors(classified));
        Assert.Equal(
            [
                "CR0_SMMUEN = (1 << 1) (0x2): the spec's CR0.SMMUEN is bits 0 (0x1)",
                "CR0_DPT_WALK_EN = (1 << 10): the spec's CR0 has no field DPT_WALK_EN (it has SMMUEN, PRIQEN, EVENTQEN, CMDQEN, ATSCHK, VMW)",
            ],
            FieldMaskErrors(classified));
        Assert.Equal(
            ["IDR5_OAS_56_BIT = 7: the spec's IDR5.OAS has no value named 56_BIT and no name for that value"],
            EnumValueErrors(classified));
        Assert.Equal(
            ["IDR5_GRAN4K_YES", "SMMU_FOO"],
            classified.Where(c => c.Kind == DefineKind.Unresolved).Select(c => c.Define.Name));
    }

    [Fact]
    public void AMissingReferenceFolderFailsSayingWhereItLooked()
    {
        var missing = Path.Combine(Path.GetTempPath(), "smmugen-no-such-folder", "shared", "reference");
        var e = Assert.Throws<FailException>(() => LinuxReference.LoadFrom(missing, "/somewhere/main"));
        Assert.Contains("looked for " + missing, e.Message, StringComparison.Ordinal);
    }

    private static List<string> OffsetErrors(IEnumerable<ClassifiedDefine> classified)
    {
        var errors = new List<string>();
        foreach (var c in classified.Where(c => c.Kind == DefineKind.Offset))
        {
            foreach (var place in c.Places.Cast<RegisterPlace>())
            {
                var info = Smmuv3RegisterMap.FindByName(place.Register);
                if (info is null)
                {
                    errors.Add($"{c.Define.Name} = {Hex(c.Define.Value)}: the spec has no register {place.Register}");
                }
                else if (info.Offset != c.Define.Value || info.Page != place.Page)
                {
                    errors.Add($"{c.Define.Name}: Linux (with the architecture's page) says page {place.Page} offset {Hex(c.Define.Value)}; the spec puts {info.Name} at page {info.Page} offset {Hex(info.Offset)}");
                }
                else if (!ReferenceEquals(Smmuv3RegisterMap.Find(place.Page, c.Define.Value), info))
                {
                    errors.Add($"{c.Define.Name}: Smmuv3RegisterMap.Find({place.Page}, {Hex(c.Define.Value)}) does not return {info.Name}");
                }
            }
        }

        return errors;
    }

    private static List<string> FieldMaskErrors(IEnumerable<ClassifiedDefine> classified)
    {
        var errors = new List<string>();
        foreach (var c in classified.Where(c => c.Kind == DefineKind.Field))
        {
            foreach (var place in c.Places.Cast<FieldPlace>())
            {
                var field = FindField(place, c.Define, errors);
                if (field is not null && field.Mask != c.Define.Value)
                {
                    errors.Add($"{c.Define.Name} = {c.Define.Definition} ({Hex(c.Define.Value)}): the spec's {place} is bits {field.Bits} ({Hex(field.Mask)})");
                }
            }
        }

        return errors;
    }

    private static List<string> EnumValueErrors(IEnumerable<ClassifiedDefine> classified)
    {
        var errors = new List<string>();
        foreach (var c in classified.Where(c => c.Kind == DefineKind.Value))
        {
            foreach (var place in c.Places.Cast<ValuePlace>())
            {
                var field = FindField(new FieldPlace(place.Register, place.Field), c.Define, errors);
                if (field is null)
                {
                    continue;
                }

                var named = field.EnumValues.FirstOrDefault(v => string.Equals(v.Name, place.Value, StringComparison.OrdinalIgnoreCase));
                if (named is null)
                {
                    var byValue = field.NameOf(c.Define.Value);
                    errors.Add($"{c.Define.Name} = {c.Define.Value}: the spec's {place.Register}.{place.Field} has no value named {place.Value}" + (byValue is null ? " and no name for that value" : $" (it calls {c.Define.Value} {byValue})"));
                }
                else if (named.Value != c.Define.Value)
                {
                    errors.Add($"{c.Define.Name} = {c.Define.Value}: the spec's {place} is {named.Value}");
                }
            }
        }

        return errors;
    }

    [Fact]
    public void NamedButNotFieldDefinesAgreeWithTheSpec()
    {
        var reference = LinuxReference.Load();

        // GERROR_ERR_MASK: every bit is a GERROR error field.
        var errMask = reference.DefinesByName["GERROR_ERR_MASK"].Value;
        var gerrorBits = Gerror.Info.Fields.Aggregate(0UL, (m, f) => m | f.Mask);
        Assert.Equal(0UL, errMask & ~gerrorBits);

        // CMDQ_PROD_OWNED_FLAG: the driver may use the bit only because the register reserves it.
        var owned = reference.DefinesByName["CMDQ_PROD_OWNED_FLAG"].Value;
        Assert.Equal(owned, CmdqProd.Info.ReservedMask & owned);

        // ARM_SMMU_REG_SZ: every page-0 register lies inside the space the driver maps.
        var size = reference.DefinesByName["ARM_SMMU_REG_SZ"].Value;
        Assert.All(Smmuv3RegisterMap.All.Where(r => r.Page == 0), r => Assert.True(r.Offset + (ulong)(r.Width / 8) <= size, $"{r.Name} ends beyond ARM_SMMU_REG_SZ"));
    }

    [Fact]
    public void MappingTableNamesOnlyDefinesThatExist()
    {
        var reference = LinuxReference.Load();
        var stale = Mapping.Keys.Where(k => !reference.DefinesByName.ContainsKey(k)).ToArray();
        Assert.True(stale.Length == 0, "Mapping table entries for defines the reference does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public void ReportsWhatTheSpecHasThatLinuxDoesNotDefine()
    {
        var classified = Classified.Value;
        var registers = classified.Where(c => c.Kind == DefineKind.Offset).SelectMany(c => c.Places.Cast<RegisterPlace>()).Select(p => p.Register).ToHashSet(StringComparer.Ordinal);
        var fields = classified.Where(c => c.Kind == DefineKind.Field).SelectMany(c => c.Places.Cast<FieldPlace>())
            .Select(p => Key(p.Register, p.Field)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var values = classified.Where(c => c.Kind == DefineKind.Value).SelectMany(c => c.Places.Cast<ValuePlace>())
            .Select(p => Key(p.Register, p.Field, p.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var text = new StringBuilder();
        text.AppendLine("Spec registers Linux defines no offset for:");
        text.AppendLine("  " + string.Join(", ", Smmuv3RegisterMap.All.Where(r => !registers.Contains(r.Name)).Select(r => r.Name)));
        text.AppendLine("Spec fields Linux does not define (informational):");
        foreach (var r in Smmuv3RegisterMap.All)
        {
            var missing = r.Fields.Where(f => !fields.Contains(Key(r.Name, f.Name))).Select(f => $"{f.Name}[{f.Bits}]").ToArray();
            if (missing.Length > 0)
            {
                text.AppendLine($"  {r.Name}: {string.Join(", ", missing)}");
            }
        }

        text.AppendLine("Spec enumerated values Linux does not define, for fields Linux does define (informational):");
        foreach (var r in Smmuv3RegisterMap.All)
        {
            foreach (var f in r.Fields.Where(f => fields.Contains(Key(r.Name, f.Name)) && f.EnumValues.Count > 0))
            {
                var missing = f.EnumValues.Where(v => !values.Contains(Key(r.Name, f.Name, v.Name))).Select(v => $"{v.Name}={v.Value}").ToArray();
                if (missing.Length > 0)
                {
                    text.AppendLine($"  {r.Name}.{f.Name}: {string.Join(", ", missing)}");
                }
            }
        }

        output.WriteLine(text.ToString());

        // Informational only: the lists above never fail the test; this just proves they were
        // computed from a loaded reference.
        Assert.NotEmpty(fields);
        Assert.NotEmpty(registers);
    }

    private static string Key(params string[] parts) => string.Join(".", parts);

    private static FieldInfo? FindField(FieldPlace place, LinuxDefine define, List<string> errors)
    {
        var info = Smmuv3RegisterMap.FindByName(place.Register);
        if (info is null)
        {
            errors.Add($"{define.Name}: the spec has no register {place.Register}");
            return null;
        }

        var field = info.Fields.FirstOrDefault(f => string.Equals(f.Name, place.Field, StringComparison.OrdinalIgnoreCase));
        if (field is null)
        {
            errors.Add($"{define.Name} = {define.Definition}: the spec's {place.Register} has no field {place.Field} (it has {string.Join(", ", info.Fields.Select(f => f.Name))})");
        }

        return field;
    }
}
