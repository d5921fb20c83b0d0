using System.Collections.Generic;
using System.Linq;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Validation;

/// <summary>
/// A set of fields laid over one value: a register, a record's shared fields, or a record
/// variant (shared plus its own fields). The field rules run over layouts, so registers and
/// records are checked alike; <see cref="Own"/> are the fields a layout reports on, so a
/// shared field's problem is reported once, not once per variant.
/// </summary>
internal sealed record Layout(string Kind, string Owner, int WidthBits, IReadOnlyList<FieldSpec> Fields, IReadOnlyList<FieldSpec> Own)
{
    public bool IsOwn(FieldSpec f) => Own.Contains(f);

    public static IEnumerable<Layout> Of(SpecDocument doc)
    {
        foreach (var r in doc.Registers)
        {
            yield return new Layout("register", r.Name, r.Width, r.Fields, r.Fields);
        }

        foreach (var rec in doc.Records)
        {
            yield return new Layout("record", rec.Name, rec.SizeBits, rec.Fields, rec.Fields);
            foreach (var v in rec.Variants)
            {
                yield return new Layout("record", v.Name, rec.SizeBits, rec.Fields.Concat(v.Fields).ToList(), v.Fields);
            }
        }
    }
}
