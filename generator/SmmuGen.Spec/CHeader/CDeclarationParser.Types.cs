using System;
using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>Type specifiers, declarators, struct and union bodies, enums and attributes.</summary>
internal sealed partial class CDeclarationParser
{
    private enum Context
    {
        TopLevel,
        Typedef,
        Member,
    }

    /// <summary>What declaration specifiers gave: a type, or the members of an untagged struct or union.</summary>
    private sealed record Specifier(CTypeRef Type, SourceSpan TypeSpan, bool Defined = false, bool Declared = false, List<MemberSpec>? InlineMembers = null, bool IsUnion = false)
    {
        /// <summary>An untagged struct or union with a body, as a struct to be named (by a typedef).</summary>
        public StructSpec? AnonymousStruct => InlineMembers is null ? null
            : new StructSpec(string.Empty, null, InlineMembers.ToEquatableArray(), null, null, false, null, null, null, TypeSpan);
    }

    /// <summary>One declarator: the name, pointer-ness, array length (0 for a flexible array), function-ness.</summary>
    private sealed record DeclaratorInfo(CToken Name, bool Pointer, ulong? Count, bool Function, int End, int EndLine);

    /// <summary>Where members are parsed: the documenting kernel-doc, the member path so far, the body's extent.</summary>
    private sealed record MemberScope(string Owner, KernelDoc? Doc, string Path, int BodyStart, int BodyEnd);

    /// <summary>The member list being parsed, if any.</summary>
    private MemberScope? _scope;

    private Specifier Specifiers(Context context, string? owner)
    {
        var first = Current;
        var words = new List<string>();
        Specifier? specifier = null;
        while (!AtEnd)
        {
            var t = Current;
            if (t.Kind != CTokenKind.Identifier)
            {
                break;
            }

            if (CTypeNames.IsIgnorable(t.Text))
            {
                Take();
            }
            else if (TryAttribute(owner ?? "the declaration"))
            {
                // skipped; packed and aligned are recorded
            }
            else if (specifier is null && words.Count == 0 && (t.Text is "struct" or "union"))
            {
                specifier = StructOrUnion(context);
            }
            else if (specifier is null && words.Count == 0 && t.Text == "enum")
            {
                specifier = Enum(context);
            }
            else if (specifier is null && CTypeNames.IsTypeKeyword(t.Text))
            {
                words.Add(Take().Text);
            }
            else if (specifier is null && words.Count == 0 && CTypeNames.IsKernelScalar(t.Text))
            {
                specifier = new Specifier(new CTypeRef(Take().Text), t.Span);
            }
            else if (specifier is null && words.Count == 0 && _typedefs.TryGetValue(t.Text, out var typedef))
            {
                Take();
                specifier = new Specifier(typedef, t.Span);
            }
            else if (specifier is null && words.Count == 0 && (Peek(1).Kind == CTokenKind.Identifier || Peek(1).Is("*")))
            {
                // A type name this header does not define (from an include): kept as written, so the
                // layout reports it as an unknown C type where it is used.
                specifier = new Specifier(new CTypeRef(Take().Text), t.Span);
            }
            else
            {
                break;
            }
        }

        if (words.Count > 0)
        {
            // void *, float *: a pointer, whatever it points to (the declarator says so).
            // A file-scope declaration may be a function returning void; it is skipped whole anyway.
            var type = CTypeNames.FromKeywords(words, out var error)
                ?? (Current.Is("*") ? new CTypeRef("__u64", Note: "a pointer (8 bytes on LP64 only)") : null)
                ?? (context == Context.TopLevel && error!.Contains("no place") ? new CTypeRef(string.Join(" ", words)) : null)
                ?? throw new CParseException(first.Span, error!, error!.Contains("no place") ? SpecRules.CUnsupported : SpecRules.CSyntax);
            specifier = new Specifier(type, first.Span);
        }

        if (specifier is null && first.Kind == CTokenKind.Identifier)
        {
            throw new CParseException(first.Span, $"expected a type, found '{first.Text}', which this header does not define (an #include is never followed; a macro from one can be given with -D)");
        }

        return specifier ?? throw new CParseException(first.Span, $"expected a type, found {first}");
    }

