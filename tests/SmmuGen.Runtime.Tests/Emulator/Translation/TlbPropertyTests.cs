using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

/// <summary>
/// FsCheck: random sequences of remapping, translating and CMD_TLBI_* against a model written from
/// IHI 0070 4.4 of which cached (tag, address) pairs each command must remove. Every command must
/// remove exactly those entries (nothing that should be gone stays, nothing that should stay
/// goes), and every translation must give what the model says: the cached translation where the
/// TLB holds one for the stream's tag, the tables' current one otherwise.
/// </summary>
public sealed class TlbPropertyTests
{
    private const ulong VaBase = 0x4000_0000;     // 8 stage 1 pages (stage-1-only and nested tables alike)
    private const ulong VaBlock = 0x4020_0000;    // a 2MB stage 1 block (stage-1-only tables)
    private const ulong S1PaBase = 0x9_0000_0000;
    private const ulong BlockPaBase = 0xB_0000_0000;
    private const ulong S2PaBase = 0xC_0000_0000;
    private const int Pages = 8;

    private enum Kind
    {
        Stage1,
        Stage2,
        Nested,
    }

    /// <summary>The streams: StreamID, kind, ASID, VMID, STRW.</summary>
    private static readonly (uint Sid, Kind Kind, ushort Asid, ushort Vmid, SteStrw Strw)[] Streams =
    [
        (1, Kind.Stage1, 1, 7, SteStrw.El1),
        (2, Kind.Stage1, 2, 7, SteStrw.El1),
        (3, Kind.Stage1, 1, 8, SteStrw.El1),
        (4, Kind.Stage2, 0, 7, SteStrw.El1),
        (5, Kind.Nested, 1, 7, SteStrw.El1),
        (6, Kind.Stage2, 0, 8, SteStrw.El1),
        (7, Kind.Stage1, 1, 0, SteStrw.El2),
        (8, Kind.Stage1, 2, 0, SteStrw.El2),
    ];

    private static readonly CmdOpcode[] Forms =
    [
        CmdOpcode.CmdTlbiNhAll, CmdOpcode.CmdTlbiNhAsid, CmdOpcode.CmdTlbiNhVa, CmdOpcode.CmdTlbiNhVaa,
        CmdOpcode.CmdTlbiEl2All, CmdOpcode.CmdTlbiEl2Asid, CmdOpcode.CmdTlbiEl2Va, CmdOpcode.CmdTlbiEl2Vaa,
        CmdOpcode.CmdTlbiS12Vmall, CmdOpcode.CmdTlbiS2Ipa, CmdOpcode.CmdTlbiNsnhAll,
    ];

    private static readonly Gen<Op> Translate =
        from stream in Gen.Choose(0, Streams.Length - 1)
        from page in Gen.Choose(0, Pages)
        from offset in Gen.Choose(0, 511)
        select new Op(OpKind.Translate, stream, page, offset);

    private static readonly Gen<Op> Remap =
        from table in Gen.Choose(0, 3)
        from index in Gen.Choose(0, Pages - 1)
        from value in Gen.Choose(0, 255)
        select new Op(OpKind.Remap, table, index, value);

    private static readonly Gen<Op> Invalidate =
        from form in Gen.Choose(0, Forms.Length - 1)
        from vmid in Gen.Elements(7, 8)
        from asid in Gen.Elements(1, 2)
        from addressKind in Gen.Choose(0, 3)
        from index in Gen.Choose(0, 511)
        from range in Gen.Elements(false, false, true)
        from num in Gen.Choose(0, 7)
        from scale in Gen.Frequency((4, Gen.Choose(0, 3)), (1, Gen.Choose(4, 10)))
        from ttl in Gen.Choose(0, 3)
        select new Op(OpKind.Tlbi, form, vmid, asid, addressKind, index, range ? 1 : 0, num, scale, ttl);

    private static readonly Gen<Op> AnyOp = Gen.Frequency((6, Translate), (3, Remap), (3, Invalidate));

