namespace SmmuGen.Emulator;

/// <summary>One access to the SMMU's MMIO register pages, as recorded in the access trace.</summary>
/// <param name="Page">Register page (0 or 1; anything else is RAZ/WI).</param>
/// <param name="Offset">Byte offset within the page.</param>
/// <param name="Size">Access size in bytes (4 or 8).</param>
/// <param name="IsWrite">True for a write, false for a read.</param>
/// <param name="Value">The value written, or the value the read returned.</param>
/// <param name="Outcome">Whether it hit a register, was RAZ/WI, or was an ignored write.</param>
/// <param name="Register">The register the access fell into, if any.</param>
public readonly record struct MmioAccess(int Page, ulong Offset, int Size, bool IsWrite, ulong Value, MmioOutcome Outcome, RegisterInfo? Register)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(IsWrite ? "W" : "R")}{Size * 8} p{Page}:0x{Offset:X3} {(Register is null ? "-" : Register.Name)} 0x{Value:X} {Outcome}");
}
