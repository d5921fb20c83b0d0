namespace SmmuGen.Emulator;

/// <summary>
/// The attributes of an incoming transaction that configuration and translation depend on, as
/// the client presents them (before the STE's INSTCFG and PRIVCFG overrides): read or write,
/// instruction fetch or data, privileged or unprivileged. Event records report them as RnW, InD
/// and PnU (IHI 0070 7.3). A write is always data: <see cref="IsInstruction"/> applies to reads.
/// </summary>
/// <param name="IsWrite">A write; otherwise a read.</param>
/// <param name="IsInstruction">A read that is an instruction fetch.</param>
/// <param name="IsPrivileged">The access is privileged.</param>
public readonly record struct TransactionAccess(bool IsWrite, bool IsInstruction = false, bool IsPrivileged = false)
{
    /// <summary>An unprivileged data read.</summary>
    public static TransactionAccess Read => default;

    /// <summary>An unprivileged data write.</summary>
    public static TransactionAccess Write => new(IsWrite: true);

    /// <summary>An unprivileged instruction fetch.</summary>
    public static TransactionAccess InstructionFetch => new(IsWrite: false, IsInstruction: true);

    /// <summary>The same access, privileged.</summary>
    public TransactionAccess AsPrivileged() => this with { IsPrivileged = true };

    /// <summary>Whether this is an instruction fetch: a read with <see cref="IsInstruction"/> set.</summary>
    public bool IsInstructionFetch => !IsWrite && IsInstruction;
}
