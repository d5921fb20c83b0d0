using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SmmuGen.Generator.Model;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>
/// Emits the C side of a spec: each C struct as an explicit-layout C# struct whose bytes are the
/// C struct's on a little-endian LP64 host (so it can be handed to an ioctl as is), with
/// little-endian readers and writers that are correct on any host, iommufd's size rule for
/// size-prefixed structs, typed views of linked records, and metadata as data.
/// </summary>
internal static class StructEmitter
{
    private const string Ns = "global::SmmuGen.";
    private const string Interop = "global::System.Runtime.InteropServices.";
    private const string Binary = "global::System.Buffers.Binary.BinaryPrimitives.";

    /// <summary>Structs larger than this use a heap buffer in Read/Write rather than the stack.</summary>
    private const int StackLimit = 1024;

    /// <summary>The types the C side of <paramref name="spec"/> generates (for duplicate detection across files).</summary>
    public static IEnumerable<string> TypeNames(SpecGenerationSpec spec) =>
        spec.Uapi.Enums.Select(e => e.TypeName)
            .Concat(spec.Uapi.Structs.Select(s => s.TypeName))
            .Concat(spec.Uapi.Ioctls.Count > 0 ? new[] { IoctlEmitter.IoctlsTypeName(spec) } : Array.Empty<string>())
            .Concat(spec.Uapi.Constants.Count > 0 ? new[] { IoctlEmitter.ConstantsTypeName(spec) } : Array.Empty<string>());

    /// <summary>The records <paramref name="spec"/> generates, as targets for record links from any file.</summary>
    public static EquatableArray<StructRecordTargetGenerationSpec> RecordTargets(SpecGenerationSpec spec) =>
        spec.Records.Select(r => new StructRecordTargetGenerationSpec(r.Name, spec.Namespace, r.TypeName, r.SizeBytes, spec.SourcePath)).ToEquatableArray();

    /// <summary>
    /// The source output of the C side of one file: resolves record links against
    /// <paramref name="records"/> (every file's records) and skips types another file owns.
    /// </summary>
    public static void EmitAll(SourceProductionContext context, SpecGenerationSpec? spec, EquatableArray<GeneratedTypeName> allTypes, EquatableArray<StructRecordTargetGenerationSpec> records)
    {
        if (spec is null || TypeNames(spec).FirstOrDefault() is null)
        {
            return;
        }

        try
        {
            var files = new GeneratedFiles(context, spec, allTypes);
            bool Owns(string typeName) => files.Owns(typeName);
            void Add(string typeName, string source) => files.Add(typeName, source);

            foreach (var e in spec.Uapi.Enums.Where(e => Owns(e.TypeName)))
            {
                Add(e.TypeName, CEnumEmitter.Emit(spec, e));
            }

            foreach (var s in spec.Uapi.Structs.Where(s => Owns(s.TypeName)))
            {
                Add(s.TypeName, Emit(spec, s, ResolveLinks(context, spec, s, records)));
            }

            if (spec.Uapi.Ioctls.Count > 0 && Owns(IoctlEmitter.IoctlsTypeName(spec)))
            {
                Add(IoctlEmitter.IoctlsTypeName(spec), IoctlEmitter.EmitIoctls(spec));
            }

            if (spec.Uapi.Constants.Count > 0 && Owns(IoctlEmitter.ConstantsTypeName(spec)))
            {
                Add(IoctlEmitter.ConstantsTypeName(spec), IoctlEmitter.EmitConstants(spec));
            }
        }
        catch (Exception ex)
        {
            // A failure here is a bug; it must not crash the compiler.
            Report(context, spec, SpecRules.InternalError, $"internal error in SmmuGen.Generator ({ex.GetType().Name}: {ex.Message}); please report it with this spec");
        }
    }

    private static void Report(SourceProductionContext context, SpecGenerationSpec spec, SpecRule rule, string message) =>
        context.ReportDiagnostic(SpecDiagnostics.ToDiagnostic(new DiagnosticInfo(rule.Id, rule.Severity, rule.Title, message, SourceSpan.StartOf(spec.SourcePath))));