    private Specifier StructOrUnion(Context context)
    {
        var keyword = Take();
        var isUnion = keyword.Text == "union";
        var early = TagAfterAttributes() is { } peeked ? $"{keyword.Text} {peeked}" : $"an anonymous {keyword.Text}";
        while (TryAttribute(early))
        {
        }

        CToken? tag = null;
        if (Current.Kind == CTokenKind.Identifier)
        {
            tag = Take();
        }

        var owner = tag is { } named ? $"{keyword.Text} {named.Text}" : $"an anonymous {keyword.Text}";
        while (TryAttribute(owner))
        {
        }

        if (!Current.Is("{"))
        {
            if (tag is null)
            {
                throw new CParseException(Current.Span, $"expected a tag or '{{' after '{keyword.Text}', found {Current}");
            }

            return new Specifier(new CTypeRef("struct " + tag.Value.Text), tag.Value.Span, Declared: Current.Is(";") && context == Context.TopLevel);
        }

        // An untagged body inside a struct is documented by the enclosing struct's kernel-doc.
        var doc = tag is { } documented ? _docs.For(keyword.Text, documented.Text) : _scope?.Doc;
        var scopeOwner = tag is null && _scope is { } outer ? outer.Owner : tag?.Text ?? owner;
        var members = MemberList(new MemberScope(scopeOwner, doc, string.Empty, Current.Span.Offset, MatchingBraceEnd()));
        while (TryAttribute(owner))
        {
        }

        if (tag is not { } t)
        {
            return new Specifier(new CTypeRef("struct ?"), keyword.Span, InlineMembers: members, IsUnion: isUnion);
        }

        var spec = new StructSpec(t.Text, null, members.ToEquatableArray(), null, null, false, doc?.Doc ?? _docs.Before(keyword), null, null, t.Span);
        AddStruct(spec, isUnion);
        return new Specifier(new CTypeRef("struct " + t.Text), t.Span, Defined: true);
    }

    /// <summary>The tag after any attributes at the current token (<c>struct __attribute__((packed)) tag</c>), or null.</summary>
    private string? TagAfterAttributes()
    {
        var i = _index;
        while (i < _tokens.Count && (_tokens[i].IsWord("__attribute__") || _tokens[i].IsWord("__attribute")))
        {
            var depth = 0;
            for (i++; i < _tokens.Count; i++)
            {
                depth += _tokens[i].Is("(") ? 1 : _tokens[i].Is(")") ? -1 : 0;
                if (depth == 0)
                {
                    i++;
                    break;
                }
            }
        }

        return i < _tokens.Count && _tokens[i].Kind == CTokenKind.Identifier ? _tokens[i].Text : null;
    }

    /// <summary>Adds a struct (a union as a struct around one anonymous union, which has its layout); a second definition is an error.</summary>
    private void AddStruct(StructSpec spec, bool isUnion)
    {
        if (_structsByTag.ContainsKey(spec.Name))
        {
            _context.Report(SpecRules.CSyntax, spec.Span, $"{(isUnion ? "union" : "struct")} {spec.Name} is defined twice (first at line {_structsByTag[spec.Name].Span.Line})");
            return;
        }

        if (isUnion)
        {
            var union = new MemberSpec(null, null, MemberKind.Union, null, null, null, false, null, false, null, spec.Members, null, null, spec.Span, spec.Span);
            spec = spec with { Members = new[] { union }.ToEquatableArray() };
            _context.Facts.Unions.Add(spec.Name);
        }

        var first = spec.Members.Count > 0 ? spec.Members[0] : null;
        spec = spec with { SizePrefixed = first is { Kind: MemberKind.Scalar, Name: "size", Type: "__u32", Count: null } };
        if (spec.Members.Count == 0)
        {
            _context.Report(SpecRules.CApproximated, spec.Span, $"struct {spec.Name} has no members (a GNU extension of size 0)");
        }

        _structsByTag[spec.Name] = spec;
        Structs.Add(spec);
    }

