using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// FsCheck: on random translation tables (random granule, input size and starting level, random
/// pages and blocks with random permissions built with <see cref="PageTableBuilder"/>, then raw
/// garbage descriptors, sometimes an aborting table page), for random addresses and accesses the
/// engine's answer (output address, or which fault at which stage and class) equals
/// <see cref="ReferenceWalker"/>'s, and nothing throws. FsCheck picks the configuration and a
/// seed; the seed drives the bulk content, so a counterexample names everything needed to
/// replay it.
/// </summary>
public sealed class ReferenceWalkPropertyTests
{
    private const int QueriesPerScenario = 16;

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(250).WithQuietOnSuccess(true);

    private static readonly Gen<int> Granule = Gen.Elements(12, 14, 16);

    private static readonly Gen<bool> Bool = ArbMap.Default.GeneratorFor<bool>();

    [Fact]
    public void Stage1_RandomTables_EngineAgreesWithTheReferenceWalker()
    {
        var scenario = from g in Granule
                       from oas52 in Bool
                       from t0sz in Gen.Choose(g == 16 ? 12 : 16, 39)
                       from ips in Gen.Choose(0, 6)
                       from flags in Gen.Choose(0, 63)
                       from seed in Gen.Choose(0, int.MaxValue)
                       select (g, oas52, t0sz, ips, flags, seed);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var rnd = new Random(s.seed);
            var (tbi, wxn, pan, had, affd, bigEndian) = (Flag(s.flags, 0), Flag(s.flags, 1), Flag(s.flags, 2), Flag(s.flags, 3), Flag(s.flags, 4), Flag(s.flags, 5));
            var oas = s.oas52 ? 52 : 48;
            var rig = new TranslationRig(new SmmuOptions { OutputAddressSize = s.oas52 ? Idr5Oas.Bits52 : Idr5Oas.Bits48, VirtualAddressExtent = Idr5Vax.Bits52 });
            var inputBits = 64 - s.t0sz;
            var ps = Math.Min(Bits(s.ips), oas);
            var tables = new PageTableBuilder(rig.Memory, 1, s.g, inputBits, TranslationRig.Stage1StartLevel(s.g, inputBits), TranslationRig.Stage1Arena, bigEndian);
            var mapped = Populate(rnd, tables, (input, blockBits, r) => (r.Next(4) == 0 ? Word(r) & Mask(MaxOutputBits(s.g)) : Word(r) & Mask(ps)) & ~Mask(blockBits));
            AbortSomeTable(rnd, rig, tables, mapped);
            rig.UseStage1(TranslationRig.Cd(s.g, s.t0sz, tables.Root).WithIps((CdIps)s.ips)
                .WithTbi0(tbi).WithWxn(wxn).WithPan(pan).WithHad0(had).WithAffd(affd).WithEndi(bigEndian));
            var regime = new RefStage1(
                new RefRange(s.g, s.t0sz, tables.Root, tbi, HierarchicalDisabled: had),
                new RefRange(12, 0, 0, Disabled: true),
                ps, oas, bigEndian, Affd: affd, Wxn: wxn, Pan: pan);

            var failures = new StringBuilder();
            foreach (var (va, access) in Queries(rnd, mapped, inputBits))
            {
                var expected = ReferenceWalker.Stage1(rig.Memory, regime, va, access);
                Compare(failures, va, access, expected, rig.Translate(va, Access(access)));
                rig.Bench.DrainEvents();
            }

            Assert.True(failures.Length == 0, $"{s}:\n{failures}");
        }).Check(Quick);
    }

    [Fact]
    public void Stage2_RandomTables_EngineAgreesWithTheReferenceWalker()
    {
        var scenario = from g in Granule
                       from geometry in Gen.Elements(Stage2Geometries(g))
                       from oas52 in Bool
                       from s2ps in Gen.Choose(0, 6)
                       from flags in Gen.Choose(0, 3)
                       from seed in Gen.Choose(0, int.MaxValue)
                       select (g, sl0: geometry.Sl0, inputBits: geometry.InputBits, oas52, s2ps, flags, seed);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var rnd = new Random(s.seed);
            var (affd, bigEndian) = (Flag(s.flags, 0), Flag(s.flags, 1));
            var oas = s.oas52 ? 52 : 48;
            var rig = new TranslationRig(new SmmuOptions { OutputAddressSize = s.oas52 ? Idr5Oas.Bits52 : Idr5Oas.Bits48 });
            var ps = Math.Min(Bits(s.s2ps), oas);
            var level = TranslationRig.Stage2StartLevel(s.g, s.sl0);
            var tables = new PageTableBuilder(rig.Memory, 2, s.g, s.inputBits, level, TranslationRig.Stage2Arena, bigEndian);
            var mapped = Populate(rnd, tables, (input, blockBits, r) => (r.Next(4) == 0 ? Word(r) & Mask(MaxOutputBits(s.g)) : Word(r) & Mask(ps)) & ~Mask(blockBits));
            AbortSomeTable(rnd, rig, tables, mapped);
            rig.UseStage2(TranslationRig.Stage2(s.g, s.sl0, 64 - s.inputBits, tables.Root).WithS2ps((AddressSize)s.s2ps).WithS2affd(affd).WithS2endi(bigEndian));
            var s2 = new RefStage2(s.g, 64 - s.inputBits, s.sl0, tables.Root, ps, oas, bigEndian, Affd: affd);

            var failures = new StringBuilder();
            foreach (var (ipa, access) in Queries(rnd, mapped, s.inputBits + 1, topByte: false))
            {
                // Without stage 1 the input must fit the IAS (here the OAS): else a stage 1 Address size fault.
                var expected = ipa >> oas != 0 ? new RefResult(RefFault.AddressSize, 0) : ReferenceWalker.Stage2(rig.Memory, s2, ipa, access);
                Compare(failures, ipa, access, expected, rig.Translate(ipa, Access(access)));
                rig.Bench.DrainEvents();
            }

            Assert.True(failures.Length == 0, $"{s}:\n{failures}");
        }).Check(Quick);
    }

    [Fact]
    public void Nested_RandomTables_EngineAgreesWithTheReferenceWalker()
    {
        var scenario = from g in Granule
                       from t0sz in Gen.Choose(16, 39)
                       from ips in Gen.Choose(2, 6)
                       from flags in Gen.Choose(0, 255)
                       from seed in Gen.Choose(0, int.MaxValue)
                       select (g, t0sz, ips, flags, seed);
        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var rnd = new Random(s.seed);
            var (tbi, wxn, pan, had) = (Flag(s.flags, 0), Flag(s.flags, 1), Flag(s.flags, 2), Flag(s.flags, 3));
            var (affd, s2affd, s2ptw, bigEndian) = (Flag(s.flags, 4), Flag(s.flags, 5), Flag(s.flags, 6), Flag(s.flags, 7));
            var rig = new TranslationRig();
            const int ipaBits = 40;
            var ps = Math.Min(Bits(s.ips), 48);

            // Stage 2: 4KB, 40-bit IPA from level 1; IPA 0-2GB maps 1:1 with 1GB blocks: the first
            // (the CD) plain, the second (the stage 1 tables) sometimes with random attributes, so
            // that table walks meet stage 2 permission, Access flag and S2PTW faults; everything
            // else is random.
            var s2 = new PageTableBuilder(rig.Memory, 2, 12, ipaBits, 1, TranslationRig.Stage2Arena);
            s2.Map(0, 0, leafLevel: 1);
            s2.Map(1UL << 30, 1UL << 30, leafLevel: 1, s2: rnd.Next(4) == 0 ? RandomS2Leaf(rnd) : null);

            var inputBits = 64 - s.t0sz;
            var s1 = new PageTableBuilder(rig.Memory, 1, s.g, inputBits, TranslationRig.Stage1StartLevel(s.g, inputBits), TranslationRig.Stage1Arena, bigEndian);
            var s2Mapped = new List<(ulong Input, int BlockBits)>();
            var mapped = Populate(rnd, s1, (input, blockBits, r) =>
            {
                // Mostly an IPA that stage 2 then maps (randomly), above the identity-mapped 2GB.
                if (r.Next(5) == 0)
                {
                    return Word(r) & Mask(ps) & ~Mask(blockBits);
                }

                var ipa = Word(r) & Mask(ipaBits);
                if (ipa >> 31 == 0)
                {
                    ipa |= 1UL << (ipaBits - 1);
                }

                ipa &= ~Mask(blockBits);

                // (A block too big to lie above 2GB stays at IPA 0: stage 2 keeps its identity map.)
                if (ipa >> 31 != 0 && r.Next(4) != 0)
                {
                    // Mostly a stage 2 page or block at least as big as the stage 1 one.
                    var s2Level = r.Next(4) == 0 ? r.Next(1, 4) : blockBits > 21 ? 1 : blockBits > 12 ? r.Next(1, 3) : r.Next(1, 4);
                    var s2Bits = TranslationRig.LevelShift(12, s2Level);
                    s2.Map(ipa & ~Mask(s2Bits), Word(r) & Mask(48) & ~Mask(s2Bits), s2Level, s2: RandomS2Leaf(r));
                    s2Mapped.Add((ipa & ~Mask(s2Bits), s2Bits));
                }

                return ipa;
            });
            Garbage(rnd, s2, s2Mapped, ipaBits, firstLevel: 1, firstArenaPage: 2);
            if (rnd.Next(6) == 0)
            {
                // Not the level-1 table: it also holds the identity map of the structures.
                AbortSomeTable(rnd, rig, s2, s2Mapped, firstLevel: 2);
            }
            else
            {
                AbortSomeTable(rnd, rig, s1, mapped);
            }

            rig.Bench.InstallSte(TranslationRig.Sid, TransactionBench.NestedSte().WithS2ttb(s2.Root).WithS2r(true).WithS2affd(s2affd).WithS2ptw(s2ptw));
            rig.Bench.WriteAt(TransactionBench.CdTablesAddress, TranslationRig.Cd(s.g, s.t0sz, s1.Root).WithIps((CdIps)s.ips)
                .WithTbi0(tbi).WithWxn(wxn).WithPan(pan).WithHad0(had).WithAffd(affd).WithEndi(bigEndian));
            var regime = new RefStage1(
                new RefRange(s.g, s.t0sz, s1.Root, tbi, HierarchicalDisabled: had),
                new RefRange(12, 0, 0, Disabled: true),
                ps, 48, bigEndian, Affd: affd, Wxn: wxn, Pan: pan);
            var stage2 = new RefStage2(12, 64 - ipaBits, 1, s2.Root, 48, 48, Affd: s2affd, Ptw: s2ptw);

            var failures = new StringBuilder();
            foreach (var (va, access) in Queries(rnd, mapped, inputBits))
            {
                var expected = ReferenceWalker.Nested(rig.Memory, regime, stage2, va, access);
                Compare(failures, va, access, expected, rig.Translate(va, Access(access)));
                rig.Bench.DrainEvents();
            }

            Assert.True(failures.Length == 0, $"{s}:\n{failures}");
        }).Check(Quick);
    }

    /// <summary>
    /// 1-8 random pages and blocks (levels the builder has a descriptor for, at or below the
    /// starting level; the 64KB level-1 block whatever the OAS) with random attributes, then 0-5
    /// raw garbage descriptors. Returns the mapped inputs and their sizes.
    /// </summary>
    private static List<(ulong Input, int BlockBits)> Populate(Random rnd, PageTableBuilder tables, Func<ulong, int, Random, ulong> output)
    {
        var levels = Enumerable.Range(tables.StartLevel, 4 - tables.StartLevel)
            .Where(l => l == 3 || (tables.PageBits == 12 && l >= 1) || (tables.PageBits == 14 && l == 2) || (tables.PageBits == 16 && l >= 1))
            .ToArray();
        var mapped = new List<(ulong Input, int BlockBits)>();
        var count = rnd.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            var level = levels[rnd.Next(levels.Length)];
            var blockBits = tables.LevelShift(level);
            var input = Word(rnd) & Mask(tables.InputBits) & ~Mask(blockBits);
            var limits = rnd.Next(3) == 0 ? new TableLimits((byte)rnd.Next(4), rnd.Next(3) == 0, rnd.Next(3) == 0) : null;
            var s1 = new S1Leaf(Ap: (S1AccessPerm)rnd.Next(4), Af: rnd.Next(8) != 0, NotGlobal: rnd.Next(2) == 0, Pxn: rnd.Next(4) == 0, Uxn: rnd.Next(4) == 0, Dbm: rnd.Next(4) == 0);
            tables.Map(input, output(input, blockBits, rnd), level, s1: s1, s2: RandomS2Leaf(rnd), limits: limits);
            mapped.Add((input, blockBits));
        }

        Garbage(rnd, tables, mapped, tables.InputBits, tables.StartLevel);
        return mapped;
    }

    /// <summary>
    /// 0-5 raw 64-bit values written over descriptors on the walks of mapped or random inputs:
    /// mostly valid (bit 0 set), and a third of them pointing back into the table arena (from
    /// page <paramref name="firstArenaPage"/>: the nested stage 2 keeps its root, which holds the
    /// identity map of the structures, out of reach of later garbage writes).
    /// </summary>
    private static void Garbage(Random rnd, PageTableBuilder tables, List<(ulong Input, int BlockBits)> mapped, int inputBits, int firstLevel, int firstArenaPage = 0)
    {
        var count = rnd.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            var input = mapped.Count > 0 && rnd.Next(2) == 0 ? mapped[rnd.Next(mapped.Count)].Input : Word(rnd) & Mask(inputBits);
            if (tables.Stage == 2 && input >> 31 == 0)
            {
                continue; // keep the nested identity map of the structures
            }

            var level = rnd.Next(Math.Max(firstLevel, tables.StartLevel), 4);
            var value = Word(rnd);
            if (rnd.Next(4) != 0)
            {
                value |= 1;
            }

            if (rnd.Next(3) == 0)
            {
                var arena = tables.Root + ((ulong)rnd.Next(firstArenaPage, 48) << tables.PageBits);
                var addressBits = Mask(48) & ~Mask(tables.PageBits);
                value = (value & ~addressBits & ~(0xFUL << 12)) | (arena & addressBits);
            }

            tables.Write(tables.DescriptorAddress(input, level), value);
        }
    }

    /// <summary>One time in six, makes the table page of a random level of a random mapping's walk abort.</summary>
    private static void AbortSomeTable(Random rnd, TranslationRig rig, PageTableBuilder tables, List<(ulong Input, int BlockBits)> mapped, int firstLevel = 0)
    {
        if (mapped.Count == 0 || rnd.Next(6) != 0)
        {
            return;
        }

        var (input, _) = mapped[rnd.Next(mapped.Count)];
        var level = rnd.Next(Math.Max(firstLevel, tables.StartLevel), 4);
        rig.Memory.AddAbortRegion(tables.DescriptorAddress(input, level) & ~0xFFFUL, 0x1000);
    }

    /// <summary>Addresses inside mapped pages or blocks, random ones in and around the range, whole random words, and mapped ones with a random top byte.</summary>
    private static IEnumerable<(ulong Address, RefAccess Access)> Queries(Random rnd, List<(ulong Input, int BlockBits)> mapped, int inputBits, bool topByte = true)
    {
        for (var i = 0; i < QueriesPerScenario; i++)
        {
            var (input, blockBits) = mapped[rnd.Next(mapped.Count)];
            var address = rnd.Next(8) switch
            {
                < 4 => input + (Word(rnd) & Mask(blockBits)),
                4 when topByte => (input + (Word(rnd) & Mask(blockBits))) | ((ulong)rnd.Next(256) << 56),
                4 => input + (Word(rnd) & Mask(blockBits)),
                5 => Word(rnd) & Mask(inputBits),
                6 => Word(rnd),
                _ => input + (Word(rnd) & Mask(blockBits)) + (1UL << blockBits),
            };
            var kind = rnd.Next(3);
            yield return (address, new RefAccess(kind == 1, kind == 2, rnd.Next(2) == 0));
        }
    }

    private static void Compare(StringBuilder failures, ulong address, RefAccess access, RefResult expected, TranslationResult actual)
    {
        var what = $"  0x{address:X16} {(access.Privileged ? "privileged" : "unprivileged")} {(access.Write ? "write" : access.Fetch ? "fetch" : "read")}: reference {expected}, engine ";
        if (expected.Succeeded)
        {
            if (actual.Outcome != TranslationOutcome.Translated || actual.OutputAddress != expected.Output)
            {
                failures.AppendLine($"{what}{actual.Outcome} 0x{actual.OutputAddress:X} {actual.EventId}");
            }

            return;
        }

        var id = expected.Fault switch
        {
            RefFault.Translation => EvtEventId.FTranslation,
            RefFault.AddressSize => EvtEventId.FAddrSize,
            RefFault.AccessFlag => EvtEventId.FAccess,
            RefFault.Permission => EvtEventId.FPermission,
            _ => EvtEventId.FWalkEabt,
        };
        if (actual.Outcome != TranslationOutcome.Aborted || actual.Event is not { } evt || evt.EventId != id)
        {
            failures.AppendLine($"{what}{actual.Outcome} 0x{actual.OutputAddress:X} {actual.EventId}");
            return;
        }

        var (s2, cls, ipa, fetch) = id switch
        {
            EvtEventId.FTranslation => (evt.AsFTranslation().S2, evt.AsFTranslation().Class, evt.AsFTranslation().Ipa, 0UL),
            EvtEventId.FAddrSize => (evt.AsFAddrSize().S2, evt.AsFAddrSize().Class, evt.AsFAddrSize().Ipa, 0UL),
            EvtEventId.FAccess => (evt.AsFAccess().S2, evt.AsFAccess().Class, evt.AsFAccess().Ipa, 0UL),
            EvtEventId.FPermission => (evt.AsFPermission().S2, evt.AsFPermission().Class, evt.AsFPermission().Ipa, 0UL),
            _ => (evt.AsFWalkEabt().S2, evt.AsFWalkEabt().Class, 0UL, evt.AsFWalkEabt().FetchAddr),
        };
        var expectedClass = expected.Class switch { RefClass.Cd => FaultClass.Cd, RefClass.Tt => FaultClass.Tt, _ => FaultClass.In };
        var ipaMatches = !expected.Stage2 || id == EvtEventId.FWalkEabt || ipa == (expected.Ipa & Mask(52) & ~0xFFFUL);
        if (s2 != expected.Stage2 || cls != expectedClass || !ipaMatches || fetch != expected.FetchAddress)
        {
            failures.AppendLine($"{what}{id} S2={s2} CLASS={cls} IPA=0x{ipa:X} FetchAddr=0x{fetch:X}");
        }
    }

    private static S2Leaf RandomS2Leaf(Random rnd) =>
        new(Ap: rnd.Next(2) == 0 ? S2AccessPerm.ReadWrite : (S2AccessPerm)rnd.Next(4), Af: rnd.Next(8) != 0, Xn: (byte)rnd.Next(4), Dbm: rnd.Next(4) == 0, MemAttr: rnd.Next(3) == 0 ? (byte)0b0001 : (byte)0xF);

    /// <summary>The (S2SL0, IPA size) pairs a granule can start a walk with (Arm ARM: 1 bit up to one table plus 4 bits at the starting level).</summary>
    private static (int Sl0, int InputBits)[] Stage2Geometries(int g)
    {
        var list = new List<(int, int)>();
        for (var sl0 = 0; sl0 <= 2; sl0++)
        {
            var shift = TranslationRig.LevelShift(g, TranslationRig.Stage2StartLevel(g, sl0));
            for (var inputBits = 25; inputBits <= 48; inputBits++)
            {
                if (inputBits - shift >= 1 && inputBits - shift <= g - 3 + 4)
                {
                    list.Add((sl0, inputBits));
                }
            }
        }

        return list.ToArray();
    }

    private static TransactionAccess Access(RefAccess a) =>
        new(IsWrite: a.Write, IsInstruction: a.Fetch, IsPrivileged: a.Privileged);

    private static int MaxOutputBits(int g) => g == 16 ? 52 : 48;

    private static int Bits(int encoding) => encoding switch { 0 => 32, 1 => 36, 2 => 40, 3 => 42, 4 => 44, 5 => 48, _ => 52 };

    private static bool Flag(int flags, int bit) => ((flags >> bit) & 1) != 0;

    private static ulong Mask(int bits) => bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;

    private static ulong Word(Random rnd) => ((ulong)(uint)rnd.Next() << 33) ^ ((ulong)(uint)rnd.Next() << 11) ^ (uint)rnd.Next();
}
