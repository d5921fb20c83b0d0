using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Generator.Model;
using SmmuGen.Spec;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;
using SmmuGen.Spec.Validation;

namespace SmmuGen.Generator.Parsing;

/// <summary>
/// The parser half of the generator: compiles a spec file with SmmuGen.Spec and, when it has
/// no errors, derives the emitter's model — C# names, property types and every mask.
/// </summary>
internal static class SpecParser
{
    /// <summary>Member names every generated register type already uses.</summary>
    private static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal)
    {
        "Page", "Offset", "Width", "ResetValue", "ResetImpdefMask", "WritableMask", "ReservedMask", "Res1Mask",
        "W1cMask", "SelfClearMask", "ResetUnknownMask", "Raw", "Reset", "Info", "Bits", "Modify", "Equals", "GetHashCode", "ToString",
        "FromBits", "GetType",
    };

    public static ParseResult Parse(SpecFileText file)
    {
        var result = SpecCompiler.Compile(file.Path, file.Text);
        var diagnostics = result.Diagnostics
            .Select(d => new DiagnosticInfo(d.Id, d.Severity, SpecRules.Find(d.Id)?.Title ?? d.Id, d.Message, d.Span))
            .ToEquatableArray();
        if (result.HasErrors || result.Document is null)
        {
            return new ParseResult(null, diagnostics);
        }

        return new ParseResult(Build(result.Document), diagnostics);
    }

    private static SpecGenerationSpec Build(SpecDocument doc)
    {
        var enumWidths = new Dictionary<string, int>(StringComparer.Ordinal);
        var allFields = doc.Registers.SelectMany(r => r.Fields)
            .Concat(doc.Records.SelectMany(r => r.Fields.Concat(r.Variants.SelectMany(v => v.Fields))));
        foreach (var f in allFields.Where(f => f.EnumName is not null))
        {
            enumWidths[f.EnumName!] = Math.Max(enumWidths.TryGetValue(f.EnumName!, out var w) ? w : 0, f.Bits.Width);
        }

        var enums = doc.Enums
            .Where(e => !StructParser.IsCEnum(doc, e)) // C enums are the C side's (StructParser)
            .Select(e => BuildEnum(e, enumWidths.TryGetValue(e.Name, out var w) ? w : 0))
            .ToEquatableArray();
        var enumTypes = enums.ToDictionary(e => e.Name, e => e, StringComparer.Ordinal);
        var registers = doc.Registers.Select(r => BuildRegister(r, enumTypes)).ToEquatableArray();
        return new SpecGenerationSpec(
            doc.File,
            System.IO.Path.GetFileName(doc.File),
            doc.Name,
            doc.Namespace,
            doc.Doc,
            doc.PageSize,
            enums,
            registers)
        {
            Records = doc.Records.Select(r => RecordParser.Build(r, enumTypes)).ToEquatableArray(),
            Uapi = StructParser.Build(doc, enumTypes),
        };
    }

    private static EnumGenerationSpec BuildEnum(EnumSpec e, int fieldWidth)
    {
        var valueBits = e.Values.Count == 0 ? 1 : e.Values.Max(v => BitLength(v.Value));
        var bits = Math.Max(fieldWidth, valueBits);
        return new EnumGenerationSpec(
            e.Name,
            Identifiers.ToPascal(e.Name),
            UnsignedType(bits),
            e.Doc,
            e.Values.Select(v => new EnumValueGenerationSpec(v.Name, Identifiers.ToPascal(v.Name), v.Value, v.Doc)).ToEquatableArray());
    }

    private static RegisterGenerationSpec BuildRegister(RegisterSpec r, IReadOnlyDictionary<string, EnumGenerationSpec> enums)
    {
        var typeName = r.CSharpName ?? Identifiers.ToPascal(r.Name);
        var fields = r.Fields
            .OrderBy(f => f.Bits.Lsb)
            .Select(f => BuildField(f, r.Width == 64 ? "ulong" : "uint", typeName, ReservedMemberNames, enums))
            .ToEquatableArray();

        ulong MaskOf(Func<FieldGenerationSpec, bool> pick) => fields.Where(pick).Aggregate(0UL, (m, f) => m | f.Mask);

        var impdef = r.Reset.AllImpdef
            ? r.WidthMask
            : MaskOf(f => r.Reset.ImpdefFields.Contains(f.Name));
        var unknown = r.Reset.AllUnknown
            ? r.WidthMask
            : MaskOf(f => r.Reset.UnknownFields.Contains(f.Name));
        return new RegisterGenerationSpec(
            r.Name,
            typeName,
            r.Page,
            r.Offset,
            r.Width,
            r.Reset.Value,
            impdef,
            unknown,
            r.Reset.Allowed,
            MaskOf(f => f.Access is FieldAccess.RW or FieldAccess.WO or FieldAccess.W1C),
            SpecValidator.Res0Mask(r),
            SpecValidator.Res1Mask(r),
            MaskOf(f => f.Access == FieldAccess.W1C),
            MaskOf(f => f.SelfClearing),
            r.Ack?.Of,
            r.Ack?.Kind.ToString(),
            r.Aliases.Select(a => a with { Span = default }).ToEquatableArray(),
            r.Doc,
            r.Section,
            r.Since,
            fields);
    }

    /// <summary>The emitter's view of a field; <paramref name="addressType"/> is the C# type of an address field.</summary>
    internal static FieldGenerationSpec BuildField(FieldSpec f, string addressType, string typeName, ISet<string> reserved, IReadOnlyDictionary<string, EnumGenerationSpec> enums)
    {
        var name = f.CSharpName ?? Identifiers.ToPascal(f.Name);
        if (reserved.Contains(name) || name == typeName)
        {
            // Keeps the generated type compilable whatever the architecture calls a field.
            name += "Field";
        }

        var e = f.EnumName is not null && enums.TryGetValue(f.EnumName, out var found) ? found : null;
        var type = f.IsAddress ? addressType
            : e is not null ? e.TypeName
            : f.Bits.Width == 1 ? "bool"
            : UnsignedType(f.Bits.Width);
        return new FieldGenerationSpec(
            f.Name,
            name,
            f.Bits.Lsb,
            f.Bits.Width,
            f.Access,
            type,
            e?.TypeName,
            f.IsAddress,
            f.SelfClearing,
            f.Doc,
            f.Section,
            f.Since,
            e?.Values ?? EquatableArray<EnumValueGenerationSpec>.Empty);
    }

    internal static int BitLength(ulong value)
    {
        var n = 0;
        while (value != 0)
        {
            n++;
            value >>= 1;
        }

        return Math.Max(n, 1);
    }

    internal static string UnsignedType(int bits) => bits switch
    {
        <= 8 => "byte",
        <= 16 => "ushort",
        <= 32 => "uint",
        _ => "ulong",
    };
}
