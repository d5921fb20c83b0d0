using System;
using System.Linq;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// Hand-written checks of a few registers against the architecture (Arm IHI 0070), so the
/// metadata-driven tests are not only the spec checking itself.
/// </summary>
public sealed class ArchitectureSpotCheckTests
{
    [Fact]
    public void Cr0Of0xDEnablesTranslationAndTheEventAndCommandQueues()
    {
        var cr0 = new Cr0(0xD);
        Assert.True(cr0.Smmuen);
        Assert.False(cr0.Priqen);
        Assert.True(cr0.Eventqen);
        Assert.True(cr0.Cmdqen);
        Assert.False(cr0.Atschk);
        Assert.Equal(VmidWildcard.Exact, cr0.Vmw);
        Assert.Equal("CR0 0x0000000D { SMMUEN=1, EVENTQEN=1, CMDQEN=1 }", cr0.ToString());
        Assert.Equal(cr0, new Cr0(0).WithSmmuen(true).WithEventqen(true).WithCmdqen(true));
    }

    [Fact]
    public void Cr0FieldsSitWhereTheArchitecturePutsThem()
    {
        Assert.Equal((0x1u, 0x2u, 0x4u, 0x8u, 0x10u, 0x1C0u), (Cr0.SmmuenMask, Cr0.PriqenMask, Cr0.EventqenMask, Cr0.CmdqenMask, Cr0.AtschkMask, Cr0.VmwMask));
        Assert.Equal(6, Cr0.VmwShift);
        Assert.Equal(0x20UL, Cr0.Offset);
        Assert.Equal(0u, Cr0.ResetValue);
        Assert.Equal(0xFFFF_FE20u, Cr0.ReservedMask); // bit 5 and 31:9 are RES0 up to v3.3

        var vmw = new Cr0(0).WithVmw(VmidWildcard.Ignore4);
        Assert.Equal(0x100u, vmw.Raw);
        Assert.Equal("CR0 0x00000100 { VMW=IGNORE_4 }", vmw.ToString());
        Assert.Equal("CR0 0x00000001 { SMMUEN=1 }", new Cr0(1).ToString());
    }

    [Fact]
    public void StrtabBaseCfgFmtEncodesLinearAndTwoLevel()
    {
        Assert.Equal(0, (int)StrtabBaseCfgFmt.Linear);
        Assert.Equal(1, (int)StrtabBaseCfgFmt.TwoLevel);
        Assert.Equal(0x30000u, StrtabBaseCfg.FmtMask);
        Assert.Equal(16, StrtabBaseCfg.FmtShift);
        Assert.Equal(StrtabBaseCfgFmt.TwoLevel, new StrtabBaseCfg(0x1_0000).Fmt);
        Assert.Equal(StrtabBaseCfgFmt.Linear, new StrtabBaseCfg(0xFFFC_FFFF).Fmt);

        // A two-level table for 32-bit StreamIDs with 256-STE (16 KB) leaves, as Linux builds it.
        var cfg = new StrtabBaseCfg(0).WithFmt(StrtabBaseCfgFmt.TwoLevel).WithSplit(StrtabBaseCfgSplit.Leaf16kb).WithLog2size(32);
        Assert.Equal(0x1_0220u, cfg.Raw);
        Assert.Equal("STRTAB_BASE_CFG 0x00010220 { LOG2SIZE=0x20, SPLIT=LEAF_16KB, FMT=TWO_LEVEL }", cfg.ToString());

        // SPLIT encodings are log2 of the STEs per leaf: 6, 8 and 10 for 4, 16 and 64 KB.
        Assert.Equal((6, 8, 10), ((int)StrtabBaseCfgSplit.Leaf4kb, (int)StrtabBaseCfgSplit.Leaf16kb, (int)StrtabBaseCfgSplit.Leaf64kb));

        // FMT 0b10 and 0b11 are reserved: representable, printed as numbers.
        Assert.Equal((StrtabBaseCfgFmt)2, new StrtabBaseCfg(0x2_0000).Fmt);
        Assert.Equal("STRTAB_BASE_CFG 0x00020000 { FMT=2 }", new StrtabBaseCfg(0x2_0000).ToString());
    }

