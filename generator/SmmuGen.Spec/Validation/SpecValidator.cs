using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Spec.Validation;

/// <summary>
/// The semantic rules of the spec language, one rule per method. Each message names the
/// register, the field and the bits involved, so a reader needs nothing but the message.
/// </summary>
public sealed partial class SpecValidator
{
    private readonly SpecDocument _doc;
    private readonly List<SpecDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, EnumSpec> _enums = new();

    private SpecValidator(SpecDocument doc)
    {
        _doc = doc;
        foreach (var e in doc.Enums)
        {
            _enums[e.Name] = e;
        }
    }

    /// <summary>Runs every rule over <paramref name="doc"/>.</summary>
    public static IReadOnlyList<SpecDiagnostic> Validate(SpecDocument doc)
    {
        var v = new SpecValidator(doc);
        v.CheckIdentifiers();
        v.CheckDuplicateEnumNames();
        v.CheckDuplicateEnumValueNames();
        v.CheckDuplicateRegisterNames();
        v.CheckDuplicateFieldNames();
        v.CheckFieldsInsideWidth();
        v.CheckFieldOverlap();
        v.CheckEnumReferences();
        v.CheckEnumValuesFitFields();
        v.CheckResetWidth();
        v.CheckResetReservedBits();
        v.CheckImpdefReset();
        v.CheckRegisterAlignment();
        v.CheckRegisterInsidePage();
        v.CheckRegisterOverlap();
        v.CheckAckTargets();
        v.CheckAckFields();
        v.CheckGeneratedTypeNames();
        v.CheckGeneratedPropertyNames();
        v.CheckGeneratedEnumMemberNames();
        v.CheckRecordRules();
        v.CheckStructRules();
        return v._diagnostics;
    }

    private void Report(SpecRule rule, SourceSpan span, string message) => _diagnostics.Add(SpecDiagnostic.Create(rule, span, message));

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Bits of a register that no field claims, or that a RES0 field claims.</summary>
    public static ulong Res0Mask(RegisterSpec register)
    {
        var claimed = 0UL;
        foreach (var f in register.Fields.Where(f => f.Bits.Msb < register.Width))
        {
            if (f.Access != FieldAccess.Res0)
            {
                claimed |= f.Bits.Mask;
            }
        }

        return register.WidthMask & ~claimed;
    }

    /// <summary>Bits of a register that a RES1 field claims.</summary>
    public static ulong Res1Mask(RegisterSpec register) =>
        register.Fields.Where(f => f.Access == FieldAccess.Res1 && f.Bits.Msb < register.Width).Aggregate(0UL, (m, f) => m | f.Bits.Mask);

    // SMMUGEN018
    private void CheckIdentifiers()
    {
        if (!Identifiers.IsValid(_doc.Name))
        {
            Report(SpecRules.InvalidIdentifier, _doc.Span, $"spec name '{_doc.Name}' is not an identifier (letters, digits, '_'; not led by a digit)");
        }

        if (!Identifiers.IsValidNamespace(_doc.Namespace))
        {
            Report(SpecRules.InvalidIdentifier, _doc.Span, $"namespace '{_doc.Namespace}' is not a dotted C# namespace");
        }

        foreach (var e in _doc.Enums)
        {
            if (!e.IsInline && !Identifiers.IsValid(e.Name))
            {
                Report(SpecRules.InvalidIdentifier, e.Span, $"enum name '{e.Name}' is not an identifier");
            }

            foreach (var v in e.Values.Where(v => !Identifiers.IsValid(v.Name)))
            {
                Report(SpecRules.InvalidIdentifier, v.Span, $"enum {e.Name}: value name '{v.Name}' is not an identifier (write e.g. BITS_48, not 48_BIT)");
            }
        }

        foreach (var r in _doc.Registers)
        {
            if (!Identifiers.IsValid(r.Name))
            {
                Report(SpecRules.InvalidIdentifier, r.Span, $"register name '{r.Name}' is not an identifier");
            }

            if (r.CSharpName is { } cs && !Identifiers.IsValid(cs))
            {
                Report(SpecRules.InvalidIdentifier, r.Span, $"register {r.Name}: csharp-name '{cs}' is not an identifier");
            }

        }

        foreach (var l in Layouts())
        {
            foreach (var f in l.Own)
            {
                if (!Identifiers.IsValid(f.Name))
                {
                    Report(SpecRules.InvalidIdentifier, f.Span, $"{l.Kind} {l.Owner}: field name '{f.Name}' is not an identifier");
                }

                if (f.CSharpName is { } fcs && !Identifiers.IsValid(fcs))
                {
                    Report(SpecRules.InvalidIdentifier, f.Span, $"field {l.Owner}.{f.Name}: csharp-name '{fcs}' is not an identifier");
                }
            }
        }
    }

