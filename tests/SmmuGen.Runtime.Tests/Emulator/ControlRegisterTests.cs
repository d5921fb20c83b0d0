using System.Collections.Generic;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>CR0/CR0ACK, IRQ_CTRL/IRQ_CTRLACK, CR1, CR2 and GBPA as a driver programs them.</summary>
public sealed class ControlRegisterTests
{
    [Fact]
    public void Cr0Write_IsMirroredInCr0ack()
    {
        var smmu = new SmmuRegisterFile();
        var cr0 = new Cr0(0).WithSmmuen(true).WithCmdqen(true).WithEventqen(true).WithPriqen(true).WithAtschk(true);
        smmu.Write(cr0);
        Assert.Equal(cr0, smmu.Read<Cr0>());
        Assert.Equal(cr0.Raw, smmu.Read<Cr0ack>().Raw);
        smmu.Write(cr0.WithSmmuen(false));
        Assert.False(smmu.Read<Cr0ack>().Smmuen);
        Assert.True(smmu.Read<Cr0ack>().Cmdqen);
    }

    [Fact]
    public void Cr0Update_IsReportedToListeners_BeforeCr0ackShowsIt()
    {
        var smmu = new SmmuRegisterFile();
        var seen = new List<(Cr0 Previous, Cr0 Current, bool AckAlreadySet)>();
        smmu.Cr0Updated += (previous, current) => seen.Add((previous, current, smmu.Read<Cr0ack>().Cmdqen));
        smmu.Write(new Cr0(0).WithCmdqen(true));
        var update = Assert.Single(seen);
        Assert.False(update.Previous.Cmdqen);
        Assert.True(update.Current.Cmdqen);
        Assert.False(update.AckAlreadySet);
    }

    [Fact]
    public void IrqCtrlWrite_IsMirroredInIrqCtrlack_AndReported()
    {
        var smmu = new SmmuRegisterFile();
        IrqCtrl? reported = null;
        smmu.IrqCtrlUpdated += (_, current) => reported = current;
        var irq = new IrqCtrl(0).WithGerrorIrqen(true).WithEventqIrqen(true).WithPriqIrqen(true);
        smmu.Write(irq);
        Assert.Equal(irq.Raw, smmu.Read<IrqCtrlack>().Raw);
        Assert.Equal(irq, reported);
        smmu.Write(new IrqCtrl(0));
        Assert.Equal(0u, smmu.Read<IrqCtrlack>().Raw);
    }

