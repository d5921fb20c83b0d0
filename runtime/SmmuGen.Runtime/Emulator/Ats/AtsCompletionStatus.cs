namespace SmmuGen.Emulator;

/// <summary>The status of a PCIe ATS Translation Completion (IHI 0070 3.9.1.2).</summary>
public enum AtsCompletionStatus
{
    /// <summary>
    /// Success: the completion carries a translation and the permissions granted, which may be
    /// none at all (R = W = 0) when the translation faults.
    /// </summary>
    Success,

    /// <summary>
    /// Unsupported Request (UR): ATS is disabled for the stream (SMMUEN clear, effective STE.EATS
    /// of 0b00, Config BYPASS or ABORT).
    /// </summary>
    UnsupportedRequest,

    /// <summary>Completer Abort (CA): a configuration error (invalid or ILLEGAL STE or CD, fetch abort, bad SubstreamID, walk abort).</summary>
    CompleterAbort,
}