    [Fact]
    public void RandomRemapTranslateAndTlbiSequences_InvalidateExactlyTheModelsEntries_AndTranslateAsTheModelSays()
    {
        var scenario = from e2h in ArbMap.Default.GeneratorFor<bool>()
                       from globalPages in Gen.Choose(0, 255)
                       from nestedGlobalPages in Gen.Choose(0, 255)
                       from blockGlobal in ArbMap.Default.GeneratorFor<bool>()
                       from count in Gen.Choose(5, 60)
                       from ops in Gen.ArrayOf(AnyOp, count)
                       select new Scenario(e2h, globalPages, nestedGlobalPages, blockGlobal, ops);
        Prop.ForAll(scenario.ToArbitrary(), Run).Check(Config.QuickThrowOnFailure.WithMaxTest(150).WithQuietOnSuccess(true));
    }

    private static void Run(Scenario s)
    {
        var world = new World(s);
        foreach (var op in s.Ops)
        {
            switch (op.Kind)
            {
                case OpKind.Translate:
                    world.Translate(op);
                    break;
                case OpKind.Remap:
                    world.Remap(op);
                    break;
                default:
                    world.Invalidate(op);
                    break;
            }
        }
    }

    private enum OpKind
    {
        Translate,
        Remap,
        Tlbi,
    }

    /// <summary>One step; the fields' meaning depends on <see cref="Kind"/> (plain ints so FsCheck prints them).</summary>
    private sealed record Op(OpKind Kind, int A, int B, int C, int D = 0, int E = 0, int F = 0, int G = 0, int H = 0, int I = 0);

    private sealed record Scenario(bool E2h, int GlobalPages, int NestedGlobalPages, bool BlockGlobal, Op[] Ops);

    /// <summary>The rig, what the tables say now, and the model's checks.</summary>
    private sealed class World
    {
        private readonly TlbRig _rig;
        private readonly Scenario _s;
        private readonly ulong[] _s1 = new ulong[Pages];      // stage 1 page i -> PA
        private readonly int[] _nested = new int[Pages];      // nested stage 1 page i -> IPA page
        private readonly ulong[] _s2 = new ulong[Pages];      // IPA page j -> PA
        private ulong _block;

        public World(Scenario s)
        {
            _s = s;
            _rig = new TlbRig(e2h: s.E2h);
            foreach (var (sid, kind, asid, vmid, strw) in Streams)
            {
                _ = kind switch
                {
                    Kind.Stage1 => _rig.Stage1Stream(sid, asid, vmid, strw),
                    Kind.Stage2 => _rig.Stage2Stream(sid, vmid),
                    _ => _rig.NestedStream(sid, asid, vmid),
                };
            }

            for (var i = 0; i < Pages; i++)
            {
                SetS1(i, S1PaBase + ((ulong)i << 12));
                SetNested(i, i);
                SetS2(i, S2PaBase + ((ulong)i << 12));
            }

            SetBlock(BlockPaBase);
        }

        private static ulong Va(int page) => VaBase + ((ulong)page << 12);

        private static ulong Ipa(int page) => TlbRig.IpaBase + ((ulong)page << 12);

        private bool Global(int page) => ((_s.GlobalPages >> page) & 1) != 0;

        private bool NestedGlobal(int page) => ((_s.NestedGlobalPages >> page) & 1) != 0;

