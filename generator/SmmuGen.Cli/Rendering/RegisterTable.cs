using System.Globalization;
using System.Linq;
using SmmuGen.Spec.Model;
using Spectre.Console;

namespace SmmuGen.Cli.Rendering;

/// <summary>A spec file's registers as a table, in page and offset order.</summary>
internal static class RegisterTable
{
    /// <param name="document">The compiled spec.</param>
    /// <param name="unicode">False draws ASCII borders (Spectre's square border has no ASCII fallback of its own).</param>
    public static Table Build(SpecDocument document, bool unicode)
    {
        var table = new Table()
            .Border(unicode ? TableBorder.Square : TableBorder.Ascii)
            .AddColumn("Register")
            .AddColumn(new TableColumn("Page").RightAligned())
            .AddColumn("Offset")
            .AddColumn(new TableColumn("Width").RightAligned())
            .AddColumn("Reset")
            .AddColumn("Access")
            .AddColumn("Fields");

        var registers = document.Registers
            .OrderBy(r => r.Page)
            .ThenBy(r => r.Offset)
            .ThenBy(r => r.Name, System.StringComparer.Ordinal);
        foreach (var register in registers)
        {
            table.AddRow(
                new Text(register.Name),
                new Text(register.Page.ToString(CultureInfo.InvariantCulture)),
                new Text(RegisterFormat.Offset(register.Offset)),
                new Text(register.Width.ToString(CultureInfo.InvariantCulture)),
                new Text(RegisterFormat.Reset(register.Reset)),
                new Text(RegisterFormat.Access(register)),
                new Text(register.Fields.Count == 0 ? "-" : string.Join(" ", RegisterFormat.Fields(register))));
        }

        return table;
    }
}
