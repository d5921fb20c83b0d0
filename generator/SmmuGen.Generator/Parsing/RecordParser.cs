using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Generator.Model;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Generator.Parsing;

/// <summary>Derives the emitter's model of a record: C# names, types, variants and profile masks.</summary>
internal static class RecordParser
{
    /// <summary>Member names every generated record type already uses.</summary>
    private static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal)
    {
        "Size", "WordCount", "Info", "GetWord", "WithWord", "ReadFrom", "WriteTo", "FromWords", "CopyWordsTo", "Accept",
        "Equals", "GetHashCode", "ToString", "GetType", "Masked", "HasBitsOutside", "Profiles", "Words", "Create",
        "DiscriminatorValue", "IsSubsetOf",
    };

    public static RecordGenerationSpec Build(RecordSpec r, IReadOnlyDictionary<string, EnumGenerationSpec> enums)
    {
        var typeName = r.CSharpName ?? Identifiers.ToPascal(r.Name);
        var fields = Fields(r.Fields, typeName, enums);
        var discriminator = r.Discriminator is null ? null : fields.FirstOrDefault(f => f.Name == r.Discriminator);
        string? kindEnum = null;
        if (discriminator is not null && r.Variants.Count > 0)
        {
            // The family's discriminator reads as an enum with one member per variant (open: unknown opcodes stay representable).
            kindEnum = typeName + Identifiers.ToPascal(discriminator.Name);
            discriminator = discriminator with { PropertyType = kindEnum, EnumTypeName = kindEnum, EnumValues = r.Variants.Select(v => new EnumValueGenerationSpec(v.Name, VariantTypeName(v), v.Value, v.Doc)).ToEquatableArray() };
            fields = fields.Select(f => f.Name == discriminator.Name ? discriminator : f).ToEquatableArray();
        }

        var variants = r.Variants.Select(v =>
        {
            var vType = VariantTypeName(v);
            var all = Fields(r.Fields.Concat(v.Fields), vType, enums);
            if (discriminator is not null)
            {
                all = all.Select(f => f.Name == discriminator.Name ? discriminator with { PropertyName = f.PropertyName } : f).ToEquatableArray();
            }

            var profiles = r.Profiles.Concat(v.Profiles).Where(p => p.Fields.All(n => all.Any(f => f.Name == n)));
            return new VariantGenerationSpec(v.Name, vType, v.Value, all, Profiles(profiles, all, r.Words), v.Doc, v.Section, v.Since);
        }).ToEquatableArray();

        var recordProfiles = r.Profiles.Where(p => p.Fields.All(n => fields.Any(f => f.Name == n)));
        return new RecordGenerationSpec(
            r.Name,
            typeName,
            r.SizeBytes,
            fields,
            discriminator,
            kindEnum,
            variants,
            Profiles(recordProfiles, fields, r.Words),
            r.Doc,
            r.Section,
            r.Since);
    }

    private static string VariantTypeName(VariantSpec v) => v.CSharpName ?? Identifiers.ToPascal(v.Name);

    private static EquatableArray<FieldGenerationSpec> Fields(IEnumerable<FieldSpec> fields, string typeName, IReadOnlyDictionary<string, EnumGenerationSpec> enums) =>
        fields.OrderBy(f => f.Bits.Lsb)
            .Select(f => SpecParser.BuildField(f, "ulong", typeName, ReservedMemberNames, enums))
            .ToEquatableArray();

    private static EquatableArray<ProfileGenerationSpec> Profiles(IEnumerable<ProfileSpec> profiles, EquatableArray<FieldGenerationSpec> fields, int words) =>
        profiles.Select(p =>
        {
            var mask = new ulong[words];
            foreach (var f in fields.Where(f => p.Fields.Contains(f.Name)))
            {
                new BitRange(f.Msb, f.Lsb).SetIn(mask);
            }

            return new ProfileGenerationSpec(p.Name, Identifiers.ToPascal(p.Name), p.Fields, mask.ToEquatableArray(), p.Doc);
        }).ToEquatableArray();
}
