using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Validation;

/// <summary>The rules that only records have: field shapes, discriminators, profiles.</summary>
public sealed partial class SpecValidator
{
    private System.Collections.Generic.IEnumerable<Layout> Layouts() => Layout.Of(_doc);

    private void CheckRecordRules()
    {
        CheckDuplicateRecordNames();
        CheckRecordFieldShapes();
        CheckDiscriminators();
        CheckProfiles();
    }

    // SMMUGEN004
    private void CheckDuplicateRecordNames()
    {
        foreach (var dup in Duplicates(_doc.Records, r => r.Name))
        {
            Report(SpecRules.DuplicateName, dup.Span, $"record {dup.Name} is defined more than once");
        }

        foreach (var r in _doc.Records)
        {
            foreach (var dup in Duplicates(r.Variants, v => v.Name))
            {
                Report(SpecRules.DuplicateName, dup.Span, $"record {r.Name}: variant {dup.Name} is defined more than once");
            }
        }
    }

    // SMMUGEN022: accessors read one value; an address is stored in place within one word.
    private void CheckRecordFieldShapes()
    {
        foreach (var l in Layouts().Where(l => l.Kind == "record"))
        {
            foreach (var f in l.Own)
            {
                if (f.Bits.Width > 64)
                {
                    Report(SpecRules.FieldShape, f.BitsSpan, $"field {l.Owner}.{f.Name}: bits {f.Bits} are {f.Bits.Width} bits wide; a field holds at most 64 bits, split it");
                }
                else if (f.IsAddress && f.Bits.FirstWord != f.Bits.LastWord)
                {
                    Report(SpecRules.FieldShape, f.BitsSpan, $"field {l.Owner}.{f.Name}: address bits {f.Bits} cross from word {f.Bits.FirstWord} into word {f.Bits.LastWord}; an address field lies inside one 64-bit word");
                }
            }
        }
    }

    // SMMUGEN023
    private void CheckDiscriminators()
    {
        foreach (var r in _doc.Records)
        {
            if (r.Discriminator is null)
            {
                if (r.Variants.Count > 0)
                {
                    Report(SpecRules.DiscriminatorClash, r.Span, $"record {r.Name} has variants but no 'discriminator' naming the field that selects them");
                }

                continue;
            }

            var field = r.Fields.FirstOrDefault(f => f.Name == r.Discriminator);
            if (field is null)
            {
                Report(SpecRules.DiscriminatorClash, r.DiscriminatorSpan, $"record {r.Name}: discriminator '{r.Discriminator}' is not one of the record's shared fields");
                continue;
            }

            foreach (var v in r.Variants.Where(v => v.Value > field.Bits.MaxValue))
            {
                Report(SpecRules.DiscriminatorClash, v.ValueSpan, $"record {r.Name}: variant {v.Name} value {Hex(v.Value)} does not fit discriminator {field.Name} (bits {field.Bits}, maximum {Hex(field.Bits.MaxValue)})");
            }

            for (var i = 0; i < r.Variants.Count; i++)
            {
                var clash = r.Variants.Take(i).FirstOrDefault(o => o.Value == r.Variants[i].Value);
                if (clash is not null)
                {
                    Report(SpecRules.DiscriminatorClash, r.Variants[i].ValueSpan, $"record {r.Name}: variants {clash.Name} and {r.Variants[i].Name} both have {field.Name} = {Hex(clash.Value)}");
                }
            }

            foreach (var v in r.Variants)
            {
                foreach (var f in v.Fields.Where(f => f.Name == field.Name))
                {
                    Report(SpecRules.DiscriminatorClash, f.Span, $"record {r.Name}: variant {v.Name} redefines the discriminator {field.Name}");
                }
            }
        }
    }

    // SMMUGEN029
    private void CheckProfiles()
    {
        foreach (var r in _doc.Records)
        {
            foreach (var p in r.Profiles)
            {
                CheckProfile(p, $"record {r.Name}", r.Fields.Select(f => f.Name).Concat(r.Variants.SelectMany(v => v.Fields).Select(f => f.Name)));
            }

            foreach (var v in r.Variants)
            {
                foreach (var p in v.Profiles)
                {
                    CheckProfile(p, $"record {r.Name} variant {v.Name}", r.Fields.Concat(v.Fields).Select(f => f.Name));
                }
            }

            foreach (var dup in Duplicates(r.Profiles.Concat(r.Variants.SelectMany(v => v.Profiles)), p => p.Name))
            {
                Report(SpecRules.DuplicateName, dup.Span, $"record {r.Name}: profile {dup.Name} is defined more than once");
            }
        }
    }

    private void CheckProfile(ProfileSpec p, string owner, System.Collections.Generic.IEnumerable<string> fieldNames)
    {
        var known = fieldNames.ToList();
        foreach (var name in p.Fields.Where(n => !known.Contains(n)))
        {
            var suggestion = Loading.KeySuggestion.Nearest(name, known);
            Report(SpecRules.ProfileField, p.Span, $"{owner}: profile {p.Name} names field {name}, which it does not have" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));
        }
    }
}
