using System;
using System.Linq;
using SmmuGen.Demo;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// Compile-and-run tests of generated code: SmmuGen.Generator.Sample runs the generator on
/// Specs/demo.yaml through a ProjectReference, and these tests use the types it produced.
/// </summary>
public sealed class GeneratedDemoTests
{
    [Fact]
    public void BoolField_ReadsAndWrites_OnlyItsBit()
    {
        var ctrl = new Ctrl(0xFFFF_FFFE);
        Assert.False(ctrl.En);
        var on = ctrl.WithEn(true);
        Assert.Equal(0xFFFF_FFFFu, on.Raw);
        Assert.Equal(0xFFFF_FFFEu, ctrl.Raw); // With… never mutates
        Assert.Equal(0u, new Ctrl(1).WithEn(false).Raw);
    }

    [Fact]
    public void InlineEnumField_IsTypedAndOpen()
    {
        var ctrl = new Ctrl(0).WithMode(CtrlMode.Slow);
        Assert.Equal(CtrlMode.Slow, ctrl.Mode);
        Assert.Equal(0b100u, ctrl.Raw);

        // An encoding the spec does not name is still representable and prints as a number.
        var unknown = new Ctrl(0b1110);
        Assert.Equal((CtrlMode)7, unknown.Mode);
        Assert.Contains("MODE=7", unknown.ToString(), StringComparison.Ordinal);
        Assert.Equal(typeof(byte), Enum.GetUnderlyingType(typeof(CtrlMode)));
    }

