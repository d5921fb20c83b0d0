namespace SmmuGen.Emulator;

/// <summary>
/// The 3-bit address size encoding shared by IDR5.OAS, STE.S2PS and CD.IPS (IHI 0070 6.3.6,
/// 5.2, 5.4; the PARange encoding of the Arm architecture): 0-6 mean 32, 36, 40, 42, 44, 48 and
/// 52 bits. 7 is reserved up to SMMUv3.3 and behaves as 52.
/// </summary>
internal static class AddressSizeEncoding
{
    public static int ToBits(int encoding) => encoding switch
    {
        0 => 32,
        1 => 36,
        2 => 40,
        3 => 42,
        4 => 44,
        5 => 48,
        _ => 52,
    };

    /// <summary>Whether <paramref name="address"/> lies within <paramref name="bits"/> bits.</summary>
    public static bool Fits(ulong address, int bits) => bits >= 64 || address >> bits == 0;
}
