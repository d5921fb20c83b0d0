using System.Linq;
using SmmuGen.Generator.Model;
using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>
/// Emits one register value type: raw bits, typed field properties, non-mutating
/// <c>With…</c> methods, masks and metadata as constants and data.
/// </summary>
internal static class RegisterEmitter
{
    private const string Ns = "global::SmmuGen.";

    public static string Emit(SpecGenerationSpec spec, RegisterGenerationSpec r)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        w.Doc(
            r.Name + (r.Doc is null ? "." : ": " + SourceWriter.Escape(r.Doc)),
            Remarks(r.Section, r.Since, $"Page {r.Page}, offset 0x{r.Offset:X}, {r.Width} bits, reset {ResetText(r)}."));
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public readonly partial struct {r.TypeName} : {Ns}IRegister<{r.TypeName}>");
        EmitConstants(w, r);
        w.Doc("The raw register bits.").Line($"public readonly {r.RawType} Raw;").Line();
        w.Doc("Wraps raw register bits.").Line($"public {r.TypeName}({r.RawType} raw) => Raw = raw;").Line();
        w.Doc("The value after reset (IMPLEMENTATION DEFINED bits take the spec's default).")
            .Line($"public static {r.TypeName} Reset => new(ResetValue);").Line();
        foreach (var f in r.Fields.Where(f => f.HasAccessor))
        {
            EmitField(w, r, f);
        }

