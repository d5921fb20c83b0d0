namespace SmmuGen.Emulator;

/// <summary>What happened to a transaction (IHI 0070 3.12 for the ways a transaction can end).</summary>
public enum TranslationOutcome
{
    /// <summary>Passed through untranslated: SMMUEN clear with GBPA bypassing, or an STE (or stage) that bypasses. The output address is the input address.</summary>
    Bypassed,

    /// <summary>Translated: the output address comes from the translation tables.</summary>
    Translated,

    /// <summary>Terminated with an abort returned to the client.</summary>
    Aborted,

    /// <summary>Held stalled (CD.S or STE.S2S): the fault is recorded with a STAG and the transaction waits for CMD_RESUME (IHI 0070 3.12.2).</summary>
    Stalled,

    /// <summary>Terminated silently: a read returns zero and a write is ignored (CD.A clear with IDR0.TERM_MODEL clear, IHI 0070 5.5).</summary>
    ReadAsZeroWriteIgnored,
}
