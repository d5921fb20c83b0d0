using System;
using BenchmarkDotNet.Attributes;
using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Benchmarks;

/// <summary>
/// Incoming transactions through the emulated SMMU (stage 1, 4KB pages, 64 pages touched round
/// robin) against a baseline that only reads the four descriptors of a 4-level walk from guest
/// memory and masks the output address: the cost of a bare table walk with no checks at all.
/// Measured: a TLB hit (the configuration cache and TLB warm), and a full walk every time (a TLB
/// of one entry, so every lookup misses and replaces it).
/// </summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private const int Pages = 64;
    private const ulong Va = 0x4000_0000;
    private const ulong Ttb = 0x7000_0000;
    private const ulong StreamTable = 0x1000_0000;
    private const ulong Cds = 0x2000_0000;

    private readonly GuestMemory _memory = new();
    private Smmu _hit = null!;
    private Smmu _miss = null!;

    /// <summary>Builds the tables (with the generated descriptor types) and two devices.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var next = Ttb + 0x1000;
        for (var p = 0UL; p < Pages; p++)
        {
            var table = Ttb;
            var va = Va + (p << 12);
            for (var level = 0; level < 3; level++)
            {
                var slot = table + (((va >> (39 - (9 * level))) & 0x1FF) * 8);
                var d = S1Table4k.FromWords([_memory.ReadUInt64(slot)]);
                if (!d.Valid)
                {
                    d = new S1Table4k().WithValid(true).WithType(true).WithNlta(next);
                    next += 0x1000;
                    _memory.WriteUInt64(slot, d.GetWord(0));
                }

                table = d.Nlta;
            }

            var page = new S1Page4k().WithValid(true).WithType(true).WithOa(0x9_0000_0000 + (p << 12)).WithAp(S1AccessPerm.RwAll).WithAf(true);
            _memory.WriteUInt64(table + (((va >> 12) & 0x1FF) * 8), page.GetWord(0));
        }

        _memory.WriteRecord(Cds, new Cd().WithV(true).WithAa64(true).WithT0sz(16).WithTg0(CdTg0.Size4kb).WithIps(CdIps.Bits48)
            .WithEpd1(true).WithTtb0(Ttb).WithR(true).WithA(true).WithAsid(1));
        _memory.WriteRecord(StreamTable + 64, new Ste().WithV(true).WithConfig(SteConfig.S1Trans).WithS1ContextPtr(Cds));
        _hit = Enable(new TranslationEngine());
        _miss = Enable(new TranslationEngine(tlbCapacity: 1));
    }

    /// <summary>Baseline: four descriptor reads and the output address, nothing checked.</summary>
    [Benchmark(Baseline = true)]
    public ulong HandWrittenWalk()
    {
        var sum = 0UL;
        for (var p = 0UL; p < Pages; p++)
        {
            var va = Va + (p << 12);
            var table = Ttb;
            for (var level = 0; level < 4; level++)
            {
                var d = _memory.ReadUInt64Atomic(table + (((va >> (39 - (9 * level))) & 0x1FF) * 8));
                table = d & S1Table4k.NltaMask;
            }

            sum += table;
        }

        return sum;
    }

    /// <summary>Smmu.Translate served by the configuration cache and the TLB.</summary>
    [Benchmark]
    public ulong TranslateTlbHit() => Run(_hit);

    /// <summary>Smmu.Translate with a full, checked walk every time (TLB of one entry).</summary>
    [Benchmark]
    public ulong TranslateWalk() => Run(_miss);

    private static ulong Run(Smmu smmu)
    {
        var sum = 0UL;
        for (var p = 0UL; p < Pages; p++)
        {
            sum += smmu.Translate(new Transaction(1, null, Va + (p << 12), TransactionAccess.Read)).OutputAddress;
        }

        return sum;
    }

    private Smmu Enable(TranslationEngine engine)
    {
        var smmu = new Smmu(_memory, new NoInterrupts(), translationEngine: engine);
        smmu.Write64(0, StrtabBase.Offset, new StrtabBase(0).WithAddr(StreamTable).Raw);
        smmu.Write32(0, StrtabBaseCfg.Offset, new StrtabBaseCfg(0).WithLog2size(4).Raw);
        smmu.Write32(0, Cr0.Offset, new Cr0(0).WithSmmuen(true).Raw);
        if (!smmu.Translate(new Transaction(1, null, Va, TransactionAccess.Read)).Succeeded)
        {
            throw new InvalidOperationException("set-up failed");
        }

        return smmu;
    }

    private sealed class NoInterrupts : IInterruptSink
    {
        public void Raise(InterruptLine line)
        {
        }

        public void SendEvent()
        {
        }
    }
}