    /// <summary>Offset of the '}' that closes the '{' at the current token (or the end of input).</summary>
    private int MatchingBraceEnd()
    {
        var depth = 0;
        for (var i = _index; i < _tokens.Count; i++)
        {
            depth += _tokens[i].Is("{") ? 1 : _tokens[i].Is("}") ? -1 : 0;
            if (depth == 0)
            {
                return _tokens[i].Span.Offset;
            }
        }

        return int.MaxValue;
    }

    private List<MemberSpec> MemberList(MemberScope scope)
    {
        if (++_nesting > MaxNesting)
        {
            _nesting--;
            throw new CParseException(Current.Span, $"structs and unions nest deeper than {MaxNesting} levels", SpecRules.CUnsupported);
        }

        var outerScope = _scope;
        _scope = scope;
        try
        {
            Expect("{", "to open the member list");
            var members = new List<MemberSpec>();
            while (!AtEnd && !Current.Is("}"))
            {
                var start = _index;
                try
                {
                    MemberDeclaration(members, scope);
                }
                catch (CParseException ex)
                {
                    _context.Report(ex.Rule, ex.Span, ex.Message);
                    RecoverInBody(start);
                }
            }

            Expect("}", "to close the member list");
            return members;
        }
        finally
        {
            _nesting--;
            _scope = outerScope;
        }
    }

    /// <summary>Skips past the next ';' of this body, or up to its closing '}'.</summary>
    private void RecoverInBody(int start)
    {
        if (_index == start && !Current.Is("}"))
        {
            Take();
        }

        var depth = 0;
        while (!AtEnd)
        {
            var t = Current;
            if (depth == 0 && t.Is("}"))
            {
                return;
            }

            Take();
            if (t.Is("{") || t.Is("(") || t.Is("["))
            {
                depth++;
            }
            else if (t.Is("}") || t.Is(")") || t.Is("]"))
            {
                depth--;
            }
            else if (t.Is(";") && depth <= 0)
            {
                return;
            }
        }
    }

    private void MemberDeclaration(List<MemberSpec> members, MemberScope scope)
    {
        var first = Current;
        if (first.Is(";"))
        {
            Take();
            return;
        }

        if (first.IsWord("_Static_assert") || first.IsWord("static_assert"))
        {
            // The struct is incomplete here, so its own sizeof cannot be asked; the assertion is dropped.
            Take();
            Expect("(", $"after {first.Text}");
            UntilTopLevel(")");
            Expect(")", $"to close {first.Text}");
            Expect(";", $"after {first.Text}(…)");
            return;
        }

        if (first.IsWord("__DECLARE_FLEX_ARRAY") && Peek(1).Is("("))
        {
            FlexArrayMacro(members, scope);
            return;
        }

        var specifier = Specifiers(Context.Member, $"{scope.Owner} member");
        if (Current.Is(";"))
        {
            Take();
            if (specifier.InlineMembers is { } inline)
            {
                // C11 anonymous struct or union: its members belong to the enclosing aggregate.
                members.Add(new MemberSpec(null, null, specifier.IsUnion ? MemberKind.Union : MemberKind.InlineStruct, null, null, null, false, null, false, null, inline.ToEquatableArray(), null, null, first.Span, first.Span));
            }
            else if (specifier.Defined)
            {
                _context.Report(SpecRules.CApproximated, first.Span, $"{scope.Owner}: a tagged struct or union defined inside declares no member here (only its tag, at file scope)");
            }
            else
            {
                throw new CParseException(first.Span, $"{scope.Owner}: this member declaration declares nothing (no member name)");
            }

            return;
        }

        var firstDeclarator = true;
        var declared = members.Count;
        while (true)
        {
            var d = Declarator(Context.Member, "member", scope.Owner);
            members.Add(Member(specifier, d, scope, firstDeclarator ? first : d.Name));
            firstDeclarator = false;
            if (!Current.Is(","))
            {
                break;
            }

            Take();
        }

        var semicolon = Expect(";", "after the member");

        // A comment after the ';' on the same line documents what the line declares.
        if (_docs.After(semicolon.End, semicolon.Span.Line) is { } trailing)
        {
            for (var i = declared; i < members.Count; i++)
            {
                members[i] = members[i].Doc is null ? members[i] with { Doc = trailing } : members[i];
            }
        }
    }

