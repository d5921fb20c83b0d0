using System;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>Implementation options: validation, and the ID registers they produce as a driver reads them.</summary>
public sealed class SmmuOptionsTests
{
    [Fact]
    public void DefaultAndMinimalOptions_AreValid()
    {
        Assert.Empty(new SmmuOptions().Problems());
        Assert.Empty(SmmuOptions.Minimal.Problems());
    }

    [Fact]
    public void Nested_WithoutBothStages_IsRejected() =>
        AssertRejected(new SmmuOptions { Stage1 = false, Nested = true }, "Nested translation needs both Stage1 and Stage2");

    [Fact]
    public void NoTranslationStage_IsRejected() =>
        AssertRejected(new SmmuOptions { Stage1 = false, Stage2 = false, Nested = false }, "at least one of Stage1 and Stage2");

    [Fact]
    public void Pri_WithoutAts_IsRejected() =>
        AssertRejected(new SmmuOptions { Ats = false }, "Pri needs Ats");

    [Theory]
    [InlineData(nameof(SmmuOptions.SidSize), 33, "IDR1.SIDSIZE")]
    [InlineData(nameof(SmmuOptions.SsidSize), 21, "IDR1.SSIDSIZE")]
    [InlineData(nameof(SmmuOptions.CmdqLog2MaxSize), 20, "IDR1.CMDQS")]
    [InlineData(nameof(SmmuOptions.EventqLog2MaxSize), 20, "IDR1.EVENTQS")]
    [InlineData(nameof(SmmuOptions.PriqLog2MaxSize), 20, "IDR1.PRIQS")]
    [InlineData(nameof(SmmuOptions.SidSize), -1, "IDR1.SIDSIZE")]
    [InlineData(nameof(SmmuOptions.StallMax), 0x10000, "IDR5.STALL_MAX")]
    public void SizesAboveTheArchitectedMaximum_AreRejected(string option, int value, string field)
    {
        var options = option switch
        {
            nameof(SmmuOptions.SidSize) => new SmmuOptions { SidSize = value },
            nameof(SmmuOptions.SsidSize) => new SmmuOptions { SsidSize = value },
            nameof(SmmuOptions.CmdqLog2MaxSize) => new SmmuOptions { CmdqLog2MaxSize = value },
            nameof(SmmuOptions.EventqLog2MaxSize) => new SmmuOptions { EventqLog2MaxSize = value },
            nameof(SmmuOptions.PriqLog2MaxSize) => new SmmuOptions { PriqLog2MaxSize = value },
            _ => new SmmuOptions { StallMax = value },
        };
        AssertRejected(options, $"{option} = {value} is outside");
        AssertRejected(options, field);
    }

    [Fact]
    public void NoGranule_IsRejected() =>
        AssertRejected(new SmmuOptions { Granule4K = false, Granule16K = false, Granule64K = false }, "at least one translation granule");

    [Fact]
    public void StallingWithoutStallCapacity_IsRejected() =>
        AssertRejected(new SmmuOptions { StallModel = Idr0StallModel.Force, StallMax = 0 }, "StallMax must be at least 1");

    [Fact]
    public void ReservedEnumEncodings_AreRejected()
    {
        AssertRejected(new SmmuOptions { OutputAddressSize = (Idr5Oas)7 }, "OutputAddressSize 7");
        AssertRejected(new SmmuOptions { StallModel = (Idr0StallModel)3 }, "StallModel 3");
    }

    [Fact]
    public void AFeatureNewerThanTheReportedRevision_IsRejected() =>
        AssertRejected(new SmmuOptions { Aidr = new Aidr(0).WithArchMinorRev(AidrArchMinorRev.V3_0) }, "IDR3.RIL arrived in SMMUv3.2 but Aidr reports SMMUv3.0");

    [Fact]
    public void FiftyTwoBitOutputAddresses_OnAv30Implementation_AreRejected() =>
        AssertRejected(SmmuOptions.Minimal with { OutputAddressSize = Idr5Oas.Bits52 }, "OutputAddressSize Bits52 needs SMMUv3.1");