    [Fact]
    public void GerrornAcknowledgesGerrorByToggling()
    {
        Assert.Equal("GERROR", Gerrorn.Info.AckOf);
        Assert.Equal(AckKind.Toggle, Gerrorn.Info.AckKind);
        Assert.Null(Gerror.Info.AckOf);
        Assert.Equal(0x60UL, Gerror.Offset);
        Assert.Equal(0x64UL, Gerrorn.Offset);

        // The SMMU raises CMDQ_ERR and SFM_ERR by flipping them; an error is active while the bits differ.
        var gerror = new Gerror(0x101);
        var gerrorn = new Gerrorn(0);
        Assert.Equal(0x101u, gerror.Raw ^ gerrorn.Raw);

        // Software acknowledges CMDQ_ERR by making GERRORN's bit equal to GERROR's.
        gerrorn = gerrorn.WithCmdqErr(gerror.CmdqErr);
        Assert.Equal(0x100u, gerror.Raw ^ gerrorn.Raw);

        // GERROR is read-only to software; GERRORN is written, and the SMMU never changes it.
        Assert.Equal(0x101UL, Register.ApplyWrite(Gerror.Info, 0x101, 0));
        Assert.Equal(0x101UL, Register.ApplyWrite(Gerrorn.Info, 0, 0x101));
        Assert.Equal(0x3FDu, Gerrorn.WritableMask); // bits 0, 2..9; bit 1 is RES0
    }

    [Theory]
    [InlineData("CR0ACK", "CR0")]
    [InlineData("IRQ_CTRLACK", "IRQ_CTRL")]
    public void AckRegistersMirrorTheirControlRegister(string ack, string control)
    {
        var a = GeneratedRegisterTests.Register(ack);
        var c = GeneratedRegisterTests.Register(control);
        Assert.Equal(control, a.AckOf);
        Assert.Equal(AckKind.Mirror, a.AckKind);
        Assert.Equal(c.Offset + 4, a.Offset);
        Assert.Equal(c.Fields.Select(f => (f.Name, f.PropertyName, f.Mask)), a.Fields.Select(f => (f.Name, f.PropertyName, f.Mask)));
        Assert.All(a.Fields, f => Assert.Equal(FieldAccess.RO, f.Access));
        Assert.All(c.Fields, f => Assert.Equal(FieldAccess.RW, f.Access));
    }

    [Fact]
    public void Cr0ackReadsBackTheCompletedCr0()
    {
        var completed = new Cr0ack(new Cr0(0xD).Raw);
        Assert.True(completed.Smmuen && completed.Eventqen && completed.Cmdqen && !completed.Priqen);
        Assert.Equal("CR0ACK 0x0000000D { SMMUEN=1, EVENTQEN=1, CMDQEN=1 }", completed.ToString());
        Assert.Equal(0UL, Register.ApplyWrite(Cr0ack.Info, 0, 0xFFFF_FFFF));
    }

