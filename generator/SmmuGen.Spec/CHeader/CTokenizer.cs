using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// Splits header text into C tokens and comments, each with its line and column (1-based,
/// a tab counts as one column, as in the YAML diagnostics). Backslash-newline joins lines;
/// comments are kept aside for documentation. Bad characters and unterminated comments or
/// literals are SMMUGEN040 at their start; the tokenizer always reaches the end.
/// </summary>
internal sealed class CTokenizer
{
    // Longest first, so "<<=" wins over "<<" and "<".
    private static readonly string[] Punctuators =
    {
        "...", "<<=", ">>=",
        "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
        "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?", ":", ";", "=", ",", "#",
    };

    private readonly CReaderContext _context;
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _column = 1;
    private bool _startsLine = true;
    private bool _space;

    private CTokenizer(CReaderContext context, string text)
    {
        _context = context;
        _text = text;
    }

    /// <summary>Tokens (ending with <see cref="CTokenKind.EndOfFile"/>) and comments of <paramref name="text"/>.</summary>
    public static (List<CToken> Tokens, List<CComment> Comments) Tokenize(CReaderContext context, string text)
    {
        var t = new CTokenizer(context, text);
        var tokens = new List<CToken>();
        var comments = new List<CComment>();
        while (true)
        {
            var token = t.Next(comments);
            tokens.Add(token);
            if (token.Kind == CTokenKind.EndOfFile)
            {
                return (tokens, comments);
            }
        }
    }

    /// <summary>Re-tokenizes the spelling of a pasted token (<c>##</c>); null unless it is exactly one token.</summary>
    public static CToken? Single(string text, SourceSpan at)
    {
        var context = new CReaderContext(at.File, text);
        var (tokens, comments) = Tokenize(context, text);
        if (context.Diagnostics.Count > 0 || comments.Count > 0 || tokens.Count != 2)
        {
            return null;
        }

        return tokens[0] with { Span = at, StartsLine = false, SpaceBefore = false };
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    /// <summary>A backslash, optional blanks, then a newline: the lines join. Returns false if not one.</summary>
    private bool TrySkipContinuation()
    {
        var i = _pos + 1;
        while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t' || _text[i] == '\r'))
        {
            i++;
        }

        if (i >= _text.Length || _text[i] != '\n')
        {
            return false;
        }

        while (_pos <= i)
        {
            Advance();
        }

        return true;
    }

    private CToken Next(List<CComment> comments)
    {
        _space = false;
        while (!AtEnd)
        {
            var c = Peek();
            if (c == '\n')
            {
                Advance();
                _startsLine = true;
                _space = true;
            }
            else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            {
                Advance();
                _space = true;
            }
            else if (c == '\\' && TrySkipContinuation())
            {
                _space = true;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                BlockComment(comments);
                _space = true;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                LineComment(comments);
                _space = true;
            }
            else
            {
                var token = Token();
                if (token is { } t)
                {
                    _startsLine = false;
                    return t;
                }
            }
        }

        return new CToken(CTokenKind.EndOfFile, string.Empty, _context.Span(_pos, 0, _line, _column), true, _space);
    }

    private void BlockComment(List<CComment> comments)
    {
        var (start, line, column) = (_pos, _line, _column);
        Advance();
        Advance();
        while (!AtEnd && !(Peek() == '*' && Peek(1) == '/'))
        {
            Advance();
        }

        if (AtEnd)
        {
            _context.Report(SpecRules.CSyntax, _context.Span(start, 2, line, column), "unterminated comment: '/*' without a closing '*/'");
            return;
        }

        Advance();
        Advance();
        comments.Add(new CComment(_text.Substring(start, _pos - start), _context.Span(start, _pos - start, line, column), _line));
    }

    private void LineComment(List<CComment> comments)
    {
        var (start, line, column) = (_pos, _line, _column);
        while (!AtEnd && Peek() != '\n')
        {
            Advance();
        }

        comments.Add(new CComment(_text.Substring(start, _pos - start), _context.Span(start, _pos - start, line, column), line));
    }

    private CToken? Token()
    {
        var (start, line, column) = (_pos, _line, _column);
        var c = Peek();
        CTokenKind kind;
        if (IsIdentifierStart(c))
        {
            while (!AtEnd && IsIdentifierPart(Peek()))
            {
                Advance();
            }

            // L'x', u8"x" and friends: the prefix belongs to the literal.
            var word = _text.Substring(start, _pos - start);
            if ((Peek() == '\'' || Peek() == '"') && (word == "L" || word == "u" || word == "U" || word == "u8"))
            {
                return Literal(start, line, column, Peek());
            }

            kind = CTokenKind.Identifier;
        }
        else if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
        {
            // A preprocessing number: digits, letters, '_', '.', and a sign after an exponent letter.
            Advance();
            while (!AtEnd)
            {
                var p = Peek();
                if ((p == '+' || p == '-') && "eEpP".IndexOf(_text[_pos - 1]) >= 0)
                {
                    Advance();
                }
                else if (IsIdentifierPart(p) || p == '.')
                {
                    Advance();
                }
                else
                {
                    break;
                }
            }

            kind = CTokenKind.Number;
        }
        else if (c == '\'' || c == '"')
        {
            return Literal(start, line, column, c);
        }
        else
        {
            var punctuator = MatchPunctuator();
            if (punctuator is null)
            {
                var shown = c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";
                _context.Report(SpecRules.CSyntax, _context.Span(start, 1, line, column), $"unexpected character {shown}");
                Advance();
                return null;
            }

            foreach (var _ in punctuator)
            {
                Advance();
            }

            kind = CTokenKind.Punctuator;
        }

        return Make(kind, start, line, column);
    }

    private CToken? Literal(int start, int line, int column, char quote)
    {
        Advance(); // the opening quote
        while (true)
        {
            if (AtEnd || Peek() == '\n')
            {
                var what = quote == '\'' ? "character constant" : "string literal";
                _context.Report(SpecRules.CSyntax, _context.Span(start, _pos - start, line, column), $"unterminated {what}: no closing {quote} on this line");
                return null;
            }

            var c = Peek();
            if (c == '\\')
            {
                if (!TrySkipContinuation())
                {
                    Advance();
                    if (!AtEnd && Peek() != '\n')
                    {
                        Advance();
                    }
                }

                continue;
            }

            Advance();
            if (c == quote)
            {
                break;
            }
        }

        return Make(quote == '\'' ? CTokenKind.CharLiteral : CTokenKind.StringLiteral, start, line, column);
    }

    private CToken Make(CTokenKind kind, int start, int line, int column)
    {
        // A continuation inside a token is rare; its spelling drops the joined line break.
        var text = _text.Substring(start, _pos - start);
        if (text.IndexOf('\n') >= 0)
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, "\\\\[ \\t\\r]*\\n", string.Empty);
        }

        return new CToken(kind, text, _context.Span(start, _pos - start, line, column), _startsLine, _space);
    }

    private string? MatchPunctuator()
    {
        foreach (var p in Punctuators)
        {
            if (string.CompareOrdinal(_text, _pos, p, 0, p.Length) == 0)
            {
                return p;
            }
        }

        return null;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);
}
