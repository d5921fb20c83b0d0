using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>FsCheck: whatever a guest does to the MMIO pages, the model never throws and never shows a RES0 bit.</summary>
public sealed class RegisterFilePropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true);

    /// <summary>One guest access: page, offset, 32- or 64-bit, read or write, value.</summary>
    public sealed record Access(int Page, ulong Offset, bool Wide, bool IsWrite, ulong Value);

    private static Gen<Access> AccessGen()
    {
        // Mostly register offsets (and their upper halves, and a few bytes off), plus anything at all.
        var registerOffsets = Smmuv3RegisterMap.All.SelectMany(r => new[] { r.Offset, r.Offset + 4, r.Offset + 1 }).ToArray();
        var offset = Gen.OneOf(Gen.Elements(registerOffsets), Gen.Choose(0, 0x1FF).Select(o => (ulong)o), ArbMap.Default.GeneratorFor<ulong>());
        var value = Gen.OneOf(ArbMap.Default.GeneratorFor<ulong>(), Gen.Constant(ulong.MaxValue), Gen.Constant(0UL));
        return from page in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Choose(-3, 5)))
               from off in offset
               from wide in ArbMap.Default.GeneratorFor<bool>()
               from write in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
               from v in value
               select new Access(page, off, wide, write, v);
    }

    [Fact]
    public void RandomAccessSequences_NeverThrow_AndNeverSetRes0Bits()
    {
        var options = Gen.Elements(new SmmuOptions(), SmmuOptions.Minimal, new SmmuOptions { Pri = false, Msi = false, VmidWildcard = true, CmdqLog2MaxSize = 5 });
        var scenario = from o in options
                       from accesses in AccessGen().ArrayOf()
                       from errors in ArbMap.Default.GeneratorFor<uint>()
                       select (o, accesses, errors);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var smmu = new SmmuRegisterFile(s.o);
            foreach (var (a, i) in s.accesses.Select((a, i) => (a, i)))
            {
                if (i == s.accesses.Length / 2)
                {
                    smmu.RaiseGlobalError(s.errors);
                }

                switch (a.Wide, a.IsWrite)
                {
                    case (true, true): smmu.Write64(a.Page, a.Offset, a.Value); break;
                    case (true, false): smmu.Read64(a.Page, a.Offset); break;
                    case (false, true): smmu.Write32(a.Page, a.Offset, (uint)a.Value); break;
                    default: smmu.Read32(a.Page, a.Offset); break;
                }
            }

            foreach (var r in Smmuv3RegisterMap.All)
            {
                var value = r.Width == 64 ? smmu.Read64(r.Page, r.Offset) : smmu.Read32(r.Page, r.Offset);
                var halves = r.Width == 64 ? smmu.Read32(r.Page, r.Offset) | ((ulong)smmu.Read32(r.Page, r.Offset + 4) << 32) : value;
                if ((value & r.ReservedMask) != 0 || halves != value || (value & r.SelfClearMask) != 0)
                {
                    return false;
                }
            }

            // The ACK registers always show the completed CR0 / IRQ_CTRL value.
            return smmu.Read<Cr0ack>().Raw == smmu.Read<Cr0>().Raw && smmu.Read<IrqCtrlack>().Raw == smmu.Read<IrqCtrl>().Raw;
        }).Check(Quick);
    }
}