    [Fact]
    public void GbpaUpdateIsSelfClearingAndTheResetBypassesWithIncomingAttributes()
    {
        var update = Gbpa.Info.FindField("Update");
        Assert.NotNull(update);
        Assert.True(update.SelfClearing);
        Assert.Equal(FieldAccess.RW, update.Access);
        Assert.Equal(0x8000_0000u, Gbpa.UpdateMask);
        Assert.Equal(Gbpa.UpdateMask, Gbpa.SelfClearMask);

        // Update resets to 0; the other fields' reset is IMPLEMENTATION DEFINED (default 0x1000).
        Assert.Equal(0x1000u, Gbpa.ResetValue);
        Assert.Equal(0u, Gbpa.ResetImpdefMask & Gbpa.UpdateMask);
        Assert.Equal(Gbpa.AbortMask, Gbpa.ResetImpdefMask & Gbpa.AbortMask);
        var reset = Gbpa.Reset;
        Assert.False(reset.Update);
        Assert.False(reset.Abort);
        Assert.Equal(GbpaShcfg.UseIncoming, reset.Shcfg);
        Assert.Equal(GbpaMtcfg.UseIncoming, reset.Mtcfg);
        Assert.Equal("GBPA 0x00001000 { SHCFG=USE_INCOMING }", reset.ToString());

        // Linux aborts bypass traffic with one write of GBPA_UPDATE | GBPA_ABORT.
        Assert.Equal(0x8010_1000u, reset.WithAbort(true).WithUpdate(true).Raw);

        // Only the Update-style bits clear themselves: GBPA, GMPAM, GBPMPAM and GATOS_CTRL.RUN.
        Assert.Equal(
            new[] { "GBPA.Update", "GATOS_CTRL.RUN", "GMPAM.Update", "GBPMPAM.Update" },
            Smmuv3RegisterMap.All.SelectMany(r => r.Fields.Where(f => f.SelfClearing).Select(f => $"{r.Name}.{f.Name}")));
    }

    [Fact]
    public void QueueIndexRegistersOfEventAndPriQueuesAreOnPage1()
    {
        Assert.Equal((1, 0xA8UL), (EventqProd.Page, EventqProd.Offset));
        Assert.Equal((1, 0xACUL), (EventqCons.Page, EventqCons.Offset));
        Assert.Equal((1, 0xC8UL), (PriqProd.Page, PriqProd.Offset));
        Assert.Equal((1, 0xCCUL), (PriqCons.Page, PriqCons.Offset));
        Assert.Equal((0, 0x98UL), (CmdqProd.Page, CmdqProd.Offset));
        Assert.Same(EventqProd.Info, Smmuv3RegisterMap.Find(1, 0xA8));
        Assert.Null(Smmuv3RegisterMap.Find(0, 0xA8));
        Assert.Empty(EventqProd.Info.Aliases);

        // Overflow: pending while PROD.OVFLG differs from CONS.OVACKFLG.
        Assert.Equal(0x8000_0000u, EventqProd.OvflgMask);
        Assert.Equal(0x8000_0000u, EventqCons.OvackflgMask);
        Assert.Equal(0xF_FFFFu, EventqProd.WrMask);
    }

