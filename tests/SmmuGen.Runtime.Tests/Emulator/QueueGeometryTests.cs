using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>The base alignment every queue shares (IHI 0070 6.3.26, 6.3.29, 6.3.33).</summary>
public sealed class QueueGeometryTests
{
    [Theory]
    [InlineData(4, 0x4000_0000UL)] // 16 commands x 16 bytes = 256 bytes
    [InlineData(8, 0x4000_0000UL)] // 4KB
    [InlineData(1, 0x4000_00A0UL)] // 32 bytes: only the bits below 32 go
    [InlineData(0, 0x4000_00A0UL)] // 16 bytes, but never less than 32-byte alignment
    public void CommandQueueBase_IsAlignedToTheLargerOfQueueSizeAnd32Bytes(int log2Size, ulong expected)
    {
        var register = new CmdqBase(0).WithAddr(0x4000_00A0).WithLog2size((byte)log2Size).WithRa(true).Raw;
        Assert.Equal(expected, new QueueGeometry(log2Size).AlignedBase(register, CmdqBase.AddrMask, Cmd.Size));
    }

    [Fact]
    public void OutputQueueBases_UseTheSameRule()
    {
        var eventq = new EventqBase(0).WithAddr(0x8000_0160).WithLog2size(3).Raw; // 8 x 32 bytes = 256
        Assert.Equal(0x8000_0100UL, new QueueGeometry(3).AlignedBase(eventq, EventqBase.AddrMask, Evt.Size));

        var priq = new PriqBase(0).WithAddr(0x9000_0020).WithLog2size(0).Raw; // one 16-byte entry: 32-byte alignment
        Assert.Equal(0x9000_0020UL, new QueueGeometry(0).AlignedBase(priq, PriqBase.AddrMask, Pri.Size));
    }
}
