using BenchmarkDotNet.Attributes;
using SmmuGen.Smmuv3;

namespace SmmuGen.Benchmarks;

/// <summary>
/// Generated register accessors against hand-written shifts and masks on the same raw values
/// (the baseline): the typed API should cost nothing over the bit twiddling it replaces, and
/// allocate nothing. The masks in the baseline are read from the generated constants, so no bit
/// position is written here by hand.
/// </summary>
[MemoryDiagnoser]
public class RegisterAccessorBenchmarks
{
    private readonly uint[] _values = new uint[1024];

    /// <summary>Fills the inputs with a fixed pseudo-random sequence.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var x = 0x1234_5678u;
        for (var i = 0; i < _values.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _values[i] = x;
        }
    }

    /// <summary>Hand-written: extract three fields and set two.</summary>
    [Benchmark(Baseline = true)]
    public uint HandWrittenMasks()
    {
        uint acc = 0;
        foreach (var v in _values)
        {
            var log2 = (v & StrtabBaseCfg.Log2sizeMask) >> StrtabBaseCfg.Log2sizeShift;
            var split = (v & StrtabBaseCfg.SplitMask) >> StrtabBaseCfg.SplitShift;
            var fmt = (v & StrtabBaseCfg.FmtMask) >> StrtabBaseCfg.FmtShift;
            var w = (v & ~StrtabBaseCfg.Log2sizeMask) | ((log2 ^ 1) << StrtabBaseCfg.Log2sizeShift);
            w = (w & ~StrtabBaseCfg.FmtMask) | ((fmt & 1) << StrtabBaseCfg.FmtShift);
            acc += w + split;
        }

        return acc;
    }

    /// <summary>Generated: the same work through properties and With… methods.</summary>
    [Benchmark]
    public uint GeneratedAccessors()
    {
        uint acc = 0;
        foreach (var v in _values)
        {
            var r = new StrtabBaseCfg(v);
            var log2 = r.Log2size;
            var split = (uint)r.Split;
            var fmt = (byte)r.Fmt;
            var w = r.WithLog2size((byte)(log2 ^ 1)).WithFmt((StrtabBaseCfgFmt)(fmt & 1));
            acc += w.Raw + split;
        }

        return acc;
    }
}
