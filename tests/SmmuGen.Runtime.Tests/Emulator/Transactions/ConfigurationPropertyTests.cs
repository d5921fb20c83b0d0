using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>
/// FsCheck: configuration lookup (IHI 0070 3.3) over arbitrary STE and CD contents never throws,
/// raises C_BAD_STE / C_BAD_CD exactly when <see cref="Smmu.ExplainSte"/> /
/// <see cref="Smmu.ExplainCd"/> give a reason, and ends every aborted transaction that raises an
/// event with a configuration event.
/// </summary>
public sealed class ConfigurationPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(250).WithQuietOnSuccess(true);

    /// <summary>Implementations that make different fields matter.</summary>
    private static readonly SmmuOptions[] Implementations =
    [
        new SmmuOptions(),
        SmmuOptions.Minimal,
        new SmmuOptions { Stage2 = false, Nested = false, Hyp = false, Asid16 = false, SsidSize = 5, TwoLevelCdTable = false },
        new SmmuOptions { TableFormats = Idr0Ttf.Aarch32Aarch64, OutputAddressSize = Idr5Oas.Bits36, Vmid16 = false, Httu = Idr0Httu.Access },
        new SmmuOptions { StallModel = Idr0StallModel.NoStall, StallMax = 0, TableEndianness = Idr0Ttendian.Le, Ats = false, Pri = false, Granule16K = false },
        new SmmuOptions { StallModel = Idr0StallModel.Force, TerminateAlwaysAborts = true, OutputAddressSize = Idr5Oas.Bits52, VirtualAddressExtent = Idr5Vax.Bits52, Httu = Idr0Httu.None },
        new SmmuOptions { TableFormats = Idr0Ttf.Aarch32, TableEndianness = Idr0Ttendian.Be, Granule4K = false },
    ];

    private static readonly Gen<SmmuOptions> Options = Gen.Elements(Implementations);

    /// <summary>Any 64-bit value, every bit equally likely, or a small or extreme one.</summary>
    private static readonly Gen<ulong> Word = Gen.Frequency(
        (6, from a in Gen.Choose(0, 0xFFFF) from b in Gen.Choose(0, 0xFFFF) from c in Gen.Choose(0, 0xFFFF) from d in Gen.Choose(0, 0xFFFF)
            select ((ulong)(uint)a << 48) | ((ulong)(uint)b << 32) | ((ulong)(uint)c << 16) | (uint)d),
        (1, ArbMap.Default.GeneratorFor<ulong>()),
        (1, Gen.Elements(0UL, ulong.MaxValue)));

    private static readonly Gen<ulong[]> EightWords = Gen.ArrayOf(Word, 8);

    private static readonly Ste[] SteTemplates =
    [
        TransactionBench.BypassSte, TransactionBench.Stage1Ste(), TransactionBench.Stage2Ste, TransactionBench.NestedSte(),
        TransactionBench.Stage1Ste().WithStrw(SteStrw.El2), TransactionBench.Stage1Ste(s1CdMax: 4, dss: SteS1dss.Ssid0),
    ];

    /// <summary>
    /// Arbitrary STEs: any words; any words with V set and a translating Config; or a legal
    /// template with one word, or some bits of one word, replaced.
    /// </summary>
    private static readonly Gen<Ste> AnySte = Gen.Frequency(
        (2, EightWords.Select(w => Ste.FromWords(w))),
        (3, from w in EightWords from config in Gen.Choose(0, 7) select Ste.FromWords(w).WithV(true).WithConfig((SteConfig)config)),
        (3, from t in Gen.Elements(SteTemplates) from i in Gen.Choose(0, 7) from w in Word select t.WithWord(i, w)),
        (4, from t in Gen.Elements(SteTemplates) from i in Gen.Choose(0, 7) from bits in Word from mask in Word
            select t.WithWord(i, (t.GetWord(i) & ~(mask & (mask >> 7))) | (bits & mask & (mask >> 7)))));

    private static readonly Cd[] CdTemplates =
    [
        TransactionBench.ValidCd(),
        TransactionBench.ValidCd().WithEpd1(false).WithTg1(CdTg1.Size4kb).WithT1sz(16).WithTtb1(0x7000_0000),
        TransactionBench.ValidCd().WithEpd0(true).WithEpd1(false).WithTg1(CdTg1.Size64kb).WithT1sz(20).WithTtb1(0x7001_0000),
    ];

    /// <summary>Arbitrary CDs, built as <see cref="AnySte"/> is, with V and AA64 forced on in place of Config.</summary>
    private static readonly Gen<Cd> AnyCd = Gen.Frequency(
        (2, EightWords.Select(w => Cd.FromWords(w))),
        (3, EightWords.Select(w => Cd.FromWords(w).WithV(true).WithAa64(true))),
        (3, from t in Gen.Elements(CdTemplates) from i in Gen.Choose(0, 2) from w in Word select t.WithWord(i, w)),
        (4, from t in Gen.Elements(CdTemplates) from i in Gen.Choose(0, 2) from bits in Word from mask in Word
            select t.WithWord(i, (t.GetWord(i) & ~(mask & (mask >> 7))) | (bits & mask & (mask >> 7)))));

    private static readonly Gen<uint?> SubstreamId = Gen.Frequency(
        (2, Gen.Constant<uint?>(null)),
        (1, Gen.Choose(0, 15).Select(s => (uint?)s)),
        (1, Gen.Choose(0, 0xFFFFF).Select(s => (uint?)s)));

    private static readonly TransactionAccess[] Accesses =
    [
        TransactionAccess.Read, TransactionAccess.Write, TransactionAccess.InstructionFetch, new TransactionAccess(IsWrite: true, IsPrivileged: true),
    ];

    private static readonly Gen<ulong> Address = Gen.Frequency(
        (4, Gen.Choose(0, 0xFFFFF).Select(p => (ulong)p << 12)),
        (1, Word));

    [Fact]
    public void RandomSte_NeverThrows_AndIsCBadSte_ExactlyWhenExplainSteGivesAReason()
    {
        var scenario = from options in Options
                       from ste in AnySte
                       from substreamId in Gen.Frequency((3, Gen.Constant<uint?>(null)), (1, Gen.Choose(0, 15).Select(s => (uint?)s)))
                       select (options, ste, substreamId);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var bench = new TransactionBench(s.options).LinearStreamTable(4).Enable().InstallSte(3, s.ste);
            bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd());

            var result = bench.Translate(3, 0x1234_5000, s.substreamId);

            var reason = bench.Smmu.ExplainSte(s.ste);
            if (reason is not null)
            {
                Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
                Assert.Equal(EvtEventId.CBadSte, result.EventId);
                Assert.True(result.EventRecorded);
                var bad = Assert.Single(bench.DrainEvents()).AsCBadSte();
                Assert.Equal(3u, bad.StreamID);
                Assert.Equal(s.substreamId.HasValue, bad.Ssv);
                Assert.Equal(s.substreamId.GetValueOrDefault(), bad.SubstreamID);
            }
            else
            {
                Assert.NotEqual(EvtEventId.CBadSte, result.EventId);
                Assert.DoesNotContain(bench.DrainEvents(), e => e.EventId == EvtEventId.CBadSte);
            }
        }).Check(Quick);
    }

    [Fact]
    public void RandomCd_BehindALegalSte_NeverThrows_AndIsCBadCd_ExactlyWhenExplainCdGivesAReason()
    {
        var scenario = from options in Options.Where(o => o.Stage1)
                       from kind in Gen.Choose(0, 3)
                       from e2h in ArbMap.Default.GeneratorFor<bool>()
                       from cd in AnyCd
                       from substreamId in Gen.Frequency((2, Gen.Constant<uint?>(null)), (1, Gen.Choose(1, 3).Select(s => (uint?)s)))
                       select (options, kind, e2h, cd, substreamId);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            // A legal stage 1 STE for these options: NS-EL1, EL2 (EL2-E2H with CR2.E2H) or nested,
            // with four CDs so a SubstreamID can select one (S1DSS = SSID0 gives CD 0 otherwise).
            var ste = LegalStage1Ste(s.options, s.kind);
            var bench = new TransactionBench(s.options).LinearStreamTable(4);
            bench.Write(new Cr2(0).WithE2h(s.e2h && s.options.Hyp).WithRecinvsid(true));
            bench.Write(new Cr0(0).WithEventqen(true).WithCmdqen(true).WithSmmuen(true));
            bench.InstallSte(3, ste).WriteAt(TransactionBench.CdTablesAddress + ((ulong)s.substreamId.GetValueOrDefault() * Cd.Size), s.cd);
            Assert.Null(bench.Smmu.ExplainSte(ste));

            var result = bench.Translate(3, 0x1234_5000, s.substreamId);

            var reason = bench.Smmu.ExplainCd(ste, s.cd);
            if (reason is not null)
            {
                Assert.Equal(TranslationOutcome.Aborted, result.Outcome);
                Assert.Equal(EvtEventId.CBadCd, result.EventId);
                Assert.True(result.EventRecorded);
                var bad = Assert.Single(bench.DrainEvents()).AsCBadCd();
                Assert.Equal(3u, bad.StreamID);
                Assert.Equal(s.substreamId.HasValue, bad.Ssv);
                Assert.Equal(s.substreamId.GetValueOrDefault(), bad.SubstreamID);
                Assert.Empty(bench.Engine.Contexts);
            }
            else
            {
                // The stub engine translates whatever a legal configuration hands it.
                Assert.Equal(TranslationOutcome.Translated, result.Outcome);
                Assert.Empty(bench.DrainEvents());
                Assert.Equal(s.cd, Assert.Single(bench.Engine.Contexts).Cd);
            }
        }).Check(Quick);
    }

    [Fact]
    public void RandomTransactions_OverARandomStreamTable_NeverThrow_AndAbortOnlyWithConfigurationEvents()
    {
        // Plain values, not Transaction: TransactionAccess.ToString() recurses forever through its
        // Privileged property, so a record holding one must never be printed (FsCheck prints
        // counterexamples).
        var transaction = from sid in Gen.Frequency((4, Gen.Choose(0, 15)), (1, Gen.Choose(0, 300)))
                          from ssid in SubstreamId
                          from address in Address
                          from access in Gen.Choose(0, 3)
                          select (sid: (uint)sid, ssid, address, access);
        var scenario = from options in Options
                       from log2 in Gen.Choose(0, 4)
                       from stes in Gen.ArrayOf(AnySte, 16)
                       from cds in Gen.ArrayOf(AnyCd, 4)
                       from transactions in Gen.ArrayOf(transaction, 12)
                       select (options, log2, stes, cds, transactions);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var bench = new TransactionBench(s.options).LinearStreamTable((byte)s.log2).Enable();
            for (var sid = 0u; sid < 1u << s.log2; sid++)
            {
                bench.InstallSte(sid, s.stes[sid]);
            }

            for (var i = 0; i < s.cds.Length; i++)
            {
                bench.WriteAt(TransactionBench.CdTablesAddress + ((ulong)i * Cd.Size), s.cds[i]);
            }

            var oasBits = s.options.OutputAddressSize switch
            {
                Idr5Oas.Bits32 => 32,
                Idr5Oas.Bits36 => 36,
                Idr5Oas.Bits40 => 40,
                Idr5Oas.Bits42 => 42,
                Idr5Oas.Bits44 => 44,
                Idr5Oas.Bits48 => 48,
                _ => 52,
            };
            foreach (var (sid, ssid, address, access) in s.transactions)
            {
                var t = new Transaction(sid, ssid, address, Accesses[access]);
                var result = bench.Smmu.Translate(t);
                if (result.Outcome != TranslationOutcome.Aborted || result.Event is not { } evt)
                {
                    continue;
                }

                // Configuration events, or a stage 1 Address Size fault for an input beyond the
                // OAS (IAS) when stage 1 bypasses: nothing else happens before translation, and
                // the stub engine never faults.
                var addressSizeFault = evt.EventId == EvtEventId.FAddrSize && t.Address >> oasBits != 0;
                Assert.True(
                    ConfigurationValidityAssert.IsConfigurationEvent(evt.EventId) || addressSizeFault,
                    $"StreamID {sid} SubstreamID {ssid} address 0x{address:X} was aborted with {evt.EventId}");
                Assert.Equal(t.StreamId, evt.StreamID);
            }

            // Whatever the tables hold, the events that reached the queue are well-formed records.
            Assert.All(bench.DrainEvents(), e => Assert.True(ConfigurationValidityAssert.IsConfigurationEvent(e.EventId) || e.EventId == EvtEventId.FAddrSize));
        }).Check(Quick.WithMaxTest(200));
    }

    /// <summary>A legal stage 1 STE for <paramref name="options"/> with four CDs: 0 NS-EL1, 1 EL2, 2 nested, 3 NS-EL1 with S1STALLD where allowed.</summary>
    private static Ste LegalStage1Ste(SmmuOptions options, int kind)
    {
        var ste = TransactionBench.Stage1Ste(s1CdMax: 2, dss: SteS1dss.Ssid0);
        if (kind == 2 && options.Stage2)
        {
            var nested = TransactionBench.NestedSte(s1CdMax: 2).WithS1dss(SteS1dss.Ssid0).WithS2s(options.StallModel == Idr0StallModel.Force);
            if (options.OutputAddressSize == Idr5Oas.Bits36)
            {
                nested = nested.WithS2t0sz(24); // the 40-bit IAS of VMSAv8-32 support
            }

            if (options.TableEndianness == Idr0Ttendian.Be)
            {
                nested = nested.WithS2endi(true);
            }

            if ((options.TableFormats & Idr0Ttf.Aarch64) == 0)
            {
                nested = nested.WithS2aa64(false);
            }

            if (!options.Granule4K)
            {
                nested = nested.WithS2tg(Granule.Size64kb);
            }

            return nested;
        }

        return kind switch
        {
            1 => ste.WithStrw(SteStrw.El2),
            3 when options.StallModel == Idr0StallModel.Stall => ste.WithS1stalld(true),
            _ => ste,
        };
    }
}
