using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// Turns the header's object-like macros into constants and ioctls, once the whole header is
/// read: a macro body is expanded where it is used, so it may name enumerators and structs
/// declared after it (<c>_IO(IOMMUFD_TYPE, IOMMUFD_CMD_DESTROY)</c>). Everything else a macro can
/// be (function-like, a string, a name from another header) is recorded as a fact.
/// </summary>
internal sealed class CDefineEvaluator
{
    private readonly CReaderContext _context;
    private readonly CPreprocessorOutput _preprocessed;
    private readonly CDeclarationParser _scope;
    private readonly CDocComments _docs;

    public CDefineEvaluator(CReaderContext context, CPreprocessorOutput preprocessed, CDeclarationParser scope, CDocComments docs)
    {
        _context = context;
        _preprocessed = preprocessed;
        _scope = scope;
        _docs = docs;
    }

    public List<ConstantSpec> Constants { get; } = new();

    public List<IoctlSpec> Ioctls { get; } = new();

    /// <summary>Ioctls whose payload is not a struct of this header: the model keeps their direction but names no struct.</summary>
    public HashSet<string> ScalarPayloads { get; } = new();

    public void Run()
    {
        foreach (var define in _preprocessed.Defines)
        {
            var m = define.Macro;
            if (m.Name == _context.Facts.IncludeGuard)
            {
                continue;
            }

            if (m.IsFunctionLike)
            {
                _context.Facts.OtherMacros.Add(new CMacroFact(m.Name, m.BodyText, "a function-like macro", m.Span));
                continue;
            }

            if (m.Body.Count == 0)
            {
                _context.Facts.OtherMacros.Add(new CMacroFact(m.Name, string.Empty, "defined empty", m.Span));
                continue;
            }

            var doc = _docs.Before(define.Directive) ?? _docs.After(define.EndOffset, define.EndLine);

            // C expands a macro only where it is used: trouble inside a body is no error of the
            // header, so expansion diagnostics go to a scratch context.
            var expander = new CMacroExpander(_preprocessed.Macros, new CReaderContext(_context.File, _context.Text));
            var form = CIoctlForm.TryMatch(m.Body) ?? CIoctlForm.TryMatch(expander.Expand(m.Body));
            if (form is not null)
            {
                Ioctl(m, form, doc, expander);
            }
            else
            {
                Constant(m, doc, expander);
            }
        }
    }

    private void Constant(CMacro m, string? doc, CMacroExpander expander)
    {
        var expanded = expander.Expand(m.Body);
        var result = CExpressionEvaluator.Evaluate(expanded, _scope, m.Span);
        if (result.Value is { } value)
        {
            Constants.Add(new ConstantSpec(m.Name, value.Bits, doc, null, m.Span));
            return;
        }

        if (expanded.All(t => t.Kind == CTokenKind.StringLiteral))
        {
            _context.Facts.OtherMacros.Add(new CMacroFact(m.Name, m.BodyText, "a string", m.Span));
            return;
        }

        var reason = result.UndefinedName is { } undefined
            ? $"'{undefined}' is not defined in this header (an #include is never followed)"
            : result.Error ?? "not an integer constant expression";
        _context.Facts.OtherMacros.Add(new CMacroFact(m.Name, m.BodyText, reason, m.Span));
        _context.Report(SpecRules.CApproximated, m.Span, $"macro {m.Name} ('{m.BodyText}') is not a constant the reader can evaluate, so it is left out: {reason}");
    }

