using System;
using System.Globalization;
using System.Text;

namespace SmmuGen;

/// <summary>Renders records for people: every non-zero field, enum values by name.</summary>
public static class RecordFormat
{
    /// <summary><c>CMD_SYNC { OPCODE=CMD_SYNC, CS=SIG_IRQ, MSIAddress=0x8000 }</c>.</summary>
    public static string Format(RecordInfo info, ReadOnlySpan<ulong> words)
    {
        ArgumentNullException.ThrowIfNull(info);
        var sb = new StringBuilder();
        sb.Append(info.Name).Append(" {");
        var first = true;
        foreach (var f in info.Fields)
        {
            if (f.Access is FieldAccess.Res0 or FieldAccess.Res1)
            {
                continue;
            }

            var value = f.ExtractFrom(words);
            if (value == 0)
            {
                continue;
            }

            sb.Append(first ? " " : ", ").Append(f.Name).Append('=').Append(RegisterFormat.FormatValue(f, value));
            first = false;
        }

        return sb.Append(first ? "}" : " }").ToString();
    }

    /// <summary>The words as hex, lowest first: <c>0x0000000000000003 0x0000000000000000</c>.</summary>
    public static string Words(ReadOnlySpan<ulong> words)
    {
        var sb = new StringBuilder();
        foreach (var w in words)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append("0x").Append(w.ToString("X16", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