    [Fact]
    public void QueueBaseAddressesAreStoredInPlaceAndChecked()
    {
        var cmdq = new CmdqBase(0).WithAddr(0x8_0000_0000).WithLog2size(8).WithRa(true);
        Assert.Equal(0x4000_0008_0000_0008UL, cmdq.Raw);
        Assert.Equal(0x8_0000_0000UL, cmdq.Addr);
        Assert.Equal("CMDQ_BASE 0x4000000800000008 { LOG2SIZE=8, ADDR=0x800000000, RA=1 }", cmdq.ToString());

        var misaligned = Assert.Throws<ArgumentOutOfRangeException>(() => cmdq.WithAddr(0x1010));
        Assert.Contains("CMDQ_BASE.ADDR holds address bits 51:5; address 0x1010 is not 32-byte aligned", misaligned.Message, StringComparison.Ordinal);
        var tooWide = Assert.Throws<ArgumentOutOfRangeException>(() => cmdq.WithAddr(1UL << 52));
        Assert.Contains("has bits above bit 51", tooWide.Message, StringComparison.Ordinal);

        Assert.Equal(0x4000_0000_0000_0000UL, EventqBase.WaMask);
        Assert.Equal(0xF_FFFF_FFFF_FFC0UL, StrtabBase.AddrMask);
        Assert.Equal(0x1004UL, new GerrorIrqCfg0(0).WithAddr(0x1004).Addr);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GerrorIrqCfg0(0).WithAddr(0x1002));
    }

    [Fact]
    public void GatosAddrTakesAddressesUpToBit63()
    {
        var atos = new GatosAddr(0).WithAddr(0xFFFF_F000_0000_0000UL).WithType(GatosAddrType.Stage1AndStage2);
        Assert.Equal(0xFFFF_F000_0000_0C00UL, atos.Raw);
        Assert.Throws<ArgumentOutOfRangeException>(() => atos.WithAddr(0x800));
    }

    [Fact]
    public void IdRegistersDecodeArchitectureEncodings()
    {
        // Two-level stream tables, AArch64 tables, stage 1 and stage 2.
        var idr0 = new Idr0((1u << 27) | (2u << 2) | 0x3);
        Assert.Equal(Idr0StLevel.TwoLevel, idr0.StLevel);
        Assert.Equal(Idr0Ttf.Aarch64, idr0.Ttf);
        Assert.True(idr0.S1p && idr0.S2p);

        Assert.Equal(Idr5Oas.Bits48, new Idr5(5).Oas);
        Assert.Equal(Idr5Oas.Bits52, new Idr5(6).Oas);
        Assert.Equal((byte)20, new Idr1(20u << 16).Eventqs);
        Assert.Equal(AidrArchMinorRev.V3_3, new Aidr(0x03).ArchMinorRev);
        Assert.Equal(0u, Idr0.WritableMask);
    }

    [Fact]
    public void CmdqConsErrNamesTheCommandErrors()
    {
        Assert.Equal(0x7F00_0000u, CmdqCons.ErrMask);
        Assert.Equal(CmdqConsErr.CerrorIll, new CmdqCons(0x0100_0000).Err);
        Assert.Equal("CMDQ_CONS 0x01000000 { ERR=CERROR_ILL }", new CmdqCons(0x0100_0000).ToString());
        Assert.Equal(CmdqConsErr.CerrorAtcInvSync, new CmdqCons(0x0300_0000).Err);
    }

    [Fact]
    public void PrefetchAddrStrideAndNsSitWhereTheG_bFigureDrawsThem()
    {
        // IHI 0070 G.b 4.2.2: Size 68:64, Stride 73:69, NS 75, bit 74 RES0, Address 127:76.
        Assert.Equal((1, 5, 0x3E0UL), (CmdPrefetchAddr.StrideWord, CmdPrefetchAddr.StrideShift, CmdPrefetchAddr.StrideMask));
        Assert.Equal((1, 11, 0x800UL), (CmdPrefetchAddr.NsWord, CmdPrefetchAddr.NsShift, CmdPrefetchAddr.NsMask));

        var prefetch = CmdPrefetchAddr.Create().WithSizeField(0x1F).WithStride(0x1F).WithNs(true).WithAddress(0xFFFF_FFFF_FFFF_F000);
        Assert.Equal(~0x400UL, prefetch.GetWord(1)); // every bit of word 1 but 74
        Assert.Equal((0x1F, 0x1F, true), (prefetch.SizeField, prefetch.Stride, prefetch.Ns));
    }

    [Fact]
    public void ImplementationDefinedReasonsSitWhereTheG_bFiguresDrawThem()
    {
        // IHI 0070 G.b 7.3.10, 7.3.12, 7.3.17: Reason is bits 79:64 (95:64 for F_TLB_CONFLICT);
        // NSIPA is bit 102 in F_WALK_EABT and F_TLB_CONFLICT as in F_TRANSLATION.
        Assert.Equal(0xFFFFUL, FCdFetch.Create().WithReason(0xFFFF).GetWord(1));
        Assert.Equal(0xFFFFUL | (1UL << 38), FWalkEabt.Create().WithReason(0xFFFF).WithNsipa(true).GetWord(1));
        Assert.Equal(0xFFFF_FFFFUL | (1UL << 38), FTlbConflict.Create().WithReason(0xFFFF_FFFF).WithNsipa(true).GetWord(1));
        Assert.Equal(FTranslation.NsipaMask, FWalkEabt.NsipaMask);

        // Only F_TRANSLATION, F_ADDR_SIZE, F_ACCESS and F_PERMISSION can stall (7.3.21).
        Assert.Null(typeof(FWalkEabt).GetProperty("Stall"));
        Assert.Null(typeof(FWalkEabt).GetProperty("Stag"));
    }
}
