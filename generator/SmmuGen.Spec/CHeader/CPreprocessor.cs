using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// The preprocessor subset uAPI headers use: conditionals (<c>#if</c>, <c>#ifdef</c>, <c>#ifndef</c>,
/// <c>#elif</c>, <c>#else</c>, <c>#endif</c>, with <c>defined</c>), <c>#define</c>/<c>#undef</c>,
/// <c>#include</c> (recorded, not followed), <c>#error</c>, <c>#warning</c>, <c>#pragma</c>.
/// Nothing is predefined except the kernel's <c>const.h</c> helpers (<c>_AC</c>, <c>_BITUL</c>, …),
/// so <c>#ifdef __KERNEL__</c> blocks drop out as they do for user space.
/// </summary>
internal sealed class CPreprocessor
{
    /// <summary>
    /// What the target and the never-followed includes would have defined: the LP64
    /// little-endian target the layout engine models (so byte-order and word-size branches pick
    /// the x86_64/arm64 side), and the helpers of linux/const.h and linux/stddef.h that uAPI
    /// headers use (_BITUL is 1UL shifted; __struct_group makes members reachable both directly
    /// and as one named struct).
    /// </summary>
    private const string BuiltinSource = """
        #define __LP64__ 1
        #define __CHAR_BIT__ 8
        #define __SIZEOF_LONG__ 8
        #define __SIZEOF_POINTER__ 8
        #define __BITS_PER_LONG 64
        #define __ORDER_LITTLE_ENDIAN__ 1234
        #define __ORDER_BIG_ENDIAN__ 4321
        #define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
        #define __LITTLE_ENDIAN 1234
        #define __LITTLE_ENDIAN_BITFIELD
        #define _AC(X, Y) (X##Y)
        #define _AT(T, X) ((T)(X))
        #define _UL(x) (_AC(x, UL))
        #define _ULL(x) (_AC(x, ULL))
        #define _BITUL(x) (_UL(1) << (x))
        #define _BITULL(x) (_ULL(1) << (x))
        #define __struct_group(TAG, NAME, ATTRS, MEMBERS...) union { struct { MEMBERS } ATTRS; struct TAG { MEMBERS } ATTRS NAME; } ATTRS
        """;

    private readonly CReaderContext _context;
    private readonly List<CToken> _tokens;
    private readonly Dictionary<string, CMacro> _macros = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _builtins = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, CDefine> _defines = new(System.StringComparer.Ordinal);
    private readonly List<CToken> _code = new();
    private readonly List<CToken> _pending = new();
    private readonly Stack<Conditional> _conditionals = new();
    private int _directives;

    // "#ifndef X" as the first directive: X is the include guard if "#define X" comes next.
    private string? _guardCandidate;

    private CPreprocessor(CReaderContext context, List<CToken> tokens)
    {
        _context = context;
        _tokens = tokens;
    }

    private sealed class Conditional
    {
        public Conditional(bool parentActive, bool active, SourceSpan span)
        {
            ParentActive = parentActive;
            Active = active;
            Taken = active;
            Span = span;
        }

        public bool ParentActive { get; }

        public bool Active { get; set; }

        public bool Taken { get; set; }

        public bool ElseSeen { get; set; }

        public SourceSpan Span { get; }
    }

    private bool Active => _conditionals.Count == 0 || _conditionals.Peek().Active;

    public static CPreprocessorOutput Run(CReaderContext context, List<CToken> tokens, IReadOnlyDictionary<string, string>? defines = null)
    {
        var p = new CPreprocessor(context, tokens);
        p.DefineBuiltins(defines);
        p.Process();
        return new CPreprocessorOutput(
            p._code,
            p._macros,
            p._defines.Values.OrderBy(d => d.Directive.Offset).ToList());
    }

    private void DefineBuiltins(IReadOnlyDictionary<string, string>? defines)
    {
        // -D NAME=VALUE from the command line, after the built-ins so it can override them.
        var source = BuiltinSource;
        foreach (var d in defines ?? new Dictionary<string, string>())
        {
            source += $"\n#define {d.Key} {d.Value}";
        }

        var context = new CReaderContext("<command line>", source);
        var (tokens, _) = CTokenizer.Tokenize(context, source);
        var builtin = new CPreprocessor(context, tokens);
        builtin.Process();
        foreach (var d in context.Diagnostics)
        {
            _context.Report(SpecRules.CPreprocessor, SourceSpan.StartOf(_context.File), $"-D: {d.Message}");
        }

        foreach (var m in builtin._macros.Values)
        {
            _macros[m.Name] = m;
            _builtins.Add(m.Name);
        }
    }

