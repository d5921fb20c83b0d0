using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Emit;

/// <summary>
/// Writes the C side of a spec document (constants, enums, structs, ioctls) as a spec file in the
/// style of <c>spec/iommufd/iommufd.yaml</c>: block mappings, one flow mapping per member without
/// a doc, long docs folded. Deterministic: the same document gives the same bytes.
/// </summary>
public static class SpecYamlWriter
{
    private const int Width = 100;

    /// <summary>The spec text of <paramref name="doc"/>.</summary>
    public static string Write(SpecDocument doc, SpecYamlWriterOptions? options = null)
    {
        options ??= new SpecYamlWriterOptions();
        var w = new StringBuilder();
        foreach (var line in options.HeaderComments)
        {
            w.Append('#').Append(line.Length > 0 ? " " + line : string.Empty).Append('\n');
        }

        w.Append("name: ").Append(YamlScalar.Write(doc.Name)).Append('\n');
        w.Append("namespace: ").Append(YamlScalar.Write(doc.Namespace)).Append('\n');
        Doc(w, 0, doc.Doc);
        Text(w, 0, "since", doc.Since);

        if (doc.Constants.Count > 0)
        {
            w.Append("\nconstants:\n");
            foreach (var c in doc.Constants)
            {
                Notes(w, options, c.Name);
                w.Append("  - name: ").Append(YamlScalar.Write(c.Name)).Append('\n');
                w.Append("    value: ").Append(YamlScalar.Hex(c.Value)).Append('\n');
                Doc(w, 4, c.Doc);
                Text(w, 4, "since", c.Since);
            }
        }

        var enums = doc.Enums.Where(e => !e.IsInline).ToList();
        if (enums.Count > 0)
        {
            w.Append("\nenums:\n");
            foreach (var e in enums)
            {
                Enum(w, options, e);
            }
        }

        if (doc.Structs.Count > 0)
        {
            w.Append("\nstructs:\n");
            foreach (var s in doc.Structs)
            {
                Struct(w, options, s);
            }
        }

        if (doc.Ioctls.Count > 0)
        {
            w.Append("\nioctls:\n");
            foreach (var i in doc.Ioctls)
            {
                Ioctl(w, options, doc, i);
            }
        }

        if (options.TrailerComments.Count > 0)
        {
            w.Append('\n');
            foreach (var line in options.TrailerComments)
            {
                w.Append("# ").Append(line).Append('\n');
            }
        }

        return w.ToString();
    }

    private static void Notes(StringBuilder w, SpecYamlWriterOptions options, string key, int indent = 2)
    {
        if (options.Notes.TryGetValue(key, out var notes))
        {
            foreach (var note in notes)
            {
                w.Append(' ', indent).Append("# ").Append(note).Append('\n');
            }
        }
    }

    private static void Enum(StringBuilder w, SpecYamlWriterOptions options, EnumSpec e)
    {
        Notes(w, options, e.Name);
        w.Append("  - name: ").Append(YamlScalar.Write(e.Name)).Append('\n');
        Doc(w, 4, e.Doc);
        if (e.IsFlags)
        {
            w.Append("    flags: true\n");
        }

        Text(w, 4, "prefix", e.Prefix);
        Text(w, 4, "since", e.Since);
        w.Append("    values:\n");
        foreach (var v in e.Values)
        {
            var value = e.IsFlags || v.Value >= 10 ? YamlScalar.Hex(v.Value) : YamlScalar.Decimal(v.Value);
            w.Append("      ").Append(YamlScalar.Write(v.Name)).Append(':');
            if (v.Doc is null && v.Since is null)
            {
                w.Append(' ').Append(value).Append('\n');
                continue;
            }

            w.Append('\n').Append("        value: ").Append(value).Append('\n');
            Text(w, 8, "since", v.Since);
            Doc(w, 8, v.Doc);
        }
    }

    private static void Struct(StringBuilder w, SpecYamlWriterOptions options, StructSpec s)
    {
        Notes(w, options, s.Name);
        w.Append("  - name: ").Append(YamlScalar.Write(s.Name)).Append('\n');
        Text(w, 4, "csharp-name", s.CSharpName);
        Doc(w, 4, s.Doc);
        if (s.SizePrefixed)
        {
            w.Append("    size-prefixed: true\n");
        }

        Text(w, 4, "since", s.Since);
        Number(w, 4, "size", s.Size);
        Number(w, 4, "align", s.Align);
        w.Append("    members:\n");
        foreach (var m in s.Members)
        {
            Member(w, options, s.Name, m, 6);
        }
    }

