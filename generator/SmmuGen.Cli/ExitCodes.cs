namespace SmmuGen.Cli;

/// <summary>Process exit codes shared by every verb.</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked out; warnings do not count.</summary>
    public const int Success = 0;

    /// <summary>A spec has at least one error.</summary>
    public const int SpecErrors = 1;

    /// <summary>The command line was wrong: bad arguments, missing paths, nothing to do.</summary>
    public const int Usage = 2;
}