    [Fact]
    public void EveryProblem_IsReportedInOneMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SmmuOptions { Ats = false, SidSize = 40, Stage2 = false }.Validate());
        Assert.Contains("Pri needs Ats", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SidSize = 40", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nested translation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRegisterFile_RefusesInvalidOptions() =>
        Assert.Throws<ArgumentException>(() => new SmmuRegisterFile(new SmmuOptions { Ats = false }));

    [Fact]
    public void DefaultOptions_ReportATypicalFullFeaturedSmmu()
    {
        var smmu = new SmmuRegisterFile();
        var idr0 = smmu.Read<Idr0>();
        Assert.True(idr0.S1p);
        Assert.True(idr0.S2p);
        Assert.Equal(Idr0Ttf.Aarch64, idr0.Ttf);
        Assert.True(idr0.Cohacc);
        Assert.False(idr0.Btm);
        Assert.Equal(Idr0Httu.AccessDirty, idr0.Httu);
        Assert.True(idr0.Ats);
        Assert.True(idr0.Pri);
        Assert.True(idr0.Msi);
        Assert.True(idr0.Sev);
        Assert.True(idr0.Asid16);
        Assert.True(idr0.Vmid16);
        Assert.True(idr0.Cd2l);
        Assert.Equal(Idr0StLevel.TwoLevel, idr0.StLevel);
        Assert.Equal(Idr0StallModel.Stall, idr0.StallModel);

        var idr1 = smmu.Read<Idr1>();
        Assert.Equal((16, 20, 19, 19, 19), (idr1.Sidsize, idr1.Ssidsize, idr1.Cmdqs, idr1.Eventqs, idr1.Priqs));
        Assert.False(idr1.QueuesPreset);
        Assert.False(idr1.TablesPreset);

        var idr3 = smmu.Read<Idr3>();
        Assert.True(idr3.Ril);
        Assert.Equal(Idr3Bbml.Level2, idr3.Bbml);

        var idr5 = smmu.Read<Idr5>();
        Assert.Equal(Idr5Oas.Bits48, idr5.Oas);
        Assert.True(idr5.Gran4k && idr5.Gran16k && idr5.Gran64k);
        Assert.Equal(64, idr5.StallMax);

        Assert.Equal(0x43B, smmu.Read<Iidr>().Implementer);
        Assert.Equal(AidrArchMinorRev.V3_3, smmu.Read<Aidr>().ArchMinorRev);
        Assert.Equal(0u, smmu.Read<Idr2>().Raw);
        Assert.Equal(0u, smmu.Read<Idr4>().Raw);
    }

    [Fact]
    public void MinimalOptions_ReportAStage2OnlySmmuWithoutPciFeatures()
    {
        var smmu = new SmmuRegisterFile(SmmuOptions.Minimal);
        var idr0 = smmu.Read<Idr0>();
        Assert.False(idr0.S1p);
        Assert.True(idr0.S2p);
        Assert.False(idr0.Ats || idr0.Pri || idr0.Msi || idr0.Sev || idr0.Asid16 || idr0.Vmid16 || idr0.Cd2l || idr0.Cohacc);
        Assert.Equal(Idr0Httu.None, idr0.Httu);
        Assert.Equal(Idr0StLevel.Linear, idr0.StLevel);
        Assert.Equal(Idr0StallModel.NoStall, idr0.StallModel);

        var idr1 = smmu.Read<Idr1>();
        Assert.Equal((8, 0, 8, 7, 0), (idr1.Sidsize, idr1.Ssidsize, idr1.Cmdqs, idr1.Eventqs, idr1.Priqs));

        var idr5 = smmu.Read<Idr5>();
        Assert.Equal(Idr5Oas.Bits40, idr5.Oas);
        Assert.True(idr5.Gran4k);
        Assert.False(idr5.Gran16k || idr5.Gran64k);
        Assert.Equal(0, idr5.StallMax);
        Assert.Equal(0u, smmu.Read<Idr3>().Raw);
        Assert.Equal(AidrArchMinorRev.V3_0, smmu.Read<Aidr>().ArchMinorRev);
    }

    [Theory]
    [InlineData(Idr0StallModel.Force, Idr0Httu.Access, Idr5Oas.Bits52, true, false, false)]
    [InlineData(Idr0StallModel.NoStall, Idr0Httu.None, Idr5Oas.Bits32, false, true, false)]
    [InlineData(Idr0StallModel.Stall, Idr0Httu.AccessDirty, Idr5Oas.Bits44, false, false, true)]
    public void IdRegisters_FollowTheOptions(Idr0StallModel stall, Idr0Httu httu, Idr5Oas oas, bool g4k, bool g16k, bool g64k)
    {
        var options = new SmmuOptions
        {
            StallModel = stall, StallMax = stall == Idr0StallModel.NoStall ? 0 : 8, Httu = httu, OutputAddressSize = oas,
            Granule4K = g4k, Granule16K = g16k, Granule64K = g64k, Btm = true, Pri = false, PriqLog2MaxSize = 5,
            Iidr = new Iidr(0).WithImplementer(0x123).WithProductID(0x4A5).WithVariant(2).WithRevision(1),
        };
        var smmu = new SmmuRegisterFile(options);
        var idr0 = smmu.Read<Idr0>();
        Assert.Equal(stall, idr0.StallModel);
        Assert.Equal(httu, idr0.Httu);
        Assert.True(idr0.Btm);
        Assert.False(idr0.Pri);
        Assert.True(idr0.Ats);
        Assert.Equal(0, smmu.Read<Idr1>().Priqs); // no PRI queue, so no PRI queue size
        var idr5 = smmu.Read<Idr5>();
        Assert.Equal((oas, g4k, g16k, g64k), (idr5.Oas, idr5.Gran4k, idr5.Gran16k, idr5.Gran64k));
        var iidr = smmu.Read<Iidr>();
        Assert.Equal((0x123, 0x4A5, 2, 1), (iidr.Implementer, iidr.ProductID, iidr.Variant, iidr.Revision));
        Assert.Equal(smmu.Ids.Idr0, idr0);
    }

    [Fact]
    public void IdRegisters_IgnoreWrites()
    {
        var smmu = new SmmuRegisterFile();
        var before = smmu.Read<Idr0>();
        smmu.Trace = new System.Collections.Generic.List<MmioAccess>();
        smmu.Write32(Idr0.Page, Idr0.Offset, ~before.Raw);
        Assert.Equal(before, smmu.Read<Idr0>());
        Assert.Equal(MmioOutcome.Ignored, System.Linq.Enumerable.First(smmu.Trace).Outcome);
    }

    private static void AssertRejected(SmmuOptions options, string expected)
    {
        Assert.Contains(options.Problems(), p => p.Contains(expected, StringComparison.Ordinal));
        var ex = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