    // SMMUGEN004
    private void CheckDuplicateEnumNames()
    {
        foreach (var dup in Duplicates(_doc.Enums.Where(e => !e.IsInline), e => e.Name))
        {
            Report(SpecRules.DuplicateName, dup.Span, $"enum {dup.Name} is defined more than once");
        }
    }

    // SMMUGEN004
    private void CheckDuplicateEnumValueNames()
    {
        foreach (var e in _doc.Enums)
        {
            foreach (var dup in Duplicates(e.Values, v => v.Name))
            {
                Report(SpecRules.DuplicateName, dup.Span, $"enum {e.Name}: value {dup.Name} is defined more than once");
            }
        }
    }

    // SMMUGEN004
    private void CheckDuplicateRegisterNames()
    {
        foreach (var dup in Duplicates(_doc.Registers, r => r.Name))
        {
            Report(SpecRules.DuplicateName, dup.Span, $"register {dup.Name} is defined more than once");
        }
    }

    // SMMUGEN004
    private void CheckDuplicateFieldNames()
    {
        foreach (var l in Layouts())
        {
            foreach (var dup in Duplicates(l.Fields, f => f.Name).Where(l.IsOwn))
            {
                Report(SpecRules.DuplicateName, dup.Span, $"{l.Kind} {l.Owner}: field {dup.Name} (bits {dup.Bits}) is defined more than once");
            }
        }
    }

    // SMMUGEN006
    private void CheckFieldsInsideWidth()
    {
        foreach (var l in Layouts())
        {
            foreach (var f in l.Own.Where(f => f.Bits.Msb >= l.WidthBits))
            {
                Report(SpecRules.FieldBeyondWidth, f.BitsSpan, $"field {l.Owner}.{f.Name}: bits {f.Bits} lie beyond the {l.Kind}'s {l.WidthBits}-bit width (highest bit {l.WidthBits - 1})");
            }
        }
    }

