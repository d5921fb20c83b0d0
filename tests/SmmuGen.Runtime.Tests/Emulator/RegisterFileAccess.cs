using SmmuGen.Emulator;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Typed MMIO access the way a driver does it: a register type names its page, offset and width.</summary>
internal static class RegisterFileAccess
{
    public static T Read<T>(this SmmuRegisterFile smmu, bool asHalves = false)
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        if (info.Width == 32)
        {
            return T.FromBits(smmu.Read32(info.Page, info.Offset));
        }

        return asHalves
            ? T.FromBits(smmu.Read32(info.Page, info.Offset) | ((ulong)smmu.Read32(info.Page, info.Offset + 4) << 32))
            : T.FromBits(smmu.Read64(info.Page, info.Offset));
    }

    public static void Write<T>(this SmmuRegisterFile smmu, T value, bool asHalves = false)
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        if (info.Width == 32)
        {
            smmu.Write32(info.Page, info.Offset, (uint)value.Bits);
        }
        else if (asHalves)
        {
            smmu.Write32(info.Page, info.Offset, (uint)value.Bits);
            smmu.Write32(info.Page, info.Offset + 4, (uint)(value.Bits >> 32));
        }
        else
        {
            smmu.Write64(info.Page, info.Offset, value.Bits);
        }
    }
}
