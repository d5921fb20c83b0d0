using System;
using System.Collections.Generic;
using System.Globalization;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// Evaluates a C integer constant expression over macro-expanded tokens, with C's types reduced
/// to LP64 <c>int</c>/<c>long</c>, signed or unsigned (so <c>~0U</c>, <c>1ULL &lt;&lt; 40</c> and
/// <c>-1 &gt;&gt; 1</c> come out as gcc computes them). Knows <c>sizeof(type)</c>,
/// <c>offsetof</c>/<c>__builtin_offsetof</c>, casts, and the ioctl number macros <c>_IO</c>,
/// <c>_IOR</c>, <c>_IOW</c>, <c>_IOWR</c> (asm-generic encoding: nr in bits 7:0, type in 15:8,
/// size in 29:16, direction in 31:30).
/// </summary>
internal sealed class CExpressionEvaluator
{
    private const int MaxDepth = 256;

    private readonly IReadOnlyList<CToken> _tokens;
    private readonly ICConstantScope? _scope;
    private readonly bool _preprocessor;
    private readonly SourceSpan _end;
    private int _index;

    // Inside the unevaluated operand of && || ?: a division by zero is no error (C 6.6).
    private int _dead;

    private int _depth;

    private CExpressionEvaluator(IReadOnlyList<CToken> tokens, ICConstantScope? scope, bool preprocessor, SourceSpan end)
    {
        _tokens = tokens;
        _scope = scope;
        _preprocessor = preprocessor;
        _end = end;
    }

    /// <summary>
    /// Evaluates all of <paramref name="tokens"/>. In <paramref name="preprocessor"/> mode (an
    /// <c>#if</c>) an unknown identifier is 0; otherwise it is an error naming it.
    /// <paramref name="end"/> locates "expected more" errors.
    /// </summary>
    public static CEvaluation Evaluate(IReadOnlyList<CToken> tokens, ICConstantScope? scope, SourceSpan end, bool preprocessor = false)
    {
        var e = new CExpressionEvaluator(tokens, scope, preprocessor, end);
        try
        {
            if (tokens.Count == 0)
            {
                throw new CEvaluationException(end, "expected a constant expression, found nothing");
            }

            var value = e.Conditional();
            if (e._index < tokens.Count)
            {
                throw new CEvaluationException(tokens[e._index].Span, $"unexpected {tokens[e._index]} after the end of the expression");
            }

            return new CEvaluation(value, null, end, null);
        }
        catch (CEvaluationException ex)
        {
            return new CEvaluation(null, ex.Message, ex.Span, ex.UndefinedName, ex.Cascaded);
        }
    }

    /// <summary>Parses a C integer literal (<c>0x3b</c>, <c>0755</c>, <c>1ULL</c>, <c>0b101</c>) with its C type.</summary>
    public static CValue? ParseNumber(string text, out string? error)
    {
        error = null;
        var body = text;
        var suffixStart = body.Length;
        while (suffixStart > 0 && "uUlL".IndexOf(body[suffixStart - 1]) >= 0)
        {
            suffixStart--;
        }

        var suffix = body.Substring(suffixStart).ToLowerInvariant();
        body = body.Substring(0, suffixStart);
        if (suffix is not ("" or "u" or "l" or "ul" or "lu" or "ll" or "ull" or "llu"))
        {
            error = $"'{text}' has an invalid integer suffix";
            return null;
        }

        int radix;
        string digits;
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            (radix, digits) = (16, body.Substring(2));
        }
        else if (body.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            (radix, digits) = (2, body.Substring(2));
        }
        else if (body.Length > 1 && body[0] == '0')
        {
            (radix, digits) = (8, body.Substring(1));
        }
        else
        {
            (radix, digits) = (10, body);
        }

        if (digits.Length == 0)
        {
            error = $"'{text}' is not an integer constant";
            return null;
        }

