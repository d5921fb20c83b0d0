using SmmuGen.Generator.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>
/// Emits a spec enum as a C# enum. C# enums are open: a value the spec does not name is still
/// representable and prints as a number, which is what hardware values need.
/// </summary>
internal static class EnumEmitter
{
    public static string Emit(SpecGenerationSpec spec, EnumGenerationSpec e)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        w.Doc(e.Doc is null ? $"Encodings of {e.Name}." : SourceWriter.Escape(e.Doc), "Open: values without a name are representable.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public enum {e.TypeName} : {e.UnderlyingType}");
        for (var i = 0; i < e.Values.Count; i++)
        {
            var v = e.Values[i];
            if (i > 0)
            {
                w.Line();
            }

            w.Doc(v.Doc is null ? $"{v.Name} ({v.Value})." : SourceWriter.Escape(v.Doc));
            w.Line($"{v.MemberName} = {SourceWriter.Hex(v.Value, e.UnderlyingType)},");
        }

        w.Close();
        return w.ToString();
    }
}
