namespace SmmuGen.Emulator;

/// <summary>
/// Where the model's wired interrupts and wake-up events go: the platform's interrupt
/// controller in an integration, a recorder in tests. MSIs are not here: they are writes to
/// guest memory.
/// </summary>
public interface IInterruptSink
{
    /// <summary>Pulses <paramref name="line"/> (edge-triggered, as SMMUv3 wired interrupts are).</summary>
    void Raise(InterruptLine line);

    /// <summary>Sends a WFE wake-up event (CMD_SYNC with CS = SIG_SEV, when IDR0.SEV is set).</summary>
    void SendEvent();
}
