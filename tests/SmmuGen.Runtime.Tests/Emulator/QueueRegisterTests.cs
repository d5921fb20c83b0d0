using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Queue BASE/PROD/CONS registers: size clamping, enable locks, wrap bits, error and overflow flags.</summary>
public sealed class QueueRegisterTests
{
    [Fact]
    public void QueueLog2size_IsClampedToIdr1Maximum()
    {
        var smmu = new SmmuRegisterFile(new SmmuOptions { CmdqLog2MaxSize = 10, EventqLog2MaxSize = 9, PriqLog2MaxSize = 8 });
        smmu.Write(new CmdqBase(0).WithAddr(0x1_0000).WithLog2size(31));
        smmu.Write(new EventqBase(0).WithAddr(0x2_0000).WithLog2size(12));
        smmu.Write(new PriqBase(0).WithAddr(0x3_0000).WithLog2size(8));
        var idr1 = smmu.Read<Idr1>();
        Assert.Equal(idr1.Cmdqs, smmu.Read<CmdqBase>().Log2size);
        Assert.Equal(idr1.Eventqs, smmu.Read<EventqBase>().Log2size);
        Assert.Equal(8, smmu.Read<PriqBase>().Log2size); // at the limit: kept
        Assert.Equal(0x1_0000UL, smmu.Read<CmdqBase>().Addr);
    }

    [Fact]
    public void QueueLog2size_WrittenThroughTheLowerHalf_IsClampedToo()
    {
        var smmu = new SmmuRegisterFile(new SmmuOptions { CmdqLog2MaxSize = 4 });
        smmu.Write(new CmdqBase(0).WithLog2size(20), asHalves: true);
        Assert.Equal(4, smmu.Read<CmdqBase>(asHalves: true).Log2size);
    }

    [Fact]
    public void CmdqBase_IsIgnoredWhileCmdqenIsSet()
    {
        var smmu = new SmmuRegisterFile();
        var programmed = new CmdqBase(0).WithAddr(0x4000_0000).WithLog2size(8).WithRa(true);
        smmu.Write(programmed);
        smmu.Write(new Cr0(0).WithCmdqen(true));
        smmu.Write(new CmdqBase(0).WithAddr(0x5000_0000).WithLog2size(4));
        smmu.Write32(CmdqBase.Page, CmdqBase.Offset + 4, 0);
        Assert.Equal(programmed, smmu.Read<CmdqBase>());
    }