        public void Translate(Op op)
        {
            var (sid, kind, asid, vmid, strw) = Streams[op.A];
            var tag = TagOf(kind, asid, vmid, strw);
            ulong input, expected;
            bool global;
            var before = _rig.Engine.TlbSnapshot();
            switch (kind)
            {
                case Kind.Stage1:
                    input = op.B == Pages ? VaBlock + ((ulong)op.C << 12) + 0x18 : Va(op.B) + 0x18;
                    global = tag.World == StreamWorld.El2 || (op.B == Pages ? _s.BlockGlobal : Global(op.B));
                    expected = Cached(before, tag, input) ?? (op.B == Pages ? _block + (input - VaBlock) : _s1[op.B] + 0x18);
                    break;
                case Kind.Stage2:
                    input = Ipa(op.B % Pages) + 0x18;
                    global = false;
                    expected = Cached(before, tag, input) ?? (_s2[op.B % Pages] + 0x18);
                    break;
                default:
                    input = Va(op.B % Pages) + 0x18;
                    global = NestedGlobal(op.B % Pages);
                    var ipa = Ipa(_nested[op.B % Pages]) + 0x18;
                    expected = Cached(before, tag, input)
                        ?? Cached(before, new TlbTag(StreamWorld.NsEl1, vmid, 0, false, true), ipa)
                        ?? (_s2[_nested[op.B % Pages]] + 0x18);
                    break;
            }

            Assert.Equal(expected, _rig.Out(sid, input));

            // The translation is now cached under the stream's tag.
            Assert.Contains(_rig.Engine.TlbSnapshot(), e => Serves(e, tag, input) && e.Global == global);
        }

        public void Remap(Op op)
        {
            switch (op.A)
            {
                case 0:
                    SetS1(op.B, S1PaBase + 0x100_0000 + ((ulong)op.C << 12));
                    break;
                case 1:
                    SetBlock(BlockPaBase + ((ulong)(op.C % 64) << 21));
                    break;
                case 2:
                    SetNested(op.B, op.C % Pages);
                    break;
                default:
                    SetS2(op.B, S2PaBase + 0x100_0000 + ((ulong)op.C << 12));
                    break;
            }
        }

        public void Invalidate(Op op)
        {
            var command = Command(op);
            var before = _rig.Engine.TlbSnapshot();

            _rig.Tlbi(command);

            var after = _rig.Engine.TlbSnapshot();
            var expected = before.Where(e => !MustInvalidate(e, command)).ToArray();
            var wronglyKept = after.Except(expected).ToArray();
            var wronglyRemoved = expected.Except(after).ToArray();
            Assert.True(
                wronglyKept.Length == 0 && wronglyRemoved.Length == 0 && expected.Length == after.Length,
                $"{command.Opcode} {op}: kept {string.Join(", ", wronglyKept.Select(Describe))}; removed {string.Join(", ", wronglyRemoved.Select(Describe))}");
        }

        private static Cmd Command(Op op)
        {
            var form = Forms[op.A];
            var vmid = (ushort)op.B;
            var asid = (ushort)op.C;
            var address = op.D switch
            {
                0 => Va(op.E % Pages),
                1 => VaBlock + ((ulong)op.E << 12),
                2 => Ipa(op.E % Pages),
                _ => VaBase - 0x4000 + ((ulong)(op.E % 16) << 12),
            };
            var tg = op.F == 0 ? TlbiGranule.Any : TlbiGranule.Size4kb;
            var num = op.F == 0 ? (byte)0 : (byte)op.G;
            var scale = op.F == 0 ? (byte)0 : (byte)op.H;
            var ttl = op.F == 0 ? (byte)0 : (byte)op.I;
            if (tg != TlbiGranule.Any && num == 0 && scale == 0 && ttl == 0)
            {
                ttl = 3; // NUM = SCALE = TTL = 0 with a TG is Reserved (IHI 0070 4.4.1.1)
            }

            return form switch
            {
                CmdOpcode.CmdTlbiNhAll => TlbRig.NhAll(vmid),
                CmdOpcode.CmdTlbiNhAsid => TlbRig.NhAsid(vmid, asid),
                CmdOpcode.CmdTlbiNhVa => CmdTlbiNhVa.Create().WithVmid(vmid).WithAsid(asid).WithAddress(address).WithTg(tg).WithNum(num).WithScale(scale).WithTtl(ttl).ToCmd(),
                CmdOpcode.CmdTlbiNhVaa => CmdTlbiNhVaa.Create().WithVmid(vmid).WithAddress(address).WithTg(tg).WithNum(num).WithScale(scale).WithTtl(ttl).ToCmd(),
                CmdOpcode.CmdTlbiEl2All => TlbRig.El2All(),
                CmdOpcode.CmdTlbiEl2Asid => TlbRig.El2Asid(asid),
                CmdOpcode.CmdTlbiEl2Va => CmdTlbiEl2Va.Create().WithAsid(asid).WithAddress(address).WithTg(tg).WithNum(num).WithScale(scale).WithTtl(ttl).ToCmd(),
                CmdOpcode.CmdTlbiEl2Vaa => CmdTlbiEl2Vaa.Create().WithAddress(address).WithTg(tg).WithNum(num).WithScale(scale).WithTtl(ttl).ToCmd(),
                CmdOpcode.CmdTlbiS12Vmall => TlbRig.S12Vmall(vmid),
                CmdOpcode.CmdTlbiS2Ipa => CmdTlbiS2Ipa.Create().WithVmid(vmid).WithAddress(address).WithTg(tg).WithNum(num).WithScale(scale).WithTtl(ttl).ToCmd(),
                _ => TlbRig.NsnhAll(),
            };
        }

