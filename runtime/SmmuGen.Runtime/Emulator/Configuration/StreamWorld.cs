using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>The translation regime of a Non-secure stream (IHI 0070 3.3.1, 5.2 STRW).</summary>
internal enum StreamWorld
{
    /// <summary>NS-EL1: ASIDs and VMIDs tag the TLB, two VA ranges (TTB0/TTB1).</summary>
    NsEl1,

    /// <summary>EL2 without E2H: one VA range (TTB0), no ASID.</summary>
    El2,

    /// <summary>EL2 with E2H (CR2.E2H): two VA ranges and ASIDs, no VMID.</summary>
    El2E2h,
}

/// <summary>How an STE selects its StreamWorld.</summary>
internal static class StreamWorlds
{
    /// <summary>
    /// IHI 0070 5.2: STRW applies only to stage-1-only STEs on an SMMU with hypervisor contexts;
    /// every other STE is NS-EL1. EL2 becomes EL2-E2H when CR2.E2H is set.
    /// </summary>
    public static StreamWorld Of(in Ste ste, in IdRegisters ids, bool e2h) =>
        ste.Config == SteConfig.S1Trans && ids.Idr0.Hyp && ste.Strw == SteStrw.El2
            ? (e2h ? StreamWorld.El2E2h : StreamWorld.El2)
            : StreamWorld.NsEl1;
}
