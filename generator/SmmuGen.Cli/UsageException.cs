using System;

namespace SmmuGen.Cli;

/// <summary>
/// The command line asks for something that cannot be done (a missing path, an empty directory).
/// Verbs throw it; <see cref="SmmugenApp"/> reports it and exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
