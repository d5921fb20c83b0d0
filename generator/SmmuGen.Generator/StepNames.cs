namespace SmmuGen.Generator;

/// <summary>Tracking names of the pipeline steps, so tests can assert what was cached.</summary>
public static class StepNames
{
    /// <summary>The spec files selected from AdditionalFiles, with their text.</summary>
    public const string SpecFiles = nameof(SpecFiles);

    /// <summary>Each file compiled into a model plus diagnostics.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The model alone; the emitter runs only when it changes.</summary>
    public const string Model = nameof(Model);

    /// <summary>A file's model with the names of every type all spec files generate, to skip duplicates.</summary>
    public const string EmitInput = nameof(EmitInput);

    /// <summary>A file's emit input with the records of every spec file, for the C side (record links).</summary>
    public const string StructEmitInput = nameof(StructEmitInput);

    /// <summary>The diagnostics alone.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
