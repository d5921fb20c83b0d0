using System.Collections.Generic;
using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>How accesses land: page views, access sizes, 64-bit halves, RAZ/WI, the trace and reset.</summary>
public sealed class MmioAccessTests
{
    [Fact]
    public void Upper32BitsOf64BitRegister_ReadAndWriteIndependently()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write32(StrtabBase.Page, StrtabBase.Offset, 0x1234_5640);
        smmu.Write32(StrtabBase.Page, StrtabBase.Offset + 4, 0x4000_0009);
        var value = smmu.Read<StrtabBase>();
        Assert.Equal(0x9_1234_5640UL, value.Addr);
        Assert.True(value.Ra);
        Assert.Equal(0x1234_5640u, smmu.Read32(StrtabBase.Page, StrtabBase.Offset));
        Assert.Equal(0x4000_0009u, smmu.Read32(StrtabBase.Page, StrtabBase.Offset + 4));

        smmu.Write32(StrtabBase.Page, StrtabBase.Offset + 4, 0);
        Assert.Equal(0x1234_5640UL, smmu.Read64(StrtabBase.Page, StrtabBase.Offset)); // lower half untouched
        smmu.Write32(StrtabBase.Page, StrtabBase.Offset, 0);
        smmu.Write64(StrtabBase.Page, StrtabBase.Offset, new StrtabBase(0).WithAddr(0xF_0000_0000).Raw);
        Assert.Equal(0xFu, smmu.Read32(StrtabBase.Page, StrtabBase.Offset + 4));
    }

    [Fact]
    public void SixtyFourBitRegister_UpperHalfRes0BitsReadAsZero()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write32(CmdqBase.Page, CmdqBase.Offset + 4, uint.MaxValue);
        Assert.Equal((uint)(CmdqBase.WritableMask >> 32), smmu.Read32(CmdqBase.Page, CmdqBase.Offset + 4));
    }

    [Fact]
    public void SixtyFourBitAccessToA32BitRegister_IsRazWi()
    {
        var smmu = new SmmuRegisterFile { Trace = new List<MmioAccess>() };
        smmu.Write64(Cr0.Page, Cr0.Offset, ulong.MaxValue);
        Assert.Equal(0UL, smmu.Read64(Idr0.Page, Idr0.Offset));
        Assert.Equal(0u, smmu.Read<Cr0>().Raw);
        Assert.All(smmu.Trace.Take(2), a => Assert.Equal(MmioOutcome.RazWi, a.Outcome));
    }

    [Fact]
    public void SixtyFourBitAccessToTheUpperHalfOfA64BitRegister_IsRazWi()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write64(CmdqBase.Page, CmdqBase.Offset + 4, ulong.MaxValue);
        Assert.Equal(0UL, smmu.Read<CmdqBase>().Raw);
    }

    [Fact]
    public void UnknownOffset_IsRazWi_AndTraced()
    {
        var smmu = new SmmuRegisterFile { Trace = new List<MmioAccess>() };
        smmu.Write32(0, 0x30, 0xDEAD_BEEF);
        Assert.Equal(0u, smmu.Read32(0, 0x30));
        Assert.Equal(0UL, smmu.Read64(0, 0xF000));
        Assert.Collection(smmu.Trace,
            a => Assert.Equal(new MmioAccess(0, 0x30, 4, true, 0xDEAD_BEEF, MmioOutcome.RazWi, null), a),
            a => Assert.Equal(new MmioAccess(0, 0x30, 4, false, 0, MmioOutcome.RazWi, null), a),
            a => Assert.Equal(new MmioAccess(0, 0xF000, 8, false, 0, MmioOutcome.RazWi, null), a));
    }

    [Fact]
    public void Trace_RecordsRegisterHitsAndIgnoredWrites()
    {
        var smmu = new SmmuRegisterFile { Trace = new List<MmioAccess>() };
        smmu.Write(new Cr0(0).WithCmdqen(true));
        smmu.Read<Cr0ack>();
        smmu.Write(new CmdqBase(0).WithLog2size(3));
        Assert.Collection(smmu.Trace,
            a => Assert.Equal((true, MmioOutcome.Register, "CR0", 8UL), (a.IsWrite, a.Outcome, a.Register!.Name, a.Value)),
            a => Assert.Equal((false, MmioOutcome.Register, "CR0ACK", 8UL), (a.IsWrite, a.Outcome, a.Register!.Name, a.Value)),
            a => Assert.Equal((true, MmioOutcome.Ignored, "CMDQ_BASE", 8), (a.IsWrite, a.Outcome, a.Register!.Name, a.Size)));
        Assert.Equal("W32 p0:0x020 CR0 0x8 Register", smmu.Trace.First().ToString());
    }

    [Theory]
    [InlineData(0xA8UL)]
    [InlineData(0xACUL)]
    [InlineData(0xC8UL)]
    [InlineData(0xCCUL)]
    public void Page0OffsetsOfThePage1QueueIndexRegisters_AreReservedRazWi(ulong offset)
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new EventqBase(0).WithLog2size(8));
        smmu.Write(new PriqBase(0).WithLog2size(8));
        smmu.Write32(1, offset, 0x42);
        smmu.Write32(0, offset, 0x17);
        Assert.Equal(0u, smmu.Read32(0, offset));
        Assert.Equal(0x42u, smmu.Read32(1, offset));
    }

    [Fact]
    public void QueueIndexRegisters_LiveOnPage1()
    {
        Assert.Equal(1, EventqProd.Page);
        var smmu = new SmmuRegisterFile();
        smmu.Write(new EventqBase(0).WithLog2size(8));
        smmu.Write(new EventqCons(0).WithRd(9));
        Assert.Equal(9u, smmu.Read32(1, EventqCons.Offset));
        Assert.Equal(0u, smmu.Read32(1, Cr0.Offset)); // page 1 has nothing but the page-1 registers
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(17)]
    public void OtherPages_AreRazWi(int page)
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write32(page, Cr0.Offset, uint.MaxValue);
        Assert.Equal(0u, smmu.Read32(page, Idr0.Offset));
        Assert.Equal(0u, smmu.Read<Cr0>().Raw);
    }

    [Fact]
    public void MisalignedAccess_IsRazWi()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write32(Cr0.Page, Cr0.Offset + 1, uint.MaxValue);
        Assert.Equal(0u, smmu.Read32(Idr0.Page, Idr0.Offset + 2));
        Assert.Equal(0u, smmu.Read<Cr0>().Raw);
    }

    [Fact]
    public void Reset_PutsEveryRegisterBackToItsResetValue()
    {
        var smmu = new SmmuRegisterFile(new SmmuOptions { GbpaReset = new Gbpa(0).WithAbort(true) });
        foreach (var r in Smmuv3RegisterMap.All)
        {
            if (r.Width == 64)
            {
                smmu.Write64(r.Page, r.Offset, ulong.MaxValue);
            }
            else
            {
                smmu.Write32(r.Page, r.Offset, uint.MaxValue);
            }
        }

        smmu.RaiseGlobalError(Gerror.SfmErrMask);
        smmu.Reset();
        var ids = smmu.Ids;
        foreach (var r in Smmuv3RegisterMap.All)
        {
            var value = r.Width == 64 ? smmu.Read64(r.Page, r.Offset) : smmu.Read32(r.Page, r.Offset);
            var expected = r.Name switch
            {
                "IDR0" => ids.Idr0.Raw,
                "IDR1" => ids.Idr1.Raw,
                "IDR3" => ids.Idr3.Raw,
                "IDR5" => ids.Idr5.Raw,
                "IIDR" => ids.Iidr.Raw,
                "AIDR" => ids.Aidr.Raw,
                "GBPA" => new Gbpa(0).WithAbort(true).Raw,
                _ => r.ResetValue & ~r.ResetUnknownMask & ~r.ResetImpdefMask, // UNKNOWN resets to 0 in this model
            };
            Assert.True(expected == value, $"{r.Name}: expected 0x{expected:X}, read 0x{value:X}");
        }
    }
}
