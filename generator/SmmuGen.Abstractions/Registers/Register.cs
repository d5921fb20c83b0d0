using System;

namespace SmmuGen;

/// <summary>Operations every register shares.</summary>
public static class Register
{
    /// <summary>
    /// Read-modify-write without accidents: the value to write is <paramref name="change"/>
    /// applied to <paramref name="current"/> with its W1C bits cleared, so a W1C bit that reads as
    /// 1 is written back as 0 (no effect) unless <paramref name="change"/> sets it on purpose.
    /// </summary>
    public static TSelf Modify<TSelf>(TSelf current, Func<TSelf, TSelf> change)
        where TSelf : struct, IRegister<TSelf>
    {
        ArgumentNullException.ThrowIfNull(change);
        return change(TSelf.FromBits(current.Bits & ~TSelf.Info.W1cMask));
    }

    /// <summary>
    /// The value a register holds after <paramref name="written"/> is written over
    /// <paramref name="current"/>, by the access of each bit: RW and WO bits take the written
    /// value, W1C bits clear where 1 is written, RO, RAZ/WI and reserved bits keep their value.
    /// </summary>
    public static ulong ApplyWrite(RegisterInfo info, ulong current, ulong written)
    {
        ArgumentNullException.ThrowIfNull(info);
        var plain = info.WritableMask & ~info.W1cMask;
        var next = (current & ~plain) | (written & plain);
        return next & ~(written & info.W1cMask) & info.WidthMask;
    }
}
