using System.Collections.Generic;

namespace SmmuGen.Spec.Emit;

/// <summary>What <see cref="SpecYamlWriter"/> adds to the document itself.</summary>
public sealed class SpecYamlWriterOptions
{
    /// <summary>Comment lines at the top of the file (without the '#').</summary>
    public IReadOnlyList<string> HeaderComments { get; init; } = new List<string>();

    /// <summary>Comment lines at the end of the file (without the '#'): what the document leaves out.</summary>
    public IReadOnlyList<string> TrailerComments { get; init; } = new List<string>();

    /// <summary>Per ioctl, the constant to write as its <c>type</c> (the header's own spelling).</summary>
    public IReadOnlyDictionary<string, string> IoctlTypeNames { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Comment lines written before an element: keyed by constant, enum, struct or ioctl name, or
    /// <c>struct.member</c> for a member.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Notes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
