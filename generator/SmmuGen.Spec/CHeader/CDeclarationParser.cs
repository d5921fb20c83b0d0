using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// Parses the declarations of a preprocessed header into the spec model: structs (with inline and
/// anonymous unions and structs, arrays, flexible arrays, nested <c>struct x</c> members), enums
/// (implicit values, constant expressions over earlier enumerators), typedefs and
/// <c>_Static_assert</c>s. What uAPI headers do not contain (functions, variables) is skipped with
/// a warning; a syntax error skips to the next <c>;</c> and parsing goes on.
/// </summary>
internal sealed partial class CDeclarationParser : ICConstantScope
{
    // Each inline level is two YAML levels in a spec, and the spec loader stops at 100.
    private const int MaxNesting = 32;

    private readonly CReaderContext _context;
    private readonly List<CToken> _tokens;
    private readonly CDocComments _docs;
    private readonly Dictionary<string, CValue> _enumerators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CTypeRef> _typedefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParsedEnum> _enumsByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StructSpec> _structsByTag = new(StringComparer.Ordinal);
    private int _index;
    private int _nesting;
    private int _externBlocks;
    private IReadOnlyDictionary<string, StructLayout>? _layouts;
    private int _layoutsFor = -1;

    public CDeclarationParser(CReaderContext context, List<CToken> tokens, CDocComments docs)
    {
        _context = context;
        _tokens = tokens;
        _docs = docs;
    }

    /// <summary>Structs in definition order (top-level unions as a struct around one anonymous union).</summary>
    public List<StructSpec> Structs { get; } = new();

    /// <summary>Enums in definition order; anonymous ones have a null name until named.</summary>
    public List<ParsedEnum> Enums { get; } = new();

    /// <summary>Static assertions, evaluated once every struct is known.</summary>
    public List<(List<CToken> Condition, string Message, SourceSpan Span)> StaticAsserts { get; } = new();

    /// <summary>An enum as parsed; anonymous ones are named later from their values.</summary>
    internal sealed class ParsedEnum
    {
        public ParsedEnum(string? tag, SourceSpan span, string? doc)
        {
            Tag = tag;
            Span = span;
            Doc = doc;
        }

        public string? Tag { get; }

        public SourceSpan Span { get; }

        public string? Doc { get; }

        public List<EnumValueSpec> Values { get; } = new();

        public bool Negative { get; set; }

        public bool Wide { get; set; }
    }

    private CToken Current => _tokens[Math.Min(_index, _tokens.Count - 1)];

    private CToken Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == CTokenKind.EndOfFile;

    private CToken Take()
    {
        var t = Current;
        if (!AtEnd)
        {
            _index++;
        }

        return t;
    }

    private CToken Expect(string punctuator, string what)
    {
        if (!Current.Is(punctuator))
        {
            throw new CParseException(Current.Span, $"expected '{punctuator}' {what}, found {Current}");
        }

        return Take();
    }

    private CToken ExpectIdentifier(string what)
    {
        if (Current.Kind != CTokenKind.Identifier)
        {
            throw new CParseException(Current.Span, $"expected {what}, found {Current}");
        }

        return Take();
    }

    /// <summary>Parses every declaration of the header.</summary>
    public void Parse()
    {
        while (!AtEnd)
        {
            var start = _index;
            try
            {
                ExternalDeclaration();
            }
            catch (CParseException ex)
            {
                _context.Report(ex.Rule, ex.Span, ex.Message);
                Recover(start);
            }
        }

        if (_externBlocks > 0)
        {
            _context.Report(SpecRules.CSyntax, Current.Span, "an extern \"C\" { block is not closed");
        }
    }

    /// <summary>Skips past the next ';' (or the '}' that closes a block) at the depth where the error started.</summary>
    private void Recover(int start)
    {
        if (_index == start)
        {
            Take();
        }

        var depth = 0;
        while (!AtEnd)
        {
            var t = Take();
            if (t.Is("{") || t.Is("(") || t.Is("["))
            {
                depth++;
            }
            else if (t.Is("}") || t.Is(")") || t.Is("]"))
            {
                depth--;
                if (depth <= 0 && t.Is("}"))
                {
                    if (Current.Is(";"))
                    {
                        Take();
                    }

                    return;
                }
            }
            else if (t.Is(";") && depth <= 0)
            {
                return;
            }
        }
    }

