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

    /// <summary><c>diff</c>: the two versions differ (a bit, like abidiff's ABI_CHANGE; OR-ed with the others).</summary>
    public const int Change = 4;

    /// <summary><c>diff</c>: a change breaks existing user space (always with <see cref="Change"/>).</summary>
    public const int BreakingChange = 8;
}
