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

    /// <summary>Hand-written: extract three fields.</summary>
    [Benchmark(Baseline = true)]
    public uint HandWrittenRead()
    {
        uint acc = 0;
        foreach (var v in _values)
        {
            acc += ((v & StrtabBaseCfg.Log2sizeMask) >> StrtabBaseCfg.Log2sizeShift)
                + ((v & StrtabBaseCfg.SplitMask) >> StrtabBaseCfg.SplitShift)
                + ((v & StrtabBaseCfg.FmtMask) >> StrtabBaseCfg.FmtShift);
        }

        return acc;
    }

    /// <summary>Generated: the same reads through properties.</summary>
    [Benchmark]
    public uint GeneratedRead()
    {
        uint acc = 0;
        foreach (var v in _values)
        {
            var r = new StrtabBaseCfg(v);
            acc += r.Log2size + (uint)r.Split + (uint)r.Fmt;
        }

        return acc;
    }

    /// <summary>Hand-written: set two fields, masking the values so neighbours stay intact (no range check).</summary>
    [Benchmark]
    public uint HandWrittenSet()
    {
        uint acc = 0;
        foreach (var v in _values)
        {
            var log2 = (v & StrtabBaseCfg.Log2sizeMask) >> StrtabBaseCfg.Log2sizeShift;
            var w = (v & ~StrtabBaseCfg.Log2sizeMask) | (((log2 ^ 1) << StrtabBaseCfg.Log2sizeShift) & StrtabBaseCfg.Log2sizeMask);
            w = (w & ~StrtabBaseCfg.FmtMask) | ((1u << StrtabBaseCfg.FmtShift) & StrtabBaseCfg.FmtMask);
            acc += w;
        }

        return acc;
    }

    /// <summary>Generated: the same through With…, which also range-checks each value.</summary>
    [Benchmark]
    public uint GeneratedWith()
    {
        uint acc = 0;
        foreach (var v in _values)
        {
            var r = new StrtabBaseCfg(v);
            acc += r.WithLog2size((byte)(r.Log2size ^ 1)).WithFmt(StrtabBaseCfgFmt.TwoLevel).Raw;
        }

        return acc;
    }
}