        ulong value = 0;
        foreach (var c in digits)
        {
            var d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
            if (d >= radix)
            {
                error = text.IndexOf('.') >= 0 || (radix != 16 && text.IndexOfAny(new[] { 'e', 'E' }) >= 0)
                    ? $"'{text}' is a floating constant; only integer constants are supported"
                    : $"'{text}' is not an integer constant";
                return null;
            }

            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                error = $"integer constant '{text}' does not fit in 64 bits";
                return null;
            }

            value = (value * (ulong)radix) + (ulong)d;
        }

        // C11 6.4.4.1: the first type of the list that holds the value (LP64: long = long long).
        var unsigned = suffix.Contains("u");
        var wideSuffix = suffix.Contains("l");
        var decimalLiteral = radix == 10;
        if (!wideSuffix && !unsigned && value <= int.MaxValue)
        {
            return CValue.Of(value, false, false);
        }

        if (!wideSuffix && (unsigned || !decimalLiteral) && value <= uint.MaxValue)
        {
            return CValue.Of(value, true, false);
        }

        if (!unsigned && value <= long.MaxValue)
        {
            return CValue.Of(value, false, true);
        }

        return CValue.Of(value, true, true);
    }

    /// <summary>The value of a character constant (<c>';'</c>, <c>'\n'</c>, <c>'\x41'</c>), as gcc on x86_64 gives it.</summary>
    public static CValue? ParseChar(string text, out string? error)
    {
        error = null;
        var start = text.IndexOf('\'');
        var body = text.Substring(start + 1, text.Length - start - 2);
        var values = new List<long>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                values.Add(c);
                continue;
            }

            if (++i >= body.Length)
            {
                break;
            }

            var e = body[i];
            switch (e)
            {
                case 'n': values.Add('\n'); break;
                case 't': values.Add('\t'); break;
                case 'r': values.Add('\r'); break;
                case 'a': values.Add(7); break;
                case 'b': values.Add(8); break;
                case 'f': values.Add(12); break;
                case 'v': values.Add(11); break;
                case 'e': values.Add(27); break;
                case 'x':
                    long hex = 0;
                    var any = false;
                    while (i + 1 < body.Length && Uri.IsHexDigit(body[i + 1]))
                    {
                        hex = ((hex << 4) | (long)Convert.ToInt32(body[++i].ToString(), 16)) & 0xFFFF_FFFF;
                        any = true;
                    }

                    if (!any)
                    {
                        error = $"{text}: '\\x' without hex digits";
                        return null;
                    }

                    values.Add(hex);
                    break;
                case >= '0' and <= '7':
                    long oct = e - '0';
                    for (var n = 0; n < 2 && i + 1 < body.Length && body[i + 1] >= '0' && body[i + 1] <= '7'; n++)
                    {
                        oct = (oct << 3) | (long)(body[++i] - '0');
                    }

                    values.Add(oct);
                    break;
                default:
                    values.Add(e);
                    break;
            }
        }

        if (values.Count == 0)
        {
            error = $"empty character constant {text}";
            return null;
        }

        if (start > 0)
        {
            // L'x', u'x', U'x': the code of the one character.
            return CValue.Int(values[values.Count - 1]);
        }

        if (values.Count == 1)
        {
            // A plain char is signed on x86_64: '\xff' is -1.
            return CValue.Int((sbyte)(byte)(values[0] & 0xFF));
        }

        // A multi-character constant: gcc packs the bytes, first one highest.
        long packed = 0;
        foreach (var v in values)
        {
            packed = (packed << 8) | (v & 0xFF);
        }

        return CValue.Int((int)packed);
    }

    private CToken? Current => _index < _tokens.Count ? _tokens[_index] : null;

    private SourceSpan CurrentSpan => Current?.Span ?? _end;

    private bool At(string punctuator) => Current is { } t && t.Is(punctuator);

    private CToken Take() => _index < _tokens.Count ? _tokens[_index++] : throw new CEvaluationException(_end, "the expression ends too early");

    private void Expect(string punctuator, string what)
    {
        if (!At(punctuator))
        {
            throw new CEvaluationException(CurrentSpan, $"expected '{punctuator}' {what}, found {(Current is { } t ? t.ToString() : "the end of the expression")}");
        }

        _index++;
    }

    private CValue Fail(SourceSpan span, string message)
    {
        if (_dead > 0)
        {
            return CValue.Int(0);
        }

        throw new CEvaluationException(span, message);
    }

    private CValue Conditional()
    {
        // Deep nesting would overflow the stack, which no catch can stop.
        if (++_depth > MaxDepth)
        {
            throw new CEvaluationException(CurrentSpan, $"the expression nests deeper than {MaxDepth} levels");
        }

        try
        {
            return ConditionalBody();
        }
        finally
        {
            _depth--;
        }
    }

    private CValue ConditionalBody()
    {
        var condition = Binary(0);
        if (!At("?"))
        {
            return condition;
        }

        _index++;
        var pickFirst = !condition.IsZero;
        var first = Branch(!pickFirst, Conditional);
        Expect(":", "in a conditional expression");
        var second = Branch(pickFirst, Conditional);
        var (unsigned, wide) = CValue.Common(first, second);
        return (pickFirst ? first : second).As(unsigned, wide);
    }

    private CValue Branch(bool dead, Func<CValue> parse)
    {
        if (dead)
        {
            _dead++;
        }

        try
        {
            return parse();
        }
        finally
        {
            if (dead)
            {
                _dead--;
            }
        }
    }

    private static int Precedence(string op) => op switch
    {
        "||" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" or "!=" => 6,
        "<" or ">" or "<=" or ">=" => 7,
        "<<" or ">>" => 8,
        "+" or "-" => 9,
        "*" or "/" or "%" => 10,
        _ => -1,
    };

    private CValue Binary(int minimum)
    {
        var left = Unary();
        while (Current is { Kind: CTokenKind.Punctuator } op && Precedence(op.Text) > minimum)
        {
            var precedence = Precedence(op.Text);
            _index++;
            if (op.Text is "&&" or "||")
            {
                var decided = op.Text == "&&" ? left.IsZero : !left.IsZero;
                var right = Branch(decided, () => Binary(precedence));
                left = CValue.Int(op.Text == "&&" ? (!left.IsZero && !right.IsZero ? 1 : 0) : (!left.IsZero || !right.IsZero ? 1 : 0));
                continue;
            }

            left = Apply(op, left, Binary(precedence));
        }

        return left;
    }

    private CValue Apply(CToken op, CValue a, CValue b)
    {
        if (op.Text is "<<" or ">>")
        {
            var width = a.Wide ? 64 : 32;
            if (b.Signed < 0 || b.Signed >= width || (b.Unsigned && b.Bits >= (ulong)width))
            {
                return Fail(op.Span, $"shift count {b} is out of range for a {width}-bit {(a.Unsigned ? "unsigned" : "signed")} value");
            }

            var count = (int)b.Bits;
            if (op.Text == "<<")
            {
                return CValue.Of(a.Bits << count, a.Unsigned, a.Wide);
            }

            return a.Unsigned ? CValue.Of(a.Bits >> count, true, a.Wide) : CValue.Of((ulong)(a.Signed >> count), false, a.Wide);
        }

        var (unsigned, wide) = CValue.Common(a, b);
        var x = a.As(unsigned, wide);
        var y = b.As(unsigned, wide);
        bool Compare(Func<long, long, bool> signedCompare, Func<ulong, ulong, bool> unsignedCompare) =>
            unsigned ? unsignedCompare(x.Bits, y.Bits) : signedCompare(x.Signed, y.Signed);

        switch (op.Text)
        {
            case "*": return CValue.Of(unchecked(x.Bits * y.Bits), unsigned, wide);
            case "+": return CValue.Of(unchecked(x.Bits + y.Bits), unsigned, wide);
            case "-": return CValue.Of(unchecked(x.Bits - y.Bits), unsigned, wide);
            case "&": return CValue.Of(x.Bits & y.Bits, unsigned, wide);
            case "^": return CValue.Of(x.Bits ^ y.Bits, unsigned, wide);
            case "|": return CValue.Of(x.Bits | y.Bits, unsigned, wide);
            case "==": return CValue.Int(x.Bits == y.Bits ? 1 : 0);
            case "!=": return CValue.Int(x.Bits != y.Bits ? 1 : 0);
            case "<": return CValue.Int(Compare((p, q) => p < q, (p, q) => p < q) ? 1 : 0);
            case ">": return CValue.Int(Compare((p, q) => p > q, (p, q) => p > q) ? 1 : 0);
            case "<=": return CValue.Int(Compare((p, q) => p <= q, (p, q) => p <= q) ? 1 : 0);
            case ">=": return CValue.Int(Compare((p, q) => p >= q, (p, q) => p >= q) ? 1 : 0);
            case "/":
            case "%":
                if (y.IsZero)
                {
                    return Fail(op.Span, "division by zero in a constant expression");
                }

                if (unsigned)
                {
                    return CValue.Of(op.Text == "/" ? x.Bits / y.Bits : x.Bits % y.Bits, true, wide);
                }

                if (y.Signed == -1)
                {
                    // long.MinValue / -1 overflows; C wraps it on every target the kernel supports.
                    return CValue.Of(op.Text == "/" ? unchecked((ulong)(-x.Signed)) : 0, false, wide);
                }

                return CValue.Of((ulong)(op.Text == "/" ? x.Signed / y.Signed : x.Signed % y.Signed), false, wide);
            default:
                throw new CEvaluationException(op.Span, $"operator '{op.Text}' is not allowed in a constant expression");
        }
    }

    private CValue Unary()
    {
        if (++_depth > MaxDepth)
        {
            throw new CEvaluationException(CurrentSpan, $"the expression nests deeper than {MaxDepth} levels");
        }

        try
        {
            return UnaryBody();
        }
        finally
        {
            _depth--;
        }
    }

    private CValue UnaryBody()
    {
        var t = Current ?? throw new CEvaluationException(_end, "the expression ends too early");
        if (t.Kind == CTokenKind.Punctuator)
        {
            switch (t.Text)
            {
                case "-":
                    _index++;
                    var v = Unary();
                    return CValue.Of(unchecked(0UL - v.Bits), v.Unsigned, v.Wide);
                case "+":
                    _index++;
                    return Unary();
                case "~":
                    _index++;
                    var n = Unary();
                    return CValue.Of(~n.Bits, n.Unsigned, n.Wide);
                case "!":
                    _index++;
                    return CValue.Int(Unary().IsZero ? 1 : 0);
                case "(" when IsTypeNameStart(_index + 1):
                    _index++;
                    var type = TypeName();
                    Expect(")", "after the type of a cast");
                    var operand = Unary();
                    var size = SizeOf(type, t.Span);
                    return operand.As(!type.Type.StartsWith("__s", StringComparison.Ordinal), size > 4);
            }
        }

        return Primary();
    }

    private CValue Primary()
    {
        var t = Take();
        switch (t.Kind)
        {
            case CTokenKind.Number:
                return ParseNumber(t.Text, out var numberError) ?? throw new CEvaluationException(t.Span, numberError!);
            case CTokenKind.CharLiteral:
                return ParseChar(t.Text, out var charError) ?? throw new CEvaluationException(t.Span, charError!);
            case CTokenKind.StringLiteral:
                throw new CEvaluationException(t.Span, $"a string literal ({t.Text}) is not an integer constant");
            case CTokenKind.Punctuator when t.Text == "(":
                var inner = Conditional();
                Expect(")", "to close the parenthesis");
                return inner;
            case CTokenKind.Identifier:
                return Identifier(t);
            default:
                throw new CEvaluationException(t.Span, $"unexpected {t} in a constant expression");
        }
    }

    private CValue Identifier(CToken t)
    {
        switch (t.Text)
        {
            case "sizeof":
                return Sizeof(t);
            case "__builtin_offsetof":
            case "offsetof":
                return Offsetof(t);
            case "_IO":
            case "_IOR":
            case "_IOW":
            case "_IOWR":
                if (At("("))
                {
                    return Ioctl(t);
                }

                break;
        }

        if (_scope is not null && _scope.TryGetEnumerator(t.Text, out var value))
        {
            return value;
        }

        if (_preprocessor)
        {
            // In #if, an identifier that is not a macro is 0 (C 6.10.1).
            if (At("("))
            {
                throw new CEvaluationException(t.Span, $"'{t.Text}' is not a macro this header defines, so '{t.Text}(…)' cannot be evaluated in #if");
            }

            return CValue.Int(0);
        }

        if (_dead > 0)
        {
            return CValue.Int(0);
        }

        throw new CEvaluationException(t.Span, $"'{t.Text}' is not a constant, enumerator or macro defined before this point", t.Text);
    }

    private CValue Sizeof(CToken keyword)
    {
        if (!(At("(") && IsTypeNameStart(_index + 1)))
        {
            throw new CEvaluationException(keyword.Span, "only 'sizeof(type)' is supported, not sizeof of an expression");
        }

        _index++;
        var type = TypeName();
        Expect(")", "after the type in sizeof");
        return CValue.Of(SizeOf(type, keyword.Span), true, true);
    }

    private CValue Offsetof(CToken keyword)
    {
        Expect("(", $"after {keyword.Text}");
        var typeSpan = CurrentSpan;
        var type = TypeName();
        Expect(",", $"between the type and the member in {keyword.Text}");
        var path = new List<string>();
        var memberSpan = CurrentSpan;
        while (true)
        {
            var member = Take();
            if (member.Kind != CTokenKind.Identifier)
            {
                throw new CEvaluationException(member.Span, $"expected a member name in {keyword.Text}, found {member}");
            }

            path.Add(member.Text);
            if (!At("."))
            {
                break;
            }

            _index++;
        }

        Expect(")", $"to close {keyword.Text}");
        if (type.StructTag is not { } tag)
        {
            throw new CEvaluationException(typeSpan, $"{keyword.Text} needs a struct type, not {type.Type}");
        }

        string? error = null;
        var offset = _scope is null ? null : _scope.OffsetOf(tag, string.Join(".", path), out error);
        if (offset is { } o)
        {
            return CValue.Of(o, true, true);
        }

        return error is null && _scope is not null && _dead == 0
            ? throw new CEvaluationException(memberSpan, $"struct {tag} cannot be laid out (see its other diagnostics)", cascaded: true)
            : Fail(memberSpan, error ?? $"offsetof(struct {tag}, …) cannot be computed here");
    }

    private CValue Ioctl(CToken macro)
    {
        Expect("(", $"after {macro.Text}");
        var type = Conditional();
        Expect(",", $"after the type argument of {macro.Text}");
        var number = Conditional();
        ulong size = 0;
        var direction = macro.Text switch
        {
            "_IOR" => IoctlDirection.Read,
            "_IOW" => IoctlDirection.Write,
            "_IOWR" => IoctlDirection.ReadWrite,
            _ => IoctlDirection.None,
        };
        if (direction != IoctlDirection.None)
        {
            Expect(",", $"after the number argument of {macro.Text}");
            var typeSpan = CurrentSpan;
            if (!IsTypeNameStart(_index))
            {
                var unknown = Current is { Kind: CTokenKind.Identifier } u ? u.Text : null;
                throw new CEvaluationException(typeSpan, unknown is null
                    ? $"the third argument of {macro.Text} must be a type (struct NAME, __u32, …)"
                    : $"'{unknown}' is not a type this header defines", unknown);
            }

            size = SizeOf(TypeName(), typeSpan);
        }

        Expect(")", $"to close {macro.Text}");
        if (type.Bits > IoctlNumber.MaxTypeOrNumber || number.Bits > IoctlNumber.MaxTypeOrNumber || size > IoctlNumber.MaxSize)
        {
            return Fail(macro.Span, $"{macro.Text}: type 0x{type.Bits:x}, nr 0x{number.Bits:x} or size {size} does not fit the ioctl number (8, 8 and 14 bits)");
        }

        return CValue.Of(IoctlNumber.Encode(direction, type.Bits, number.Bits, size), true, false);
    }

    private ulong SizeOf(CTypeRef type, SourceSpan span)
    {
        string? error = null;
        var size = _scope is null ? null : _scope.SizeOf(type, out error);
        if (size is { } s)
        {
            return s;
        }

        if (error is null && _scope is not null && _dead == 0)
        {
            throw new CEvaluationException(span, $"{type.Type} cannot be laid out (see its other diagnostics)", cascaded: true);
        }

        Fail(span, error ?? $"sizeof({type.Type}) cannot be computed here");
        return 0;
    }

    /// <summary>True when the token at <paramref name="index"/> starts a type name (for casts and sizeof).</summary>
    private bool IsTypeNameStart(int index)
    {
        if (index >= _tokens.Count || _tokens[index].Kind != CTokenKind.Identifier)
        {
            return false;
        }

        var w = _tokens[index].Text;
        return w is "struct" or "union" or "enum"
            || CTypeNames.IsTypeKeyword(w)
            || CTypeNames.IsKernelScalar(w)
            || CTypeNames.IsIgnorable(w)
            || _scope?.Typedef(w) is not null;
    }

    private CTypeRef TypeName()
    {
        while (Current is { Kind: CTokenKind.Identifier } q && CTypeNames.IsIgnorable(q.Text))
        {
            _index++;
        }

        var t = Take();
        CTypeRef type;
        if (t.Text is "struct" or "union" or "enum")
        {
            var tag = Take();
            if (tag.Kind != CTokenKind.Identifier)
            {
                throw new CEvaluationException(tag.Span, $"expected a tag after '{t.Text}', found {tag}");
            }

            if (t.Text == "enum")
            {
                var e = _scope?.EnumType(tag.Text) ?? throw new CEvaluationException(tag.Span, $"enum {tag.Text} is not defined before this point");
                type = new CTypeRef((e.Signed ? "__s" : "__u") + (e.Size * 8).ToString(CultureInfo.InvariantCulture), EnumName: tag.Text);
            }
            else
            {
                type = new CTypeRef("struct " + tag.Text);
            }
        }
        else if (CTypeNames.IsTypeKeyword(t.Text))
        {
            var words = new List<string> { t.Text };
            while (Current is { Kind: CTokenKind.Identifier } k && (CTypeNames.IsTypeKeyword(k.Text) || CTypeNames.IsIgnorable(k.Text)))
            {
                if (CTypeNames.IsTypeKeyword(k.Text))
                {
                    words.Add(k.Text);
                }

                _index++;
            }

            type = CTypeNames.FromKeywords(words, out var error)
                ?? (At("*") ? new CTypeRef("__u64", Note: "a pointer (8 bytes on LP64)") : throw new CEvaluationException(t.Span, error!));
        }
        else if (CTypeNames.IsKernelScalar(t.Text))
        {
            type = new CTypeRef(t.Text);
        }
        else
        {
            type = _scope?.Typedef(t.Text) ?? throw new CEvaluationException(t.Span, $"'{t.Text}' is not a type", t.Text);
        }

        while (Current is { Kind: CTokenKind.Identifier } q2 && CTypeNames.IsIgnorable(q2.Text))
        {
            _index++;
        }

        if (At("*"))
        {
            while (At("*") || (Current is { Kind: CTokenKind.Identifier } q3 && CTypeNames.IsIgnorable(q3.Text)))
            {
                _index++;
            }

            type = new CTypeRef("__u64", Note: "a pointer (8 bytes on LP64)");
        }

        // An abstract array (sizeof(__u64[4]), _IOW(t, n, __u32[2])).
        while (At("["))
        {
            _index++;
            var length = Conditional();
            Expect("]", "to close the array length");
            type = type with { Count = type.Count * length.Bits };
        }

        return type;
    }
}
