using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The identification registers (IHI 0070 6.3.1–6.3.8) an implementation with the given
/// <see cref="SmmuOptions"/> reports. Built only with the generated <c>With…</c> methods.
/// </summary>
/// <param name="Idr0">Stages, formats, optional facilities.</param>
/// <param name="Idr1">ID and queue sizes.</param>
/// <param name="Idr2">VATOS location (0: no VATOS page).</param>
/// <param name="Idr3">v3.1+ translation extensions.</param>
/// <param name="Idr4">IMPLEMENTATION DEFINED (0).</param>
/// <param name="Idr5">Output address size, granules, stall limit.</param>
/// <param name="Iidr">Implementer identification.</param>
/// <param name="Aidr">Architecture revision.</param>
public readonly record struct IdRegisters(Idr0 Idr0, Idr1 Idr1, Idr2 Idr2, Idr3 Idr3, Idr4 Idr4, Idr5 Idr5, Iidr Iidr, Aidr Aidr)
{
    /// <summary>Computes the ID registers of an implementation; the options are not validated here.</summary>
    public static IdRegisters From(SmmuOptions options)
    {
        System.ArgumentNullException.ThrowIfNull(options);
        var idr0 = new Idr0(0)
            .WithS1p(options.Stage1)
            .WithS2p(options.Stage2)
            .WithTtf(options.TableFormats)
            .WithCohacc(options.Coherent)
            .WithBtm(options.Btm)
            .WithHttu(options.Httu)
            .WithHyp(options.Hyp)
            .WithAts(options.Ats)
            .WithAsid16(options.Asid16)
            .WithMsi(options.Msi)
            .WithSev(options.Sev)
            .WithPri(options.Pri)
            .WithVmw(options.VmidWildcard)
            .WithVmid16(options.Vmid16)
            .WithCd2l(options.TwoLevelCdTable)
            .WithTtendian(options.TableEndianness)
            .WithStallModel(options.StallModel)
            .WithTermModel(options.TerminateAlwaysAborts)
            .WithStLevel(options.TwoLevelStreamTable ? Idr0StLevel.TwoLevel : Idr0StLevel.Linear);
        var idr1 = new Idr1(0)
            .WithSidsize(checked((byte)options.SidSize))
            .WithSsidsize(checked((byte)options.SsidSize))
            // IHI 0070 6.3.2: PRIQS is meaningful only with IDR0.PRI; report 0 without a PRI queue.
            .WithPriqs(options.Pri ? checked((byte)options.PriqLog2MaxSize) : (byte)0)
            .WithEventqs(checked((byte)options.EventqLog2MaxSize))
            .WithCmdqs(checked((byte)options.CmdqLog2MaxSize))
            .WithAttrPermsOvr(options.AttributeOverrides)
            .WithAttrTypesOvr(options.AttributeOverrides);
        var idr3 = new Idr3(0)
            .WithRil(options.RangeInvalidation)
            .WithPps(options.PriOverflowResponsePasid)
            .WithBbml(options.Bbml);
        var idr5 = new Idr5(0)
            .WithOas(options.OutputAddressSize)
            .WithGran4k(options.Granule4K)
            .WithGran16k(options.Granule16K)
            .WithGran64k(options.Granule64K)
            .WithVax(options.VirtualAddressExtent)
            .WithStallMax(checked((ushort)options.StallMax));
        return new IdRegisters(idr0, idr1, new Idr2(0), idr3, new Idr4(0), idr5, options.Iidr, options.Aidr);
    }
}