    private void Process()
    {
        var i = 0;
        while (i < _tokens.Count)
        {
            var t = _tokens[i];
            if (t.Kind == CTokenKind.EndOfFile)
            {
                Flush();
                foreach (var open in _conditionals)
                {
                    _context.Report(SpecRules.CPreprocessor, open.Span, "this conditional has no matching #endif");
                }

                _code.Add(t);
                return;
            }

            if (t.Is("#") && t.StartsLine)
            {
                var end = i + 1;
                while (_tokens[end].Kind != CTokenKind.EndOfFile && !_tokens[end].StartsLine)
                {
                    end++;
                }

                Flush();
                Directive(_tokens.GetRange(i, end - i), isFirst: i == 0);
                i = end;
                continue;
            }

            if (Active)
            {
                _pending.Add(t);
            }

            i++;
        }
    }

    /// <summary>Expands the code seen since the last directive, with the macros defined so far.</summary>
    private void Flush()
    {
        if (_pending.Count > 0)
        {
            _code.AddRange(new CMacroExpander(_macros, _context).Expand(_pending));
            _pending.Clear();
        }
    }

    private void Directive(List<CToken> d, bool isFirst)
    {
        _directives++;
        if (d.Count == 1)
        {
            return; // the null directive
        }

        var name = d[1];
        if (name.Kind == CTokenKind.Number)
        {
            return; // a line marker (# 1 "file") from a preprocessed header
        }

        if (name.Kind != CTokenKind.Identifier)
        {
            if (Active)
            {
                _context.Report(SpecRules.CPreprocessor, name.Span, $"expected a directive name after '#', found {name}");
            }

            return;
        }

        var rest = d.GetRange(2, d.Count - 2);
        switch (name.Text)
        {
            case "if":
                Push(Active && Condition(rest, name), name.Span);
                return;
            case "ifdef":
            case "ifndef":
                var defined = Active && MacroName(rest, name) is { } n && _macros.ContainsKey(n);
                if (Active && isFirst && name.Text == "ifndef" && rest.Count > 0)
                {
                    _guardCandidate = rest[0].Text;
                }

                Push(Active && (name.Text == "ifdef" ? defined : !defined && MacroName(rest, name, report: false) is not null), name.Span);
                return;
            case "elif":
                Elif(rest, name);
                return;
            case "else":
                Else(name);
                return;
            case "endif":
                if (_conditionals.Count == 0)
                {
                    _context.Report(SpecRules.CPreprocessor, name.Span, "#endif without #if");
                }
                else
                {
                    _conditionals.Pop();
                }

                return;
        }

        if (!Active)
        {
            return;
        }

        switch (name.Text)
        {
            case "define":
                Define(d, rest, name);
                break;
            case "undef":
                if (MacroName(rest, name) is { } undefined)
                {
                    _macros.Remove(undefined);
                    _defines.Remove(undefined);
                }

                break;
            case "include":
            case "include_next":
                Include(rest, name, d[0]);
                break;
            case "error":
                _context.Report(SpecRules.CPreprocessor, name.Span, "#error " + Spell(rest));
                break;
            case "warning":
                _context.Report(SpecRules.CApproximated, name.Span, "#warning " + Spell(rest));
                break;
            case "pragma":
                Pragma(rest, name);
                break;
            case "line":
            case "ident":
            case "sccs":
            case "assert":
            case "unassert":
                break;
            default:
                _context.Report(SpecRules.CPreprocessor, name.Span, $"unknown preprocessor directive #{name.Text}");
                break;
        }
    }

    private void Push(bool active, SourceSpan span) =>
        _conditionals.Push(new Conditional(Active, active, span));

    private void Elif(List<CToken> rest, CToken name)
    {
        if (_conditionals.Count == 0)
        {
            _context.Report(SpecRules.CPreprocessor, name.Span, "#elif without #if");
            return;
        }

        var c = _conditionals.Peek();
        if (c.ElseSeen)
        {
            _context.Report(SpecRules.CPreprocessor, name.Span, "#elif after #else");
        }

        // Evaluated only when no earlier branch was taken, as C requires.
        c.Active = c.ParentActive && !c.Taken && Condition(rest, name);
        c.Taken |= c.Active;
    }

