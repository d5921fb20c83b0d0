using System;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests;

/// <summary>The README's register example, kept compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeRegisterExample_BehavesAsTheReadmeSays()
    {
        var cr0 = new Cr0(0).WithSmmuen(true).WithCmdqen(true);
        Assert.Equal("CR0 0x00000009 { SMMUEN=1, CMDQEN=1 }", cr0.ToString());

        var cfg = new StrtabBaseCfg(0).WithFmt(StrtabBaseCfgFmt.TwoLevel).WithLog2size(16);
        Assert.Equal(0x0001_0010u, cfg.Raw);

        var b = new StrtabBase(0).WithAddr(0x8000_0000);
        Assert.Equal(0x8000_0000UL, b.Addr);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new StrtabBase(0).WithAddr(0x8000_0001));
        Assert.Contains("STRTAB_BASE.ADDR holds address bits 51:6", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not 64-byte aligned", ex.Message, StringComparison.Ordinal);

        RegisterInfo info = Gerrorn.Info;
        Assert.Equal("GERROR", info.AckOf);
        Assert.Equal(AckKind.Toggle, info.AckKind);
        Assert.Equal("EVENTQ_PROD", Smmuv3RegisterMap.Find(page: 1, offset: 0xA8)?.Name);
    }

    [Fact]
    public void ReadmeRecordExample_BehavesAsTheReadmeSays()
    {
        var sync = CmdSync.Create().WithCs(CmdSyncCs.SigIrq);
        Cmd raw = sync;
        Span<byte> bytes = stackalloc byte[Cmd.Size];
        raw.WriteTo(bytes);
        Assert.Equal(0x46, bytes[0]);
        Assert.Equal(0x10, bytes[1]); // CS = 1 at bits 13:12
        var back = Cmd.ReadFrom(bytes);
        Assert.Equal(CmdOpcode.CmdSync, back.Opcode);
        Assert.True(back.TryGetCmdSync(out var decoded));
        Assert.Equal(CmdSyncCs.SigIrq, decoded.Cs);

        var ste = default(Ste).WithV(true).WithConfig(SteConfig.S1Trans);
        Assert.False(ste.HasBitsOutside(Ste.IommufdNestedProfile));
        Assert.True(ste.WithS2vmid(1).HasBitsOutside(Ste.IommufdNestedProfile));
    }

    [Fact]
    public void ReadmeEmulatorExample_BehavesAsTheReadmeSays()
    {
        var options = new SmmuGen.Emulator.SmmuOptions { SidSize = 8 };
        var regs = new SmmuGen.Emulator.SmmuRegisterFile(options);
        var idr0 = new Idr0(regs.Read32(page: 0, Idr0.Offset));
        Assert.True(idr0.S1p);
        Assert.Equal(8, new Idr1(regs.Read32(0, Idr1.Offset)).Sidsize);
        regs.Write32(0, Cr0.Offset, new Cr0(0).WithCmdqen(true).Raw);
        var ack = new Cr0ack(regs.Read32(0, Cr0ack.Offset));
        Assert.True(ack.Cmdqen);

        var memory = new SmmuGen.Memory.GuestMemory();
        memory.WriteRecord(0x8000_0000, default(Ste).WithV(true));
        Assert.True(memory.ReadRecord<Ste>(0x8000_0000).V);
        memory.AddAbortRegion(0xdead_0000, 0x1000, SmmuGen.Memory.AbortKind.External);
        Assert.True(memory.TryReadUInt64(0xdead_0008, out _).IsAbort);
    }
}
