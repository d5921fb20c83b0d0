using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Examples.DmaWalkthrough;

/// <summary>
/// A minimal stage 1 io-pgtable: 4KB granule, 48-bit VAs, four levels, written with the
/// generated descriptor types. Tables come from a bump allocator in guest memory.
/// </summary>
public sealed class IoPageTable
{
    private const int PageShift = 12;
    private const int BitsPerLevel = 9;
    private readonly GuestMemory _memory;
    private ulong _next;

    /// <summary>A page table whose root and next-level tables are allocated from <paramref name="arena"/>.</summary>
    public IoPageTable(GuestMemory memory, ulong arena)
    {
        _memory = memory;
        Root = arena;
        _next = arena + (1UL << PageShift);
    }

    /// <summary>The level 0 table: CD.TTB0.</summary>
    public ulong Root { get; }

    /// <summary>Maps one 4KB page read/write for everyone, non-executable.</summary>
    public void Map(ulong iova, ulong physical)
    {
        var table = Root;
        for (var level = 0; level < 3; level++)
        {
            var slot = Slot(table, iova, level);
            var descriptor = S1Table4k.FromWords([_memory.ReadUInt64(slot)]);
            if (!descriptor.Valid)
            {
                descriptor = new S1Table4k().WithValid(true).WithType(true).WithNlta(_next);
                _next += 1UL << PageShift;
                _memory.WriteUInt64(slot, descriptor.GetWord(0));
            }

            table = descriptor.Nlta;
        }

        var page = new S1Page4k().WithValid(true).WithType(true).WithOa(physical)
            .WithAp(S1AccessPerm.RwAll).WithAf(true).WithNG(true).WithPxn(true).WithUxn(true);
        _memory.WriteUInt64(Slot(table, iova, 3), page.GetWord(0));
    }

    private static ulong Slot(ulong table, ulong iova, int level) =>
        table + (((iova >> (PageShift + ((3 - level) * BitsPerLevel))) & ((1UL << BitsPerLevel) - 1)) * sizeof(ulong));
}
