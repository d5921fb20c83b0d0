using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The configuration a translating transaction goes through, after the STE and CD have been
/// found and validated (IHI 0070 3.3): which stages translate for this transaction, the STE, and
/// the CD when stage 1 translates.
/// </summary>
/// <param name="Ste">The valid STE of the StreamID; its Config enables at least one stage.</param>
/// <param name="Cd">The valid CD when <paramref name="Stage1"/> is set; otherwise default.</param>
/// <param name="Stage1">Stage 1 translates (Config S1_TRANS or NESTED, and not bypassed by STE.S1DSS).</param>
/// <param name="Stage2">Stage 2 translates (Config S2_TRANS or NESTED).</param>
/// <param name="SubstreamId">The SubstreamID whose CD is used (0 for S1DSS = SSID0 or S1CDMax = 0), or null when stage 1 does not translate.</param>
public readonly record struct StreamContext(Ste Ste, Cd Cd, bool Stage1, bool Stage2, uint? SubstreamId);