    private void ExternalDeclaration()
    {
        var t = Current;
        if (t.Is(";"))
        {
            Take();
            return;
        }

        if (t.IsWord("_Static_assert") || t.IsWord("static_assert"))
        {
            StaticAssert();
            return;
        }

        if (t.IsWord("extern") && Peek(1).Kind == CTokenKind.StringLiteral)
        {
            Take();
            Take();
            if (Current.Is("{"))
            {
                Take();
                _externBlocks++;
            }

            return;
        }

        if (t.Is("}") && _externBlocks > 0)
        {
            Take();
            _externBlocks--;
            return;
        }

        if (t.IsWord("typedef"))
        {
            Typedef();
            return;
        }

        TopLevelDeclaration();
    }

    private void StaticAssert()
    {
        var keyword = Take();
        Expect("(", $"after {keyword.Text}");
        var condition = UntilTopLevel(",", ")");
        var message = string.Empty;
        if (Current.Is(","))
        {
            Take();
            while (Current.Kind == CTokenKind.StringLiteral)
            {
                var s = Take().Text;
                message += s.Substring(s.IndexOf('"') + 1, s.Length - s.IndexOf('"') - 2);
            }
        }

        Expect(")", $"to close {keyword.Text}");
        Expect(";", $"after {keyword.Text}(…)");
        StaticAsserts.Add((condition, message, keyword.Span));
    }

    /// <summary>Tokens up to (not including) one of <paramref name="stops"/> outside any brackets.</summary>
    private List<CToken> UntilTopLevel(params string[] stops)
    {
        var result = new List<CToken>();
        var depth = 0;
        while (!AtEnd)
        {
            var t = Current;
            if (depth == 0 && t.Kind == CTokenKind.Punctuator && Array.IndexOf(stops, t.Text) >= 0)
            {
                break;
            }

            if (t.Is("(") || t.Is("[") || t.Is("{"))
            {
                depth++;
            }
            else if (t.Is(")") || t.Is("]") || t.Is("}"))
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }

            result.Add(Take());
        }