    /// <summary>
    /// The record each link of <paramref name="s"/> views, by link; a link whose record no file
    /// defines (or several do), or that is longer than its record, is SMMUGEN028 and gets no view.
    /// </summary>
    private static Dictionary<StructRecordLinkGenerationSpec, StructRecordTargetGenerationSpec> ResolveLinks(
        SourceProductionContext context, SpecGenerationSpec spec, StructGenerationSpec s, EquatableArray<StructRecordTargetGenerationSpec> records)
    {
        var resolved = new Dictionary<StructRecordLinkGenerationSpec, StructRecordTargetGenerationSpec>();
        foreach (var link in Bodies(s.Body).SelectMany(b => b.RecordLinks))
        {
            var what = $"member {s.CName}.{link.CName}";
            var candidates = records.Where(r => r.Name == link.RecordName).ToList();
            var target = candidates.FirstOrDefault(r => r.SourcePath == spec.SourcePath) ?? (candidates.Count == 1 ? candidates[0] : null);
            if (target is null)
            {
                var known = records.Select(r => r.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
                Report(context, spec, SpecRules.RecordLink, candidates.Count > 1
                    ? $"{what} links record {link.RecordName}, which several spec files define ({string.Join(", ", candidates.Select(c => $"{c.Namespace}.{c.TypeName} in {c.SourcePath}"))}); rename one of them"
                    : $"{what} links record {link.RecordName}, which no spec file of this compilation defines" + (known.Count == 0 ? " (it has no records)" : $" (records: {string.Join(", ", known)})"));
            }
            else if (link.Words * 8 > target.SizeBytes)
            {
                Report(context, spec, SpecRules.RecordLink, $"{what} holds {link.Words} words ({link.Words * 8} bytes), but record {target.Name} is {target.SizeBytes} bytes ({target.SizeBytes / 8} words); the member must not be longer than the record");
            }
            else
            {
                resolved[link] = target;
            }
        }

        return resolved;
    }

    private static IEnumerable<StructBodyGenerationSpec> Bodies(StructBodyGenerationSpec body) => new[] { body }.Concat(body.Nested.SelectMany(Bodies));

    public static string Emit(SpecGenerationSpec spec, StructGenerationSpec s, IReadOnlyDictionary<StructRecordLinkGenerationSpec, StructRecordTargetGenerationSpec> links)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        var rule = s.SizePrefixed
            ? $" Size-prefixed: the first member is the number of bytes the caller passes; iommufd accepts {s.MinSize} to {s.Size} bytes, or more when the extra bytes are zero."
            : string.Empty;
        w.Doc(
            $"struct {s.CName}" + (s.Doc is null ? "." : ": " + SourceWriter.Escape(s.Doc)),
            RegisterEmitter.Remarks(s.Section, s.Since, $"{s.Size} bytes, {s.Align}-byte aligned (C layout, LP64).{rule} The fields hold the C struct's bytes read as little-endian values, so on a little-endian host this struct is the C struct byte for byte."));
        w.Line(Header.GeneratedCodeAttribute);
        w.Line($"[{Ns}CName({SourceWriter.Literal(s.CName)})]");
        EmitBody(w, s.Body, s, links, isNested: false);
        return w.ToString();
    }