    [Fact]
    public void EventqBase_AndPriqBase_AreIgnoredWhileTheirQueueIsEnabled()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new Cr0(0).WithEventqen(true).WithPriqen(true));
        smmu.Write(new EventqBase(0).WithAddr(0x1000).WithLog2size(3));
        smmu.Write(new PriqBase(0).WithAddr(0x1000).WithLog2size(3));
        smmu.Write(new CmdqBase(0).WithAddr(0x1000).WithLog2size(3)); // its queue is disabled
        Assert.Equal(0UL, smmu.Read<EventqBase>().Raw);
        Assert.Equal(0UL, smmu.Read<PriqBase>().Raw);
        Assert.Equal(0x1000UL, smmu.Read<CmdqBase>().Addr);
    }

    [Fact]
    public void QueueIndexBitsAboveTheWrapFlag_ReadAsZero()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new CmdqBase(0).WithLog2size(4));
        smmu.Write(new CmdqProd(0).WithWr(0xFFFFF));
        Assert.Equal(0x1Fu, smmu.Read<CmdqProd>().Wr); // 16 entries: index bits 3:0 and wrap bit 4
        smmu.Write(new EventqBase(0).WithLog2size(2));
        smmu.Write(new EventqCons(0).WithRd(0xFF).WithOvackflg(true));
        var cons = smmu.Read<EventqCons>();
        Assert.Equal(0x7u, cons.Rd);
        Assert.True(cons.Ovackflg);
    }

    [Fact]
    public void QueueIndex_KeepsItsWrapFlag()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new CmdqBase(0).WithLog2size(8));
        smmu.Write(new CmdqProd(0).WithWr(0x100 | 0x05)); // wrapped once, index 5
        Assert.Equal(0x105u, smmu.Read<CmdqProd>().Wr);
    }

    [Fact]
    public void CmdqCons_IsIgnoredWhileCmdqenIsSet_ButCmdqProdIsNot()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new CmdqBase(0).WithLog2size(8));
        smmu.Write(new Cr0(0).WithCmdqen(true));
        smmu.Write(new CmdqCons(0).WithRd(3));
        smmu.Write(new CmdqProd(0).WithWr(3));
        Assert.Equal(0u, smmu.Read<CmdqCons>().Rd);
        Assert.Equal(3u, smmu.Read<CmdqProd>().Wr);
    }

    [Fact]
    public void CmdqConsErr_ReadsBackWhileTheQueueIsDisabled()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new CmdqCons(0).WithErr(CmdqConsErr.CerrorIll));
        Assert.Equal(CmdqConsErr.CerrorIll, smmu.Read<CmdqCons>().Err);
    }

    [Fact]
    public void EventqProd_IsIgnoredWhileEventqenIsSet_ButEventqConsIsNot()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new EventqBase(0).WithLog2size(8));
        smmu.Write(new EventqProd(0).WithWr(7).WithOvflg(true)); // allowed while disabled (e.g. restore on resume)
        smmu.Write(new Cr0(0).WithEventqen(true));
        smmu.Write(new EventqProd(0));
        smmu.Write(new EventqCons(0).WithRd(7).WithOvackflg(true));
        var prod = smmu.Read<EventqProd>();
        Assert.Equal(7u, prod.Wr);
        Assert.True(prod.Ovflg);
        var cons = smmu.Read<EventqCons>();
        Assert.Equal(7u, cons.Rd);
        Assert.Equal(prod.Ovflg, cons.Ovackflg); // overflow acknowledged
    }

    [Fact]
    public void PriqProd_IsIgnoredWhilePriqenIsSet_ButPriqConsIsNot()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new PriqBase(0).WithLog2size(6));
        smmu.Write(new Cr0(0).WithPriqen(true));
        smmu.Write(new PriqProd(0).WithWr(2).WithOvflg(true));
        smmu.Write(new PriqCons(0).WithRd(2).WithOvackflg(true));
        Assert.Equal(0u, smmu.Read<PriqProd>().Raw);
        Assert.Equal(2u, smmu.Read<PriqCons>().Rd);
        Assert.True(smmu.Read<PriqCons>().Ovackflg);
    }

    [Fact]
    public void IrqCfgRegisters_AreIgnoredWhileTheirInterruptIsEnabled()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new EventqIrqCfg1(0x11));
        smmu.Write(new IrqCtrl(0).WithEventqIrqen(true));
        smmu.Write(new EventqIrqCfg1(0x22));
        smmu.Write(new GerrorIrqCfg1(0x33)); // GERROR interrupt disabled: accepted
        Assert.Equal(0x11u, smmu.Read<EventqIrqCfg1>().Raw);
        Assert.Equal(0x33u, smmu.Read<GerrorIrqCfg1>().Raw);
    }

    [Fact]
    public void PriQueueRegisters_AreRazWi_WithoutPri()
    {
        var smmu = new SmmuRegisterFile(new SmmuOptions { Pri = false });
        smmu.Write(new PriqBase(0).WithAddr(0x1000).WithLog2size(4));
        smmu.Write32(PriqProd.Page, PriqProd.Offset, 1);
        smmu.Write32(PriqCons.Page, PriqCons.Offset, 1);
        Assert.Equal(0UL, smmu.Read<PriqBase>().Raw);
        Assert.Equal(0u, smmu.Read<PriqProd>().Raw);
        Assert.Equal(0u, smmu.Read<PriqCons>().Raw);
    }

    [Fact]
    public void MsiConfiguration_IsRazWi_WithoutMsi()
    {
        var smmu = new SmmuRegisterFile(new SmmuOptions { Msi = false });
        smmu.Write(new GerrorIrqCfg0(0).WithAddr(0x1000));
        smmu.Write(new EventqIrqCfg1(5));
        smmu.Write(new PriqIrqCfg2(0).WithLo(true).WithMemAttr(MemoryType.DeviceNGnRE));
        Assert.Equal(0UL, smmu.Read<GerrorIrqCfg0>().Raw);
        Assert.Equal(0u, smmu.Read<EventqIrqCfg1>().Raw);
        var cfg2 = smmu.Read<PriqIrqCfg2>();
        Assert.True(cfg2.Lo);
        Assert.Equal(MemoryType.DeviceNGnRnE, cfg2.MemAttr);
    }
}
