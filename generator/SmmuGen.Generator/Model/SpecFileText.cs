namespace SmmuGen.Generator.Model;

/// <summary>A spec file's path and text: the pipeline's first value-equatable step.</summary>
internal sealed record SpecFileText(string Path, string Text);
