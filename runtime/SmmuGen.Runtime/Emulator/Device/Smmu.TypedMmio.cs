namespace SmmuGen.Emulator;

/// <summary>Typed MMIO: a generated register type names its page, offset and width.</summary>
public sealed partial class Smmu
{
    /// <summary>Reads register <typeparamref name="T"/> with an access of its own width.</summary>
    public T Read<T>()
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        return T.FromBits(info.Width == 32 ? Read32(info.Page, info.Offset) : Read64(info.Page, info.Offset));
    }

    /// <summary>Writes register <typeparamref name="T"/> with an access of its own width (may consume commands, as any MMIO write).</summary>
    public void Write<T>(T value)
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        if (info.Width == 32)
        {
            Write32(info.Page, info.Offset, (uint)value.Bits);
        }
        else
        {
            Write64(info.Page, info.Offset, value.Bits);
        }
    }
}
