namespace SmmuGen.Spec.Diagnostics;

/// <summary>
/// A place in a spec file: 1-based line and column, 0-based character offset and length.
/// Every model node carries one so diagnostics can point at the YAML that caused them.
/// </summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int Offset, int Length)
{
    /// <summary>The start of a file, for diagnostics about the whole file.</summary>
    public static SourceSpan StartOf(string file) => new(file, 1, 1, 0, 0);

    /// <summary>True when <paramref name="offset"/> lies inside this span.</summary>
    public bool Contains(int offset) => offset >= Offset && offset < Offset + System.Math.Max(Length, 1);

    /// <inheritdoc />
    public override string ToString() => $"{File}({Line},{Column})";
}
