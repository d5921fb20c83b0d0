using System.Globalization;
using SmmuGen.Spec.Layout;
using SmmuGen.Spec.Model;

namespace SmmuGen.Cli.Docs;

/// <summary>What the docs show of an ioctl beyond the spec's own keys: its number and minimum size.</summary>
internal static class IoctlNumbers
{
    /// <summary>
    /// The request number user space passes, as Linux's <c>_IOC(dir, type, nr, size)</c> makes it
    /// (asm-generic, so x86_64 and arm64): dir in bits 31:30, size in 29:16, type 15:8, nr 7:0;
    /// <c>_IO</c> carries no size. Null when a sized direction's struct has no layout.
    /// </summary>
    public static ulong? Number(IoctlSpec ioctl, StructLayout? layout)
    {
        ulong size = 0;
        if (ioctl.Direction != IoctlDirection.None)
        {
            if (layout is null)
            {
                return null;
            }

            size = layout.Size;
        }

        return IoctlNumber.Encode(ioctl.Direction, ioctl.Type, ioctl.Number, size);
    }

    /// <summary>The macro form: <c>_IO(0x3b, 0x80)</c>, <c>_IOWR(0x3b, 0x80, struct x)</c>.</summary>
    public static string Macro(IoctlSpec ioctl)
    {
        var macro = ioctl.Direction switch
        {
            IoctlDirection.Read => "_IOR",
            IoctlDirection.Write => "_IOW",
            IoctlDirection.ReadWrite => "_IOWR",
            _ => "_IO",
        };
        var args = string.Create(CultureInfo.InvariantCulture, $"0x{ioctl.Type:x2}, 0x{ioctl.Number:x2}");
        return ioctl.Direction == IoctlDirection.None || ioctl.StructName is null
            ? $"{macro}({args})"
            : $"{macro}({args}, struct {ioctl.StructName})";
    }

    /// <summary>
    /// The smallest size the kernel accepts: the end of <c>min-size-member</c> (the first
    /// version's last member), else the whole struct; null without a struct.
    /// </summary>
    public static ulong? MinSize(IoctlSpec ioctl, StructLayout? layout)
    {
        if (layout is null)
        {
            return null;
        }

        return ioctl.MinSizeMember is { } member && layout.Find(member) is { } m ? m.End : layout.Size;
    }
}
