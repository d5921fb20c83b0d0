namespace SmmuGen.Emulator;

/// <summary>The SMMU's wired interrupt outputs (IHI 0070 3.18): one per source.</summary>
public enum InterruptLine
{
    /// <summary>The Event queue became non-empty.</summary>
    EventQueue,

    /// <summary>The PRI queue became non-empty.</summary>
    PriQueue,

    /// <summary>A global error became active in GERROR.</summary>
    GlobalError,

    /// <summary>A CMD_SYNC with CS = SIG_IRQ completed and had no MSI address.</summary>
    CmdSync,
}
