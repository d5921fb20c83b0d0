using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Translation;

public sealed class TranslationSmokeTests
{
    [Fact]
    public void Stage1_4KPage_Translates_AndFaultsWhereUnmapped()
    {
        var engine = new TranslationEngine();
        var bench = new TransactionBench(engine: engine).LinearStreamTable(4).Enable();
        var tables = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x7000_0000);
        tables.Map(0x4000_1000, 0x9_0000_3000);
        bench.InstallSte(1, TransactionBench.Stage1Ste());
        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd().WithTtb0(tables.Root));

        var ok = bench.Translate(1, 0x4000_1234);
        var miss = bench.Translate(1, 0x4000_2000);

        Assert.Equal((TranslationOutcome.Translated, 0x9_0000_3234UL), (ok.Outcome, ok.OutputAddress));
        Assert.Equal(AccessPermissions.Read | AccessPermissions.Write | AccessPermissions.Execute, ok.Permissions);
        Assert.Equal(12, ok.MappingBits);
        Assert.Equal(EvtEventId.FTranslation, miss.EventId);
        var evt = bench.DrainEvents().Single().AsFTranslation();
        Assert.Equal((1u, 0x4000_2000UL, false, FaultClass.In), (evt.StreamID, evt.InputAddr, evt.S2, evt.Class));
        Assert.Equal(1, engine.TlbEntryCount);
    }

    [Fact]
    public void Nested_4K_TranslatesThroughBothStages()
    {
        var engine = new TranslationEngine();
        var bench = new TransactionBench(engine: engine).LinearStreamTable(4).Enable();
        var s2 = new PageTableBuilder(bench.Memory, 2, 12, 40, 1, 0x5000_0000);
        var s1 = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x6000_0000);

        // Stage 1 tables and the CD live at IPAs that stage 2 maps 1:1 (identity blocks); the data IPA maps elsewhere.
        for (ulong gb = 0; gb < 4; gb++)
        {
            s2.Map(gb << 30, gb << 30, leafLevel: 1);
        }

        s2.Map(0x1_0000_0000, 0x8_0000_0000, leafLevel: 2);
        s1.Map(0x7F00_0000, 0x1_0000_5000);
        bench.InstallSte(2, TransactionBench.NestedSte().WithS2ttb(s2.Root));
        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd().WithTtb0(s1.Root));

        var result = bench.Translate(2, 0x7F00_0ABC);

        Assert.Equal((TranslationOutcome.Translated, 0x8_0000_5ABCUL), (result.Outcome, result.OutputAddress));
    }

    [Fact]
    public void Translation_ReportsTheMairByteAttrIndxSelects_AndTheStage2MemAttr()
    {
        var engine = new TranslationEngine();
        var bench = new TransactionBench(engine: engine).LinearStreamTable(4).Enable();
        var s2 = new PageTableBuilder(bench.Memory, 2, 12, 40, 1, 0x5000_0000);
        var s1 = new PageTableBuilder(bench.Memory, 1, 12, 48, 0, 0x6000_0000);
        for (ulong gb = 0; gb < 4; gb++)
        {
            s2.Map(gb << 30, gb << 30, leafLevel: 1, s2: new S2Leaf(MemAttr: 0xF));
        }

        s2.Map(0x1_0000_0000, 0x8_0000_0000, leafLevel: 2, s2: new S2Leaf(MemAttr: 0x1)); // Device-nGnRE at stage 2
        s1.Map(0x7F00_0000, 0x1_0000_5000, s1: new S1Leaf(AttrIndx: 5));
        bench.InstallSte(2, TransactionBench.NestedSte().WithS2ttb(s2.Root));
        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd().WithTtb0(s1.Root).WithMair1(0x0000_4400));

        var first = bench.Translate(2, 0x7F00_0ABC);
        var cached = bench.Translate(2, 0x7F00_0ABC);

        Assert.Equal(new TranslationAttributes(0x44, 0x1, DescShareability.Nsh), first.Attributes);
        Assert.Equal(first.Attributes, cached.Attributes);
    }

    [Fact]
    public void Vmsav8_32Tables_WhereTheImplementationOffersThem_FaultInsteadOfTranslating()
    {
        var options = new SmmuOptions { TableFormats = Idr0Ttf.Aarch32Aarch64 };
        var bench = new TransactionBench(options, new TranslationEngine(options)).LinearStreamTable(4).Enable();
        bench.InstallSte(1, TransactionBench.Stage1Ste());
        bench.WriteAt(TransactionBench.CdTablesAddress, TransactionBench.ValidCd().WithAa64(false));
        bench.InstallSte(2, TransactionBench.Stage2Ste.WithS2aa64(false));

        var s1 = bench.Translate(1, 0x1000);
        var s2 = bench.Translate(2, 0x1000);

        Assert.Equal((EvtEventId.FTranslation, false), (s1.EventId, s1.Event!.Value.AsFTranslation().S2));
        Assert.Equal((EvtEventId.FTranslation, true), (s2.EventId, s2.Event!.Value.AsFTranslation().S2));
    }
}