    private MemberSpec Member(Specifier specifier, DeclaratorInfo d, MemberScope scope, CToken docAnchor)
    {
        var name = d.Name.Text;
        var path = scope.Path + name;
        if (d.Function)
        {
            throw new CParseException(d.Name.Span, $"{scope.Owner}: member {name} is declared as a function", SpecRules.CUnsupported);
        }

        var doc = _docs.Member(scope.Doc, path, scope.BodyStart, scope.BodyEnd)
            ?? (path != name ? _docs.Member(scope.Doc, name, scope.BodyStart, scope.BodyEnd) : null)
            ?? _docs.Before(docAnchor)
            ?? _docs.After(d.End, d.EndLine);
        var reserved = CTypeNames.IsReservedName(name);
        if (specifier.InlineMembers is { } inline)
        {
            if (d.Pointer || d.Count is not null)
            {
                throw new CParseException(d.Name.Span, $"{scope.Owner}: member {name} is an array of (or pointer to) an inline {(specifier.IsUnion ? "union" : "struct")}; declare a tagged struct and use an array of it", SpecRules.CUnsupported);
            }

            // Kernel-doc may document them as @name.member, which is known only now.
            var nested = inline.Select(m => m.Doc is null && m.Name is { } inner
                ? m with { Doc = _docs.Member(scope.Doc, path + "." + inner, scope.BodyStart, scope.BodyEnd) }
                : m).ToEquatableArray();
            return new MemberSpec(name, null, specifier.IsUnion ? MemberKind.Union : MemberKind.InlineStruct, null, null, null, reserved, null, false, null, nested, doc, null, d.Name.Span, specifier.TypeSpan);
        }

        var type = specifier.Type;
        if (d.Pointer)
        {
            type = new CTypeRef("__u64", Note: "a pointer (8 bytes on LP64 only)");
        }

        if (type.Note is { } note)
        {
            _context.Report(SpecRules.CApproximated, d.Pointer ? d.Name.Span : specifier.TypeSpan, $"{scope.Owner}: member {name}: {note}; uAPI structs use the fixed-width kernel types (__u64, __aligned_u64)");
        }

        var count = d.Count is { } c ? c * type.Count : type.Count;
        if (count > int.MaxValue)
        {
            throw new CParseException(d.Name.Span, $"{scope.Owner}: member {name} has {count} elements, more than the model holds", SpecRules.CUnsupported);
        }

        if (count == 0)
        {
            _context.Facts.FlexibleArrays.Add(new CFlexibleArray(scope.Owner, path, type.Type, d.Name.Span));
        }

        var hasCount = d.Count is not null || type.Count != 1;
        var kind = type.StructTag is not null ? MemberKind.Struct : MemberKind.Scalar;
        return new MemberSpec(name, null, kind, type.Type, hasCount ? (int)count : null, null, reserved, type.EnumName, false, null, EquatableArray<MemberSpec>.Empty, doc, null, d.Name.Span, specifier.TypeSpan);
    }

    private void FlexArrayMacro(List<MemberSpec> members, MemberScope scope)
    {
        var macro = Take();
        Expect("(", $"after {macro.Text}");
        var specifier = Specifiers(Context.Member, $"{scope.Owner} member");
        Expect(",", $"between the type and the name in {macro.Text}");
        var name = ExpectIdentifier($"the member name in {macro.Text}");
        Expect(")", $"to close {macro.Text}");
        Expect(";", $"after {macro.Text}(…)");
        var d = new DeclaratorInfo(name, false, 0, false, name.End, name.Span.Line);
        members.Add(Member(specifier, d, scope, macro));
    }