    private void Ioctl(CMacro m, CIoctlForm form, string? doc, CMacroExpander expander)
    {
        var type = CExpressionEvaluator.Evaluate(expander.Expand(form.Type), _scope, form.Macro.Span);
        var nr = CExpressionEvaluator.Evaluate(expander.Expand(form.Number), _scope, form.Macro.Span);
        foreach (var part in new[] { type, nr }.Where(r => r.Value is null))
        {
            if (part.UndefinedName is { } undefined)
            {
                _context.Facts.OtherMacros.Add(new CMacroFact(m.Name, m.BodyText, $"'{undefined}' is not defined in this header (an #include is never followed)", m.Span));
                _context.Report(SpecRules.CApproximated, part.ErrorSpan, $"ioctl {m.Name} is left out: '{undefined}' is not defined in this header (an #include is never followed)");
            }
            else if (!part.Cascaded)
            {
                _context.Report(SpecRules.CConstantExpression, part.ErrorSpan, $"ioctl {m.Name}: {part.Error}");
            }

            return;
        }

        if (type.Value!.Value.Bits > IoctlNumber.MaxTypeOrNumber || nr.Value!.Value.Bits > IoctlNumber.MaxTypeOrNumber)
        {
            _context.Report(SpecRules.CConstantExpression, form.Macro.Span, $"ioctl {m.Name}: type 0x{type.Value!.Value.Bits:x} and nr 0x{nr.Value!.Value.Bits:x} must each fit a byte");
            return;
        }

        if (form.Type.Count == 1 && form.Type[0].Kind == CTokenKind.Identifier && _preprocessed.Macros.ContainsKey(form.Type[0].Text))
        {
            _context.Facts.IoctlTypeConstants[m.Name] = form.Type[0].Text;
        }

        string? structName = null;
        var structSpan = m.Span;
        if (form.Payload is { } payload)
        {
            var tokens = expander.Expand(payload);
            structSpan = tokens.Count > 0 ? tokens[0].Span : m.Span;
            structName = PayloadStruct(tokens);
            if (structName is not null && _scope.Structs.All(x => x.Name != structName))
            {
                ScalarPayloads.Add(m.Name);
                _context.Report(SpecRules.CApproximated, structSpan, $"ioctl {m.Name}: struct {structName} is not defined in this header (an #include is never followed); the model keeps the ioctl's direction but links no struct, so its number's size bits are not compared");
                structName = null;
            }
            else if (structName is null)
            {
                ScalarPayloads.Add(m.Name);
                var spelled = CPreprocessor.Spell(tokens);
                var size = CExpressionEvaluator.Evaluate(new[] { new CToken(CTokenKind.Identifier, "sizeof", structSpan, false, false), new CToken(CTokenKind.Punctuator, "(", structSpan, false, false) }.Concat(tokens).Append(new CToken(CTokenKind.Punctuator, ")", structSpan, false, false)).ToList(), _scope, structSpan);
                var why = size.Value is { } bytes
                    ? $"its payload '{spelled}' ({bytes.Bits} bytes) is not a struct"
                    : size.UndefinedName is { } unknown ? $"its payload type '{unknown}' is not defined in this header (an #include is never followed)" : $"its payload '{spelled}' is not a struct";
                _context.Report(SpecRules.CApproximated, structSpan, $"ioctl {m.Name}: {why}; the model keeps its direction but links no struct, so its number's size bits are not compared");
            }
        }

        Ioctls.Add(new IoctlSpec(m.Name, type.Value!.Value.Bits, nr.Value!.Value.Bits, form.Direction, structName, null, doc, null, m.Span, structSpan));
    }

    /// <summary>The struct tag of an ioctl payload type (<c>struct x</c>, <c>union x</c>, a typedef of one), or null.</summary>
    private string? PayloadStruct(List<CToken> tokens)
    {
        var words = tokens.Where(t => !(t.Kind == CTokenKind.Identifier && CTypeNames.IsIgnorable(t.Text))).ToList();
        if (words.Count == 2 && (words[0].IsWord("struct") || words[0].IsWord("union")) && words[1].Kind == CTokenKind.Identifier)
        {
            return words[1].Text;
        }

        return words.Count == 1 && _scope.Typedef(words[0].Text) is { StructTag: { } tag, Count: 1 } ? tag : null;
    }
}
