using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>
/// FsCheck over every command variant (IHI 0070 4.1.5, 4.1.3, 7.1): a command that sets only its
/// own fields, with legal values, completes; the same command with any bit set outside its fields
/// raises CERROR_ILL and stops the queue at itself until GERRORN acknowledges the error. The
/// fields come from the generated metadata (<see cref="Cmd.Info"/>), on an implementation with
/// every feature (SMMUv3.3, RIL), where only SSec and NS (Secure-queue fields) are left out.
/// </summary>
public sealed class CommandReservedFieldPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true);

    // IHI 0070 4.3.5, 4.4.2.5, 4.4.2.6: not commands of this implementation's Non-secure queue.
    private static readonly HashSet<CmdOpcode> NeverLegal = [CmdOpcode.CmdCfgiVmsPidm, CmdOpcode.CmdTlbiEl3All, CmdOpcode.CmdTlbiEl3Va];

    private static readonly VariantInfo[] LegalVariants =
        Cmd.Info.Variants.Where(v => !NeverLegal.Contains((CmdOpcode)v.Value)).ToArray();

    private static Cmd Sev => CmdSync.Create().WithCs(CmdSyncCs.SigSev);

    /// <summary>The bits of the variant's fields, SSec and NS excepted (IHI 0070 4.1.6, 4.2.2).</summary>
    private static ulong[] FieldBits(VariantInfo variant)
    {
        var words = new ulong[Cmd.Info.WordCount];
        foreach (var f in variant.Fields.Where(f => f.Name is not ("SSec" or "NS")))
        {
            for (var bit = f.Lsb; bit <= f.Msb; bit++)
            {
                words[bit / 64] |= 1UL << (bit % 64);
            }
        }

        return words;
    }

    /// <summary>Gives every field of <paramref name="c"/> a legal value, through the generated accessors.</summary>
    private static Cmd Legalize(Cmd c)
    {
        switch (c.Opcode)
        {
            case CmdOpcode.CmdSync:
                // IHI 0070 4.7.3: CS 0b11 is reserved. No MSI: a random MSI address could hit the queue.
                var sync = c.AsCmdSync();
                return (Enum.IsDefined(sync.Cs) ? sync : sync.WithCs(CmdSyncCs.SigSev)).WithMSIAddress(0);
            case CmdOpcode.CmdResume:
                var resume = c.AsCmdResume();
                return Enum.IsDefined(resume.Resp) ? resume : resume.WithResp(CmdResumeResp.Retry);
            case CmdOpcode.CmdPriResp:
                var pri = c.AsCmdPriResp();
                return Enum.IsDefined(pri.Resp) ? pri : pri.WithResp(CmdPriRespResp.Success);
            case CmdOpcode.CmdAtcInv:
                var atc = c.AsCmdAtcInv();
                return atc.SizeField <= 52 ? atc : atc.WithSizeField(52);
            case CmdOpcode.CmdTlbiNhVa:
                var nhVa = c.AsCmdTlbiNhVa();
                return Range(nhVa.Tg, nhVa.Num, nhVa.Scale, nhVa.Ttl) switch
                {
                    RangeFix.ClearHints => nhVa.WithNum(0).WithScale(0).WithTtl(0),
                    RangeFix.AddNum => nhVa.WithNum(1),
                    _ => nhVa,
                };
            case CmdOpcode.CmdTlbiNhVaa:
                var nhVaa = c.AsCmdTlbiNhVaa();
                return Range(nhVaa.Tg, nhVaa.Num, nhVaa.Scale, nhVaa.Ttl) switch
                {
                    RangeFix.ClearHints => nhVaa.WithNum(0).WithScale(0).WithTtl(0),
                    RangeFix.AddNum => nhVaa.WithNum(1),
                    _ => nhVaa,
                };
            case CmdOpcode.CmdTlbiEl2Va:
                var el2Va = c.AsCmdTlbiEl2Va();
                return Range(el2Va.Tg, el2Va.Num, el2Va.Scale, el2Va.Ttl) switch
                {
                    RangeFix.ClearHints => el2Va.WithNum(0).WithScale(0).WithTtl(0),
                    RangeFix.AddNum => el2Va.WithNum(1),
                    _ => el2Va,
                };
            case CmdOpcode.CmdTlbiEl2Vaa:
                var el2Vaa = c.AsCmdTlbiEl2Vaa();
                return Range(el2Vaa.Tg, el2Vaa.Num, el2Vaa.Scale, el2Vaa.Ttl) switch
                {
                    RangeFix.ClearHints => el2Vaa.WithNum(0).WithScale(0).WithTtl(0),
                    RangeFix.AddNum => el2Vaa.WithNum(1),
                    _ => el2Vaa,
                };
            case CmdOpcode.CmdTlbiS2Ipa:
                var ipa = c.AsCmdTlbiS2Ipa();
                return Range(ipa.Tg, ipa.Num, ipa.Scale, ipa.Ttl) switch
                {
                    RangeFix.ClearHints => ipa.WithNum(0).WithScale(0).WithTtl(0),
                    RangeFix.AddNum => ipa.WithNum(1),
                    _ => ipa,
                };
            default:
                return c;
        }
    }

    // IHI 0070 4.4.1.1: TG 0 leaves NUM, SCALE, TTL RES0; TG != 0 with all three zero is Reserved.
    private static RangeFix Range(TlbiGranule tg, byte num, byte scale, byte ttl) =>
        (tg == TlbiGranule.Any, num == 0 && scale == 0 && ttl == 0) switch
        {
            (true, false) => RangeFix.ClearHints,
            (false, true) => RangeFix.AddNum,
            _ => RangeFix.None,
        };

    private static Gen<(VariantInfo Variant, Cmd Command)> LegalCommand() =>
        from variant in Gen.Elements(LegalVariants)
        from w0 in ArbMap.Default.GeneratorFor<ulong>()
        from w1 in ArbMap.Default.GeneratorFor<ulong>()
        let bits = FieldBits(variant)
        select (variant, Legalize(Cmd.FromWords([w0 & bits[0], w1 & bits[1]]).WithOpcode((CmdOpcode)variant.Value)));

    [Fact]
    public void EveryVariant_WithOnlyLegalFieldValues_Completes()
    {
        Prop.ForAll(LegalCommand().ToArbitrary(), s =>
        {
            var bench = new CommandQueueBench(smmuEnabled: true);
            bench.Submit(s.Command, Sev);
            Assert.True(!bench.CommandErrorActive, $"{s.Variant.Name}: {s.Command} raised {bench.Cons.Err}");
            Assert.Equal(2u, bench.ConsRd);
        }).Check(Quick);
    }

    [Fact]
    public void AnyBitOutsideTheVariantsFields_IsCerrorIll_AndStopsTheQueueUntilAcknowledged()
    {
        var scenario = from legal in LegalCommand()
                       let bits = FieldBits(legal.Variant)
                       let reserved = Enumerable.Range(0, 128).Where(b => (bits[b / 64] & (1UL << (b % 64))) == 0).ToArray()
                       from bit in Gen.Elements(reserved)
                       select (legal.Variant, Legal: legal.Command, Bit: bit);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var word = s.Bit / 64;
            var bad = s.Legal.WithWord(word, s.Legal.GetWord(word) | (1UL << (s.Bit % 64)));
            var bench = new CommandQueueBench(smmuEnabled: true);
            bench.Submit(CmdPrefetchConfig.Create(), bad, Sev);

            var what = $"{s.Variant.Name} with bit {s.Bit}";
            Assert.True(bench.CommandErrorActive, what);
            Assert.Equal(CmdqConsErr.CerrorIll, bench.Cons.Err);
            Assert.Equal(1u, bench.ConsRd);

            bench.Kick();
            Assert.Equal(1u, bench.ConsRd);
            Assert.Equal(0, bench.Sink.Events);

            bench.Memory.WriteRecord(bench.SlotAddress(1), s.Legal);
            bench.AcknowledgeGlobalErrors();
            Assert.False(bench.CommandErrorActive, what);
            Assert.Equal(3u, bench.ConsRd);
            Assert.True(bench.Sink.Events >= 1, what); // the final SIG_SEV CMD_SYNC ran
        }).Check(Quick);
    }

    private enum RangeFix
    {
        None,
        ClearHints,
        AddNum,
    }
}
