using System.Collections.Generic;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// A macro body that is one ioctl number: <c>_IO(type, nr)</c>, <c>_IOR/_IOW/_IOWR(type, nr, payload)</c>,
/// possibly in parentheses. The arguments are kept as tokens, unexpanded, so the importer can
/// refer to the constant the type argument names.
/// </summary>
internal sealed record CIoctlForm(CToken Macro, IoctlDirection Direction, List<CToken> Type, List<CToken> Number, List<CToken>? Payload)
{
    public static CIoctlForm? TryMatch(IReadOnlyList<CToken> tokens)
    {
        int lo = 0, hi = tokens.Count;
        while (hi - lo >= 2 && tokens[lo].Is("(") && Closing(tokens, lo) == hi - 1)
        {
            lo++;
            hi--;
        }

        if (hi - lo < 4 || tokens[lo].Kind != CTokenKind.Identifier || !tokens[lo + 1].Is("(") || Closing(tokens, lo + 1) != hi - 1)
        {
            return null;
        }

        var direction = tokens[lo].Text switch
        {
            "_IO" => IoctlDirection.None,
            "_IOR" => IoctlDirection.Read,
            "_IOW" => IoctlDirection.Write,
            "_IOWR" => IoctlDirection.ReadWrite,
            _ => (IoctlDirection?)null,
        };
        if (direction is null)
        {
            return null;
        }

        var arguments = new List<List<CToken>> { new() };
        var depth = 0;
        for (var i = lo + 2; i < hi - 1; i++)
        {
            var t = tokens[i];
            depth += t.Is("(") ? 1 : t.Is(")") ? -1 : 0;
            if (t.Is(",") && depth == 0)
            {
                arguments.Add(new List<CToken>());
            }
            else
            {
                arguments[arguments.Count - 1].Add(t);
            }
        }

        var expected = direction == IoctlDirection.None ? 2 : 3;
        if (arguments.Count != expected || arguments.Exists(a => a.Count == 0))
        {
            return null;
        }

        return new CIoctlForm(tokens[lo], direction.Value, arguments[0], arguments[1], expected == 3 ? arguments[2] : null);
    }

    /// <summary>Index of the ')' matching the '(' at <paramref name="open"/>, or -1.</summary>
    private static int Closing(IReadOnlyList<CToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Is("(") ? 1 : tokens[i].Is(")") ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
