using System;

namespace SmmuGen.Cli.Specs;

/// <summary>
/// An input exists on the command line but cannot be read (a git revision that does not hold the
/// path, a repository git cannot open). Unlike a usage error, the command was right: exit code 1.
/// </summary>
internal sealed class InputReadException : Exception
{
    public InputReadException(string message)
        : base(message)
    {
    }
}
