using System;

namespace SmmuGen;

/// <summary>
/// iommufd's rule for extensible (size-prefixed) structs, as the kernel applies it to an ioctl
/// argument: the caller says how many bytes it passes; fewer than the first version had is
/// EINVAL; more than the kernel knows is fine only if the extra bytes are zero (else E2BIG);
/// what the caller leaves out reads as zero.
/// </summary>
public static class ExtensibleStruct
{
    /// <summary>EINVAL: the argument is shorter than the struct's minimum size.</summary>
    public const int Einval = 22;

    /// <summary>E2BIG: the argument is longer than the struct and sets bytes past it.</summary>
    public const int E2big = 7;

    /// <summary>
    /// 0 when <paramref name="user"/> is acceptable for a struct of <paramref name="size"/> bytes
    /// whose first version ended at <paramref name="minSize"/>; otherwise the negative errno the
    /// kernel returns (<c>-EINVAL</c>, <c>-E2BIG</c>).
    /// </summary>
    public static int Check(ReadOnlySpan<byte> user, int size, int minSize)
    {
        // The kernel checks the minimum first (iommufd_fops_ioctl), then copy_struct_from_user
        // refuses a non-zero tail it does not understand.
        if (user.Length < minSize)
        {
            return -Einval;
        }

        if (user.Length > size && user[size..].IndexOfAnyExcept((byte)0) >= 0)
        {
            return -E2big;
        }

        return 0;
    }
}
