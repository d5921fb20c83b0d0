using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// Expands macros the way the C preprocessor does (hide sets, arguments expanded before
/// substitution except next to <c>#</c> and <c>##</c>, rescanning). Expanded tokens carry the span
/// of the macro use, so a diagnostic points where the header uses the macro. The ioctl macros
/// <c>_IO</c>, <c>_IOR</c>, <c>_IOW</c> and <c>_IOWR</c> are never expanded: the evaluator knows them.
/// </summary>
internal sealed class CMacroExpander
{
    /// <summary>Bounds both recursion (arguments nest) and output, so hostile input cannot exhaust the stack or memory.</summary>
    private const int MaxDepth = 64;

    private const int MaxTokens = 100_000;

    private static readonly HashSet<string> Builtins = new(System.StringComparer.Ordinal) { "_IO", "_IOR", "_IOW", "_IOWR" };

    private readonly IReadOnlyDictionary<string, CMacro> _macros;
    private readonly CReaderContext _context;
    private int _depth;
    private int _produced;
    private bool _overflowReported;

    public CMacroExpander(IReadOnlyDictionary<string, CMacro> macros, CReaderContext context)
    {
        _macros = macros;
        _context = context;
    }

    /// <summary>The full expansion of <paramref name="tokens"/>.</summary>
    public List<CToken> Expand(IEnumerable<CToken> tokens)
    {
        _produced = 0;
        return ExpandEntries(tokens.Select(t => new Entry(t, CHideSet.Empty)).ToList()).Select(e => e.Token).ToList();
    }

    private readonly record struct Entry(CToken Token, CHideSet Hide);

    private List<Entry> ExpandEntries(List<Entry> input)
    {
        var output = new List<Entry>();
        if (++_depth > MaxDepth)
        {
            _depth--;
            ReportOverflow(input.Count > 0 ? input[0].Token.Span : SourceSpan.StartOf(_context.File), $"macro arguments nest deeper than {MaxDepth} levels");
            return input;
        }

        // Pending tokens, next one on top: a replacement is pushed back and rescanned with what follows.
        var pending = new Stack<Entry>();
        for (var i = input.Count - 1; i >= 0; i--)
        {
            pending.Push(input[i]);
        }

        while (pending.Count > 0)
        {
            var e = pending.Pop();
            var t = e.Token;
            if (_produced > MaxTokens)
            {
                ReportOverflow(t.Span, $"macro expansion produces more than {MaxTokens} tokens");
                output.Add(e);
                continue;
            }

            if (t.Kind != CTokenKind.Identifier || Builtins.Contains(t.Text) || e.Hide.Contains(t.Text) || !_macros.TryGetValue(t.Text, out var macro))
            {
                output.Add(e);
                continue;
            }

            List<Entry> replacement;
            if (!macro.IsFunctionLike)
            {
                replacement = Substitute(macro, null, e.Hide.With(macro.Name), t);
            }
            else if (pending.Count > 0 && pending.Peek().Token.Is("("))
            {
                var call = CollectArguments(pending, t);
                if (call is null)
                {
                    output.Add(e);
                    continue;
                }

                var (arguments, close) = call.Value;
                if (!ArityFits(macro, arguments, t))
                {
                    output.Add(e);
                    continue;
                }

                replacement = Substitute(macro, arguments, e.Hide.Intersect(close.Hide).With(macro.Name), t);
            }
            else
            {
                // A function-like macro name without '(' is an ordinary identifier.
                output.Add(e);
                continue;
            }

            _produced += replacement.Count;
            for (var i = replacement.Count - 1; i >= 0; i--)
            {
                pending.Push(replacement[i]);
            }
        }

        _depth--;
        return output;
    }

    private void ReportOverflow(SourceSpan span, string message)
    {
        if (!_overflowReported)
        {
            _overflowReported = true;
            _context.Report(SpecRules.CPreprocessor, span, message);
        }
    }

    /// <summary>Pops '(' … ')' off <paramref name="pending"/>; the arguments split at top-level commas. Null when unterminated.</summary>
    private (List<List<Entry>> Arguments, Entry Close)? CollectArguments(Stack<Entry> pending, CToken name)
    {
        var taken = new List<Entry> { pending.Pop() };
        var arguments = new List<List<Entry>> { new() };
        var depth = 0;
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            taken.Add(e);
            var t = e.Token;
            if (t.Is("("))
            {
                depth++;
            }
            else if (t.Is(")"))
            {
                if (depth == 0)
                {
                    return (arguments, e);
                }

                depth--;
            }
            else if (t.Is(",") && depth == 0)
            {
                arguments.Add(new List<Entry>());
                continue;
            }

            arguments[arguments.Count - 1].Add(e);
        }

        _context.Report(SpecRules.CPreprocessor, name.Span, $"unterminated call of macro {name.Text}: no ')' closes its arguments");

        // Give the tokens back so the caller sees the text as it was.
        for (var i = taken.Count - 1; i >= 0; i--)
        {
            pending.Push(taken[i]);
        }

