namespace SmmuGen;

/// <summary>How an acknowledge register relates to the register it acknowledges.</summary>
public enum AckKind
{
    /// <summary>Reads back the target's value once the update has taken effect (CR0ACK after CR0).</summary>
    Mirror,

    /// <summary>A bit is acknowledged by writing it equal to the target's bit (GERRORN against GERROR).</summary>
    Toggle,
}