    private DeclaratorInfo Declarator(Context context, string what, string? owner = null)
    {
        var pointer = false;
        while (Current.Is("*") || (Current.Kind == CTokenKind.Identifier && CTypeNames.IsIgnorable(Current.Text)))
        {
            pointer |= Take().Is("*");
        }

        while (TryAttribute(owner is null ? what : $"{owner} member"))
        {
        }

        if (Current.Is("("))
        {
            throw new CParseException(Current.Span, $"a parenthesized declarator (such as a function pointer) in a {what} is not supported; uAPI structs carry pointers as __aligned_u64", SpecRules.CUnsupported);
        }

        if (context == Context.Member && Current.Is(":"))
        {
            throw new CParseException(Current.Span, "an unnamed bit-field (padding bits) has no portable layout; uAPI structs use whole __u8 … __u64 members", SpecRules.CUnsupported);
        }

        var name = ExpectIdentifier($"a name in the {what}");
        var attributeOwner = owner is null ? $"{what} {name.Text}" : $"{owner}.{name.Text}";
        while (TryAttribute(attributeOwner))
        {
        }

        ulong? count = null;
        var dimensions = 0;
        while (Current.Is("["))
        {
            var open = Take();
            ulong n;
            if (Current.Is("]"))
            {
                n = 0;
            }
            else
            {
                var expression = UntilTopLevel("]");
                var result = CExpressionEvaluator.Evaluate(expression, this, open.Span);
                if (result.Value is not { } value)
                {
                    var hint = result.UndefinedName is { } undefined ? $" (an #include is never followed; give it with -D {undefined}=VALUE)" : string.Empty;
                    throw new CParseException(result.ErrorSpan, $"array length of {name.Text}: {result.Error}{hint}", SpecRules.CConstantExpression);
                }

                if (value.Signed < 0 && !value.Unsigned)
                {
                    throw new CParseException(open.Span, $"array {name.Text} has a negative length ({value})", SpecRules.CConstantExpression);
                }

                n = value.Bits;
            }

            Expect("]", $"to close the array length of {name.Text}");
            dimensions++;
            count = count is { } previous ? previous * n : n;
            if (dimensions == 2)
            {
                _context.Report(SpecRules.CApproximated, name.Span, $"{what} {name.Text} is a multi-dimensional array; the model holds it as one array of all its elements");
            }
        }

        var function = false;
        if (Current.Is("("))
        {
            function = true;
            Take();
            UntilTopLevel(")");
            Expect(")", "to close the parameter list");
        }

        if (Current.Is(":") && context == Context.Member)
        {
            throw new CParseException(Current.Span, $"{name.Text} is a bit-field, which has no portable layout; uAPI structs use whole __u8 … __u64 members and masks", SpecRules.CUnsupported);
        }

        while (TryAttribute(attributeOwner) || TryUnknownAttributeMacro(context, attributeOwner))
        {
        }

        var last = _tokens[Math.Max(0, _index - 1)];
        if (Current.Is("=") && context == Context.TopLevel)
        {
            Take();
            UntilTopLevel(",", ";");
        }

        return new DeclaratorInfo(name, pointer, count, function, last.End, last.Span.Line);
    }