        EmitMembers(w, r);
        EmitInfo(w, r);
        w.Close();
        return w.ToString();
    }

    private static string ResetText(RegisterGenerationSpec r)
    {
        var all = r.Width == 64 ? ulong.MaxValue : (1UL << r.Width) - 1;
        if (r.ResetImpdefMask == all)
        {
            return "IMPLEMENTATION DEFINED";
        }

        if (r.ResetUnknownMask == all)
        {
            return "UNKNOWN";
        }

        return $"0x{r.ResetValue:X}"
            + (r.ResetImpdefMask != 0 ? $" (IMPLEMENTATION DEFINED bits 0x{r.ResetImpdefMask:X})" : string.Empty)
            + (r.ResetUnknownMask != 0 ? $" (UNKNOWN bits 0x{r.ResetUnknownMask:X})" : string.Empty);
    }

    internal static string? Remarks(string? section, string? since, string? extra)
    {
        var parts = new[]
        {
            extra,
            section is null ? null : $"Architecture section {SourceWriter.Escape(section)}.",
            since is null ? null : $"Since version {SourceWriter.Escape(since)}.",
        };
        var text = string.Join(" ", parts.Where(p => p is not null));
        return text.Length == 0 ? null : text;
    }

    private static void EmitConstants(SourceWriter w, RegisterGenerationSpec r)
    {
        var t = r.RawType;
        w.Doc("Page of the register file.").Line($"public const int Page = {r.Page};").Line();
        w.Doc("Byte offset inside the page.").Line($"public const ulong Offset = {SourceWriter.Hex(r.Offset, "ulong")};").Line();
        w.Doc("Width in bits.").Line($"public const int Width = {r.Width};").Line();
        w.Doc("Reset value; IMPLEMENTATION DEFINED and UNKNOWN bits take the spec's default.").Line($"public const {t} ResetValue = {SourceWriter.Hex(r.ResetValue, t)};").Line();
        w.Doc("Bits whose reset value is IMPLEMENTATION DEFINED.").Line($"public const {t} ResetImpdefMask = {SourceWriter.Hex(r.ResetImpdefMask, t)};").Line();
        w.Doc("Bits whose reset value is UNKNOWN.").Line($"public const {t} ResetUnknownMask = {SourceWriter.Hex(r.ResetUnknownMask, t)};").Line();
        w.Doc("Bits a write changes (RW, WO and W1C fields).").Line($"public const {t} WritableMask = {SourceWriter.Hex(r.WritableMask, t)};").Line();
        w.Doc("RES0 bits: bits no field claims, and RES0 fields.").Line($"public const {t} ReservedMask = {SourceWriter.Hex(r.ReservedMask, t)};").Line();
        w.Doc("RES1 bits.").Line($"public const {t} Res1Mask = {SourceWriter.Hex(r.Res1Mask, t)};").Line();
        w.Doc("Write-1-to-clear bits.").Line($"public const {t} W1cMask = {SourceWriter.Hex(r.W1cMask, t)};").Line();
        w.Doc("Bits the device clears when the update they start completes.").Line($"public const {t} SelfClearMask = {SourceWriter.Hex(r.SelfClearMask, t)};").Line();
    }

    private static void EmitField(SourceWriter w, RegisterGenerationSpec r, FieldGenerationSpec f)
    {
        var t = r.RawType;
        var p = f.PropertyName;
        var summary = $"{f.Name}, bit{(f.Width == 1 ? string.Empty : "s")} {f.Bits} ({Spec.Loading.ScalarParser.AccessName(f.Access)})" + (f.Doc is null ? "." : ": " + SourceWriter.Escape(f.Doc));
        var remarks = Remarks(f.Section, f.Since, f.IsAddress ? $"Holds address bits {f.Bits} in place: the value is the address itself, {1UL << f.Lsb}-byte aligned." : null);

        w.Doc($"Mask of {f.Name} (bit{(f.Width == 1 ? string.Empty : "s")} {f.Bits}).").Line($"public const {t} {p}Mask = {SourceWriter.Hex(f.Mask, t)};").Line();
        w.Doc($"Position of the lowest bit of {f.Name}.").Line($"public const int {p}Shift = {f.Lsb};").Line();

        w.Doc(summary, remarks);
        if (f.IsAddress)
        {
            w.Line($"public {t} {p} => Raw & {p}Mask;").Line();
        }
        else if (f.PropertyType == "bool")
        {
            w.Line($"public bool {p} => (Raw & {p}Mask) != 0;").Line();
        }
        else
        {
            w.Line($"public {f.PropertyType} {p} => ({f.PropertyType})((Raw & {p}Mask) >> {p}Shift);").Line();
        }

        w.Doc($"A copy with {f.Name} set to <paramref name=\"value\"/>; this value is unchanged.", OutOfRangeRemark(f));
        if (f.IsAddress)
        {
            w.Open($"public {r.TypeName} With{p}({t} value)");
            w.Open($"if ((value & ~{p}Mask) != 0)");
            w.Line($"{Ns}FieldErrors.ThrowBadAddress({SourceWriter.Literal(r.Name)}, {SourceWriter.Literal(f.Name)}, {SourceWriter.Literal(f.Bits)}, {f.Lsb}, {f.Msb}, value);");
            w.Close();
            w.Line();
            w.Line($"return new((Raw & ~{p}Mask) | value);");
            w.Close();
        }
        else if (f.PropertyType == "bool")
        {
            w.Line($"public {r.TypeName} With{p}(bool value) => new(value ? Raw | {p}Mask : Raw & ~{p}Mask);");
        }
        else
        {
            w.Open($"public {r.TypeName} With{p}({f.PropertyType} value)");
            if (!FitsAlways(f))
            {
                w.Open($"if ((ulong)value > {SourceWriter.Hex(f.MaxValue, "ulong")})");
                w.Line($"{Ns}FieldErrors.ThrowTooWide({SourceWriter.Literal(r.Name)}, {SourceWriter.Literal(f.Name)}, {SourceWriter.Literal(f.Bits)}, {f.Width}, (ulong)value);");
                w.Close();
                w.Line();
            }

            w.Line($"return new((Raw & ~{p}Mask) | (({t})value << {p}Shift));");
            w.Close();
        }

        w.Line();
    }

    internal static string? OutOfRangeRemark(FieldGenerationSpec f) =>
        f.IsAddress ? "Throws <see cref=\"global::System.ArgumentOutOfRangeException\"/> when the address is misaligned or too wide."
        : f.PropertyType == "bool" || FitsAlways(f) ? null
        : "Throws <see cref=\"global::System.ArgumentOutOfRangeException\"/> when the value does not fit the field.";

    /// <summary>True when the property type cannot hold a value too wide for the field.</summary>
    internal static bool FitsAlways(FieldGenerationSpec f) => f.EnumTypeName is null && f.Width == TypeWidth(f.PropertyType);

    private static int TypeWidth(string type) => type switch
    {
        "byte" => 8,
        "ushort" => 16,
        "uint" => 32,
        "ulong" => 64,
        _ => 0,
    };

    private static void EmitMembers(SourceWriter w, RegisterGenerationSpec r)
    {
        var n = r.TypeName;
        w.Doc("Read-modify-write without accidents: applies <paramref name=\"change\"/> to this value with its W1C bits cleared, so a W1C bit that reads as 1 is not written back as 1 unless the change sets it.")
            .Line($"public {n} Modify(global::System.Func<{n}, {n}> change) => {Ns}Register.Modify(this, change);").Line();
        w.Line("/// <inheritdoc />").Line($"static {n} {Ns}IRegister<{n}>.FromBits(ulong bits) => new(({r.RawType})bits);").Line();
        w.Line("/// <inheritdoc />").Line($"ulong {Ns}IRegister<{n}>.Bits => Raw;").Line();
        w.Line("/// <inheritdoc />").Line($"public bool Equals({n} other) => Raw == other.Raw;").Line();
        w.Line("/// <inheritdoc />").Line($"public override bool Equals(object? obj) => obj is {n} other && Equals(other);").Line();
        w.Line("/// <inheritdoc />").Line("public override int GetHashCode() => Raw.GetHashCode();").Line();
        w.Doc("The register name, raw value and every non-zero field, enum values by name.")
            .Line($"public override string ToString() => {Ns}RegisterFormat.Format(Info, Raw);").Line();
        w.Doc("Equal raw bits.").Line($"public static bool operator ==({n} left, {n} right) => left.Raw == right.Raw;").Line();
        w.Doc("Different raw bits.").Line($"public static bool operator !=({n} left, {n} right) => left.Raw != right.Raw;").Line();
    }

    private static void EmitInfo(SourceWriter w, RegisterGenerationSpec r)
    {
        // Generated as data so tools read metadata without reflection.
        w.Doc("Metadata of the register: location, width, reset, masks and fields.");
        w.Line($"public static {Ns}RegisterInfo Info {{ get; }} = new {Ns}RegisterInfo");
        w.Line("{").Indent();
        w.Line($"Name = {SourceWriter.Literal(r.Name)},");
        w.Line($"TypeName = {SourceWriter.Literal(r.TypeName)},");
        w.Line($"Page = {r.Page},");
        w.Line($"Offset = {SourceWriter.Hex(r.Offset, "ulong")},");
        w.Line($"Width = {r.Width},");
        w.Line($"ResetValue = {SourceWriter.Hex(r.ResetValue, "ulong")},");
        w.Line($"ResetImpdefMask = {SourceWriter.Hex(r.ResetImpdefMask, "ulong")},");
        w.Line($"ResetUnknownMask = {SourceWriter.Hex(r.ResetUnknownMask, "ulong")},");
        w.Line($"ResetAllowed = " + (r.ResetAllowed.Count == 0
            ? "global::System.Array.Empty<ulong>(),"
            : $"global::System.Array.AsReadOnly(new ulong[] {{ {string.Join(", ", r.ResetAllowed.Select(v => SourceWriter.Hex(v, "ulong")))} }}),"));
        w.Line($"WritableMask = {SourceWriter.Hex(r.WritableMask, "ulong")},");
        w.Line($"ReservedMask = {SourceWriter.Hex(r.ReservedMask, "ulong")},");
        w.Line($"Res1Mask = {SourceWriter.Hex(r.Res1Mask, "ulong")},");
        w.Line($"W1cMask = {SourceWriter.Hex(r.W1cMask, "ulong")},");
        w.Line($"SelfClearMask = {SourceWriter.Hex(r.SelfClearMask, "ulong")},");
        if (r.AckOf is not null)
        {
            w.Line($"AckOf = {SourceWriter.Literal(r.AckOf)},");
            w.Line($"AckKind = {Ns}AckKind.{r.AckKind},");
        }

        if (r.Aliases.Count > 0)
        {
            w.Line($"Aliases = global::System.Array.AsReadOnly(new {Ns}RegisterLocation[] {{ {string.Join(", ", r.Aliases.Select(a => $"new({a.Page}, {SourceWriter.Hex(a.Offset, "ulong")})"))} }}),");
        }

        w.Line($"Doc = {SourceWriter.Literal(r.Doc)},");
        w.Line($"Section = {SourceWriter.Literal(r.Section)},");
        w.Line($"Since = {SourceWriter.Literal(r.Since)},");
        w.Line($"Fields = global::System.Array.AsReadOnly(new {Ns}FieldInfo[]");
        w.Line("{").Indent();
        foreach (var f in r.Fields)
        {
            w.Line(FieldInfoExpression(f) + ",");
        }

        w.Close("),");
        w.Close(";");
    }

    internal static string FieldInfoExpression(FieldGenerationSpec f)
    {
        var values = f.EnumValues.Count == 0
            ? $"global::System.Array.Empty<{Ns}EnumValueInfo>()"
            : $"global::System.Array.AsReadOnly(new {Ns}EnumValueInfo[] {{ {string.Join(", ", f.EnumValues.Select(v => $"new({SourceWriter.Literal(v.Name)}, {SourceWriter.Hex(v.Value, "ulong")}, {SourceWriter.Literal(v.Doc)})"))} }})";
        return $"new({SourceWriter.Literal(f.Name)}, {SourceWriter.Literal(f.PropertyName)}, {f.Lsb}, {f.Width}, {Ns}FieldAccess.{f.Access}, {Lower(f.IsAddress)}, {Lower(f.SelfClearing)}, {values}, {SourceWriter.Literal(f.Doc)}, {SourceWriter.Literal(f.Section)}, {SourceWriter.Literal(f.Since)})";
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
