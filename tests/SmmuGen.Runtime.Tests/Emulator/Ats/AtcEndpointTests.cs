using System;
using System.Linq;
using SmmuGen.Emulator;
using SmmuGen.Runtime.Tests.Emulator.Transactions;
using SmmuGen.Runtime.Tests.Emulator.Translation;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator.Ats;

/// <summary>
/// An endpoint's ATC doing DMA through the SMMU: Translation Requests on a miss, Translated
/// accesses on a hit, and CMD_ATC_INV submitted on the Command queue as a driver does, which the
/// next access must see (IHI 0070 3.9.1, 4.5.1).
/// </summary>
public sealed class AtcEndpointTests
{
    private const ulong Va = 0x4000_0000;
    private const ulong Pa = 0x9_0000_0000;

    private static readonly byte[] Data = [1, 2, 3, 4, 5, 6, 7, 8];

    private static (AtsBench Ats, AtcEndpoint Endpoint) Stage1(SteEats eats = SteEats.Full, bool atsCheck = false, byte s1CdMax = 0)
    {
        var ats = new AtsBench(atsCheck: atsCheck).Stage1Stream(eats, s1CdMax: s1CdMax);
        return (ats, ats.Endpoint());
    }

    private static byte[] ReadMemory(AtsBench ats, ulong address, int length)
    {
        var bytes = new byte[length];
        ats.Bench.Memory.Read(address, bytes);
        return bytes;
    }