    [Fact]
    public void AckRegisters_AreReadOnly()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write32(Cr0ack.Page, Cr0ack.Offset, uint.MaxValue);
        smmu.Write32(IrqCtrlack.Page, IrqCtrlack.Offset, uint.MaxValue);
        Assert.Equal(0u, smmu.Read<Cr0ack>().Raw);
        Assert.Equal(0u, smmu.Read<IrqCtrlack>().Raw);
    }

    [Fact]
    public void Cr0Res0Bits_ReadAsZero()
    {
        var smmu = new SmmuRegisterFile(new SmmuOptions { VmidWildcard = true });
        smmu.Write32(Cr0.Page, Cr0.Offset, uint.MaxValue);
        Assert.Equal(Cr0.WritableMask, smmu.Read<Cr0>().Raw);
        Assert.Equal(Cr0ack.ReservedMask, ~smmu.Read<Cr0ack>().Raw);
    }

    [Fact]
    public void Cr0FieldsOfAbsentFeatures_AreRes0()
    {
        // Without PRI, ATS and VMW: CR0.PRIQEN, ATSCHK and VMW are RES0 (IHI 0070 6.3.9).
        var smmu = new SmmuRegisterFile(SmmuOptions.Minimal);
        smmu.Write32(Cr0.Page, Cr0.Offset, uint.MaxValue);
        var cr0 = smmu.Read<Cr0>();
        Assert.False(cr0.Priqen);
        Assert.False(cr0.Atschk);
        Assert.Equal(VmidWildcard.Exact, cr0.Vmw);
        Assert.True(cr0.Smmuen && cr0.Cmdqen && cr0.Eventqen);
        smmu.Write32(IrqCtrl.Page, IrqCtrl.Offset, uint.MaxValue);
        Assert.False(smmu.Read<IrqCtrlack>().PriqIrqen);
    }

    [Fact]
    public void GbpaWriteWithUpdate_AppliesTheFields_AndUpdateReadsBackZero()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write(new Gbpa(0).WithAbort(true).WithShcfg(GbpaShcfg.Ish).WithUpdate(true));
        var gbpa = smmu.Read<Gbpa>();
        Assert.True(gbpa.Abort);
        Assert.Equal(GbpaShcfg.Ish, gbpa.Shcfg);
        Assert.False(gbpa.Update);
    }

    [Fact]
    public void GbpaWriteWithoutUpdate_IsIgnored()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Trace = new List<MmioAccess>();
        smmu.Write(new Gbpa(0).WithAbort(true));
        Assert.Equal(Gbpa.Reset, smmu.Read<Gbpa>());
        Assert.Equal(MmioOutcome.Ignored, System.Linq.Enumerable.First(smmu.Trace).Outcome);
    }

    [Fact]
    public void GbpaReset_IsTheImplementationDefinedValueFromTheOptions()
    {
        var aborting = new SmmuRegisterFile(new SmmuOptions { GbpaReset = new Gbpa(0).WithAbort(true).WithUpdate(true) });
        Assert.True(aborting.Read<Gbpa>().Abort);
        Assert.False(aborting.Read<Gbpa>().Update);
        var bypassing = new SmmuRegisterFile();
        Assert.Equal(Gbpa.ResetValue, bypassing.Read<Gbpa>().Raw);
        Assert.False(bypassing.Read<Gbpa>().Abort);
    }

    [Fact]
    public void StrtabBase_Cfg_AndCr2_AreIgnoredWhileSmmuenIsSet()
    {
        var smmu = new SmmuRegisterFile();
        var strtab = new StrtabBase(0).WithAddr(0x8000_0000).WithRa(true);
        var cfg = new StrtabBaseCfg(0).WithFmt(StrtabBaseCfgFmt.TwoLevel).WithLog2size(16).WithSplit(StrtabBaseCfgSplit.Leaf4kb);
        var cr2 = new Cr2(0).WithRecinvsid(true).WithPtm(true);
        smmu.Write(strtab);
        smmu.Write(cfg);
        smmu.Write(cr2);
        smmu.Write(new Cr0(0).WithSmmuen(true));
        smmu.Write(new StrtabBase(0).WithAddr(0x9000_0000));
        smmu.Write(new StrtabBaseCfg(0));
        smmu.Write(new Cr2(0));
        Assert.Equal(strtab, smmu.Read<StrtabBase>());
        Assert.Equal(cfg, smmu.Read<StrtabBaseCfg>());
        Assert.Equal(cr2, smmu.Read<Cr2>());

        smmu.Write(new Cr0(0));
        smmu.Write(new StrtabBase(0).WithAddr(0x9000_0000), asHalves: true);
        Assert.Equal(0x9000_0000UL, smmu.Read<StrtabBase>().Addr);
    }

    [Fact]
    public void Cr1TableFields_LockWithSmmuen_QueueFieldsLockWithAnyQueueEnable()
    {
        var smmu = new SmmuRegisterFile();
        var all = new Cr1(0).WithTableIc(Cacheability.Wb).WithTableOc(Cacheability.Wb).WithTableSh(Shareability.Ish)
            .WithQueueIc(Cacheability.Wb).WithQueueOc(Cacheability.Wb).WithQueueSh(Shareability.Ish);
        smmu.Write(new Cr0(0).WithEventqen(true));
        smmu.Write(all);
        var cr1 = smmu.Read<Cr1>();
        Assert.Equal(Cacheability.Wb, cr1.TableIc);
        Assert.Equal(Cacheability.Nc, cr1.QueueIc); // a queue is enabled: QUEUE_* unchanged

        smmu.Write(new Cr0(0).WithSmmuen(true));
        smmu.Write(new Cr1(0).WithQueueSh(Shareability.Osh));
        cr1 = smmu.Read<Cr1>();
        Assert.Equal(Shareability.Osh, cr1.QueueSh);
        Assert.Equal(Shareability.Ish, cr1.TableSh); // SMMUEN set: TABLE_* unchanged
    }

    [Fact]
    public void Cr2FieldsOfAbsentFeatures_AreRes0()
    {
        var smmu = new SmmuRegisterFile(new SmmuOptions { Hyp = false });
        smmu.Write32(Cr2.Page, Cr2.Offset, uint.MaxValue);
        var cr2 = smmu.Read<Cr2>();
        Assert.False(cr2.E2h);        // no Hyp
        Assert.False(cr2.RecCfgAts);  // no IDR0.ATSRECERR
        Assert.True(cr2.Recinvsid && cr2.Ptm);
    }

    [Fact]
    public void StatusrAndAgbpa_ReadAsZeroAndIgnoreWrites()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write32(Statusr.Page, Statusr.Offset, uint.MaxValue);
        smmu.Write32(Agbpa.Page, Agbpa.Offset, uint.MaxValue);
        Assert.Equal(0u, smmu.Read<Statusr>().Raw);
        Assert.Equal(0u, smmu.Read<Agbpa>().Raw);
    }
}
