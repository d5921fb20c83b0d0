using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Naming;
using SmmuGen.Spec.Validation;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// The C header entry point: a uAPI header in, the same <see cref="SpecDocument"/> the YAML loader
/// produces out (constants, enums, structs, ioctls, every node located in the header), with the
/// spec validator's diagnostics and the reader's own (SMMUGEN040–046) at header lines and columns.
/// </summary>
public static class CHeaderCompiler
{
    private static readonly Regex IoctlInSummary = new(@"\bioctl\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads <paramref name="text"/> as the header <paramref name="file"/>. Never throws: a failure
    /// of the reader itself is SMMUGEN099 at the start of the file.
    /// </summary>
    public static CHeaderResult Compile(string file, string text, CHeaderOptions? options = null)
    {
        try
        {
            return Read(file, text, options ?? new CHeaderOptions());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var diagnostic = SpecDiagnostic.Create(SpecRules.InternalError, SourceSpan.StartOf(file), $"internal error while reading the header ({ex.GetType().Name}: {ex.Message}); please report it with this file");
            return new CHeaderResult(null, new[] { diagnostic }.ToEquatableArray(), CHeaderFacts.None);
        }
    }

    /// <summary>The default spec name for a header file: its base name in PascalCase (<c>iommufd.h</c> → <c>Iommufd</c>).</summary>
    public static string DefaultName(string file)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(file.Replace('\\', '/').Split('/').Last().Split('@')[0]);
        var clean = new string(stem.Select(c => char.IsLetterOrDigit(c) && c < 128 ? c : '_').ToArray());
        var name = Identifiers.ToPascal(clean);
        return name.Length == 0 || name == "_" ? "Header" : name;
    }

    /// <summary>The default C# namespace for a spec named <paramref name="name"/>.</summary>
    public static string DefaultNamespace(string name) => "SmmuGen." + name;

    private static CHeaderResult Read(string file, string text, CHeaderOptions options)
    {
        var context = new CReaderContext(file, text);
        var (raw, comments) = CTokenizer.Tokenize(context, text);
        var preprocessed = CPreprocessor.Run(context, raw, options.Defines);
        var docs = new CDocComments(comments, raw);
        var parser = new CDeclarationParser(context, preprocessed.Code, docs);
        parser.Parse();
        var defines = new CDefineEvaluator(context, preprocessed, parser, docs);
        defines.Run();
        CheckStaticAsserts(context, parser);

        var name = options.Name ?? DefaultName(file);
        var enums = NameEnums(context, parser.Enums);
        var ioctls = LinkIoctlStructs(defines.Ioctls, docs, parser.Structs);
        var doc = new SpecDocument(file, name, options.Namespace ?? DefaultNamespace(name), FileDoc(docs), null, null, 0x10000, enums, EquatableArray<RegisterSpec>.Empty, EquatableArray<Waiver>.Empty, SourceSpan.StartOf(file))
        {
            Structs = parser.Structs.ToEquatableArray(),
            Ioctls = ioctls.ToEquatableArray(),
            Constants = defines.Constants.ToEquatableArray(),
        };

        // The spec rules hold for headers too (padding holes, unknown types, duplicate names),
        // except that an ioctl with a scalar payload has no struct to name: that was said already.
        var scalarIoctlSpans = ioctls.Where(i => defines.ScalarPayloads.Contains(i.Name)).Select(i => i.Span).ToList();
        // Nor do the rules about generated C# names bind a header: two C names that would make one
        // C# name are the spec author's to resolve (csharp-name), not an error of the header.
        var validation = SpecValidator.Validate(doc)
            .Where(d => !(d.Id == SpecRules.IoctlTargetMissing.Id && scalarIoctlSpans.Contains(d.Span)))
            .Where(d => !(d.Id == SpecRules.DuplicateName.Id && d.Message.Contains("the C# ")));
        var diagnostics = context.Diagnostics.Concat(validation)
            .OrderBy(d => d.Span.File == file ? 0 : 1)
            .ThenBy(d => d.Span.Offset)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToEquatableArray();
        return new CHeaderResult(doc, diagnostics, context.Facts.Build());
    }