    [Fact]
    public void Dma_MissSendsOneTranslationRequest_ThenHitsTheAtc()
    {
        var (ats, endpoint) = Stage1();
        ats.S1.Map(Va, Pa);

        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(null, Va + 0x10, Data));
        var back = new byte[Data.Length];
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Read(null, Va + 0x10, back));

        Assert.Equal(Data, back);
        Assert.Equal(Data, ReadMemory(ats, Pa + 0x10, Data.Length));
        Assert.Equal(1, endpoint.TranslationRequestCount);
        var entry = endpoint.Entries.Single();
        Assert.Equal((Va, Pa, 12), (entry.UntranslatedBase, entry.TranslatedBase, entry.SizeBits));
    }

    [Fact]
    public void Dma_AcrossAPageBoundary_TranslatesEachPage()
    {
        var (ats, endpoint) = Stage1();
        ats.S1.Map(Va, Pa);
        ats.S1.Map(Va + 0x1000, Pa + 0x7000);

        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(null, Va + 0xFFC, Data));

        Assert.Equal(Data[..4], ReadMemory(ats, Pa + 0xFFC, 4));
        Assert.Equal(Data[4..], ReadMemory(ats, Pa + 0x7000, 4));
        Assert.Equal(2, endpoint.TranslationRequestCount);
    }

    [Fact]
    public void AtcInvThroughTheCommandQueue_MakesTheNextAccessRetranslate()
    {
        var (ats, endpoint) = Stage1();
        ats.S1.Map(Va, Pa);
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(null, Va, Data));

        // The driver moves the page and invalidates the SMMU TLB only: the ATC still holds the old
        // translation and the endpoint keeps writing to the old page (IHI 0070 3.9.1, 4.5.1).
        ats.S1.Map(Va, Pa + 0x10_0000);
        ats.Bench.Commands(CmdTlbiNsnhAll.Create());
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(null, Va + 8, Data));
        Assert.Equal(Data, ReadMemory(ats, Pa + 8, Data.Length));

        // CMD_ATC_INV then CMD_SYNC: the next access asks the SMMU again and uses the new page.
        ats.Bench.Commands(AtsBench.AtcInv(Va, 0));
        Assert.Empty(endpoint.Entries);
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(null, Va + 16, Data));

        Assert.Equal(Data, ReadMemory(ats, Pa + 0x10_0000 + 16, Data.Length));
        Assert.Equal(2, endpoint.TranslationRequestCount);
        Assert.Equal(CmdqConsErr.CerrorNone, ats.CommandConsumer.Err);
    }

    [Theory]
    [InlineData(0x3000UL, 0, new[] { 0x3000UL })]
    [InlineData(0x3000UL, 1, new[] { 0x2000UL, 0x3000UL })]           // 8KB, aligned down to 0x2000
    [InlineData(0x5000UL, 2, new[] { 0x4000UL, 0x5000UL, 0x6000UL })]  // 16KB at 0x4000
    [InlineData(0x0UL, 52, new[] { 0x1000UL, 0x2000UL, 0x3000UL, 0x4000UL, 0x5000UL, 0x6000UL })] // everything
    public void AtcInv_InvalidatesTheNaturallyAlignedSpanOf2PowSizePages(ulong address, byte size, ulong[] invalidated)
    {
        var (ats, endpoint) = Stage1();
        for (ulong page = 0x1000; page <= 0x6000; page += 0x1000)
        {
            ats.S1.Map(Va + page, Pa + page);
            Assert.True(endpoint.RequestTranslation(null, Va + page, AtsRequest.Read).GrantsAccess);
        }

        ats.Bench.Commands(AtsBench.AtcInv(Va + address, size));

        var left = endpoint.Entries.Select(e => e.UntranslatedBase - Va).Order();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (ulong)i * 0x1000).Except(invalidated), left);
    }

    [Fact]
    public void AtcInv_OfASmallerSpan_RemovesALargerEntryItOverlaps()
    {
        var (ats, endpoint) = Stage1();
        ats.S1.Map(0x4020_0000, 0x8_0060_0000, leafLevel: 2);
        Assert.Equal(21, endpoint.RequestTranslation(null, 0x4021_3000, AtsRequest.Read).SizeBits);

        ats.Bench.Commands(AtsBench.AtcInv(0x403F_F000, 0));

        Assert.Empty(endpoint.Entries);
    }

    [Fact]
    public void AtcInv_PasidScope_SsvSelectsOnePasid_NoSsvAllOfThem_GlobalEveryPasid()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full, s1CdMax: 2, dss: SteS1dss.Bypass);
        var endpoint = ats.Endpoint();
        ats.S1.Map(Va, Pa);

        void Fill()
        {
            endpoint.Clear();
            foreach (var ssid in new uint?[] { null, 1, 2 })
            {
                Assert.True(endpoint.RequestTranslation(ssid, Va, AtsRequest.Read).GrantsAccess);
            }
        }

        uint?[] Left() => endpoint.Entries.Select(e => e.SubstreamId).ToArray();

        Fill();
        ats.Bench.Commands(AtsBench.AtcInv(Va, 0, substreamId: 1));
        Assert.Equal(new uint?[] { null, 2 }, Left());

        // IHI 0070 4.5.1: Global is IGNORED without SSV, and a request without a PASID reaches every entry.
        Fill();
        ats.Bench.Commands(AtsBench.AtcInv(Va, 0, global: true));
        Assert.Empty(Left());

        Fill();
        ats.Bench.Commands(AtsBench.AtcInv(Va, 0, substreamId: 1, global: true));
        Assert.Equal(new uint?[] { null }, Left());

        // Another page: nothing.
        Fill();
        ats.Bench.Commands(AtsBench.AtcInv(Va + 0x1000, 0));
        Assert.Equal(3, Left().Length);
    }

    [Fact]
    public void AtcInv_IsRoutedByStreamId()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full).Stage1Stream(SteEats.Full, streamId: 4);
        ats.S1.Map(Va, Pa);
        var three = ats.Endpoint(3);
        var four = ats.Endpoint(4);
        three.RequestTranslation(null, Va, AtsRequest.Read);
        four.RequestTranslation(null, Va, AtsRequest.Read);

        ats.Bench.Commands(AtsBench.AtcInv(Va, 0, streamId: 4));

        Assert.Single(three.Entries);
        Assert.Empty(four.Entries);
        Assert.Equal((0, 1), (three.InvalidationRequestCount, four.InvalidationRequestCount));
    }

    [Fact]
    public void AtcInv_ForAStreamWithoutAnEndpoint_CompletesWithoutError()
    {
        var ats = new AtsBench();

        ats.Bench.Commands(AtsBench.AtcInv(Va, 0, streamId: 9));

        Assert.Equal(CmdqConsErr.CerrorNone, ats.CommandConsumer.Err);
    }

    [Fact]
    public void EndpointThatFailsTheInvalidation_KeepsItsEntries_AndTheSyncFailsWithCerrorAtcInvSync()
    {
        var (ats, endpoint) = Stage1();
        ats.S1.Map(Va, Pa);
        endpoint.RequestTranslation(null, Va, AtsRequest.Read);
        endpoint.FailInvalidations = true;

        ats.Bench.Commands(AtsBench.AtcInv(Va, 0));

        Assert.Equal(CmdqConsErr.CerrorAtcInvSync, ats.CommandConsumer.Err);
        Assert.Equal((1u, 1), (ats.CommandConsumer.Rd, endpoint.InvalidationRequestCount));
        Assert.Single(endpoint.Entries);
    }

    [Fact]
    public void NoAccessCompletion_IsNeverCached_SoTheNextAccessAsksAgain()
    {
        var (ats, endpoint) = Stage1();
        var buffer = new byte[8];

        Assert.Equal(AtcDmaStatus.AccessDenied, endpoint.Read(null, Va, buffer));
        Assert.Equal(AtcDmaStatus.AccessDenied, endpoint.Read(null, Va, buffer));
        Assert.Equal(2, endpoint.TranslationRequestCount);
        Assert.Empty(endpoint.Entries);
        Assert.Empty(ats.DrainEvents());

        // The page appears (no SMMU TLB entry was made for the fault): the next access succeeds.
        ats.S1.Map(Va, Pa);
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Read(null, Va, buffer));
    }

    [Fact]
    public void WriteToAReadOnlyEntry_AsksForWrite_AndIsDeniedWhereThePageIsReadOnly()
    {
        var (ats, endpoint) = Stage1();
        ats.S1.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RoAll));
        ats.Bench.Memory.Write(Pa, Data);

        var back = new byte[Data.Length];
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Read(null, Va, back));
        Assert.Equal(AtcDmaStatus.AccessDenied, endpoint.Write(null, Va, new byte[8]));

        Assert.Equal(Data, back);
        Assert.Equal(Data, ReadMemory(ats, Pa, Data.Length));
        Assert.Equal(2, endpoint.TranslationRequestCount);
        Assert.Equal(AccessPermissions.Read, endpoint.Entries.Single().Permissions);
    }

    [Fact]
    public void PasidAndPrivilege_TagTheEntries()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full, s1CdMax: 1);
        var endpoint = ats.Endpoint();
        ats.S1.Map(Va, Pa, s1: new S1Leaf(Ap: S1AccessPerm.RwPriv));

        Assert.Equal(AtcDmaStatus.AccessDenied, endpoint.Write(1, Va, Data));
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(1, Va, Data, privileged: true));
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(1, Va, Data, privileged: true));

        var entry = endpoint.Entries.Single();
        Assert.Equal(((uint?)1, true), (entry.SubstreamId, entry.Privileged));
        Assert.Equal(2, endpoint.TranslationRequestCount);
        Assert.True(endpoint.TryLookup(1, Va + 0xFFF, privileged: true, out _));
        Assert.False(endpoint.TryLookup(1, Va, privileged: false, out _));
        Assert.False(endpoint.TryLookup(null, Va, privileged: true, out _));
    }

    [Fact]
    public void SplitStage_TheAtcHoldsTheIpa_AndTheDmaLandsWhereStage2Puts_It()
    {
        var ats = new AtsBench(atsCheck: true).NestedStream(SteEats.Split);
        var endpoint = ats.Endpoint();
        ats.S1.Map(Va, AtsBench.IpaBase + 0x5000);
        ats.S2.Map(AtsBench.IpaBase, 0x8_0000_0000, leafLevel: 2);

        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(null, Va + 0x20, Data));

        Assert.Equal(AtsBench.IpaBase + 0x5000, endpoint.Entries.Single().TranslatedBase);
        Assert.Equal(Data, ReadMemory(ats, 0x8_0000_5020, Data.Length));
    }

    [Fact]
    public void StreamWithEatsAbort_RefusesAts_AndTheDmaFails()
    {
        var (ats, endpoint) = Stage1(SteEats.Abort);
        ats.S1.Map(Va, Pa);

        Assert.Equal(AtcDmaStatus.TranslationUnsupported, endpoint.Write(null, Va, Data));

        Assert.Empty(endpoint.Entries);
        Assert.Equal(EvtEventId.FBadAtsTreq, ats.DrainEvents().Single().EventId);
        Assert.Equal(new byte[8], ReadMemory(ats, Pa, 8));
    }

    [Fact]
    public void DisablingAtsWithEats_ThenAtcInv_StopsTheEndpoint()
    {
        var (ats, endpoint) = Stage1(atsCheck: true);
        ats.S1.Map(Va, Pa);
        Assert.Equal(AtcDmaStatus.Completed, endpoint.Write(null, Va, Data));

        // IHI 0070 3.9.2 in the order a driver must not use: EATS cleared and the STE invalidated,
        // but the ATC not yet. With ATSCHK the stale Translated traffic is stopped by the SMMU.
        ats.Stage1Stream(SteEats.Abort);
        ats.Bench.Commands(CmdCfgiSte.Create().WithStreamID(AtsBench.Sid).WithLeaf(true));
        Assert.Equal(AtcDmaStatus.TranslatedAccessAborted, endpoint.Write(null, Va, Data));
        var forbidden = ats.DrainEvents().Single().AsFTranslForbidden();
        Assert.Equal((AtsBench.Sid, false, Pa), (forbidden.StreamID, forbidden.RnW, forbidden.InputAddr));

        // After CMD_ATC_INV the endpoint has to ask, and is refused.
        ats.Bench.Commands(AtsBench.AtcInv(0, 52));
        Assert.Equal(AtcDmaStatus.TranslationUnsupported, endpoint.Write(null, Va, Data));
        Assert.Equal(EvtEventId.FBadAtsTreq, ats.DrainEvents().Single().EventId);
    }

    [Fact]
    public void Capacity_EvictsTheOldestEntry()
    {
        var ats = new AtsBench().Stage1Stream(SteEats.Full);
        var endpoint = ats.Endpoints.Add(ats.Smmu, AtsBench.Sid, capacity: 2);
        for (ulong page = 0; page < 3; page++)
        {
            ats.S1.Map(Va + (page << 12), Pa + (page << 12));
            endpoint.RequestTranslation(null, Va + (page << 12), AtsRequest.Read);
        }

        Assert.Equal([Va + 0x1000, Va + 0x2000], endpoint.Entries.Select(e => e.UntranslatedBase));
        Assert.Throws<ArgumentException>(() => ats.Endpoints.Add(ats.Smmu, AtsBench.Sid));
    }
}
