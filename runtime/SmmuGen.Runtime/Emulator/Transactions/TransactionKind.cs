namespace SmmuGen.Emulator;

/// <summary>What kind of request a transaction is (IHI 0070 3.9: PCIe ATS).</summary>
public enum TransactionKind
{
    /// <summary>An ordinary (untranslated) memory access that the SMMU translates.</summary>
    Untranslated,

    /// <summary>
    /// A PCIe ATS Translation Request: the endpoint asks for the translation of an address to put
    /// in its ATC. Translation faults are not recorded; they make the completion grant no access.
    /// </summary>
    AtsTranslationRequest,

    /// <summary>A PCIe ATS Translated access: the address was translated by the endpoint's ATC.</summary>
    AtsTranslated,
}