    // SMMUGEN005
    private void CheckFieldOverlap()
    {
        foreach (var l in Layouts())
        {
            for (var i = 0; i < l.Fields.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    var a = l.Fields[j];
                    var b = l.Fields[i];
                    if (l.IsOwn(b) && a.Name != b.Name && a.Bits.Overlaps(b.Bits))
                    {
                        Report(SpecRules.OverlappingFields, b.BitsSpan, $"{l.Kind} {l.Owner}: field {b.Name} (bits {b.Bits}) overlaps field {a.Name} (bits {a.Bits})");
                    }
                }
            }
        }
    }

    // SMMUGEN017
    private void CheckEnumReferences()
    {
        foreach (var l in Layouts())
        {
            foreach (var f in l.Own.Where(f => f.EnumName is not null && !_enums.ContainsKey(f.EnumName)))
            {
                var known = _enums.Values.Where(e => !e.IsInline).Select(e => e.Name).ToList();
                var hint = known.Count == 0 ? "the file defines no enums" : $"defined enums: {string.Join(", ", known)}";
                Report(SpecRules.UnknownEnum, f.EnumSpan, $"field {l.Owner}.{f.Name}: enum '{f.EnumName}' is not defined; {hint}");
            }
        }
    }

    // SMMUGEN010
    private void CheckEnumValuesFitFields()
    {
        foreach (var l in Layouts())
        {
            foreach (var f in l.Own)
            {
                if (f.EnumName is null || !_enums.TryGetValue(f.EnumName, out var e))
                {
                    continue;
                }

                foreach (var v in e.Values.Where(v => v.Value > f.Bits.MaxValue))
                {
                    // An inline enum's value is reported where it is written; a shared one at the use.
                    var span = e.IsInline ? v.Span : f.EnumSpan;
                    Report(SpecRules.EnumValueTooWide, span, $"field {l.Owner}.{f.Name} (bits {f.Bits}, {f.Bits.Width} bits): enum {e.Name} value {v.Name} = {Hex(v.Value)} does not fit (maximum {Hex(f.Bits.MaxValue)})");
                }
            }
        }
    }

    // SMMUGEN008
    private void CheckResetWidth()
    {
        foreach (var r in _doc.Registers)
        {
            foreach (var value in new[] { r.Reset.Value }.Concat(r.Reset.Allowed).Where(v => (v & ~r.WidthMask) != 0))
            {
                Report(SpecRules.ResetTooWide, r.Reset.Span, $"register {r.Name}: reset value {Hex(value)} does not fit its {r.Width}-bit width");
            }
        }
    }

    // SMMUGEN009
    private void CheckResetReservedBits()
    {
        foreach (var r in _doc.Registers.Where(r => !r.Reset.AllImpdef && !r.Reset.AllUnknown))
        {
            var res0 = Res0Mask(r);
            var res1 = Res1Mask(r);
            foreach (var value in new[] { r.Reset.Value }.Concat(r.Reset.Allowed))
            {
                var bad0 = value & res0 & r.WidthMask;
                if (bad0 != 0)
                {
                    Report(SpecRules.ResetReserved, r.Reset.Span, $"register {r.Name}: reset value {Hex(value)} sets RES0 bits {Hex(bad0)} (bits no field claims, or RES0 fields)");
                }

                var bad1 = ~value & res1;
                if (bad1 != 0)
                {
                    Report(SpecRules.ResetReserved, r.Reset.Span, $"register {r.Name}: reset value {Hex(value)} clears RES1 bits {Hex(bad1)}");
                }
            }
        }
    }

    // SMMUGEN020
    private void CheckImpdefReset()
    {
        foreach (var r in _doc.Registers)
        {
            var impdefMask = FieldMask(r, r.Reset.ImpdefFields, "IMPLEMENTATION DEFINED");
            var unknownMask = FieldMask(r, r.Reset.UnknownFields, "UNKNOWN");
            foreach (var both in r.Reset.ImpdefFields.Intersect(r.Reset.UnknownFields))
            {
                Report(SpecRules.InvalidImpdefReset, r.Reset.Span, $"register {r.Name}: reset names field {both} both IMPLEMENTATION DEFINED and UNKNOWN; it is one or the other");
            }

            var free = impdefMask | unknownMask;
            foreach (var allowed in r.Reset.Allowed.Where(a => (a & ~free) != (r.Reset.Value & ~free)))
            {
                Report(SpecRules.InvalidImpdefReset, r.Reset.Span, $"register {r.Name}: allowed reset value {Hex(allowed)} differs from the default {Hex(r.Reset.Value)} outside the IMPLEMENTATION DEFINED and UNKNOWN fields (mask {Hex(free)})");
            }
        }
    }

    private ulong FieldMask(RegisterSpec r, EquatableArray<string> names, string kind)
    {
        var mask = 0UL;
        foreach (var name in names)
        {
            var field = r.Fields.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                Report(SpecRules.InvalidImpdefReset, r.Reset.Span, $"register {r.Name}: reset names {kind} field {name}, which the register does not have");
            }
            else if (field.Bits.Msb < r.Width)
            {
                mask |= field.Bits.Mask;
            }
        }

        return mask;
    }

    // SMMUGEN012
    private void CheckRegisterAlignment()
    {
        foreach (var r in _doc.Registers)
        {
            var size = (ulong)r.Width / 8;
            if (r.Offset % size != 0)
            {
                Report(SpecRules.MisalignedRegister, r.OffsetSpan, $"register {r.Name}: offset {Hex(r.Offset)} is not aligned to its {size}-byte width");
            }

            foreach (var alias in r.Aliases.Where(a => a.Offset % size != 0))
            {
                Report(SpecRules.MisalignedRegister, alias.Span, $"register {r.Name}: alias offset {Hex(alias.Offset)} on page {alias.Page} is not aligned to its {size}-byte width");
            }
        }
    }

    // SMMUGEN014
    private void CheckRegisterInsidePage()
    {
        foreach (var r in _doc.Registers)
        {
            foreach (var (page, offset, span) in Placements(r))
            {
                // Written so that an offset near 2^64 cannot wrap around and pass.
                if (offset > _doc.PageSize || _doc.PageSize - offset < (ulong)r.Width / 8)
                {
                    Report(SpecRules.InvalidValue, span, $"register {r.Name}: offset {Hex(offset)} on page {page} lies outside the {Hex(_doc.PageSize)}-byte page");
                }
            }
        }
    }

    // SMMUGEN011
    private void CheckRegisterOverlap()
    {
        var placed = new List<(RegisterSpec Register, int Page, ulong Offset)>();
        foreach (var r in _doc.Registers)
        {
            var size = (ulong)r.Width / 8;
            foreach (var (page, offset, span) in Placements(r))
            {
                foreach (var other in placed.Where(p => p.Page == page && p.Offset < offset + size && offset < p.Offset + ((ulong)p.Register.Width / 8)))
                {
                    var self = ReferenceEquals(other.Register, r) ? " (its own alias)" : string.Empty;
                    Report(SpecRules.OverlappingRegisters, span, $"register {r.Name} at page {page} offset {Hex(offset)} ({size} bytes) overlaps register {other.Register.Name} at offset {Hex(other.Offset)}{self}");
                }

                placed.Add((r, page, offset));
            }
        }
    }

    // SMMUGEN013
    private void CheckAckTargets()
    {
        foreach (var r in _doc.Registers.Where(r => r.Ack is not null))
        {
            var target = r.Ack!.Of;
            if (target == r.Name)
            {
                Report(SpecRules.AckTargetMissing, r.Ack.Span, $"register {r.Name}: ack names the register itself");
            }
            else if (_doc.Registers.All(o => o.Name != target))
            {
                var suggestion = Loading.KeySuggestion.Nearest(target, _doc.Registers.Select(o => o.Name));
                Report(SpecRules.AckTargetMissing, r.Ack.Span, $"register {r.Name}: ack names register {target}, which the spec does not define" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
            }
        }
    }

    // SMMUGEN019
    private void CheckAckFields()
    {
        foreach (var r in _doc.Registers.Where(r => r.Ack is not null))
        {
            var target = _doc.Registers.FirstOrDefault(o => o.Name == r.Ack!.Of && o.Name != r.Name);
            if (target is null)
            {
                continue;
            }

            foreach (var f in r.Fields.Where(f => f.Access != FieldAccess.Res0))
            {
                var match = target.Fields.FirstOrDefault(t => t.Name == f.Name);
                if (match is null)
                {
                    Report(SpecRules.AckFieldMismatch, f.Span, $"register {r.Name}: field {f.Name} (bits {f.Bits}) has no counterpart in {target.Name}, which it acknowledges");
                }
                else if (match.Bits != f.Bits)
                {
                    Report(SpecRules.AckFieldMismatch, f.BitsSpan, $"register {r.Name}: field {f.Name} is bits {f.Bits} but {target.Name}.{f.Name} is bits {match.Bits}");
                }
            }
        }
    }

    // SMMUGEN004: distinct spec names that become one C# name would not compile.
    private void CheckGeneratedTypeNames()
    {
        var seen = new Dictionary<string, string>();
        var candidates = _doc.Registers.Select(r => (Cs: r.CSharpName ?? Identifiers.ToPascal(r.Name), What: $"register {r.Name}", r.Span))
            .Concat(_doc.Enums.Select(e => (Cs: Identifiers.ToPascal(e.Name), What: e.IsInline ? $"the enum of field {e.Name.Replace('_', '.')}" : $"enum {e.Name}", e.Span)))
            .Concat(_doc.Records.Select(r => (Cs: r.CSharpName ?? Identifiers.ToPascal(r.Name), What: $"record {r.Name}", r.Span)))
            .Concat(_doc.Records.SelectMany(r => r.Variants).Select(v => (Cs: v.CSharpName ?? Identifiers.ToPascal(v.Name), What: $"variant {v.Name}", v.Span)))
            .Concat(_doc.Structs.Select(t => (Cs: t.CSharpName ?? Identifiers.ToPascal(t.Name), What: $"struct {t.Name}", t.Span)))
            .Concat(_doc.Registers.Count == 0 ? Enumerable.Empty<(string, string, SourceSpan)>() : new[] { (Cs: _doc.Name + "RegisterMap", What: "the register map", _doc.Span) });
        foreach (var (cs, what, span) in candidates)
        {
            if (seen.TryGetValue(cs, out var first))
            {
                if (first == what)
                {
                    continue; // a plain duplicate, reported by its own rule
                }

                Report(SpecRules.DuplicateName, span, $"{what} becomes the C# type {cs}, which {first} already is; set csharp-name on one of them");
            }
            else
            {
                seen[cs] = what;
            }
        }
    }

    // SMMUGEN004
    private void CheckGeneratedPropertyNames()
    {
        foreach (var l in Layouts())
        {
            var seen = new Dictionary<string, string>();
            foreach (var f in l.Fields.Where(f => f.Access is not FieldAccess.Res0 and not FieldAccess.Res1))
            {
                var cs = f.CSharpName ?? Identifiers.ToPascal(f.Name);
                if (seen.TryGetValue(cs, out var first) && first != f.Name && l.IsOwn(f))
                {
                    Report(SpecRules.DuplicateName, f.Span, $"{l.Kind} {l.Owner}: fields {first} and {f.Name} both become the C# property {cs}; set csharp-name on one of them");
                }
                else
                {
                    seen[cs] = f.Name;
                }
            }
        }
    }

    // SMMUGEN004
    private void CheckGeneratedEnumMemberNames()
    {
        // Enums with a prefix are named after stripping it: CheckCEnumMemberNames covers them.
        foreach (var e in _doc.Enums.Where(e => e.Prefix is null))
        {
            var seen = new Dictionary<string, string>();
            foreach (var v in e.Values)
            {
                var cs = Identifiers.ToPascal(v.Name);
                if (seen.TryGetValue(cs, out var first) && first != v.Name)
                {
                    Report(SpecRules.DuplicateName, v.Span, $"enum {e.Name}: values {first} and {v.Name} both become the C# member {cs}; rename one of them");
                }
                else
                {
                    seen[cs] = v.Name;
                }
            }
        }
    }

    private static IEnumerable<(int Page, ulong Offset, SourceSpan Span)> Placements(RegisterSpec r) =>
        new[] { (r.Page, r.Offset, r.OffsetSpan) }.Concat(r.Aliases.Select(a => (a.Page, a.Offset, a.Span)));

    private static IEnumerable<T> Duplicates<T>(IEnumerable<T> items, System.Func<T, string> key)
    {
        var seen = new HashSet<string>();
        foreach (var item in items)
        {
            if (!seen.Add(key(item)))
            {
                yield return item;
            }
        }
    }
}
