using System.Linq;
using SmmuGen.Generator.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>Emits the register map of a spec: offset → metadata for every page, by switch, no reflection.</summary>
internal static class RegisterMapEmitter
{
    public static string Emit(SpecGenerationSpec spec)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        var name = TypeName(spec);
        w.Doc($"The register map of {spec.Name}: every register by page and offset, and by name.", spec.Doc is null ? null : SourceWriter.Escape(spec.Doc));
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public static partial class {name}");
        w.Doc("Bytes per register page.").Line($"public const ulong PageSize = {SourceWriter.Hex(spec.PageSize, "ulong")};").Line();
        w.Doc("Every register, in spec order.");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::SmmuGen.RegisterInfo> All { get; } = global::System.Array.AsReadOnly(new global::SmmuGen.RegisterInfo[]");
        w.Line("{").Indent();
        foreach (var r in spec.Registers)
        {
            w.Line($"{r.TypeName}.Info,");
        }

        w.Close(");");
        w.Line();

        w.Doc("The register at exactly <paramref name=\"page\"/> and <paramref name=\"offset\"/> (or an alias there), or null.");
        w.Open("public static global::SmmuGen.RegisterInfo? Find(int page, ulong offset) => (page, offset) switch");
        foreach (var r in spec.Registers)
        {
            w.Line($"({r.Page}, {SourceWriter.Hex(r.Offset, "ulong")}) => {r.TypeName}.Info,");
            foreach (var a in r.Aliases)
            {
                w.Line($"({a.Page}, {SourceWriter.Hex(a.Offset, "ulong")}) => {r.TypeName}.Info,");
            }
        }

        w.Line("_ => null,");
        w.Close(";");
        w.Line();

        w.Doc("The register that contains the byte at <paramref name=\"page\"/> and <paramref name=\"offset\"/> (e.g. the upper half of a 64-bit register), or null.");
        w.Open("public static global::SmmuGen.RegisterInfo? FindContaining(int page, ulong offset)");
        w.Open("foreach (var r in All)");
        w.Open("if (r.Page == page && offset >= r.Offset && offset < r.Offset + (ulong)(r.Width / 8))");
        w.Line("return r;");
        w.Close();
        w.Line();
        w.Open("foreach (var a in r.Aliases)");
        w.Open("if (a.Page == page && offset >= a.Offset && offset < a.Offset + (ulong)(r.Width / 8))");
        w.Line("return r;");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Line("return null;");
        w.Close();
        w.Line();

        w.Doc("The register with architecture name <paramref name=\"name\"/> (e.g. <c>CR0</c>), or null.");
        w.Open("public static global::SmmuGen.RegisterInfo? FindByName(string name) => name switch");
        foreach (var r in spec.Registers)
        {
            w.Line($"{SourceWriter.Literal(r.Name)} => {r.TypeName}.Info,");
        }

        w.Line("_ => null,");
        w.Close(";");
        w.Close();
        return w.ToString();
    }

    public static string TypeName(SpecGenerationSpec spec) => spec.Name + "RegisterMap";
}
