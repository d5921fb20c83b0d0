namespace SmmuGen.Spec.Model;

/// <summary>The direction bits of an ioctl number (<c>_IO</c>, <c>_IOR</c>, <c>_IOW</c>, <c>_IOWR</c>).</summary>
public enum IoctlDirection
{
    /// <summary><c>_IO</c>: no size encoded.</summary>
    None = 0,

    /// <summary><c>_IOW</c>: user space writes.</summary>
    Write = 1,

    /// <summary><c>_IOR</c>: user space reads.</summary>
    Read = 2,

    /// <summary><c>_IOWR</c>.</summary>
    ReadWrite = 3,
}
