using System.Linq;
using SmmuGen.Generator.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>
/// Emits record value types: the 64-bit words in an inline array, typed field properties and
/// non-mutating <c>With…</c> methods over the whole little-endian value, explicit little-endian
/// marshalling, profile masks, and for a discriminated record its variants, the enum of its
/// discriminator, and an allocation-free visitor.
/// </summary>
internal static class RecordEmitter
{
    private const string Ns = "global::SmmuGen.";

    public static string EmitFamily(SpecGenerationSpec spec, RecordGenerationSpec r)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        if (r.DiscriminatorEnumTypeName is not null && r.Discriminator is not null)
        {
            EmitKindEnum(w, r);
            EmitVisitor(w, r);
        }

        var shape = new Shape(r.Name, r.TypeName, r.Words, r.Fields, r.Profiles, r.Doc, r.Section, r.Since, r.Discriminator);
        w.Doc(r.Name + (r.Doc is null ? "." : ": " + SourceWriter.Escape(r.Doc)), RegisterEmitter.Remarks(r.Section, r.Since, $"{r.SizeBytes} bytes, little-endian; bits count over the whole record."));
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public readonly partial struct {r.TypeName} : {Ns}IRecord<{r.TypeName}>");
        EmitBody(w, shape);
        if (r.Variants.Count > 0 && r.Discriminator is not null)
        {
            EmitVariantAccess(w, r);
        }

