using System.Globalization;
using System.Text;

namespace SmmuGen;

/// <summary>Renders register values for people: every non-zero field, enum values by name.</summary>
public static class RegisterFormat
{
    /// <summary>
    /// <c>CR0 0x0000000D { SMMUEN=1, EVENTQEN=1, CMDQEN=1 }</c>; addresses print in hex in place,
    /// unnamed enum values print as numbers.
    /// </summary>
    public static string Format(RegisterInfo info, ulong bits)
    {
        System.ArgumentNullException.ThrowIfNull(info);
        var sb = new StringBuilder();
        sb.Append(info.Name).Append(" 0x").Append(bits.ToString(info.Width == 64 ? "X16" : "X8", CultureInfo.InvariantCulture)).Append(" {");
        var first = true;
        foreach (var f in info.Fields)
        {
            if (f.Access is FieldAccess.Res0 or FieldAccess.Res1)
            {
                continue;
            }

            var value = f.Extract(bits);
            if (value == 0)
            {
                continue;
            }

            sb.Append(first ? " " : ", ").Append(f.Name).Append('=').Append(FormatValue(f, value));
            first = false;
        }

        return sb.Append(first ? "}" : " }").ToString();
    }

    /// <summary>One field's value as <see cref="Format"/> prints it.</summary>
    public static string FormatValue(FieldInfo field, ulong value)
    {
        System.ArgumentNullException.ThrowIfNull(field);
        if (field.NameOf(value) is { } name)
        {
            return name;
        }

        if (field.IsAddress)
        {
            // In place within its 64-bit word: a record field at bits 115:68 holds address bits 51:4.
            return "0x" + (value << (field.Lsb % 64)).ToString("X", CultureInfo.InvariantCulture);
        }

        return value < 10 ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("X", CultureInfo.InvariantCulture);
    }
}
