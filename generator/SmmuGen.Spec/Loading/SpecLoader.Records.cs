using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using YamlDotNet.RepresentationModel;

namespace SmmuGen.Spec.Loading;

/// <summary>Reading records: shared fields, variants selected by a discriminator, profiles.</summary>
internal sealed partial class SpecLoader
{
    internal static readonly string[] RecordKeys = { "name", "size", "fields", "discriminator", "variants", "profiles", "doc", "section", "since", "csharp-name", "waivers" };
    internal static readonly string[] VariantKeys = { "name", "value", "fields", "profiles", "doc", "section", "since", "csharp-name", "waivers" };
    internal static readonly string[] ProfileKeys = { "name", "fields", "doc" };
    internal static readonly string[] RecordFieldKeys = { "name", "bits", "word", "access", "enum", "address", "self-clear", "doc", "section", "since", "csharp-name", "waivers" };

    /// <summary>The record size ReadField needs to place <c>word</c>-relative bits.</summary>
    internal sealed record RecordShape(string Name, int? SizeBytes);

    private RecordSpec? ReadRecord(YamlMappingNode node)
    {
        var name = NameOf(node);
        var what = name is null ? "record" : $"record {name}";
        var r = new MappingReader(node, what, RecordKeys, _context);
        ReadWaivers(r, r.Span);
        var hasRequired = r.Require("name", "size");
        int? size = null;
        if (r.Number("size") is { } s)
        {
            if (s == 0 || s % 8 != 0 || s > 512)
            {
                _context.Report(SpecRules.InvalidValue, r.ValueSpan("size"), $"{what}: size {s} must be a multiple of 8 bytes between 8 and 512");
            }
            else
            {
                size = (int)s;
            }
        }

        var shape = new RecordShape(name ?? "?", size);
        var fields = ReadList(r, "fields", n => ReadField(n, shape.Name, shape));
        var variants = ReadList(r, "variants", n => ReadVariant(n, shape));
        var profiles = ReadList(r, "profiles", n => ReadProfile(n, what));
        if (!hasRequired || size is null)
        {
            return null;
        }

        return new RecordSpec(
            name!,
            r.Text("csharp-name"),
            size.Value,
            fields.ToEquatableArray(),
            r.Text("discriminator"),
            variants.ToEquatableArray(),
            profiles.ToEquatableArray(),
            r.Text("doc"),
            r.Text("section"),
            r.Text("since"),
            r.Span,
            r.ValueSpan("size"),
            r.ValueSpan("discriminator"));
    }

    private VariantSpec? ReadVariant(YamlMappingNode node, RecordShape record)
    {
        var name = NameOf(node);
        var what = name is null ? $"record {record.Name} variant" : $"record {record.Name} variant {name}";
        var r = new MappingReader(node, what, VariantKeys, _context);
        ReadWaivers(r, r.Span);
        var hasRequired = r.Require("name", "value");
        var value = r.Number("value");
        var fields = ReadList(r, "fields", n => ReadField(n, name ?? record.Name, record));
        var profiles = ReadList(r, "profiles", n => ReadProfile(n, what));
        if (!hasRequired || value is null)
        {
            return null;
        }

        return new VariantSpec(
            name!,
            r.Text("csharp-name"),
            value.Value,
            fields.ToEquatableArray(),
            profiles.ToEquatableArray(),
            r.Text("doc"),
            r.Text("section"),
            r.Text("since"),
            r.Span,
            r.ValueSpan("value"));
    }

    private ProfileSpec? ReadProfile(YamlMappingNode node, string owner)
    {
        var name = NameOf(node);
        var what = name is null ? $"{owner} profile" : $"{owner} profile {name}";
        var r = new MappingReader(node, what, ProfileKeys, _context);
        if (!r.Require("name", "fields"))
        {
            return null;
        }

        var fields = ReadWordList(r, "fields");
        return fields is null ? null : new ProfileSpec(name!, fields.Value, r.Text("doc"), r.Span);
    }

    /// <summary>Turns <c>word: N, bits: hi:lo</c> into absolute bits, checking the word form (SMMUGEN021).</summary>
    private BitRange? WordBits(ulong word, BitRange inWord, RecordShape record, string what, SourceSpan wordSpan, SourceSpan bitsSpan)
    {
        if (inWord.Msb > 63)
        {
            _context.Report(SpecRules.WordForm, bitsSpan, $"{what}: with 'word', bits count inside one 64-bit word (0-63), but bits {inWord} reach bit {inWord.Msb}; write absolute bits without 'word', or bits inside the word");
            return null;
        }

        var words = record.SizeBytes is { } size ? (ulong)(size / 8) : ulong.MaxValue;
        if (word >= words)
        {
            _context.Report(SpecRules.WordForm, wordSpan, $"{what}: word {word} is past the end of record {record.Name}, which has {words} 64-bit word{(words == 1 ? string.Empty : "s")} (0-{words - 1})");
            return null;
        }

        return new BitRange(inWord.Msb + (int)(word * 64), inWord.Lsb + (int)(word * 64));
    }
}