    [Fact]
    public void EnumValueTooWideForTheField_Throws_NamingFieldAndWidth()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Ctrl(0).WithMode((CtrlMode)8));
        Assert.Contains("CTRL.MODE (bits 3:1) is 3 bits wide", ex.Message, StringComparison.Ordinal);
        Assert.Equal("value", ex.ParamName);
    }

    [Fact]
    public void SharedEnumField_UsesTheSharedType()
    {
        var ctrl = new Ctrl(0).WithSh(Shareability.Ish);
        Assert.Equal(Shareability.Ish, ctrl.Sh);
        Assert.Equal(0x30u, ctrl.Raw);
        Assert.Contains("SH=ISH", ctrl.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FullByteField_TakesEveryByteValue_AndKeepsNeighbours()
    {
        var ctrl = new Ctrl(0xFFFF_FFFF).WithLevel(0);
        Assert.Equal(0xFFFF_00FFu, ctrl.Raw);
        Assert.Equal(0xFFu, new Ctrl(0).WithLevel(0xFF).Raw >> 8);
    }

    [Fact]
    public void FieldNamedLikeAGeneratedMember_GetsAFieldSuffix()
    {
        var ctrl = new Ctrl(0).WithWidthField(0x1F);
        Assert.Equal((byte)0x1F, ctrl.WidthField);
        Assert.Equal(32, Ctrl.Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => ctrl.WithWidthField(0x20));
    }

    [Fact]
    public void ReservedFields_HaveNoAccessor_AndResetRespectsRes1()
    {
        Assert.Null(typeof(Ctrl).GetProperty("One"));
        Assert.Equal(0x8000_0000u, Ctrl.Res1Mask);
        Assert.Equal(0x8000_0000u, Ctrl.ResetValue);
        Assert.Equal(Ctrl.ResetValue, Ctrl.Reset.Raw);
        Assert.Equal(0x7FE0_00C0u, Ctrl.ReservedMask);
    }

    [Fact]
    public void W1cFields_AreNotWrittenBackByModify_UnlessSetOnPurpose()
    {
        var read = new Status(0b0011 | 0x40); // ERR and OVF pending, COUNT = 4
        var write = read.Modify(s => s);
        Assert.Equal(0u, write.Raw & Status.W1cMask);

        var clearErr = read.Modify(s => s.WithErr(true));
        Assert.Equal(Status.ErrMask, clearErr.Raw & Status.W1cMask);
        Assert.Equal(0b11u, Status.W1cMask);
        Assert.Equal(0b11u, Status.WritableMask);
    }

    [Fact]
    public void ImpdefResetWithAllowedValues_AndSelfClearingField_AreInTheMetadata()
    {
        Assert.Equal(1u << 20, Update.ResetImpdefMask);
        Assert.Equal(new ulong[] { 0x0, 0x100000, 0x3, 0x100003 }, Update.Info.ResetAllowed);
        Assert.Equal(0b11u, Update.ResetUnknownMask);
        Assert.Equal(ulong.MaxValue, Wide.ResetUnknownMask);
        Assert.Equal(0UL, Wide.ResetImpdefMask);
        Assert.Equal(0UL, Base.ResetUnknownMask);
        Assert.Equal(1u << 31, Update.SelfClearMask);
        Assert.True(Update.Info.FindField("Update")!.SelfClearing);
        Assert.Equal(ulong.MaxValue, Base.Info.ResetImpdefMask);
    }

    [Fact]
    public void AddressField_StoresTheAddressInPlace()
    {
        var b = new Base(0).WithAddr(0x000F_FFFF_FFFF_FFC0).WithRa(true).WithLog2size(0x1F);
        Assert.Equal(0x000F_FFFF_FFFF_FFC0UL, b.Addr);
        Assert.Equal(0x400F_FFFF_FFFF_FFDFUL, b.Raw);
        Assert.Equal(0x1000UL, new Base(ulong.MaxValue).WithAddr(0x1000).Addr);
        Assert.Equal(ulong.MaxValue & ~Base.AddrMask | 0x1000, new Base(ulong.MaxValue).WithAddr(0x1000).Raw);
    }

    [Fact]
    public void AddressField_RejectsMisalignedAndTooWideAddresses()
    {
        var misaligned = Assert.Throws<ArgumentOutOfRangeException>(() => new Base(0).WithAddr(0x1001));
        Assert.Contains("BASE.ADDR holds address bits 51:6", misaligned.Message, StringComparison.Ordinal);
        Assert.Contains("not 64-byte aligned", misaligned.Message, StringComparison.Ordinal);

        var wide = Assert.Throws<ArgumentOutOfRangeException>(() => new Base(0).WithAddr(1UL << 52));
        Assert.Contains("has bits above bit 51", wide.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldAcrossThe32BitBoundary_OfA64BitRegister()
    {
        var w = new Wide(0).WithSpan(0xFF_FFFF);
        Assert.Equal(0x0000_FFFF_FF00_0000UL, w.Raw);
        Assert.Equal(0xFF_FFFFu, w.Span);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.WithSpan(0x100_0000));
        Assert.Equal(0xFFFF_0000_0000_0000UL, new Wide(0).WithTop(0xFFFF).Raw);
    }

    [Fact]
    public void SixtyFourBitField_TakesEveryValue()
    {
        Assert.Equal(ulong.MaxValue, new Full(0).WithValue(ulong.MaxValue).Value);
        Assert.Equal(ulong.MaxValue, Full.WritableMask);
    }

    [Fact]
    public void AckRelations_AreInTheMetadata()
    {
        Assert.Equal("CTRL", Ctrlack.Info.AckOf);
        Assert.Equal(AckKind.Mirror, Ctrlack.Info.AckKind);
        Assert.Equal("STATUS", Errn.Info.AckOf);
        Assert.Equal(AckKind.Toggle, Errn.Info.AckKind);
        Assert.Null(Ctrl.Info.AckOf);
    }

    [Fact]
    public void RegisterMap_FindsRegistersByLocationAliasContainingOffsetAndName()
    {
        Assert.Equal(8, DemoRegisterMap.All.Count);
        Assert.Same(Ctrl.Info, DemoRegisterMap.Find(0, 0x0));
        Assert.Same(Base.Info, DemoRegisterMap.Find(1, 0x10));
        Assert.Same(Base.Info, DemoRegisterMap.FindContaining(0, 0x14));
        Assert.Same(Base.Info, DemoRegisterMap.FindContaining(1, 0x17));
        Assert.Null(DemoRegisterMap.Find(0, 0x14));
        Assert.Null(DemoRegisterMap.Find(0, 0x30));
        Assert.Same(Status.Info, DemoRegisterMap.FindByName("STATUS"));
        Assert.Equal(0x1000UL, DemoRegisterMap.PageSize);
    }

    [Fact]
    public void Metadata_IsData_WithDocsAsWritten()
    {
        var fields = Ctrl.Info.Fields;
        Assert.Equal(new[] { "EN", "MODE", "SH", "LEVEL", "WIDTH", "ONE" }, fields.Select(f => f.Name));
        Assert.Equal(new[] { 0, 1, 4, 8, 16, 31 }, fields.Select(f => f.Lsb));
        Assert.Equal("3:1", fields[1].Bits);
        Assert.Equal(new[] { "OFF", "FAST", "SLOW" }, fields[1].EnumValues.Select(v => v.Name));
        Assert.Equal("1.1", fields[2].Since);
        Assert.Equal(FieldAccess.Res1, fields[5].Access);
        Assert.Equal("Enables the device.", fields[0].Doc);
        Assert.Equal("Global control.", Ctrl.Info.Doc);
        Assert.Equal("1.1", Ctrl.Info.Section);
    }

    [Fact]
    public void GenericCode_WorksThroughIRegister()
    {
        static ulong ResetOf<T>() where T : struct, IRegister<T> => T.FromBits(T.Info.ResetValue).Bits;
        Assert.Equal(0x8000_0000UL, ResetOf<Ctrl>());
        Assert.Equal(0x0UL, ResetOf<Status>());
    }

    [Fact]
    public void Equality_IsByRawBits()
    {
        Assert.Equal(new Ctrl(5), new Ctrl(4).WithEn(true));
        Assert.True(new Ctrl(5) == new Ctrl(5));
        Assert.True(new Ctrl(5) != new Ctrl(4));
        Assert.Equal(new Ctrl(5).GetHashCode(), new Ctrl(5).GetHashCode());
        Assert.Equal("CTRL 0x00000003 { EN=1, MODE=FAST }", new Ctrl(3).ToString());
        Assert.Equal("STATUS 0x00000000 {}", new Status(0).ToString());
    }

    [Fact]
    public void AccessorsAndWithMethods_AllocateNothing()
    {
        static ulong Work(ulong seed)
        {
            ulong acc = 0;
            for (var i = 0UL; i < 1000; i++)
            {
                var b = new Base(seed + i).WithLog2size((byte)(i & 0x1F)).WithAddr((i << 12) & Base.AddrMask).WithRa(true);
                var c = new Ctrl((uint)i).WithMode(CtrlMode.Fast).WithSh(Shareability.Osh).Modify(static x => x.WithEn(true));
                acc += b.Addr + b.Log2size + (ulong)c.Mode + (c.En ? 1UL : 0UL);
            }

            return acc;
        }

        Work(1); // JIT first
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Work(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEqual(0UL, result);
        Assert.Equal(0, allocated);
    }
}