        EmitInfo(w, shape, r.Variants.Count > 0 ? r : null);
        w.Close();
        return w.ToString();
    }

    public static string EmitVariant(SpecGenerationSpec spec, RecordGenerationSpec family, VariantGenerationSpec v)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        var shape = new Shape(v.Name, v.TypeName, family.Words, v.Fields, v.Profiles, v.Doc, v.Section, v.Since, family.Discriminator);
        var d = family.Discriminator!;
        w.Doc(
            $"{v.Name}: the {family.Name} layout with {d.Name} = 0x{v.Value:X}" + (v.Doc is null ? "." : ". " + SourceWriter.Escape(v.Doc)),
            RegisterEmitter.Remarks(v.Section, v.Since, $"Convert from a raw {family.TypeName} with {family.TypeName}.As{v.TypeName}(), or decode with {family.TypeName}.Accept."));
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public readonly partial struct {v.TypeName} : {Ns}IRecord<{v.TypeName}>");
        w.Doc($"The {d.Name} value that selects this variant.").Line($"public const ulong DiscriminatorValue = {SourceWriter.Hex(v.Value, "ulong")};").Line();
        EmitBody(w, shape);
        w.Doc($"A {v.Name} with every field zero but {d.Name}.")
            .Line($"public static {v.TypeName} Create() => default({v.TypeName}).With{d.PropertyName}(({d.PropertyType})DiscriminatorValue);").Line();
        w.Doc($"The same words as a {family.TypeName}.").Line($"public {family.TypeName} To{family.TypeName}() => {family.TypeName}.FromWords(WordSpan());").Line();
        w.Doc($"The same words as a {family.TypeName}.").Line($"public static implicit operator {family.TypeName}({v.TypeName} value) => value.To{family.TypeName}();").Line();
        EmitInfo(w, shape, null);
        w.Close();
        return w.ToString();
    }

    /// <summary>What a family and a variant type have in common.</summary>
    private sealed record Shape(
        string Name,
        string TypeName,
        int Words,
        Spec.Model.EquatableArray<FieldGenerationSpec> Fields,
        Spec.Model.EquatableArray<ProfileGenerationSpec> Profiles,
        string? Doc,
        string? Section,
        string? Since,
        FieldGenerationSpec? Discriminator);

    private static void EmitKindEnum(SourceWriter w, RecordGenerationSpec r)
    {
        var d = r.Discriminator!;
        w.Doc($"The values of {r.Name}.{d.Name}: one per variant.", "Open: an unknown value is representable and prints as a number.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public enum {r.DiscriminatorEnumTypeName} : {Parsing.SpecParser.UnsignedType(d.Width)}");
        for (var i = 0; i < r.Variants.Count; i++)
        {
            var v = r.Variants[i];
            if (i > 0)
            {
                w.Line();
            }

            w.Doc(v.Doc is null ? $"{v.Name}." : $"{v.Name}: {SourceWriter.Escape(v.Doc)}");
            w.Line($"{v.TypeName} = {SourceWriter.Hex(v.Value, "ulong").Replace("UL", string.Empty)},");
        }

        w.Close();
        w.Line();
    }

    private static void EmitVisitor(SourceWriter w, RecordGenerationSpec r)
    {
        w.Doc($"Receives a {r.Name} decoded to its variant by {r.TypeName}.Accept, without allocation.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public interface I{r.TypeName}Visitor<out TResult>");
        foreach (var v in r.Variants)
        {
            w.Doc($"Called for {v.Name}.").Line($"TResult Visit(in {v.TypeName} value);").Line();
        }

        w.Doc($"Called for a {r.Discriminator!.Name} value no variant has.").Line($"TResult VisitUnknown(in {r.TypeName} value);");
        w.Close();
        w.Line();
    }

    private static void EmitBody(SourceWriter w, Shape s)
    {
        var n = s.TypeName;
        w.Doc("Size in bytes.").Line($"public const int Size = {s.Words * 8};").Line();
        w.Doc("Number of 64-bit words.").Line($"public const int WordCount = {s.Words};").Line();
        w.Doc("The record's 64-bit words, lowest first.");
        w.Line($"[global::System.Runtime.CompilerServices.InlineArray({s.Words})]");
        w.Open("public struct Words");
        w.Line("private ulong _element0;");
        w.Close();
        w.Line();
        w.Line("private readonly Words _words;");
        w.Line();
        w.Line($"private {n}(Words words) => _words = words;");
        w.Line();

        w.Doc("The record from its 64-bit words.", "Throws <see cref=\"global::System.ArgumentException\"/> unless exactly <see cref=\"WordCount\"/> words are given.");
        w.Open($"public static {n} FromWords(global::System.ReadOnlySpan<ulong> words)");
        w.Open("if (words.Length != WordCount)");
        w.Line($"throw new global::System.ArgumentException($\"{s.Name} has {{WordCount}} 64-bit words, not {{words.Length}}\", nameof(words));");
        w.Close();
        w.Line();
        w.Line("var w = default(Words);");
        w.Line("words.CopyTo(w);");
        w.Line("return new(w);");
        w.Close();
        w.Line();

        w.Doc("Reads the record from little-endian bytes, whatever the host's byte order.", "Throws <see cref=\"global::System.ArgumentException\"/> when fewer than <see cref=\"Size\"/> bytes are given.");
        w.Open($"public static {n} ReadFrom(global::System.ReadOnlySpan<byte> bytes)");
        w.Open("if (bytes.Length < Size)");
        w.Line($"throw new global::System.ArgumentException($\"{s.Name} is {{Size}} bytes; only {{bytes.Length}} given\", nameof(bytes));");
        w.Close();
        w.Line();
        w.Line("var w = default(Words);");
        w.Open("for (var i = 0; i < WordCount; i++)");
        w.Line("w[i] = global::System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i * 8, 8));");
        w.Close();
        w.Line();
        w.Line("return new(w);");
        w.Close();
        w.Line();

        w.Doc("Writes the record as little-endian bytes, whatever the host's byte order.", "Throws <see cref=\"global::System.ArgumentException\"/> when fewer than <see cref=\"Size\"/> bytes are given.");
        w.Open("public void WriteTo(global::System.Span<byte> bytes)");
        w.Open("if (bytes.Length < Size)");
        w.Line($"throw new global::System.ArgumentException($\"{s.Name} is {{Size}} bytes; only {{bytes.Length}} of room given\", nameof(bytes));");
        w.Close();
        w.Line();
        w.Open("for (var i = 0; i < WordCount; i++)");
        w.Line("global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.Slice(i * 8, 8), _words[i]);");
        w.Close();
        w.Close();
        w.Line();

        w.Doc("64-bit word <paramref name=\"index\"/>.").Line("public ulong GetWord(int index) => _words[index];").Line();
        w.Doc("A copy with word <paramref name=\"index\"/> replaced; this value is unchanged.");
        w.Open($"public {n} WithWord(int index, ulong value)");
        w.Line("var w = _words;");
        w.Line("w[index] = value;");
        w.Line("return new(w);");
        w.Close();
        w.Line();
        w.Doc("Copies the words to <paramref name=\"destination\"/>.").Line("public void CopyWordsTo(global::System.Span<ulong> destination) => WordSpan().CopyTo(destination);").Line();
        w.Line("private global::System.ReadOnlySpan<ulong> WordSpan() => global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref global::System.Runtime.CompilerServices.Unsafe.AsRef(in _words[0]), WordCount);");
        w.Line();

        foreach (var f in s.Fields.Where(f => f.HasAccessor))
        {
            EmitField(w, s, f);
        }

        EmitProfiles(w, s);
        EmitEquality(w, s);
    }

    private static void EmitField(SourceWriter w, Shape s, FieldGenerationSpec f)
    {
        var p = f.PropertyName;
        var word = f.Lsb / 64;
        var shift = f.Lsb % 64;
        var crossing = shift + f.Width > 64;
        var lowBits = 64 - shift;
        var lowMask = crossing ? ulong.MaxValue << shift : f.MaxValue << shift;
        var highMask = crossing ? (1UL << (f.Width - lowBits)) - 1 : 0;
        var inWordBits = f.Width == 1 ? $"{shift}" : $"{(crossing ? 63 : shift + f.Width - 1)}:{shift}";

        w.Doc($"The word holding the lowest bit of {f.Name}.").Line($"public const int {p}Word = {word};").Line();
        w.Doc($"Mask of {f.Name} in word {word} (bits {inWordBits}).").Line($"public const ulong {p}Mask = {SourceWriter.Hex(lowMask, "ulong")};").Line();
        w.Doc($"Position of the lowest bit of {f.Name} in word {word}.").Line($"public const int {p}Shift = {shift};").Line();
        if (crossing)
        {
            w.Doc($"Mask of the part of {f.Name} in word {word + 1}.").Line($"public const ulong {p}HighMask = {SourceWriter.Hex(highMask, "ulong")};").Line();
        }

        var summary = $"{f.Name}, bit{(f.Width == 1 ? string.Empty : "s")} {f.Bits} (word {word}{(crossing ? $"-{word + 1}" : string.Empty)})" + (f.Doc is null ? "." : ": " + SourceWriter.Escape(f.Doc));
        var remarks = RegisterEmitter.Remarks(f.Section, f.Since, f.IsAddress ? $"Holds address bits {inWordBits} in place: the value is the address itself, {1UL << shift}-byte aligned." : null);
        w.Doc(summary, remarks);
        var raw = crossing
            ? $"((_words[{word}] >> {shift}) | (_words[{word + 1}] << {lowBits}))"
            : $"((_words[{word}] & {p}Mask) >> {p}Shift)";
        if (f.IsAddress)
        {
            w.Line($"public ulong {p} => _words[{word}] & {p}Mask;").Line();
        }
        else if (f.PropertyType == "bool")
        {
            w.Line($"public bool {p} => (_words[{word}] & {p}Mask) != 0;").Line();
        }
        else if (crossing)
        {
            w.Line($"public {f.PropertyType} {p} => ({f.PropertyType})({raw} & {SourceWriter.Hex(f.MaxValue, "ulong")});").Line();
        }
        else
        {
            w.Line($"public {f.PropertyType} {p} => ({f.PropertyType}){raw};").Line();
        }

        w.Doc($"A copy with {f.Name} set to <paramref name=\"value\"/>; this value is unchanged.", RegisterEmitter.OutOfRangeRemark(f));
        var owner = SourceWriter.Literal(s.Name);
        if (f.IsAddress)
        {
            w.Open($"public {s.TypeName} With{p}(ulong value)");
            w.Open($"if ((value & ~{p}Mask) != 0)");
            w.Line($"{Ns}FieldErrors.ThrowBadAddress({owner}, {SourceWriter.Literal(f.Name)}, {SourceWriter.Literal(inWordBits)}, {shift}, {shift + f.Width - 1}, value);");
            w.Close();
            w.Line();
            w.Line("var w = _words;");
            w.Line($"w[{word}] = (w[{word}] & ~{p}Mask) | value;");
            w.Line("return new(w);");
            w.Close();
        }
        else if (f.PropertyType == "bool")
        {
            w.Open($"public {s.TypeName} With{p}(bool value)");
            w.Line("var w = _words;");
            w.Line($"w[{word}] = value ? w[{word}] | {p}Mask : w[{word}] & ~{p}Mask;");
            w.Line("return new(w);");
            w.Close();
        }
        else
        {
            w.Open($"public {s.TypeName} With{p}({f.PropertyType} value)");
            if (!RegisterEmitter.FitsAlways(f))
            {
                w.Open($"if ((ulong)value > {SourceWriter.Hex(f.MaxValue, "ulong")})");
                w.Line($"{Ns}FieldErrors.ThrowTooWide({owner}, {SourceWriter.Literal(f.Name)}, {SourceWriter.Literal(f.Bits)}, {f.Width}, (ulong)value);");
                w.Close();
                w.Line();
            }

            w.Line("var w = _words;");
            w.Line($"w[{word}] = (w[{word}] & ~{p}Mask) | (((ulong)value << {p}Shift) & {p}Mask);");
            if (crossing)
            {
                w.Line($"w[{word + 1}] = (w[{word + 1}] & ~{p}HighMask) | (((ulong)value >> {lowBits}) & {p}HighMask);");
            }

            w.Line("return new(w);");
            w.Close();
        }

        w.Line();
    }

    private static void EmitProfiles(SourceWriter w, Shape s)
    {
        foreach (var p in s.Profiles)
        {
            for (var i = 0; i < p.Mask.Count; i++)
            {
                w.Doc($"Word {i} of the mask of profile {p.Name}.").Line($"public const ulong {p.MemberName}ProfileWord{i} = {SourceWriter.Hex(p.Mask[i], "ulong")};").Line();
            }

            w.Doc($"Profile {p.Name}: the fields {string.Join(", ", p.Fields)} as a mask." + (p.Doc is null ? string.Empty : " " + SourceWriter.Escape(p.Doc)));
            w.Line($"public static {s.TypeName} {p.MemberName}Profile {{ get; }} = FromWords(new ulong[] {{ {string.Join(", ", Enumerable.Range(0, p.Mask.Count).Select(i => $"{p.MemberName}ProfileWord{i}"))} }});");
            w.Line();
        }

        w.Doc("This value with every bit outside <paramref name=\"mask\"/> cleared.");
        w.Open($"public {s.TypeName} Masked({s.TypeName} mask)");
        w.Line("var w = _words;");
        w.Open("for (var i = 0; i < WordCount; i++)");
        w.Line("w[i] &= mask._words[i];");
        w.Close();
        w.Line();
        w.Line("return new(w);");
        w.Close();
        w.Line();
        w.Doc("True when a bit outside <paramref name=\"mask\"/> is set: a field a profile does not allow.");
        w.Open($"public bool HasBitsOutside({s.TypeName} mask)");
        w.Open("for (var i = 0; i < WordCount; i++)");
        w.Open("if ((_words[i] & ~mask._words[i]) != 0)");
        w.Line("return true;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return false;");
        w.Close();
        w.Line();
    }

    private static void EmitEquality(SourceWriter w, Shape s)
    {
        var n = s.TypeName;
        w.Line("/// <inheritdoc />").Line($"public bool Equals({n} other) => global::System.MemoryExtensions.SequenceEqual(WordSpan(), other.WordSpan());").Line();
        w.Line("/// <inheritdoc />").Line($"public override bool Equals(object? obj) => obj is {n} other && Equals(other);").Line();
        w.Line("/// <inheritdoc />");
        w.Open("public override int GetHashCode()");
        w.Line("var hash = default(global::System.HashCode);");
        w.Open("for (var i = 0; i < WordCount; i++)");
        w.Line("hash.Add(_words[i]);");
        w.Close();
        w.Line();
        w.Line("return hash.ToHashCode();");
        w.Close();
        w.Line();
        w.Doc("The record name and every non-zero field, enum values by name.").Line($"public override string ToString() => {Ns}RecordFormat.Format(Info, WordSpan());").Line();
        w.Doc("Equal words.").Line($"public static bool operator ==({n} left, {n} right) => left.Equals(right);").Line();
        w.Doc("Different words.").Line($"public static bool operator !=({n} left, {n} right) => !left.Equals(right);").Line();
        w.Line("/// <inheritdoc />").Line($"static int {Ns}IRecord<{n}>.Size => Size;").Line();
    }

    private static void EmitVariantAccess(SourceWriter w, RecordGenerationSpec r)
    {
        var d = r.Discriminator!;
        foreach (var v in r.Variants)
        {
            w.Doc($"The same words read as {v.Name}, whatever {d.Name} holds.").Line($"public {v.TypeName} As{v.TypeName}() => {v.TypeName}.FromWords(WordSpan());").Line();
            w.Doc($"True, with the value read as {v.Name}, when {d.Name} selects it.");
            w.Open($"public bool TryGet{v.TypeName}(out {v.TypeName} value)");
            w.Line($"value = As{v.TypeName}();");
            w.Line($"return {d.PropertyName} == {r.DiscriminatorEnumTypeName}.{v.TypeName};");
            w.Close();
            w.Line();
        }

        w.Doc($"Decodes the record to its variant by {d.Name} and calls the matching Visit (VisitUnknown for a value no variant has); no allocation.");
        w.Open($"public TResult Accept<TVisitor, TResult>(ref TVisitor visitor) where TVisitor : I{r.TypeName}Visitor<TResult>");
        w.Open($"switch ({d.PropertyName})");
        foreach (var v in r.Variants)
        {
            w.Line($"case {r.DiscriminatorEnumTypeName}.{v.TypeName}: return visitor.Visit(As{v.TypeName}());");
        }

        w.Line("default: return visitor.VisitUnknown(this);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitInfo(SourceWriter w, Shape s, RecordGenerationSpec? family)
    {
        // Generated as data: tools read metadata without reflection.
        w.Line($"private static readonly {Ns}FieldInfo[] FieldTable =");
        w.Line("{").Indent();
        foreach (var f in s.Fields)
        {
            w.Line(RegisterEmitter.FieldInfoExpression(f) + ",");
        }

        w.Close(";");
        w.Line();
        w.Doc("Metadata of the record: size, fields, variants and profiles.");
        w.Line($"public static {Ns}RecordInfo Info {{ get; }} = new {Ns}RecordInfo");
        w.Line("{").Indent();
        w.Line($"Name = {SourceWriter.Literal(s.Name)},");
        w.Line($"TypeName = {SourceWriter.Literal(s.TypeName)},");
        w.Line($"Size = {s.Words * 8},");
        w.Line("Fields = global::System.Array.AsReadOnly(FieldTable),");
        if (s.Discriminator is not null)
        {
            var index = s.Fields.ToList().FindIndex(f => f.Name == s.Discriminator.Name);
            if (index >= 0)
            {
                w.Line($"Discriminator = FieldTable[{index}],");
            }
        }

        if (family is not null)
        {
            w.Line($"Variants = global::System.Array.AsReadOnly(new {Ns}VariantInfo[]");
            w.Line("{").Indent();
            foreach (var v in family.Variants)
            {
                w.Line($"new({SourceWriter.Literal(v.Name)}, {SourceWriter.Literal(v.TypeName)}, {SourceWriter.Hex(v.Value, "ulong")}, {v.TypeName}.Info.Fields, {v.TypeName}.Info.Profiles, {SourceWriter.Literal(v.Doc)}, {SourceWriter.Literal(v.Section)}, {SourceWriter.Literal(v.Since)}),");
            }

            w.Close("),");
        }

        if (s.Profiles.Count > 0)
        {
            w.Line($"Profiles = global::System.Array.AsReadOnly(new {Ns}ProfileInfo[]");
            w.Line("{").Indent();
            foreach (var p in s.Profiles)
            {
                w.Line($"new({SourceWriter.Literal(p.Name)}, global::System.Array.AsReadOnly(new string[] {{ {string.Join(", ", p.Fields.Select(SourceWriter.Literal))} }}), global::System.Array.AsReadOnly(new ulong[] {{ {string.Join(", ", p.Mask.Select(m => SourceWriter.Hex(m, "ulong")))} }}), {SourceWriter.Literal(p.Doc)}),");
            }

            w.Close("),");
        }

        w.Line($"Doc = {SourceWriter.Literal(s.Doc)},");
        w.Line($"Section = {SourceWriter.Literal(s.Section)},");
        w.Line($"Since = {SourceWriter.Literal(s.Since)},");
        w.Close(";");
    }
}
