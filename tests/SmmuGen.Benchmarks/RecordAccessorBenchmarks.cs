using BenchmarkDotNet.Attributes;
using SmmuGen.Smmuv3;

namespace SmmuGen.Benchmarks;

/// <summary>
/// Generated STE accessors (fields in words 0, 1 and 2 of the 64-byte record) against
/// hand-written word masking on the same words, the baseline. Masks come from the generated
/// constants, so no bit position is written here by hand.
/// </summary>
[MemoryDiagnoser]
public class RecordAccessorBenchmarks
{
    private readonly ulong[][] _words = new ulong[256][];
    private readonly Ste[] _stes = new Ste[256];

    /// <summary>Fills the inputs with a fixed pseudo-random sequence.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var x = 0x9E37_79B9_7F4A_7C15UL;
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] = new ulong[Ste.WordCount];
            for (var w = 0; w < Ste.WordCount; w++)
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                _words[i][w] = x;
            }

            _stes[i] = Ste.FromWords(_words[i]);
        }
    }

    /// <summary>Hand-written: read Config, S1ContextPtr and S2VMID, then set Config.</summary>
    [Benchmark(Baseline = true)]
    public ulong HandWrittenWords()
    {
        ulong acc = 0;
        foreach (var w in _words)
        {
            var config = (w[Ste.ConfigWord] & Ste.ConfigMask) >> Ste.ConfigShift;
            var ctx = w[Ste.S1ContextPtrWord] & Ste.S1ContextPtrMask;
            var vmid = (w[Ste.S2vmidWord] & Ste.S2vmidMask) >> Ste.S2vmidShift;
            var w0 = (w[Ste.ConfigWord] & ~Ste.ConfigMask) | ((config ^ 1) << Ste.ConfigShift);
            acc += w0 + ctx + vmid;
        }

        return acc;
    }

    /// <summary>Generated: the same work through properties and With….</summary>
    [Benchmark]
    public ulong GeneratedRecord()
    {
        ulong acc = 0;
        foreach (var ste in _stes)
        {
            var config = (byte)ste.Config;
            var updated = ste.WithConfig((SteConfig)(config ^ 1));
            acc += updated.GetWord(Ste.ConfigWord) + ste.S1ContextPtr + ste.S2vmid;
        }

        return acc;
    }
}
