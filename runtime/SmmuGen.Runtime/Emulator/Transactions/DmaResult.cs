namespace SmmuGen.Emulator;

/// <summary>
/// How a DMA through the SMMU went: how many bytes moved before it stopped, and the translation
/// that stopped it (an abort or a fault) when it did not complete.
/// </summary>
/// <param name="BytesTransferred">Bytes read or written (a terminated read-as-zero part counts: the device got zeros).</param>
/// <param name="Failure">The translation that aborted the DMA, or null when every byte moved.</param>
public readonly record struct DmaResult(int BytesTransferred, TranslationResult? Failure)
{
    /// <summary>Every byte moved.</summary>
    public bool Completed => Failure is null;
}