    private static void EmitBody(SourceWriter w, StructBodyGenerationSpec body, StructGenerationSpec owner, IReadOnlyDictionary<StructRecordLinkGenerationSpec, StructRecordTargetGenerationSpec> links, bool isNested)
    {
        var t = body.TypeName;
        w.Line($"[{Interop}StructLayout({Interop}LayoutKind.Explicit, Size = {body.Size})]");
        var contract = isNested ? $"global::System.IEquatable<{t}>" : owner.SizePrefixed ? $"{Ns}IExtensibleStruct<{t}>" : $"{Ns}IUapiStruct<{t}>";
        w.Open($"public {(isNested ? string.Empty : "partial ")}struct {t} : {contract}");
        if (!isNested)
        {
            w.Doc("The C struct tag.").Line($"public const string CName = {SourceWriter.Literal(owner.CName)};").Line();
        }

        w.Doc($"<c>sizeof</c> the {SourceWriter.Escape(body.CDescription)}, in bytes.").Line($"public const int Size = {body.Size};").Line();
        if (!isNested)
        {
            w.Doc($"<c>_Alignof(struct {owner.CName})</c>.").Line($"public const int Align = {owner.Align};").Line();
            if (owner.SizePrefixed)
            {
                w.Doc("The fewest bytes iommufd accepts: the end of the last member of the struct's first version. Below it, <see cref=\"Read(global::System.ReadOnlySpan{byte}, out " + t + ")\"/> returns -EINVAL.")
                    .Line($"public const int MinSize = {owner.MinSize};").Line();
            }
        }

        foreach (var f in body.Fields)
        {
            EmitField(w, f);
        }

        foreach (var f in body.Fields.Where(f => f.EnumPropertyName is not null))
        {
            w.Doc($"{f.CName} as <see cref=\"{f.EnumTypeName}\"/> (the enum is wider or narrower than the member, so the field itself stays an integer).");
            w.Open($"public {f.EnumTypeName} {f.EnumPropertyName}");
            w.Line($"readonly get => ({f.EnumTypeName})this.{f.FieldName};");
            w.Line($"set => this.{f.FieldName} = ({f.IntegerType})value;");
            w.Close();
            w.Line();
        }

        foreach (var link in body.RecordLinks)
        {
            if (links.TryGetValue(link, out var target))
            {
                EmitRecordView(w, owner, link, target);
            }
        }

        EmitReadFrom(w, body);
        EmitWriteTo(w, body);
        EmitEquality(w, body);
        if (!isNested && owner.SizePrefixed)
        {
            EmitSizeRule(w, owner);
        }

        if (!isNested)
        {
            EmitInfo(w, owner);
        }

        foreach (var f in body.Fields.Where(f => f.BufferTypeName is not null))
        {
            w.Line();
            w.Doc($"The {f.Count} elements of {f.CName} ({SourceWriter.Escape(f.CType)}[{f.Count}]), inline: indexable, and a span of {SourceWriter.Escape(f.ElementType)}.");
            w.Line($"[global::System.Runtime.CompilerServices.InlineArray({f.Count})]");
            w.Open($"public struct {f.BufferTypeName}");
            w.Line($"private {f.ElementType} _element0;");
            w.Close();
        }

        foreach (var n in body.Nested)
        {
            w.Line();
            w.Doc($"The {SourceWriter.Escape(n.CDescription)}.");
            EmitBody(w, n, owner, links, isNested: true);
        }

        w.Close();
    }

    private static void EmitField(SourceWriter w, StructFieldGenerationSpec f)
    {
        var type = SourceWriter.Escape(f.CType) + (f.Count is { } n ? $"[{n}]" : string.Empty);
        var notes = new List<string>();
        if (f.Reserved)
        {
            notes.Add("Reserved: must be zero.");
        }

        if (f.IsBigEndianType)
        {
            notes.Add($"Big-endian in memory: the field holds the bytes read little-endian, so <c>BinaryPrimitives.ReverseEndianness</c> gives the number.");
        }

        if (f.Since is not null)
        {
            notes.Add($"Since version {SourceWriter.Escape(f.Since)}.");
        }

        w.Doc($"{f.CName} ({type}, offset {f.Offset})" + (f.Doc is null ? "." : ": " + SourceWriter.Escape(f.Doc)), notes.Count == 0 ? null : string.Join(" ", notes));
        w.Line($"[{Interop}FieldOffset({f.Offset})]");
        w.Line($"[{Ns}CName({SourceWriter.Literal(f.CName)})]");
        w.Line($"public {f.FieldType} {f.FieldName};");
        w.Line();
    }