        /// <summary>
        /// The model, from IHI 0070 4.4: whether <paramref name="command"/> must remove
        /// <paramref name="e"/>. Entries are tagged NS-EL1 (VMID, ASID unless global, stages), or
        /// EL2 / EL2-E2H (ASID unless global; plain EL2 entries are all global).
        /// </summary>
        private static bool MustInvalidate(in TlbEntry e, in Cmd command)
        {
            var el1 = e.World == StreamWorld.NsEl1;
            var el2 = !el1;
            var stage1 = e.HasStage1;
            var stage2Only = !e.HasStage1 && e.HasStage2;
            switch (command.Opcode)
            {
                case CmdOpcode.CmdTlbiNhAll:
                    return el1 && stage1 && e.Vmid == command.AsCmdTlbiNhAll().Vmid;
                case CmdOpcode.CmdTlbiNhAsid:
                {
                    var c = command.AsCmdTlbiNhAsid();
                    return el1 && stage1 && e.Vmid == c.Vmid && !e.Global && e.Asid == c.Asid;
                }

                case CmdOpcode.CmdTlbiNhVa:
                {
                    var c = command.AsCmdTlbiNhVa();
                    return el1 && stage1 && e.Vmid == c.Vmid && (e.Global || e.Asid == c.Asid) && InScope(e, false, c.Address, c.Tg, c.Num, c.Scale, c.Ttl);
                }

                case CmdOpcode.CmdTlbiNhVaa:
                {
                    var c = command.AsCmdTlbiNhVaa();
                    return el1 && stage1 && e.Vmid == c.Vmid && InScope(e, false, c.Address, c.Tg, c.Num, c.Scale, c.Ttl);
                }

                case CmdOpcode.CmdTlbiEl2All:
                    return el2;
                case CmdOpcode.CmdTlbiEl2Asid:
                    return e.World == StreamWorld.El2E2h && !e.Global && e.Asid == command.AsCmdTlbiEl2Asid().Asid;
                case CmdOpcode.CmdTlbiEl2Va:
                {
                    var c = command.AsCmdTlbiEl2Va();
                    return el2 && (e.Global || e.Asid == c.Asid) && InScope(e, false, c.Address, c.Tg, c.Num, c.Scale, c.Ttl);
                }

                case CmdOpcode.CmdTlbiEl2Vaa:
                {
                    var c = command.AsCmdTlbiEl2Vaa();
                    return el2 && InScope(e, false, c.Address, c.Tg, c.Num, c.Scale, c.Ttl);
                }

                case CmdOpcode.CmdTlbiS12Vmall:
                    return el1 && e.Vmid == command.AsCmdTlbiS12Vmall().Vmid;
                case CmdOpcode.CmdTlbiS2Ipa:
                {
                    var c = command.AsCmdTlbiS2Ipa();
                    return el1 && stage2Only && e.Vmid == c.Vmid && InScope(e, true, c.Address, c.Tg, c.Num, c.Scale, c.Ttl);
                }

                case CmdOpcode.CmdTlbiNsnhAll:
                    return el1;
                default:
                    throw new InvalidOperationException(command.Opcode.ToString());
            }
        }

