namespace SmmuGen.Cli.Specs;

/// <summary>One file of a diff or import input, already read: a C header or a spec, with the name to show.</summary>
/// <param name="DisplayPath">The path as shown (relative to the working directory, with <c>@REV</c> when read from git).</param>
/// <param name="IsHeader">A C header (<c>.h</c>) rather than a spec.</param>
/// <param name="Text">The file's text.</param>
internal sealed record UapiSource(string DisplayPath, bool IsHeader, string Text)
{
    /// <summary>True for a path that names a C header.</summary>
    public static bool IsHeaderPath(string path) => path.EndsWith(".h", System.StringComparison.OrdinalIgnoreCase);
}
