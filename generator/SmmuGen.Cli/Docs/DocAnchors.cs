using System.Text;

namespace SmmuGen.Cli.Docs;

/// <summary>
/// The id of every documented item, the same in the HTML page and the Markdown file, so links
/// and bookmarks carry over. Spec names are identifiers (no '-'), so the '-' after a kind prefix
/// and between record and variant cannot be confused with a name; '.' joins an item and its fields.
/// </summary>
internal static class DocAnchors
{
    public static string Register(string name) => "reg-" + Clean(name);

    public static string RegisterField(string register, string field) => Register(register) + "." + Clean(field);

    public static string Record(string name) => "rec-" + Clean(name);

    public static string RecordField(string record, string field) => Record(record) + "." + Clean(field);

    public static string Variant(string record, string variant) => "var-" + Clean(record) + "-" + Clean(variant);

    public static string VariantField(string record, string variant, string field) => Variant(record, variant) + "." + Clean(field);

    public static string Struct(string name) => "struct-" + Clean(name);

    /// <summary>A member by its path from the struct (<c>u.x</c> inside a named inline union).</summary>
    public static string Member(string structName, string path) => Struct(structName) + "." + Clean(path);

    public static string Enum(string name) => "enum-" + Clean(name);

    public static string Ioctl(string name) => "ioctl-" + Clean(name);

    public static string Constant(string name) => "const-" + Clean(name);

    /// <summary>
    /// Keeps ids to characters that need no escaping in a URL fragment or a CSS selector: a
    /// validated spec only has identifiers, but the docs must not break on anything else.
    /// </summary>
    private static string Clean(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }

        return sb.ToString();
    }
}
