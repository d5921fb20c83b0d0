using System.Globalization;
using SmmuGen.Generator.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>
/// Emits a C enum of the uAPI: members named without the enum's prefix, <c>[Flags]</c> for bit
/// flags, each member's C name in <c>[CName]</c>. Open, like every generated enum: a value the
/// kernel adds later is still representable.
/// </summary>
internal static class CEnumEmitter
{
    public static string Emit(SpecGenerationSpec spec, StructEnumGenerationSpec e)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        w.Doc(
            $"enum {e.Name}" + (e.Doc is null ? "." : ": " + SourceWriter.Escape(e.Doc)),
            RegisterEmitter.Remarks(null, e.Since, e.IsFlags ? "Bit flags; open: values without a name are representable." : "Open: values without a name are representable."));
        if (e.IsFlags)
        {
            w.Line("[global::System.Flags]");
        }

        w.Line(Header.GeneratedCodeAttribute);
        w.Line($"[global::SmmuGen.CName({SourceWriter.Literal(e.Name)})]");
        w.Open($"public enum {e.TypeName} : {e.UnderlyingType}");
        for (var i = 0; i < e.Values.Count; i++)
        {
            var v = e.Values[i];
            if (i > 0)
            {
                w.Line();
            }

            w.Doc($"{v.CName}" + (v.Doc is null ? $" ({v.Value.ToString(CultureInfo.InvariantCulture)})." : ": " + SourceWriter.Escape(v.Doc)), v.Since is null ? null : $"Since version {SourceWriter.Escape(v.Since)}.");
            w.Line($"[global::SmmuGen.CName({SourceWriter.Literal(v.CName)})]");
            w.Line($"{v.MemberName} = {Value(v.Value, e.UnderlyingType)},");
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>A literal of the underlying type; a signed type takes values past its maximum as C does (two's complement).</summary>
    private static string Value(ulong value, string type) => type switch
    {
        "sbyte" or "short" or "int" or "long" => $"unchecked(({type})0x{value.ToString("X", CultureInfo.InvariantCulture)}UL)",
        _ => SourceWriter.Hex(value, type),
    };
}
