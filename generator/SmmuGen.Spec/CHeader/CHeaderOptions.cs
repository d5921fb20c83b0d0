using System.Collections.Generic;

namespace SmmuGen.Spec.CHeader;

/// <summary>How a header becomes a spec document: its name and C# namespace (defaults from the file name), and macros defined beforehand.</summary>
/// <param name="Name">The spec name, or null for the file's base name in PascalCase.</param>
/// <param name="Namespace">The C# namespace, or null for <c>SmmuGen.NAME</c>.</param>
/// <param name="Defines">Macros defined before the header is read, as <c>-D NAME=VALUE</c> does (for names from includes, which are never followed).</param>
public sealed record CHeaderOptions(string? Name = null, string? Namespace = null, IReadOnlyDictionary<string, string>? Defines = null);