    /// <summary>
    /// Skips one <c>__attribute__((…))</c> (or <c>__packed</c>, <c>__aligned(n)</c>, <c>_Alignas(n)</c>);
    /// records packed and aligned ones, which change layouts the engine does not model.
    /// </summary>
    private bool TryAttribute(string owner)
    {
        var t = Current;
        if (t.Kind != CTokenKind.Identifier)
        {
            return false;
        }

        if (t.Text is "__packed")
        {
            Take();
            NoteLayoutAttribute(owner, "packed", t.Span);
            return true;
        }

        if (t.Text is "__aligned" or "_Alignas" or "alignas" && Peek(1).Is("("))
        {
            Take();
            var open = Take();
            var inside = UntilTopLevel(")");
            Expect(")", $"to close {t.Text}(");
            NoteLayoutAttribute(owner, $"{t.Text}({CPreprocessor.Spell(inside)})", open.Span);
            return true;
        }

        if (t.Text is not ("__attribute__" or "__attribute"))
        {
            return false;
        }

        Take();
        Expect("(", "after __attribute__");
        Expect("(", "after __attribute__(");
        var tokens = UntilTopLevel(")");
        Expect(")", "to close __attribute__((");
        Expect(")", "to close __attribute__(");

        // Attributes are a comma-separated list; each is a word, possibly with arguments.
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && (tokens[i].Is("(") || tokens[i].Is(")")))
            {
                depth += tokens[i].Is("(") ? 1 : -1;
                continue;
            }