        /// <summary>
        /// IHI 0070 4.4.1.1: with TG = 0 the one (4KB-aligned) address; otherwise
        /// [Address, Address + (NUM + 1) * 2^SCALE * granule), and a non-zero TTL keeps only leaves
        /// of that level. An entry is in scope when the leaf it was built from (the stage 1 leaf
        /// for stage 1 invalidations) maps some address in range.
        /// </summary>
        private static bool InScope(in TlbEntry e, bool stage2, ulong address, TlbiGranule tg, byte num, byte scale, byte ttl)
        {
            ulong start = address, length = 0x1000;
            if (tg != TlbiGranule.Any)
            {
                length = (num + 1UL) << (scale + 12);
                var level = stage2 ? e.Stage2Level : e.Stage1Level;
                if (ttl != 0 && level != ttl)
                {
                    return false;
                }
            }

            var bits = e.BlockBits;
            if (!stage2 && e.HasStage1)
            {
                bits = Math.Max(bits, 12 + ((3 - e.Stage1Level) * 9));
            }

            var entryStart = e.InputBase & ~((1UL << bits) - 1);
            var entryEnd = entryStart + (1UL << bits);
            return entryStart < start + length && start < entryEnd;
        }

        private TlbTag TagOf(Kind kind, ushort asid, ushort vmid, SteStrw strw)
        {
            var world = strw == SteStrw.El2 ? (_s.E2h ? StreamWorld.El2E2h : StreamWorld.El2) : StreamWorld.NsEl1;
            return kind switch
            {
                Kind.Stage1 => new TlbTag(world, world == StreamWorld.NsEl1 ? vmid : (ushort)0, world == StreamWorld.El2 ? (ushort)0 : asid, true, false),
                Kind.Stage2 => new TlbTag(StreamWorld.NsEl1, vmid, 0, false, true),
                _ => new TlbTag(StreamWorld.NsEl1, vmid, asid, true, true),
            };
        }

        private static bool Serves(in TlbEntry e, in TlbTag tag, ulong input) =>
            e.World == tag.World && e.Vmid == tag.Vmid && e.HasStage1 == tag.HasStage1 && e.HasStage2 == tag.HasStage2
            && (e.Global || !tag.HasStage1 || e.Asid == tag.Asid)
            && e.InputBase <= input && input - e.InputBase < (1UL << e.BlockBits);

        /// <summary>The output a cached entry gives <paramref name="input"/> under <paramref name="tag"/>, or null when none is cached.</summary>
        private static ulong? Cached(IEnumerable<TlbEntry> entries, TlbTag tag, ulong input)
        {
            var hits = entries.Where(e => Serves(e, tag, input)).Select(e => e.Translate(input)).Distinct().ToArray();
            Assert.True(hits.Length <= 1, $"entries disagree for 0x{input:X}");
            return hits.Length == 0 ? null : hits[0];
        }

        private static string Describe(TlbEntry e) =>
            $"[{e.World} vmid {e.Vmid} asid {e.Asid}{(e.Global ? " global" : string.Empty)} s1 {e.HasStage1} s2 {e.HasStage2} 0x{e.InputBase:X}/{e.BlockBits} L{e.Stage1Level}/{e.Stage2Level}]";

        private void SetS1(int page, ulong pa)
        {
            _s1[page] = pa;
            _rig.MapS1(Va(page), pa, Global(page));
        }

        private void SetBlock(ulong pa)
        {
            _block = pa;
            _rig.MapS1(VaBlock, pa, _s.BlockGlobal, level: 2);
        }

        private void SetNested(int page, int ipaPage)
        {
            _nested[page] = ipaPage;
            _rig.MapNestedS1(Va(page), Ipa(ipaPage), NestedGlobal(page));
        }

        private void SetS2(int ipaPage, ulong pa)
        {
            _s2[ipaPage] = pa;
            _rig.MapS2(Ipa(ipaPage), pa);
        }
    }
}
