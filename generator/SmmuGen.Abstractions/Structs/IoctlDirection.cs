namespace SmmuGen;

/// <summary>The direction bits of an ioctl number, as Linux encodes them on x86_64 and arm64.</summary>
public enum IoctlDirection
{
    /// <summary><c>_IO</c>: no data direction, and no size in the number.</summary>
    None = 0,

    /// <summary><c>_IOW</c>: user space writes the argument.</summary>
    Write = 1,

    /// <summary><c>_IOR</c>: user space reads the argument.</summary>
    Read = 2,

    /// <summary><c>_IOWR</c>: both.</summary>
    ReadWrite = 3,
}
