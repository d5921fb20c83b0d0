using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>GERROR/GERRORN: errors are raised by toggling GERROR and acknowledged by toggling GERRORN to match.</summary>
public sealed class GlobalErrorTests
{
    [Fact]
    public void RaisedError_IsActiveWhileGerrorAndGerrornDiffer()
    {
        var smmu = new SmmuRegisterFile();
        Assert.Equal(Gerror.CmdqErrMask, smmu.RaiseGlobalError(Gerror.CmdqErrMask));
        var active = smmu.Read<Gerror>().Raw ^ smmu.Read<Gerrorn>().Raw;
        Assert.Equal(Gerror.CmdqErrMask, active);
        Assert.True(smmu.Read<Gerror>().CmdqErr);
    }

    [Fact]
    public void ActiveError_IsNotRaisedAgainUntilAcknowledged()
    {
        var smmu = new SmmuRegisterFile();
        smmu.RaiseGlobalError(Gerror.EventqAbtErrMask);
        Assert.Equal(0u, smmu.RaiseGlobalError(Gerror.EventqAbtErrMask));
        Assert.True(smmu.Read<Gerror>().EventqAbtErr); // not toggled back

        smmu.Write(new Gerrorn(smmu.Read<Gerror>().Raw));
        Assert.Equal(Gerror.EventqAbtErrMask, smmu.RaiseGlobalError(Gerror.EventqAbtErrMask));
        Assert.False(smmu.Read<Gerror>().EventqAbtErr); // raised again: toggled to 0, still differing from GERRORN
        Assert.True(smmu.Read<Gerrorn>().EventqAbtErr);
    }

    [Fact]
    public void GerrornToggle_AcknowledgesOnlyTheWrittenBits()
    {
        var smmu = new SmmuRegisterFile();
        smmu.RaiseGlobalError(Gerror.CmdqErrMask | Gerror.SfmErrMask | Gerror.MsiGerrorAbtErrMask);
        smmu.Write(new Gerrorn(0).WithCmdqErr(true));
        var active = smmu.Read<Gerror>().Raw ^ smmu.Read<Gerrorn>().Raw;
        Assert.Equal(Gerror.SfmErrMask | Gerror.MsiGerrorAbtErrMask, active);
    }

    [Fact]
    public void GerrornToggle_OfAnInactiveError_IsIgnored()
    {
        var smmu = new SmmuRegisterFile();
        smmu.RaiseGlobalError(Gerror.CmdqErrMask);
        smmu.Write(new Gerrorn(0).WithCmdqErr(true).WithPriqAbtErr(true));
        Assert.Equal(Gerrorn.CmdqErrMask, smmu.Read<Gerrorn>().Raw);
        Assert.Equal(0u, smmu.Read<Gerror>().Raw ^ smmu.Read<Gerrorn>().Raw);
    }

    [Fact]
    public void Gerror_IsReadOnlyToSoftware()
    {
        var smmu = new SmmuRegisterFile();
        smmu.Write32(Gerror.Page, Gerror.Offset, uint.MaxValue);
        Assert.Equal(0u, smmu.Read<Gerror>().Raw);
    }

    [Fact]
    public void Res0ErrorBits_CannotBeRaisedOrAcknowledged()
    {
        var smmu = new SmmuRegisterFile();
        Assert.Equal(0u, smmu.RaiseGlobalError(Gerror.ReservedMask));
        Assert.Equal(0u, smmu.RaiseGlobalError(Gerror.CmdqpErrMask)); // no ECMDQ in this implementation
        smmu.Write32(Gerrorn.Page, Gerrorn.Offset, uint.MaxValue);
        Assert.Equal(0u, smmu.Read<Gerrorn>().Raw);
    }
}