    private void Else(CToken name)
    {
        if (_conditionals.Count == 0)
        {
            _context.Report(SpecRules.CPreprocessor, name.Span, "#else without #if");
            return;
        }

        var c = _conditionals.Peek();
        if (c.ElseSeen)
        {
            _context.Report(SpecRules.CPreprocessor, name.Span, "#else after #else");
        }

        c.ElseSeen = true;
        c.Active = c.ParentActive && !c.Taken;
        c.Taken = true;
    }

    private string? MacroName(List<CToken> rest, CToken directive, bool report = true)
    {
        if (rest.Count > 0 && rest[0].Kind == CTokenKind.Identifier)
        {
            return rest[0].Text;
        }

        if (report)
        {
            var span = rest.Count > 0 ? rest[0].Span : directive.Span;
            _context.Report(SpecRules.CPreprocessor, span, $"#{directive.Text} needs a macro name" + (rest.Count > 0 ? $", not {rest[0]}" : string.Empty));
        }

        return null;
    }

    /// <summary>Evaluates an #if / #elif condition: <c>defined</c> first, then macros, then unknown names are 0.</summary>
    private bool Condition(List<CToken> rest, CToken directive)
    {
        var replaced = new List<CToken>();
        for (var i = 0; i < rest.Count; i++)
        {
            var t = rest[i];
            if (!t.IsWord("defined"))
            {
                replaced.Add(t);
                continue;
            }

            var parenthesized = i + 1 < rest.Count && rest[i + 1].Is("(");
            var nameIndex = parenthesized ? i + 2 : i + 1;
            if (nameIndex >= rest.Count || rest[nameIndex].Kind != CTokenKind.Identifier || (parenthesized && (nameIndex + 1 >= rest.Count || !rest[nameIndex + 1].Is(")"))))
            {
                _context.Report(SpecRules.CPreprocessor, t.Span, "'defined' needs a macro name: defined NAME or defined(NAME)");
                return false;
            }

            replaced.Add(new CToken(CTokenKind.Number, _macros.ContainsKey(rest[nameIndex].Text) ? "1" : "0", t.Span, false, t.SpaceBefore));
            i = parenthesized ? nameIndex + 1 : nameIndex;
        }

        var expanded = new CMacroExpander(_macros, _context).Expand(replaced);
        var result = CExpressionEvaluator.Evaluate(expanded, scope: null, directive.Span, preprocessor: true);
        if (result.Value is not { } value)
        {
            _context.Report(SpecRules.CConstantExpression, result.ErrorSpan, $"in #{directive.Text}: {result.Error}");
            return false;
        }

        return !value.IsZero;
    }

