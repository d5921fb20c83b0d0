using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Decoding;

/// <summary>One field of a decoded value.</summary>
/// <param name="Spec">The field.</param>
/// <param name="Value">Right-aligned, or for an address field the address (bits in place).</param>
/// <param name="ValueName">The enum name (or variant name, for a discriminator) of the value, or null.</param>
internal sealed record DecodedField(FieldSpec Spec, ulong Value, string? ValueName);

/// <summary>A register value split into its fields.</summary>
/// <param name="Register">The register.</param>
/// <param name="Value">Its raw value.</param>
/// <param name="Fields">Every field, lowest bit first.</param>
/// <param name="Res0Set">Bits set that no field names, or that a RES0 field holds.</param>
/// <param name="Res1Clear">Bits of RES1 fields that are clear.</param>
internal sealed record DecodedRegister(
    RegisterSpec Register,
    ulong Value,
    IReadOnlyList<DecodedField> Fields,
    IReadOnlyList<BitRange> Res0Set,
    IReadOnlyList<BitRange> Res1Clear);

/// <summary>
/// A record split into its fields. For a discriminated record <see cref="Variant"/> is the layout
/// the discriminator selects, or null when no variant has its value (then only the shared fields
/// are decoded and nothing is said about reserved bits: the layout is not known).
/// </summary>
internal sealed record DecodedRecord(
    RecordSpec Record,
    VariantSpec? Variant,
    DecodedField? Discriminator,
    IReadOnlyList<ulong> Words,
    IReadOnlyList<DecodedField> Fields,
    IReadOnlyList<BitRange> Res0Set,
    IReadOnlyList<BitRange> Res1Clear)
{
    /// <summary>True when the record has variants and none matches the discriminator.</summary>
    public bool IsUnknownVariant => Record.Discriminator is not null && Variant is null;

    /// <summary>The field named <paramref name="name"/> (architecture name), or null.</summary>
    public DecodedField? Field(string name) => Fields.FirstOrDefault(f => f.Spec.Name == name);
}

/// <summary>Splits raw register values and record words into named fields, from the spec model alone.</summary>
internal static class SpecDecoder
{
    public static DecodedRegister Register(SpecCatalog catalog, SpecItem<RegisterSpec> register, ulong value)
    {
        var spec = register.Item;
        var words = new[] { value };
        var fields = spec.Fields
            .OrderBy(f => f.Bits.Lsb)
            .Select(f => Field(catalog, register.Document, f, words))
            .ToList();
        var (res0, res1) = Reserved(spec.Fields, words, widthBits: spec.Width);
        return new DecodedRegister(spec, value, fields, res0, res1);
    }

    /// <summary>Decodes <paramref name="words"/>, which must be exactly the record's word count.</summary>
    public static DecodedRecord Record(SpecCatalog catalog, SpecItem<RecordSpec> record, IReadOnlyList<ulong> words)
    {
        var spec = record.Item;
        VariantSpec? variant = null;
        DecodedField? discriminator = null;
        var discriminatorSpec = spec.Discriminator is null ? null : spec.Fields.FirstOrDefault(f => f.Name == spec.Discriminator);
        if (discriminatorSpec is not null)
        {
            var value = discriminatorSpec.Bits.ExtractFrom(words);
            variant = spec.Variants.FirstOrDefault(v => v.Value == value);
            discriminator = new DecodedField(discriminatorSpec, value, variant?.Name);
        }

        var specs = spec.Fields.Concat(variant?.Fields ?? EquatableArray<FieldSpec>.Empty).ToList();
        var fields = specs
            .OrderBy(f => f.Bits.Lsb)
            .Select(f => ReferenceEquals(f, discriminatorSpec) ? discriminator! : Field(catalog, record.Document, f, words))
            .ToList();
        if (discriminatorSpec is not null && variant is null)
        {
            return new DecodedRecord(spec, null, discriminator, words, fields, new List<BitRange>(), new List<BitRange>());
        }

        var (res0, res1) = Reserved(specs, words, widthBits: spec.SizeBits);
        return new DecodedRecord(spec, variant, discriminator, words, fields, res0, res1);
    }

    private static DecodedField Field(SpecCatalog catalog, SpecDocument document, FieldSpec field, IReadOnlyList<ulong> words)
    {
        var raw = field.Bits.ExtractFrom(words);

        // Address fields hold address bits in place: show the address, as the generated accessor returns it.
        var value = field.IsAddress ? raw << (field.Bits.Lsb % 64) : raw;
        var valueName = catalog.FindEnum(document, field.EnumName)?.Values.FirstOrDefault(v => v.Value == raw)?.Name;
        return new DecodedField(field, value, valueName);
    }

    private static (IReadOnlyList<BitRange> Res0Set, IReadOnlyList<BitRange> Res1Clear) Reserved(IEnumerable<FieldSpec> fields, IReadOnlyList<ulong> words, int widthBits)
    {
        var count = words.Count;
        var named = new ulong[count];
        var res1 = new ulong[count];
        foreach (var field in fields)
        {
            switch (field.Access)
            {
                case FieldAccess.Res0:
                    break;
                case FieldAccess.Res1:
                    field.Bits.SetIn(res1);
                    break;
                default:
                    field.Bits.SetIn(named);
                    break;
            }
        }

        var res0Set = new ulong[count];
        var res1Clear = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var width = widthBits - (i * 64);
            var valid = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
            res0Set[i] = words[i] & valid & ~named[i] & ~res1[i];
            res1Clear[i] = ~words[i] & res1[i];
        }

        return (WordBits.Ranges(res0Set), WordBits.Ranges(res1Clear));
    }
}
