using System.Collections.Concurrent;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Transactions;

/// <summary>
/// Stands in for the translation model: "translates" by adding <see cref="OutputOffset"/>,
/// maps structure IPAs by adding <see cref="IpaOffset"/> (failing with a stage 2 fault inside
/// <see cref="FaultingIpaBase"/>..+<see cref="FaultingIpaSize"/>), and remembers what it saw.
/// </summary>
internal sealed class StubTranslationEngine : ITranslationEngine
{
    public const ulong OutputOffset = 0x10_0000_0000;

    public ulong IpaOffset { get; set; }

    public ulong FaultingIpaBase { get; set; } = ulong.MaxValue;

    public ulong FaultingIpaSize { get; set; }

    public ConcurrentQueue<StreamContext> Contexts { get; } = new();

    public ConcurrentQueue<ulong> StructureIpas { get; } = new();

    public TranslationResult Translate(Smmu smmu, in StreamContext context, in Transaction transaction)
    {
        Contexts.Enqueue(context);
        return new TranslationResult(TranslationOutcome.Translated, transaction.Address + OutputOffset);
    }

    public bool TryTranslateStructureAddress(Smmu smmu, in StreamContext context, in Transaction transaction, ulong ipa, out ulong physicalAddress, out TranslationResult fault)
    {
        StructureIpas.Enqueue(ipa);
        if (ipa - FaultingIpaBase < FaultingIpaSize)
        {
            var record = FTranslation.Create().WithStreamID(transaction.StreamId).WithS2(true).WithClass(FaultClass.Cd).WithIpa(ipa & ~0xFFFUL).ToEvt();
            fault = new TranslationResult(TranslationOutcome.Aborted, 0, record, smmu.RecordEvent(record) == QueueWriteResult.Written);
            physicalAddress = 0;
            return false;
        }

        physicalAddress = ipa + IpaOffset;
        fault = default;
        return true;
    }
}