        return null;
    }

    private bool ArityFits(CMacro macro, List<List<Entry>> arguments, CToken name)
    {
        var parameters = macro.Parameters!.Count;
        if (parameters == 0 && arguments.Count == 1 && arguments[0].Count == 0)
        {
            arguments.Clear();
            return true;
        }

        if (macro.IsVariadic && arguments.Count >= parameters - 1)
        {
            // Everything from the variadic parameter on, commas included, is one argument.
            if (arguments.Count > parameters)
            {
                var rest = new List<Entry>();
                for (var i = parameters - 1; i < arguments.Count; i++)
                {
                    if (i > parameters - 1)
                    {
                        rest.Add(new Entry(new CToken(CTokenKind.Punctuator, ",", name.Span, false, false), CHideSet.Empty));
                    }

                    rest.AddRange(arguments[i]);
                }

                arguments.RemoveRange(parameters - 1, arguments.Count - parameters + 1);
                arguments.Add(rest);
            }
            else if (arguments.Count == parameters - 1)
            {
                arguments.Add(new List<Entry>());
            }

            return true;
        }

        if (arguments.Count == parameters)
        {
            return true;
        }

        _context.Report(SpecRules.CPreprocessor, name.Span, $"macro {macro.Name} takes {parameters} argument{(parameters == 1 ? string.Empty : "s")}, but {arguments.Count} {(arguments.Count == 1 ? "is" : "are")} given");
        return false;
    }

    private List<Entry> Substitute(CMacro macro, List<List<Entry>>? arguments, CHideSet hide, CToken use)
    {
        var result = new List<Entry>();
        var body = macro.Body;
        int Parameter(CToken t) => arguments is null || t.Kind != CTokenKind.Identifier ? -1 : IndexOf(macro.Parameters!, t.Text);
        Entry FromBody(CToken t) => new(t with { Span = use.Span, StartsLine = false, SpaceBefore = t.SpaceBefore }, hide);
        List<Entry> Raw(int p) => arguments![p].Select(a => new Entry(a.Token, a.Hide.Union(hide))).ToList();

        for (var i = 0; i < body.Count; i++)
        {
            var t = body[i];
            if (arguments is not null && t.Is("#") && i + 1 < body.Count && Parameter(body[i + 1]) is var sp and >= 0)
            {
                result.Add(new Entry(new CToken(CTokenKind.StringLiteral, Stringize(arguments[sp]), use.Span, false, t.SpaceBefore), hide));
                i++;
                continue;
            }

            if (t.Is("##") && result.Count > 0 && i + 1 < body.Count)
            {
                var right = body[++i];
                var rp = Parameter(right);
                var rightTokens = rp >= 0 ? Raw(rp) : new List<Entry> { FromBody(right) };

                // GNU ", ## __VA_ARGS__": the comma goes when the variable arguments are empty, else stays.
                if (result[result.Count - 1].Token.Is(",") && macro.IsVariadic && rp == macro.Parameters!.Count - 1)
                {
                    if (rightTokens.Count == 0)
                    {
                        result.RemoveAt(result.Count - 1);
                    }
                    else
                    {
                        result.AddRange(ExpandEntries(rightTokens));
                    }

                    continue;
                }

                if (rightTokens.Count == 0)
                {
                    continue;
                }

                var left = result[result.Count - 1];
                var pasted = CTokenizer.Single(left.Token.Text + rightTokens[0].Token.Text, use.Span);
                if (pasted is { } p)
                {
                    result[result.Count - 1] = new Entry(p with { SpaceBefore = left.Token.SpaceBefore }, hide);
                }
                else
                {
                    _context.Report(SpecRules.CPreprocessor, use.Span, $"in macro {macro.Name}: pasting '{left.Token.Text}' and '{rightTokens[0].Token.Text}' does not give a valid token");
                    result.Add(rightTokens[0]);
                }

                result.AddRange(rightTokens.Skip(1));
                continue;
            }

            var parameter = Parameter(t);
            if (parameter >= 0)
            {
                // Next to ## the argument is pasted as written; elsewhere it is expanded first.
                var pastedNext = i + 1 < body.Count && body[i + 1].Is("##");
                var tokens = pastedNext ? Raw(parameter) : ExpandEntries(Raw(parameter));
                if (tokens.Count > 0)
                {
                    tokens[0] = tokens[0] with { Token = tokens[0].Token with { SpaceBefore = t.SpaceBefore } };
                }

                result.AddRange(tokens);
                continue;
            }

            result.Add(FromBody(t));
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> list, string name)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Stringize(List<Entry> argument)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < argument.Count; i++)
        {
            var t = argument[i].Token;
            if (i > 0 && t.SpaceBefore)
            {
                sb.Append(' ');
            }

            var text = t.Kind is CTokenKind.StringLiteral or CTokenKind.CharLiteral ? t.Text.Replace("\\", "\\\\").Replace("\"", "\\\"") : t.Text;
            sb.Append(text);
        }

        return sb.Append('"').ToString();
    }
}