    private static void Member(StringBuilder w, SpecYamlWriterOptions options, string owner, MemberSpec m, int indent)
    {
        if (m.Name is { } noted)
        {
            Notes(w, options, owner + "." + noted, indent);
        }

        var pairs = new List<(string Key, string Value)>();
        if (m.Name is not null)
        {
            pairs.Add(("name", m.Name));
        }

        if (m.Type is not null)
        {
            pairs.Add(("type", m.Type));
        }

        if (m.Count is { } count)
        {
            pairs.Add(("count", YamlScalar.Decimal((ulong)count)));
        }

        if (m.Offset is { } offset)
        {
            pairs.Add(("offset", YamlScalar.Decimal(offset)));
        }

        if (m.Reserved)
        {
            pairs.Add(("reserved", "true"));
        }

        if (m.EnumName is { } enumName)
        {
            pairs.Add((m.IsFlags ? "flags" : "enum", enumName));
        }

        if (m.RecordName is { } record)
        {
            pairs.Add(("record", record));
        }

        if (m.Since is { } since)
        {
            pairs.Add(("since", since));
        }

        if (m.CSharpName is { } csharp)
        {
            pairs.Add(("csharp-name", csharp));
        }

        var pad = new string(' ', indent);
        var inline = m.Kind is MemberKind.Union or MemberKind.InlineStruct;
        if (!inline && m.Doc is null)
        {
            w.Append(pad).Append("- { ").Append(string.Join(", ", pairs.Select(p => p.Key + ": " + (p.Key is "count" or "offset" or "reserved" ? p.Value : YamlScalar.Write(p.Value, flow: true))))).Append(" }\n");
            return;
        }

        var first = true;
        foreach (var (key, value) in pairs)
        {
            w.Append(first ? pad + "- " : pad + "  ").Append(key).Append(": ").Append(key is "count" or "offset" or "reserved" ? value : YamlScalar.Write(value)).Append('\n');
            first = false;
        }

        if (inline)
        {
            w.Append(first ? pad + "- " : pad + "  ").Append(m.Kind == MemberKind.Union ? "union" : "struct").Append(":\n");
            first = false;
            foreach (var inner in m.Members)
            {
                Member(w, options, owner, inner, indent + 4);
            }
        }

        if (first)
        {
            w.Append(pad).Append("- ");
            Doc(w, indent + 2, m.Doc, continuing: true);
        }
        else
        {
            Doc(w, indent + 2, m.Doc);
        }
    }

    private static void Ioctl(StringBuilder w, SpecYamlWriterOptions options, SpecDocument doc, IoctlSpec i)
    {
        Notes(w, options, i.Name);
        w.Append("  - name: ").Append(YamlScalar.Write(i.Name)).Append('\n');
        var type = options.IoctlTypeNames.TryGetValue(i.Name, out var named) && doc.Constants.Any(c => c.Name == named && c.Value == i.Type)
            ? named
            : doc.Constants.FirstOrDefault(c => c.Value == i.Type)?.Name;
        w.Append("    type: ").Append(type is null ? YamlScalar.Hex(i.Type) : YamlScalar.Write(type)).Append('\n');
        w.Append("    number: ").Append(YamlScalar.Hex(i.Number)).Append('\n');
        if (i.Direction != IoctlDirection.None)
        {
            w.Append("    direction: ").Append(Loading.SpecLoader.DirectionNames[(int)i.Direction]).Append('\n');
        }

        Text(w, 4, "struct", i.StructName);
        Text(w, 4, "min-size-member", i.MinSizeMember);
        Text(w, 4, "since", i.Since);
        Doc(w, 4, i.Doc);
    }

    private static void Number(StringBuilder w, int indent, string key, ulong? value)
    {
        if (value is { } v)
        {
            w.Append(' ', indent).Append(key).Append(": ").Append(YamlScalar.Decimal(v)).Append('\n');
        }
    }

    private static void Text(StringBuilder w, int indent, string key, string? value)
    {
        if (value is not null)
        {
            w.Append(' ', indent).Append(key).Append(": ").Append(YamlScalar.Write(value)).Append('\n');
        }
    }

    /// <summary>A doc: inline when short and on one line, else folded to the width with paragraphs kept.</summary>
    private static void Doc(StringBuilder w, int indent, string? doc, bool continuing = false)
    {
        if (doc is null)
        {
            return;
        }

        if (!continuing)
        {
            w.Append(' ', indent);
        }

        w.Append("doc: ");
        if (!YamlScalar.CanFold(doc) || (doc.IndexOf('\n') < 0 && indent + 5 + doc.Length <= Width))
        {
            w.Append(YamlScalar.Write(doc)).Append('\n');
            return;
        }

        w.Append(">-\n");
        var pad = new string(' ', indent + 2);
        var paragraphs = doc.Split('\n');
        for (var p = 0; p < paragraphs.Length; p++)
        {
            if (p > 0)
            {
                w.Append('\n'); // one empty line: a line break in the folded value
            }

            var line = new StringBuilder();
            foreach (var word in paragraphs[p].Split(' '))
            {
                if (line.Length > 0 && pad.Length + line.Length + 1 + word.Length > Width)
                {
                    w.Append(pad).Append(line).Append('\n');
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            }

            w.Append(pad).Append(line).Append('\n');
        }
    }
}