    private void Define(List<CToken> directive, List<CToken> rest, CToken keyword)
    {
        if (rest.Count == 0 || rest[0].Kind != CTokenKind.Identifier)
        {
            _context.Report(SpecRules.CPreprocessor, rest.Count > 0 ? rest[0].Span : keyword.Span, "#define needs a macro name" + (rest.Count > 0 ? $", not {rest[0]}" : string.Empty));
            return;
        }

        var name = rest[0];
        if (name.Text == "defined")
        {
            _context.Report(SpecRules.CPreprocessor, name.Span, "'defined' cannot be a macro name");
            return;
        }

        List<string>? parameters = null;
        var variadic = false;
        var bodyStart = 1;
        if (rest.Count > 1 && rest[1].Is("(") && !rest[1].SpaceBefore)
        {
            parameters = new List<string>();
            var i = 2;
            var expectName = true;
            while (true)
            {
                if (i >= rest.Count)
                {
                    _context.Report(SpecRules.CPreprocessor, name.Span, $"macro {name.Text}: the parameter list has no closing ')'");
                    return;
                }

                var t = rest[i];
                if (t.Is(")") && (!expectName || parameters.Count == 0))
                {
                    break;
                }

                if (expectName && t.Is("..."))
                {
                    parameters.Add("__VA_ARGS__");
                    variadic = true;
                    expectName = false;
                }
                else if (expectName && t.Kind == CTokenKind.Identifier && !parameters.Contains(t.Text))
                {
                    parameters.Add(t.Text);
                    expectName = false;
                    if (i + 1 < rest.Count && rest[i + 1].Is("..."))
                    {
                        variadic = true;
                        i++;
                    }
                }
                else if (!expectName && t.Is(",") && !variadic)
                {
                    expectName = true;
                }
                else
                {
                    _context.Report(SpecRules.CPreprocessor, t.Span, $"macro {name.Text}: unexpected {t} in the parameter list");
                    return;
                }

                i++;
            }

            bodyStart = i + 1;
        }

        var body = rest.GetRange(bodyStart, rest.Count - bodyStart);
        if (body.Count > 0 && (body[0].Is("##") || body[body.Count - 1].Is("##")))
        {
            var at = body[0].Is("##") ? body[0] : body[body.Count - 1];
            _context.Report(SpecRules.CPreprocessor, at.Span, $"macro {name.Text}: '##' cannot start or end a replacement list");
            return;
        }

        if (parameters is not null)
        {
            for (var i = 0; i < body.Count; i++)
            {
                if (body[i].Is("#") && (i + 1 >= body.Count || body[i + 1].Kind != CTokenKind.Identifier || !parameters.Contains(body[i + 1].Text)))
                {
                    _context.Report(SpecRules.CPreprocessor, body[i].Span, $"macro {name.Text}: '#' must be followed by a parameter name");
                    return;
                }
            }
        }

        var macro = new CMacro(name.Text, parameters, variadic, body, name.Span, Spell(body));
        if (_macros.TryGetValue(name.Text, out var previous) && !_builtins.Contains(name.Text) && !previous.SameDefinitionAs(macro))
        {
            _context.Report(SpecRules.CMacroRedefined, name.Span, $"macro {name.Text} is redefined (first defined at line {previous.Span.Line} as '{previous.BodyText}'); the new definition counts");
        }

        _macros[name.Text] = macro;
        _builtins.Remove(name.Text);
        var last = directive[directive.Count - 1];
        _defines.Remove(name.Text);
        _defines[name.Text] = new CDefine(macro, directive[0].Span, last.End, last.Span.Line);
        if (_directives == 2 && _guardCandidate == name.Text && body.Count == 0)
        {
            _context.Facts.IncludeGuard = name.Text;
        }
    }

    private void Include(List<CToken> rest, CToken keyword, CToken hash)
    {
        if (rest.Count == 1 && rest[0].Kind == CTokenKind.StringLiteral)
        {
            var text = rest[0].Text;
            _context.Facts.Includes.Add(new CInclude(text.Substring(1, text.Length - 2), false, hash.Span));
        }
        else if (rest.Count >= 2 && rest[0].Is("<") && rest[rest.Count - 1].Is(">"))
        {
            var path = _context.Text.Substring(rest[0].End, rest[rest.Count - 1].Span.Offset - rest[0].End);
            _context.Facts.Includes.Add(new CInclude(path.Trim(), true, hash.Span));
        }
        else if (rest.Count > 0)
        {
            // #include MACRO: recorded as written, since includes are never followed anyway.
            _context.Facts.Includes.Add(new CInclude(Spell(rest), false, hash.Span));
        }
        else
        {
            _context.Report(SpecRules.CPreprocessor, keyword.Span, "#include needs a file name: <path> or \"path\"");
        }
    }

    private void Pragma(List<CToken> rest, CToken keyword)
    {
        if (rest.Count == 1 && rest[0].IsWord("once"))
        {
            _context.Facts.IncludeGuard ??= "#pragma once";
        }
        else if (rest.Count > 0 && rest[0].IsWord("pack"))
        {
            _context.Facts.LayoutAttributes.Add(new CLayoutAttribute("#pragma pack", Spell(rest), keyword.Span));
            _context.Report(SpecRules.CApproximated, keyword.Span, $"#pragma {Spell(rest)} changes struct layouts, which the layout engine does not model; offsets after it are those without packing");
        }
    }

    /// <summary>Tokens as text, one space where the source had any.</summary>
    internal static string Spell(IReadOnlyList<CToken> tokens)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && tokens[i].SpaceBefore)
            {
                sb.Append(' ');
            }

            sb.Append(tokens[i].Text);
        }

        return sb.ToString();
    }
}