            if (i == tokens.Count || (tokens[i].Is(",") && depth == 0))
            {
                var attribute = tokens.GetRange(start, i - start);
                if (attribute.Count > 0 && attribute[0].Text.Trim('_') is "packed" or "aligned")
                {
                    NoteLayoutAttribute(owner, CPreprocessor.Spell(attribute), attribute[0].Span);
                }

                start = i + 1;
            }
        }

        return true;
    }

    /// <summary>
    /// A name after a member's declarator (<c>__u64 x __SOME_ALIGN;</c>) is an attribute macro from
    /// an include that is never followed: skipped with a warning, since it may change the layout.
    /// </summary>
    private bool TryUnknownAttributeMacro(Context context, string owner)
    {
        var t = Current;
        if (context != Context.Member || t.Kind != CTokenKind.Identifier)
        {
            return false;
        }

        // A type name there is a missing ';' (a syntax error), not an attribute.
        if (t.Text is "struct" or "union" or "enum" || CTypeNames.IsTypeKeyword(t.Text) || CTypeNames.IsKernelScalar(t.Text) || _typedefs.ContainsKey(t.Text))
        {
            return false;
        }

        Take();
        if (Current.Is("("))
        {
            Take();
            UntilTopLevel(")");
            Expect(")", $"to close {t.Text}(");
        }

        _context.Report(SpecRules.CApproximated, t.Span, $"{owner}: '{t.Text}' is not defined in this header (an #include is never followed); read as an attribute and skipped, so the layout does not include what it may do");
        return true;
    }

    private void NoteLayoutAttribute(string owner, string attribute, SourceSpan span)
    {
        _context.Facts.LayoutAttributes.Add(new CLayoutAttribute(owner, attribute, span));
        _context.Report(SpecRules.CApproximated, span, $"{owner}: attribute {attribute} changes the C layout, and the layout engine does not model it; sizes and offsets are computed without it");
    }

    private Specifier Enum(Context context)
    {
        var keyword = Take();
        while (TryAttribute("enum"))
        {
        }

        CToken? tag = Current.Kind == CTokenKind.Identifier ? Take() : null;
        while (TryAttribute("enum"))
        {
        }

        if (Current.Is(":"))
        {
            throw new CParseException(Current.Span, "an enum with a fixed underlying type (C23) is not supported", SpecRules.CUnsupported);
        }

        if (!Current.Is("{"))
        {
            if (tag is not { } reference)
            {
                throw new CParseException(Current.Span, $"expected a tag or '{{' after 'enum', found {Current}");
            }

            if (!_enumsByTag.TryGetValue(reference.Text, out var known))
            {
                if (context == Context.TopLevel && Current.Is(";"))
                {
                    return new Specifier(new CTypeRef("__u32"), reference.Span, Declared: true);
                }

                throw new CParseException(reference.Span, $"enum {reference.Text} is not defined before this point, so its size is unknown", SpecRules.CUnsupported);
            }

            return new Specifier(EnumTypeOf(known), reference.Span);
        }

        var doc = tag is { } documented ? _docs.For("enum", documented.Text) : null;
        var parsed = new ParsedEnum(tag?.Text, tag?.Span ?? keyword.Span, doc?.Doc ?? _docs.Before(keyword));
        var bodyStart = Current.Span.Offset;
        var bodyEnd = MatchingBraceEnd();
        Take();
        CValue? previous = null;

        // After an enumerator whose value names something of another header, the implicit ones count from an unknown value.
        string? unknownFrom = null;
        while (!AtEnd && !Current.Is("}"))
        {
            var name = ExpectIdentifier("an enumerator name");
            while (TryAttribute($"enumerator {name.Text}"))
            {
            }

            CValue value;
            if (Current.Is("="))
            {
                var equals = Take();
                var expression = UntilTopLevel(",", "}");
                var result = CExpressionEvaluator.Evaluate(expression, this, equals.Span);
                if (result.Value is { } v)
                {
                    value = v;
                    unknownFrom = null;
                }
                else if (result.UndefinedName is { } undefined)
                {
                    _context.Report(SpecRules.CApproximated, result.ErrorSpan, $"enumerator {name.Text} is left out, with the ones after it that count from it: '{undefined}' is not defined in this header (an #include is never followed)");
                    unknownFrom = name.Text;
                    SkipEnumeratorSeparator(name);
                    continue;
                }
                else
                {
                    if (!result.Cascaded)
                    {
                        _context.Report(SpecRules.CConstantExpression, result.ErrorSpan, $"enumerator {name.Text}: {result.Error}");
                    }

                    value = Next(previous);
                }
            }
            else if (unknownFrom is not null)
            {
                SkipEnumeratorSeparator(name);
                continue;
            }
            else
            {
                value = Next(previous);
            }

            previous = value;
            if (_enumerators.ContainsKey(name.Text))
            {
                _context.Report(SpecRules.CSyntax, name.Span, $"enumerator {name.Text} is declared twice");
            }
            else
            {
                _enumerators[name.Text] = value;
            }

            parsed.Negative |= !value.Unsigned && value.Signed < 0;
            parsed.Wide |= value.Unsigned ? value.Bits > uint.MaxValue : value.Signed is > uint.MaxValue or < int.MinValue;
            var valueDoc = _docs.Member(doc, name.Text, bodyStart, bodyEnd) ?? _docs.Before(name);
            var end = _tokens[Math.Max(0, _index - 1)];
            if (Current.Is(","))
            {
                end = Take();
            }
            else if (!Current.Is("}"))
            {
                throw new CParseException(Current.Span, $"expected ',' or '}}' after enumerator {name.Text}, found {Current}");
            }

            valueDoc ??= _docs.After(end.End, end.Span.Line);
            parsed.Values.Add(new EnumValueSpec(name.Text, value.Bits, valueDoc, name.Span));
        }

        Expect("}", "to close the enum");
        Enums.Add(parsed);
        if (tag is { } t)
        {
            if (_enumsByTag.ContainsKey(t.Text))
            {
                _context.Report(SpecRules.CSyntax, t.Span, $"enum {t.Text} is defined twice");
            }
            else
            {
                _enumsByTag[t.Text] = parsed;
            }
        }

        return new Specifier(EnumTypeOf(parsed), parsed.Span, Defined: true);
    }

    private void SkipEnumeratorSeparator(CToken name)
    {
        if (Current.Is(","))
        {
            Take();
        }
        else if (!Current.Is("}"))
        {
            throw new CParseException(Current.Span, $"expected ',' or '}}' after enumerator {name.Text}, found {Current}");
        }
    }

    /// <summary>An enumerator without '=': one more than the previous (0 for the first).</summary>
    private static CValue Next(CValue? previous) =>
        previous is { } p ? CValue.Of(unchecked(p.Bits + 1), p.Unsigned, p.Wide) : CValue.Int(0);

    /// <summary>gcc's type for an enum: unsigned int unless a value is negative or needs 64 bits.</summary>
    private static CTypeRef EnumTypeOf(ParsedEnum e) =>
        new((e.Negative ? "__s" : "__u") + (e.Wide ? "64" : "32"), EnumName: e.Tag);
}
