using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>The spec's spelling of a field's access (<c>RAZ/WI</c>, not the C# member name).</summary>
internal static class AccessText
{
    public static string Of(FieldAccess access) => access switch
    {
        FieldAccess.RazWi => "RAZ/WI",
        FieldAccess.Res0 => "RES0",
        FieldAccess.Res1 => "RES1",
        _ => access.ToString(),
    };
}
