using System.Globalization;
using System.Text;

namespace SmmuGen.Generator.Emitting;

/// <summary>An indented text writer for generated C#: plain strings, no syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4);
        }

        _sb.Append(text).Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>
    /// Writes a &lt;summary&gt; (and optional &lt;remarks&gt;) doc comment. The text is XML: the
    /// emitters' own tags stay tags, and spec text must be passed through <see cref="Escape"/>.
    /// </summary>
    public SourceWriter Doc(string summary, string? remarks = null)
    {
        Line("/// <summary>");
        foreach (var line in summary.Trim().Replace("\r", string.Empty).Split('\n'))
        {
            Line("/// " + line.TrimEnd());
        }

        Line("/// </summary>");
        if (!string.IsNullOrEmpty(remarks))
        {
            Line("/// <remarks>");
            foreach (var line in remarks!.Trim().Replace("\r", string.Empty).Split('\n'))
            {
                Line("/// " + line.TrimEnd());
            }

            Line("/// </remarks>");
        }

        return this;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>Spec text made safe inside an XML doc comment.</summary>
    public static string Escape(string text) => text.Trim().Replace("\r", string.Empty).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A hex literal of the given C# unsigned type (<c>0x1Fu</c>, <c>0x1FUL</c>).</summary>
    public static string Hex(ulong value, string type) => "0x" + value.ToString("X", CultureInfo.InvariantCulture) + (type == "ulong" ? "UL" : type == "uint" ? "u" : string.Empty);
}
