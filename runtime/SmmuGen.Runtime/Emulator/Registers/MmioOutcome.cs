namespace SmmuGen.Emulator;

/// <summary>What an MMIO access did.</summary>
public enum MmioOutcome
{
    /// <summary>It reached a register: a read returned its value, a write changed (some of) its writable bits.</summary>
    Register,

    /// <summary>
    /// Nothing is there for this access (unknown or Reserved offset, a 64-bit access to a 32-bit
    /// register, a misaligned access, an absent optional register): reads as zero, write ignored.
    /// </summary>
    RazWi,

    /// <summary>A write reached a register but the architecture ignores it (read-only register, queue or SMMU enabled, GBPA write without Update, …).</summary>
    Ignored,
}
