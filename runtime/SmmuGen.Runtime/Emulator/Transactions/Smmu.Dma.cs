using System;
using SmmuGen.Memory;

namespace SmmuGen.Emulator;

/// <summary>DMA helpers: a device's reads and writes of guest memory through the SMMU.</summary>
public sealed partial class Smmu
{
    // Translations never map less than 4KB, so no DMA chunk crosses a translation boundary.
    private const int SmallestPageBits = 12;

    /// <summary>
    /// A device read of <paramref name="destination"/>.Length bytes at <paramref name="address"/>:
    /// translated 4KB piece by piece as the device's transactions are. A piece terminated as
    /// read-as-zero (CD.A clear) reads zeros; an aborted piece, or an external abort on the memory
    /// access, stops the DMA there.
    /// </summary>
    public DmaResult DmaRead(uint streamId, uint? substreamId, ulong address, Span<byte> destination, TransactionAccess access = default)
    {
        access = access with { IsWrite = false };
        var done = 0;
        while (done < destination.Length)
        {
            var at = address + (ulong)done;
            var piece = Piece(at, destination.Length - done);
            var result = Translate(new Transaction(streamId, substreamId, at, access));
            var target = destination.Slice(done, piece);
            if (result.Outcome == TranslationOutcome.ReadAsZeroWriteIgnored)
            {
                target.Clear();
            }
            else if (!result.Succeeded)
            {
                return new DmaResult(done, result);
            }
            else if (!Memory.TryRead(result.OutputAddress, target).IsSuccess)
            {
                return new DmaResult(done, result with { Outcome = TranslationOutcome.Aborted });
            }

            done += piece;
        }

        return new DmaResult(done, null);
    }

    /// <summary>
    /// A device write of <paramref name="source"/> at <paramref name="address"/>, translated 4KB
    /// piece by piece. A piece terminated as write-ignored is dropped; an aborted piece, or an
    /// external abort on the memory access, stops the DMA there.
    /// </summary>
    public DmaResult DmaWrite(uint streamId, uint? substreamId, ulong address, ReadOnlySpan<byte> source, TransactionAccess access = default)
    {
        access = access with { IsWrite = true, IsInstruction = false };
        var done = 0;
        while (done < source.Length)
        {
            var at = address + (ulong)done;
            var piece = Piece(at, source.Length - done);
            var result = Translate(new Transaction(streamId, substreamId, at, access));
            if (result.Outcome != TranslationOutcome.ReadAsZeroWriteIgnored)
            {
                if (!result.Succeeded)
                {
                    return new DmaResult(done, result);
                }

                if (!Memory.TryWrite(result.OutputAddress, source.Slice(done, piece)).IsSuccess)
                {
                    return new DmaResult(done, result with { Outcome = TranslationOutcome.Aborted });
                }
            }

            done += piece;
        }

        return new DmaResult(done, null);
    }

    private static int Piece(ulong address, int remaining)
    {
        var toBoundary = (int)((1UL << SmallestPageBits) - (address & ((1UL << SmallestPageBits) - 1)));
        return Math.Min(toBoundary, remaining);
    }
}
