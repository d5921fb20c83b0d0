namespace SmmuGen.Spec.Diagnostics;

/// <summary>How bad a spec diagnostic is. Errors stop code generation for the file.</summary>
public enum SpecSeverity
{
    /// <summary>Something suspicious that still yields a usable model.</summary>
    Warning,

    /// <summary>The spec is wrong; no code is generated from the file.</summary>
    Error,
}
