namespace SmmuGen.Emulator;

/// <summary>How a DMA through an <see cref="AtcEndpoint"/> ended.</summary>
public enum AtcDmaStatus
{
    /// <summary>Every byte was transferred.</summary>
    Completed,

    /// <summary>A Translation Request got Unsupported Request: ATS is disabled for the stream (IHI 0070 3.9.1.2).</summary>
    TranslationUnsupported,

    /// <summary>A Translation Request got Completer Abort: a configuration error (IHI 0070 3.9.1.2).</summary>
    TranslationAborted,

    /// <summary>The translation does not grant the access (R = W = 0 for a fault, or no write permission); the endpoint does not issue it.</summary>
    AccessDenied,

    /// <summary>The SMMU aborted a Translated access (IHI 0070 3.9.1.3: F_TRANSL_FORBIDDEN, a split-stage stage 2 fault).</summary>
    TranslatedAccessAborted,

    /// <summary>Guest memory aborted the access at the output address.</summary>
    MemoryAborted,
}
