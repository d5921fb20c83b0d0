namespace SmmuGen.Emulator;

/// <summary>When the emulated SMMU consumes the Command queue.</summary>
public enum CommandProcessing
{
    /// <summary>
    /// Synchronously, inside the MMIO write that makes commands available (CMDQ_PROD, CR0 enabling
    /// CMDQEN, GERRORN acknowledging CMDQ_ERR): deterministic, as if the SMMU were infinitely fast.
    /// </summary>
    Immediate,

    /// <summary>Only when <see cref="Smmu.ProcessCommands"/> is called, so tests can observe commands still pending.</summary>
    Manual,
}