        return result;
    }

    private void Typedef()
    {
        var keyword = Take();
        var specifier = Specifiers(Context.Typedef, owner: null);
        if (Current.Is(";"))
        {
            Take();
            _context.Report(SpecRules.CApproximated, keyword.Span, "typedef without a name declares nothing; skipped");
            return;
        }

        while (true)
        {
            var d = Declarator(Context.Typedef, "typedef");
            var type = specifier.Type;
            if (d.Pointer)
            {
                type = new CTypeRef("__u64", Note: "a pointer (8 bytes on LP64)");
            }
            else if (d.Count is { } count)
            {
                type = type with { Count = type.Count * Math.Max(count, 1) };
            }

            if (d.Function)
            {
                _context.Report(SpecRules.CApproximated, d.Name.Span, $"typedef {d.Name.Text} of a function type is skipped: it has no place in a struct layout");
            }
            else
            {
                // typedef struct { … } name: the struct is known by the typedef name.
                if (specifier.AnonymousStruct is { } anonymous && !_structsByTag.ContainsKey(d.Name.Text))
                {
                    AddStruct(anonymous with { Name = d.Name.Text }, specifier.IsUnion);
                    type = new CTypeRef("struct " + d.Name.Text);
                }

                _typedefs[d.Name.Text] = type;
                _context.Facts.Typedefs.Add(new CTypedef(d.Name.Text, type.Type, type.Count, d.Name.Span));
            }

            if (!Current.Is(","))
            {
                break;
            }

            Take();
        }

        Expect(";", "after the typedef");
    }

    private void TopLevelDeclaration()
    {
        var first = Current;
        var specifier = Specifiers(Context.TopLevel, owner: null);
        if (Current.Is(";"))
        {
            Take();
            if (specifier.AnonymousStruct is not null)
            {
                _context.Report(SpecRules.CApproximated, first.Span, $"an anonymous {(specifier.IsUnion ? "union" : "struct")} at file scope declares nothing; skipped");
            }
            else if (!specifier.Defined && !specifier.Declared)
            {
                _context.Report(SpecRules.CApproximated, first.Span, "a declaration that declares nothing; skipped");
            }

            return;
        }

        // A variable or function: not part of a uAPI layout.
        var d = Declarator(Context.TopLevel, "declaration");
        if (d.Function && Current.Is("{"))
        {
            _context.Report(SpecRules.CApproximated, d.Name.Span, $"function {d.Name.Text} is skipped: the reader takes types, constants and ioctls from a header, not code");
            SkipBlock();
            return;
        }

        _context.Report(SpecRules.CApproximated, d.Name.Span, $"{(d.Function ? "function declaration" : "variable")} {d.Name.Text} is skipped: only types, constants and ioctls become part of the spec");
        var depth = 0;
        while (!AtEnd && !(depth == 0 && Current.Is(";")))
        {
            depth += Current.Is("{") || Current.Is("(") ? 1 : Current.Is("}") || Current.Is(")") ? -1 : 0;
            Take();
        }

        Expect(";", "after the declaration");
    }

    private void SkipBlock()
    {
        var depth = 0;
        do
        {
            var t = Take();
            depth += t.Is("{") ? 1 : t.Is("}") ? -1 : 0;
        }
        while (depth > 0 && !AtEnd);
    }

    // ---- ICConstantScope -----------------------------------------------------------------------

    public bool TryGetEnumerator(string name, out CValue value) => _enumerators.TryGetValue(name, out value);

    public CTypeRef? Typedef(string name) => _typedefs.TryGetValue(name, out var t) ? t : null;

    public (ulong Size, bool Signed)? EnumType(string tag) =>
        _enumsByTag.TryGetValue(tag, out var e) ? (e.Wide ? 8UL : 4UL, e.Negative) : null;

    public ulong? SizeOf(CTypeRef type, out string? error)
    {
        error = null;
        if (CStructLayout.TryGetScalarSize(type.Type, out var scalar))
        {
            return scalar * type.Count;
        }

        if (type.StructTag is { } tag && Layouts().TryGetValue(tag, out var layout))
        {
            return layout.Size * type.Count;
        }

        // A struct that exists but cannot be laid out has its own diagnostics: no error text here.
        error = type.StructTag is { } t2
            ? (_structsByTag.ContainsKey(t2) ? null : $"struct {t2} is not defined in this header before this point")
            : $"the size of '{type.Type}' is not known";
        return null;
    }

    public ulong? OffsetOf(string structTag, string memberPath, out string? error)
    {
        error = null;
        if (!Layouts().TryGetValue(structTag, out var layout))
        {
            error = _structsByTag.ContainsKey(structTag) ? null : $"struct {structTag} is not defined in this header before this point";
            return null;
        }

        IReadOnlyList<MemberLayout> members = layout.Members;
        MemberLayout? found = null;
        foreach (var part in memberPath.Split('.'))
        {
            found = members.FirstOrDefault(m => m.Name == part);
            if (found is null)
            {
                // A member of a nested struct type: continue in that struct's layout.
                error = $"struct {structTag} has no member {memberPath}";
                return null;
            }

            members = found.Inner.Count > 0 ? found.Inner : found.Spec.StructTag is { } nested && Layouts().TryGetValue(nested, out var n)
                ? n.Members.Select(m => m with { Offset = m.Offset + found.Offset }).ToList()
                : Array.Empty<MemberLayout>();
        }

        return found?.Offset;
    }

    /// <summary>Layouts of the structs defined so far; recomputed only when a struct was added.</summary>
    private IReadOnlyDictionary<string, StructLayout> Layouts()
    {
        if (_layouts is null || _layoutsFor != Structs.Count)
        {
            var doc = new SpecDocument(_context.File, "Header", "Header", null, null, null, 0x10000, EquatableArray<EnumSpec>.Empty, EquatableArray<RegisterSpec>.Empty, EquatableArray<Waiver>.Empty, SourceSpan.StartOf(_context.File))
            {
                Structs = Structs.ToEquatableArray(),
            };
            _layouts = CStructLayout.Compute(doc);
            _layoutsFor = Structs.Count;
        }

        return _layouts;
    }
}
