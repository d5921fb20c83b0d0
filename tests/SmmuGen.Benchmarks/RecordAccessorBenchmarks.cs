using System;
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

    /// <summary>Hand-written: read Config, S1ContextPtr and S2VMID from the words.</summary>
    [Benchmark(Baseline = true)]
    public ulong HandWrittenRead()
    {
        ulong acc = 0;
        foreach (var w in _words)
        {
            acc += ((w[Ste.ConfigWord] & Ste.ConfigMask) >> Ste.ConfigShift)
                + (w[Ste.S1ContextPtrWord] & Ste.S1ContextPtrMask)
                + ((w[Ste.S2vmidWord] & Ste.S2vmidMask) >> Ste.S2vmidShift);
        }

        return acc;
    }

    /// <summary>Generated: the same reads through properties.</summary>
    [Benchmark]
    public ulong GeneratedRead()
    {
        ulong acc = 0;
        var stes = _stes;
        for (var i = 0; i < stes.Length; i++)
        {
            ref readonly var ste = ref stes[i];
            acc += (ulong)ste.Config + ste.S1ContextPtr + ste.S2vmid;
        }

        return acc;
    }

    /// <summary>Hand-written: a modified copy of the 8 words with a new Config (value semantics, as With… gives).</summary>
    [Benchmark]
    public ulong HandWrittenModifiedCopy()
    {
        ulong acc = 0;
        Span<ulong> copy = stackalloc ulong[Ste.WordCount];
        foreach (var w in _words)
        {
            w.CopyTo(copy);
            var config = (copy[Ste.ConfigWord] & Ste.ConfigMask) >> Ste.ConfigShift;
            copy[Ste.ConfigWord] = (copy[Ste.ConfigWord] & ~Ste.ConfigMask) | (((config ^ 1) << Ste.ConfigShift) & Ste.ConfigMask);
            acc += copy[Ste.ConfigWord];
        }

        return acc;
    }

    /// <summary>Generated: the same through With….</summary>
    [Benchmark]
    public ulong GeneratedWith()
    {
        ulong acc = 0;
        var stes = _stes;
        for (var i = 0; i < stes.Length; i++)
        {
            ref readonly var ste = ref stes[i];
            acc += ste.WithConfig((SteConfig)((byte)ste.Config ^ 1)).GetWord(Ste.ConfigWord);
        }

        return acc;
    }
}
