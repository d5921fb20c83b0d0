using System;
using System.IO;
using SmmuGen.Spec;

namespace SmmuGen.Cli.Specs;

/// <summary>One spec file named on the command line (directly or through a directory).</summary>
/// <param name="FullPath">Absolute path, for reading.</param>
/// <param name="DisplayPath">The path shown to the user and written into diagnostics.</param>
internal sealed record SpecSource(string FullPath, string DisplayPath)
{
    /// <summary>Reads and compiles the file; an unreadable file is a usage error, not a spec error.</summary>
    public CompiledSpec Compile()
    {
        string text;
        try
        {
            text = File.ReadAllText(FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{DisplayPath}': {ex.Message}");
        }

        return new CompiledSpec(this, SpecCompiler.Compile(DisplayPath, text));
    }
}

/// <summary>A spec file and what the compiler made of it.</summary>
internal sealed record CompiledSpec(SpecSource Source, SpecResult Result);
