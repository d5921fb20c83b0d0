using System.Globalization;
using System.Linq;
using SmmuGen.Generator.Model;

namespace SmmuGen.Generator.Emitting;

/// <summary>
/// Emits a spec's ioctls (<c>&lt;Name&gt;Ioctls</c>: one <c>uint</c> constant per ioctl under its C
/// name, and metadata) and its C constants (<c>&lt;Name&gt;Constants</c>).
/// </summary>
internal static class IoctlEmitter
{
    private const string Ns = "global::SmmuGen.";

    public static string IoctlsTypeName(SpecGenerationSpec spec) => spec.Name + "Ioctls";

    public static string ConstantsTypeName(SpecGenerationSpec spec) => spec.Name + "Constants";

    public static string EmitIoctls(SpecGenerationSpec spec)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        w.Doc($"The ioctls of {spec.Name}: request numbers under their C names, and metadata.", "Numbers are Linux's _IOC encoding on x86_64 and arm64: direction in bits 31:30, argument size in 29:16 (0 for _IO), type in 15:8, number in 7:0.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public static partial class {IoctlsTypeName(spec)}");
        foreach (var i in spec.Uapi.Ioctls)
        {
            var macro = i.Direction switch
            {
                "Write" => "_IOW",
                "Read" => "_IOR",
                "ReadWrite" => "_IOWR",
                _ => "_IO",
            };
            var args = $"0x{i.Type:X2}, 0x{i.Nr:X2}" + (macro == "_IO" || i.StructTypeName is null ? string.Empty : $", {i.StructTypeName}");
            w.Doc(
                $"{i.Name} = {macro}({args})" + (i.Doc is null ? "." : ": " + SourceWriter.Escape(i.Doc)),
                RegisterEmitter.Remarks(null, i.Since, i.StructTypeName is null ? null : $"Argument: <see cref=\"{i.StructTypeName}\"/>, at least {i.MinSize} bytes."));
            w.Line($"public const uint {i.Name} = 0x{i.Number.ToString("X", CultureInfo.InvariantCulture)};").Line();
        }

        w.Doc("Every ioctl, in spec order.");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Ns}IoctlInfo> All {{ get; }} = global::System.Array.AsReadOnly(new {Ns}IoctlInfo[]");
        w.Line("{").Indent();
        foreach (var i in spec.Uapi.Ioctls)
        {
            var info = i.StructTypeName is null ? "null" : $"{i.StructTypeName}.Info";
            w.Line($"new({SourceWriter.Literal(i.Name)}, {i.Name}, {Ns}IoctlDirection.{i.Direction}, 0x{i.Type:X2}, 0x{i.Nr:X2}, {info}, {i.MinSize}, {SourceWriter.Literal(i.Doc)}, {SourceWriter.Literal(i.Since)}),");
        }

        w.Close(");");
        w.Line();
        w.Doc("The ioctl with request number <paramref name=\"number\"/>, or null.");
        w.Open($"public static {Ns}IoctlInfo? Find(uint number)");
        w.Open("foreach (var i in All)");
        w.Open("if (i.Number == number)");
        w.Line("return i;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return null;");
        w.Close();
        w.Line();
        w.Doc("The ioctl with C name <paramref name=\"name\"/> (e.g. <c>IOMMU_HWPT_ALLOC</c>), or null.");
        w.Open($"public static {Ns}IoctlInfo? FindByName(string name)");
        w.Open("foreach (var i in All)");
        w.Open("if (i.Name == name)");
        w.Line("return i;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return null;");
        w.Close();
        w.Close();
        return w.ToString();
    }

    public static string EmitConstants(SpecGenerationSpec spec)
    {
        var w = new SourceWriter();
        Header.Write(w, spec);
        w.Doc($"The C constants of {spec.Name}, under their C names.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public static partial class {ConstantsTypeName(spec)}");
        foreach (var c in spec.Uapi.Constants.Select((c, i) => (c, i)))
        {
            if (c.i > 0)
            {
                w.Line();
            }

            w.Doc($"{c.c.Name}" + (c.c.Doc is null ? "." : ": " + SourceWriter.Escape(c.c.Doc)), RegisterEmitter.Remarks(null, c.c.Since, null));
            w.Line($"public const {c.c.CSharpType} {c.c.Name} = {SourceWriter.Hex(c.c.Value, c.c.CSharpType)};");
        }

        w.Close();
        return w.ToString();
    }
}
