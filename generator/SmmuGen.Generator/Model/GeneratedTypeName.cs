namespace SmmuGen.Generator.Model;

/// <summary>A type some spec file generates, with the file, so duplicates across files are found.</summary>
internal sealed record GeneratedTypeName(string FullName, string SourcePath);