    private static void EmitReadFrom(SourceWriter w, StructBodyGenerationSpec body)
    {
        var t = body.TypeName;
        w.Doc(
            $"Reads the {SourceWriter.Escape(body.CDescription)} from its C bytes (at least <see cref=\"Size\"/>), every member little-endian.",
            "Correct on any host: nothing is reinterpreted. The members of a union are each read from the same bytes.");
        w.Open($"public static {t} ReadFrom(global::System.ReadOnlySpan<byte> bytes)");
        w.Line("global::System.ArgumentOutOfRangeException.ThrowIfLessThan(bytes.Length, Size, nameof(bytes));");
        w.Line($"var value = default({t});");
        foreach (var f in body.Fields)
        {
            if (f.Count is { } count)
            {
                w.Open($"for (var i = 0; i < {count}; i++)");
                w.Line($"value.{f.FieldName}[i] = {ReadElement(f, $"{f.Offset} + (i * {f.ElementSize})")};");
                w.Close();
            }
            else
            {
                w.Line($"value.{f.FieldName} = {ReadElement(f, f.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture))};");
            }
        }

        w.Line("return value;");
        w.Close();
        w.Line();
    }

    private static void EmitWriteTo(SourceWriter w, StructBodyGenerationSpec body)
    {
        w.Doc(
            $"Writes the {SourceWriter.Escape(body.CDescription)} as its C bytes (the first <see cref=\"Size\"/> of <paramref name=\"bytes\"/>), every member little-endian.",
            "Padding bytes are written as zero. In a union every member is written in order, so the last one decides the bytes they share; on a little-endian host they agree.");
        w.Open("public readonly void WriteTo(global::System.Span<byte> bytes)");
        w.Line("global::System.ArgumentOutOfRangeException.ThrowIfLessThan(bytes.Length, Size, nameof(bytes));");
        w.Line("bytes.Slice(0, Size).Clear();");
        foreach (var f in body.Fields)
        {
            if (f.Count is { } count)
            {
                w.Open($"for (var i = 0; i < {count}; i++)");
                w.Line(WriteElement(f, $"this.{f.FieldName}[i]", $"{f.Offset} + (i * {f.ElementSize})"));
                w.Close();
            }
            else
            {
                w.Line(WriteElement(f, $"this.{f.FieldName}", f.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        w.Close();
        w.Line();
    }

    private static void EmitEquality(SourceWriter w, StructBodyGenerationSpec body)
    {
        // By C bytes: the runtime's ValueType.Equals refuses [InlineArray] fields, and a
        // field-by-field comparison would be ambiguous for unions.
        var t = body.TypeName;
        w.Doc("True when both write the same C bytes.");
        w.Open($"public readonly bool Equals({t} other)");
        w.Line(Buffer(body.Size, "mine"));
        w.Line(Buffer(body.Size, "theirs"));
        w.Line("WriteTo(mine);");
        w.Line("other.WriteTo(theirs);");
        w.Line("return global::System.MemoryExtensions.SequenceEqual((global::System.ReadOnlySpan<byte>)mine, theirs);");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc />").Line($"public override readonly bool Equals(object? obj) => obj is {t} other && Equals(other);").Line();
        w.Line("/// <inheritdoc />");
        w.Open("public override readonly int GetHashCode()");
        w.Line(Buffer(body.Size, "bytes"));
        w.Line("WriteTo(bytes);");
        w.Line("var hash = default(global::System.HashCode);");
        w.Line("hash.AddBytes(bytes);");
        w.Line("return hash.ToHashCode();");
        w.Close();
        w.Line();
        w.Doc("Same C bytes.").Line($"public static bool operator ==({t} left, {t} right) => left.Equals(right);").Line();
        w.Doc("Different C bytes.").Line($"public static bool operator !=({t} left, {t} right) => !left.Equals(right);").Line();
    }

    private static string ReadElement(StructFieldGenerationSpec f, string at)
    {
        if (f.Kind != StructFieldKind.Scalar)
        {
            return $"{f.ElementType}.ReadFrom(bytes.Slice({at}, {f.ElementSize}))";
        }

        var raw = f.IntegerType switch
        {
            "byte" => $"bytes[{at}]",
            "sbyte" => $"(sbyte)bytes[{at}]",
            _ => $"{Binary}Read{Suffix(f.IntegerType!)}LittleEndian(bytes.Slice({at}, {f.ElementSize}))",
        };
        return f.ElementType == f.IntegerType ? raw : $"({f.ElementType}){raw}";
    }

    private static string WriteElement(StructFieldGenerationSpec f, string value, string at)
    {
        if (f.Kind != StructFieldKind.Scalar)
        {
            return $"{value}.WriteTo(bytes.Slice({at}, {f.ElementSize}));";
        }

        var raw = f.ElementType == f.IntegerType ? value : $"({f.IntegerType}){value}";
        return f.IntegerType switch
        {
            "byte" => $"bytes[{at}] = {raw};",
            "sbyte" => $"bytes[{at}] = (byte){raw};",
            _ => $"{Binary}Write{Suffix(f.IntegerType!)}LittleEndian(bytes.Slice({at}, {f.ElementSize}), {raw});",
        };
    }

    private static string Suffix(string integerType) => integerType switch
    {
        "short" => "Int16",
        "ushort" => "UInt16",
        "int" => "Int32",
        "uint" => "UInt32",
        "long" => "Int64",
        _ => "UInt64",
    };

    private static string Buffer(int size, string name = "bytes") =>
        size <= StackLimit ? $"global::System.Span<byte> {name} = stackalloc byte[{size}];" : $"global::System.Span<byte> {name} = new byte[{size}];";

    private static void EmitSizeRule(SourceWriter w, StructGenerationSpec s)
    {
        var t = s.TypeName;
        w.Doc(
            $"Reads the struct from a caller's buffer by iommufd's rule for extensible structs, with <see cref=\"MinSize\"/> as the minimum.",
            "Returns 0, or a negative errno as the kernel does: -EINVAL (22) when <paramref name=\"user\"/> is shorter than the minimum, -E2BIG (7) when it is longer than the struct and a byte past the struct is not zero. Bytes the caller does not pass read as zero.");
        w.Line($"public static int Read(global::System.ReadOnlySpan<byte> user, out {t} value) => Read(user, MinSize, out value);").Line();
        w.Doc(
            "Reads the struct from a caller's buffer by iommufd's rule for extensible structs, with <paramref name=\"minSize\"/> as the minimum (an ioctl's own minimum).",
            "Returns 0, -EINVAL (22) or -E2BIG (7); see <see cref=\"Read(global::System.ReadOnlySpan{byte}, out " + t + ")\"/>.");
        w.Open($"public static int Read(global::System.ReadOnlySpan<byte> user, int minSize, out {t} value)");
        w.Line($"var error = {Ns}ExtensibleStruct.Check(user, Size, minSize);");
        w.Open("if (error != 0)");
        w.Line("value = default;");
        w.Line("return error;");
        w.Close();
        w.Line();
        w.Line(Buffer(s.Size));
        w.Line("bytes.Clear();");
        w.Line("user.Slice(0, global::System.Math.Min(user.Length, Size)).CopyTo(bytes);");
        w.Line("value = ReadFrom(bytes);");
        w.Line("return 0;");
        w.Close();
        w.Line();
        w.Doc(
            "Writes the struct to a caller's buffer as iommufd copies results back: as many bytes as fit, at most <see cref=\"Size\"/>.",
            "Returns the number of bytes written; the rest of a longer buffer is left alone.");
        w.Open("public readonly int Write(global::System.Span<byte> user)");
        w.Line(Buffer(s.Size));
        w.Line("WriteTo(bytes);");
        w.Line("var count = global::System.Math.Min(user.Length, Size);");
        w.Line("bytes.Slice(0, count).CopyTo(user);");
        w.Line("return count;");
        w.Close();
        w.Line();
    }

    private static void EmitRecordView(SourceWriter w, StructGenerationSpec owner, StructRecordLinkGenerationSpec link, StructRecordTargetGenerationSpec target)
    {
        var r = target.FullName;
        var words = target.SizeBytes / 8;
        var prefix = link.Words < words;
        w.Doc(
            $"{link.CName} as a {link.RecordName} record" + (prefix ? $": words 0-{link.Words - 1} of its {words}, the rest zero." : "."),
            $"The member holds the record's 64-bit words little-endian, word 0 first.");
        w.Open($"public readonly {r} {link.GetName}()");
        w.Line($"global::System.Span<byte> bytes = stackalloc byte[{target.SizeBytes}];");
        w.Line("bytes.Clear();");
        w.Open($"for (var i = 0; i < {link.Words}; i++)");
        w.Line($"{Binary}WriteUInt64LittleEndian(bytes.Slice(i * 8, 8), (ulong)this.{link.FieldName}[i]);");
        w.Close();
        w.Line();
        w.Line($"return {r}.ReadFrom(bytes);");
        w.Close();
        w.Line();
        w.Doc(
            $"Stores <paramref name=\"value\"/> in {link.CName}" + (prefix ? $" (its words 0-{link.Words - 1})." : "."),
            prefix ? $"Throws <see cref=\"global::System.ArgumentException\"/> when the record sets a word past word {link.Words - 1}, which {link.CName} cannot hold." : null);
        w.Open($"public void {link.SetName}(in {r} value)");
        w.Line($"global::System.Span<byte> bytes = stackalloc byte[{target.SizeBytes}];");
        w.Line("value.WriteTo(bytes);");
        if (prefix)
        {
            w.Open($"if (global::System.MemoryExtensions.ContainsAnyExcept((global::System.ReadOnlySpan<byte>)bytes.Slice({link.Words * 8}), (byte)0))");
            w.Line($"throw new global::System.ArgumentException({SourceWriter.Literal($"record {link.RecordName} has non-zero words past word {link.Words - 1}; {owner.CName}.{link.CName} holds only words 0-{link.Words - 1}")}, nameof(value));");
            w.Close();
            w.Line();
        }

        w.Open($"for (var i = 0; i < {link.Words}; i++)");
        w.Line($"this.{link.FieldName}[i] = {Binary}ReadUInt64LittleEndian(bytes.Slice(i * 8, 8));");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitInfo(SourceWriter w, StructGenerationSpec s)
    {
        // Generated as data so tools read metadata without reflection.
        w.Doc("Metadata of the struct: C layout, size rule and members.");
        w.Line($"public static {Ns}StructInfo Info {{ get; }} = new {Ns}StructInfo");
        w.Line("{").Indent();
        w.Line($"CName = {SourceWriter.Literal(s.CName)},");
        w.Line($"TypeName = {SourceWriter.Literal(s.TypeName)},");
        w.Line($"Size = {s.Size},");
        w.Line($"Align = {s.Align},");
        w.Line($"SizePrefixed = {(s.SizePrefixed ? "true" : "false")},");
        w.Line($"MinSize = {s.MinSize},");
        w.Line($"Doc = {SourceWriter.Literal(s.Doc)},");
        w.Line($"Section = {SourceWriter.Literal(s.Section)},");
        w.Line($"Since = {SourceWriter.Literal(s.Since)},");
        w.Line($"Members = global::System.Array.AsReadOnly(new {Ns}StructMemberInfo[]");
        w.Line("{").Indent();
        foreach (var m in s.Members)
        {
            w.Line($"new({SourceWriter.Literal(m.CName)}, {SourceWriter.Literal(m.CSharpName)}, {m.Offset}, {m.Size}, {SourceWriter.Literal(m.CType)}, {m.Count}, {(m.Reserved ? "true" : "false")}, {SourceWriter.Literal(m.Since)}, {SourceWriter.Literal(m.Doc)}),");
        }

        w.Close("),");
        w.Close(";");
    }
}
