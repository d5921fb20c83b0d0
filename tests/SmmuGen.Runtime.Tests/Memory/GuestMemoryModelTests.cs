using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Memory;
using Xunit;

namespace SmmuGen.Runtime.Tests.Memory;

/// <summary>FsCheck: random sequences of operations on <see cref="GuestMemory"/> agree with a
/// dictionary-of-bytes model — data read, abort results (kind, lowest faulting address, region),
/// and the number of pages allocated.</summary>
public sealed class GuestMemoryModelTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true);

    // Few bases, so operations collide: page boundaries, far pages, the top of the space.
    private static readonly ulong[] Bases =
    [
        0x0, 0xFE0, 0x1FF8, 0x8000_0000, 0x8000_0000_0000_0FF0, ulong.MaxValue - 0x1010, ulong.MaxValue - 0x30,
    ];

    public enum OpKind
    {
        Write,
        Read,
        ReadUInt32,
        WriteUInt64,
        AtomicWrite,
        AtomicRead,
        CompareExchange,
    }

    [Fact]
    public void RandomOperationSequencesAgreeWithADictionaryModel()
    {
        var address = from b in Gen.Elements(Bases)
                      from offset in Gen.Choose(0, 0x50)
                      select b + (ulong)offset;
        var length = Gen.Frequency((6, Gen.Choose(0, 24)), (1, Gen.Choose(GuestMemory.PageSize - 8, GuestMemory.PageSize + 40)));
        var value = Gen.Elements<ulong>(0UL, 1UL, 0x0123_4567_89AB_CDEF, ulong.MaxValue);
        var op = from kind in Gen.Elements(Enum.GetValues<OpKind>())
                 from a in address
                 from len in length
                 from seed in Gen.Choose(0, 255)
                 from v in value
                 from c in value
                 select new Op(kind, a, len, (byte)seed, v, c);
        var region = from b in Gen.Elements(Bases)
                     from offset in Gen.Choose(0, 0x40)
                     from size in Gen.Choose(1, 0x20)
                     from kind in Gen.Elements(AbortKind.External, AbortKind.Decode)
                     select (Base: b + (ulong)offset, Size: (ulong)size, Kind: kind);
        var scenario = from regions in Gen.ListOf(region, 3).Select(r => r.Distinct().ToArray())
                       from count in Gen.Choose(0, 3)
                       from ops in Gen.ListOf(op, 40)
                       select new Scenario(regions.Take(count).Where(r => r.Base + (r.Size - 1) >= r.Base).ToArray(), ops.ToArray());

        Prop.ForAll(scenario.ToArbitrary(), Agrees).Check(Quick);
    }

    private static bool Agrees(Scenario scenario)
    {
        var memory = new GuestMemory();
        var model = new Model();
        foreach (var (b, s, k) in scenario.Regions)
        {
            model.Regions.Add(memory.AddAbortRegion(b, s, k));
        }

        foreach (var op in scenario.Ops)
        {
            var aligned = op.Address & ~7UL;
            switch (op.Kind)
            {
                case OpKind.Write:
                {
                    var data = Enumerable.Range(0, op.Length).Select(i => (byte)(op.Seed + (i * 31))).ToArray();
                    if (memory.TryWrite(op.Address, data) != model.Write(op.Address, data))
                    {
                        return false;
                    }

                    break;
                }

                case OpKind.Read:
                {
                    var actual = new byte[op.Length];
                    var result = memory.TryRead(op.Address, actual);
                    var expected = model.Read(op.Address, op.Length, out var bytes);
                    if (result != expected || (result.IsSuccess && !actual.SequenceEqual(bytes)))
                    {
                        return false;
                    }

                    break;
                }

                case OpKind.ReadUInt32:
                {
                    var result = memory.TryReadUInt32(op.Address, out var actual);
                    var expected = model.Read(op.Address, 4, out var bytes);
                    if (result != expected || actual != (result.IsSuccess ? BitConverter.ToUInt32(LittleEndian(bytes)) : 0))
                    {
                        return false;
                    }

                    break;
                }

                case OpKind.WriteUInt64:
                    if (memory.TryWriteUInt64(op.Address, op.Value) != model.Write(op.Address, LittleEndianBytes(op.Value)))
                    {
                        return false;
                    }

                    break;

                case OpKind.AtomicWrite:
                    if (memory.TryWriteUInt64Atomic(aligned, op.Value) != model.Write(aligned, LittleEndianBytes(op.Value)))
                    {
                        return false;
                    }

                    break;

                case OpKind.AtomicRead:
                {
                    var result = memory.TryReadUInt64Atomic(aligned, out var actual);
                    var expected = model.Read(aligned, 8, out var bytes);
                    if (result != expected || actual != (result.IsSuccess ? BitConverter.ToUInt64(LittleEndian(bytes)) : 0))
                    {
                        return false;
                    }

                    break;
                }

                case OpKind.CompareExchange:
                {
                    var result = memory.TryCompareExchangeUInt64(aligned, op.Value, op.Comparand, out var original);
                    var expected = model.Read(aligned, 8, out var bytes);
                    var current = expected.IsSuccess ? BitConverter.ToUInt64(LittleEndian(bytes)) : 0;
                    if (result != expected || original != current)
                    {
                        return false;
                    }

                    if (expected.IsSuccess && current == op.Comparand)
                    {
                        model.Write(aligned, LittleEndianBytes(op.Value));
                    }

                    break;
                }
            }
        }

        return memory.AllocatedPageCount == model.Pages.Count;
    }

    private static byte[] LittleEndianBytes(ulong value) => Enumerable.Range(0, 8).Select(i => (byte)(value >> (8 * i))).ToArray();

    private static byte[] LittleEndian(byte[] bytes) => BitConverter.IsLittleEndian ? bytes : bytes.Reverse().ToArray();

    public sealed record Op(OpKind Kind, ulong Address, int Length, byte Seed, ulong Value, ulong Comparand)
    {
        public override string ToString() => $"{Kind} 0x{Address:X} len={Length} seed={Seed} v=0x{Value:X} c=0x{Comparand:X}";
    }

    public sealed record Scenario((ulong Base, ulong Size, AbortKind Kind)[] Regions, Op[] Ops)
    {
        public override string ToString() =>
            "regions: " + string.Join(", ", Regions.Select(r => $"0x{r.Base:X}+0x{r.Size:X} {r.Kind}")) + Environment.NewLine
            + string.Join(Environment.NewLine, Ops.Select(o => "  " + o));
    }

    /// <summary>The obvious specification: a byte per address, absent bytes are zero.</summary>
    private sealed class Model
    {
        public Dictionary<ulong, byte> Bytes { get; } = [];

        public HashSet<ulong> Pages { get; } = [];

        public List<AbortRegion> Regions { get; } = [];

        public MemoryAccessResult Write(ulong address, byte[] data)
        {
            var result = Check(address, data.Length);
            if (result.IsSuccess)
            {
                for (var i = 0; i < data.Length; i++)
                {
                    Bytes[address + (ulong)i] = data[i];
                    Pages.Add((address + (ulong)i) / GuestMemory.PageSize);
                }
            }

            return result;
        }

        public MemoryAccessResult Read(ulong address, int length, out byte[] data)
        {
            data = new byte[length];
            var result = Check(address, length);
            for (var i = 0; result.IsSuccess && i < length; i++)
            {
                data[i] = Bytes.GetValueOrDefault(address + (ulong)i);
            }

            return result;
        }

        // Byte by byte, the lowest faulting byte first; a wrap is reported at the access start.
        private MemoryAccessResult Check(ulong address, int length)
        {
            if (length > 0 && ulong.MaxValue - address < (ulong)(length - 1))
            {
                return MemoryAccessResult.Wrap(address);
            }

            for (var i = 0; i < length; i++)
            {
                var a = address + (ulong)i;
                var region = Regions.FirstOrDefault(r => r.Base <= a && a <= r.Last);
                if (region is not null)
                {
                    return MemoryAccessResult.Abort(a, region);
                }
            }

            return MemoryAccessResult.Success;
        }
    }
}
