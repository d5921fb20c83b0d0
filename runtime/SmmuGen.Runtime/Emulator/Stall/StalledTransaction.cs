namespace SmmuGen.Emulator;

/// <summary>A transaction the SMMU holds stalled (IHI 0070 3.12.2) until CMD_RESUME or CMD_STALL_TERM.</summary>
/// <param name="Transaction">The transaction as the client presented it.</param>
/// <param name="Stag">The stall tag the fault record carries and CMD_RESUME names.</param>
public readonly record struct StalledTransaction(Transaction Transaction, ushort Stag);