    private static void CheckStaticAsserts(CReaderContext context, CDeclarationParser parser)
    {
        foreach (var (condition, message, span) in parser.StaticAsserts)
        {
            var result = CExpressionEvaluator.Evaluate(condition, parser, span);
            if (result.Value is not { } value)
            {
                if (!result.Cascaded)
                {
                    context.Report(SpecRules.CConstantExpression, result.ErrorSpan, $"_Static_assert: {result.Error}");
                }
            }
            else if (value.IsZero)
            {
                context.Report(SpecRules.CStaticAssert, span, $"static assertion failed by the computed LP64 layout: '{CPreprocessor.Spell(condition)}'" + (message.Length > 0 ? $" (\"{message}\")" : string.Empty));
            }
        }
    }

    /// <summary>
    /// Enums in order. An anonymous enum is named after its values' common prefix
    /// (<c>IOMMUFD_CMD_</c> → <c>iommufd_cmd</c>; <c>__X_MAX</c> sentinels aside), or after its line
    /// when they share none.
    /// </summary>
    private static EquatableArray<EnumSpec> NameEnums(CReaderContext context, List<CDeclarationParser.ParsedEnum> parsed)
    {
        var used = new HashSet<string>(parsed.Where(e => e.Tag is not null).Select(e => e.Tag!), StringComparer.Ordinal);
        var result = new List<EnumSpec>();
        foreach (var e in parsed)
        {
            var name = e.Tag;
            if (name is null)
            {
                var prefix = (EnumPrefix.Guess(string.Empty, e.Values.Select(v => v.Name).ToList()) ?? string.Empty).TrimEnd('_').ToLowerInvariant();
                if (e.Values.Count < 2)
                {
                    prefix = string.Empty; // one name says nothing about a family
                }

                var candidate = prefix.Length > 0 && Identifiers.IsValid(prefix) ? prefix : $"anonymous_enum_line{e.Span.Line}";
                name = candidate;
                for (var n = 2; used.Contains(name); n++)
                {
                    name = $"{candidate}_{n}";
                }

                used.Add(name);
                context.Facts.AnonymousEnums.Add(name);
            }

            result.Add(new EnumSpec(name, e.Doc, e.Values.ToEquatableArray(), false, e.Span));
        }

        return result.ToEquatableArray();
    }

    /// <summary>
    /// An <c>_IO</c> ioctl names no struct in its number; kernel-doc names it instead
    /// (<c>struct iommu_destroy - ioctl(IOMMU_DESTROY)</c>), and that link is taken.
    /// </summary>
    private static List<IoctlSpec> LinkIoctlStructs(List<IoctlSpec> ioctls, CDocComments docs, List<StructSpec> structs)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var k in docs.KernelDocs.Where(k => k.Kind is "struct" or "union" && k.Name is not null && k.Summary is not null))
        {
            foreach (Match m in IoctlInSummary.Matches(k.Summary!))
            {
                if (!links.ContainsKey(m.Groups[1].Value) && structs.Any(s => s.Name == k.Name))
                {
                    links[m.Groups[1].Value] = k.Name!;
                }
            }
        }

        return ioctls.Select(i => i.StructName is null && i.Direction == IoctlDirection.None && links.TryGetValue(i.Name, out var s) ? i with { StructName = s } : i).ToList();
    }

    /// <summary>A <c>DOC:</c> kernel-doc block at the top of the header documents the whole file.</summary>
    private static string? FileDoc(CDocComments docs)
    {
        var block = docs.KernelDocs.FirstOrDefault(k => k.Kind is null && k.Name == "DOC");
        return block?.Doc;
    }
}
