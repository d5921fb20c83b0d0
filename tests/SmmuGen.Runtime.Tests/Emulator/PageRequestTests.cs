using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>
/// Page requests arriving at the device, and the automatic PRG responses the SMMU sends for those
/// the PRI queue does not take (IHI 0070 8.1, 8.2, 8.3).
/// </summary>
public sealed class PageRequestTests
{
    private const uint Sid = 3;
    private const uint Pasid = 0x4_2001;
    private const ushort Prgi = 0x1A5;

    private static Pri Request(bool last = true, uint? pasid = null, uint streamId = Sid) =>
        default(Pri).WithStreamID(streamId).WithPRGIndex(Prgi).WithR(true).WithLast(last)
            .WithSsv(pasid.HasValue).WithSubstreamID(pasid.GetValueOrDefault());

    // IHI 0070 8: LWR == 0b100 with a PASID.
    private static Pri StopMarker => default(Pri).WithStreamID(Sid).WithPRGIndex(Prgi).WithLast(true).WithSsv(true).WithSubstreamID(Pasid);

    private static CmdPriResp Expected(CmdPriRespResp code, uint? pasid = null) =>
        CmdPriResp.Create().WithStreamID(Sid).WithPRGIndex(Prgi).WithResp(code)
            .WithSsv(pasid.HasValue).WithSubstreamID(pasid.GetValueOrDefault());

    [Fact]
    public void QueuedRequest_GetsNoAutomaticResponse()
    {
        var bench = new PageRequestBench().Enable();

        Assert.Equal(QueueWriteResult.Written, bench.Smmu.ReceivePageRequest(Request()));

        Assert.Empty(bench.Stalls.AutomaticResponses);
        Assert.Equal(Request(), bench.Memory.ReadRecord<Pri>(PageRequestBench.PriqAddress));
    }

    [Fact]
    public void LastRequestLostToOverflow_WithoutPasid_GetsSuccessWithoutPasid()
    {
        var bench = new PageRequestBench().Enable().Fill();

        Assert.Equal(QueueWriteResult.Lost, bench.Smmu.ReceivePageRequest(Request()));

        Assert.Equal([Expected(CmdPriRespResp.Success)], bench.Stalls.AutomaticResponses);
        Assert.True(bench.Smmu.PriQueue.OverflowPending);
    }

    [Fact]
    public void NonLastRequestLostToOverflow_IsDroppedSilently()
    {
        var bench = new PageRequestBench().Enable().Fill();

        Assert.Equal(QueueWriteResult.Lost, bench.Smmu.ReceivePageRequest(Request(last: false)));

        Assert.Empty(bench.Stalls.AutomaticResponses);
    }

    [Fact]
    public void StopMarkerLostToOverflow_GetsNoResponse()
    {
        var bench = new PageRequestBench().Enable().Fill();

        Assert.Equal(QueueWriteResult.Lost, bench.Smmu.ReceivePageRequest(StopMarker));

        Assert.Empty(bench.Stalls.AutomaticResponses);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OverflowWithPasid_AndPpsClear_FollowsStePpar(bool ppar)
    {
        var bench = new PageRequestBench().InstallSte(Sid, PageRequestBench.ValidSte.WithPpar(ppar)).Enable().Fill();

        bench.Smmu.ReceivePageRequest(Request(pasid: Pasid));

        Assert.Equal([Expected(CmdPriRespResp.Success, ppar ? Pasid : null)], bench.Stalls.AutomaticResponses);
    }

    [Fact]
    public void OverflowWithPasid_AndPpsSet_KeepsThePasid_WithoutLookingAtTheSte()
    {
        // No STE is installed at all: IDR3.PPS == 1 means STE.PPAR is not checked.
        var bench = new PageRequestBench(new SmmuOptions { PriOverflowResponsePasid = true }).Enable().Fill();

        bench.Smmu.ReceivePageRequest(Request(pasid: Pasid));

        Assert.Equal([Expected(CmdPriRespResp.Success, Pasid)], bench.Stalls.AutomaticResponses);
    }

    [Fact]
    public void OverflowWithPasid_AndNoValidSte_GetsResponseFailureWithoutPasid()
    {
        // IHI 0070 8.1: an invalid STE, a StreamID outside the Stream table, an aborted STE fetch.
        var bench = new PageRequestBench().InstallSte(Sid, PageRequestBench.ValidSte.WithV(false)).Enable().Fill();
        bench.Memory.AddAbortRegion(PageRequestBench.SteAddress(5), (ulong)Ste.Size);

        bench.Smmu.ReceivePageRequest(Request(pasid: Pasid));
        bench.Smmu.ReceivePageRequest(Request(pasid: Pasid, streamId: 1u << PageRequestBench.StreamTableLog2));
        bench.Smmu.ReceivePageRequest(Request(pasid: Pasid, streamId: 5));

        Assert.Equal(3, bench.Stalls.AutomaticResponses.Count);
        Assert.All(bench.Stalls.AutomaticResponses, r =>
        {
            Assert.Equal(CmdPriRespResp.ResponseFailure, r.Resp);
            Assert.False(r.Ssv);
            Assert.Equal(Prgi, r.PRGIndex);
        });
    }

    [Fact]
    public void ActiveOverflowCondition_AutoRespondsEvenWithRoomInTheQueue()
    {
        var bench = new PageRequestBench().Enable().Fill();
        bench.Smmu.ReceivePageRequest(Request(last: false)); // overflow: OVFLG toggles
        bench.DrainWithoutAcknowledging();

        Assert.Equal(QueueWriteResult.Lost, bench.Smmu.ReceivePageRequest(Request()));
        Assert.Equal([Expected(CmdPriRespResp.Success)], bench.Stalls.AutomaticResponses);

        bench.AcknowledgeOverflow();
        Assert.Equal(QueueWriteResult.Written, bench.Smmu.ReceivePageRequest(Request()));
        Assert.Single(bench.Stalls.AutomaticResponses);
    }

    [Fact]
    public void DisabledPriQueue_FailsEveryPageRequest_ButNotStopMarkers()
    {
        // IHI 0070 8.2: with the effective PRIQEN 0 every incoming PPR gets Response Failure, no PASID.
        var bench = new PageRequestBench().Enable(priq: false);

        Assert.Equal(QueueWriteResult.Discarded, bench.Smmu.ReceivePageRequest(Request(last: false, pasid: Pasid)));
        bench.Smmu.ReceivePageRequest(Request());
        bench.Smmu.ReceivePageRequest(StopMarker);

        Assert.Equal([Expected(CmdPriRespResp.ResponseFailure), Expected(CmdPriRespResp.ResponseFailure)], bench.Stalls.AutomaticResponses);
    }

    [Fact]
    public void SmmuenClear_MakesTheEffectivePriqenZero()
    {
        var bench = new PageRequestBench().Enable(smmu: false);

        Assert.Equal(QueueWriteResult.Discarded, bench.Smmu.ReceivePageRequest(Request()));
        Assert.Equal([Expected(CmdPriRespResp.ResponseFailure)], bench.Stalls.AutomaticResponses);
        Assert.False(bench.Memory.IsPageAllocated(PageRequestBench.PriqAddress));
    }

    [Fact]
    public void QueueWriteAbort_FailsThatRequest_AndEveryRequestUntilAcknowledged()
    {
        var bench = new PageRequestBench().Enable();
        var region = bench.Memory.AddAbortRegion(PageRequestBench.PriqAddress, 0x1000);

        Assert.Equal(QueueWriteResult.Aborted, bench.Smmu.ReceivePageRequest(Request(last: false)));
        bench.Memory.RemoveAbortRegion(region);
        Assert.Equal(QueueWriteResult.Discarded, bench.Smmu.ReceivePageRequest(Request()));
        Assert.Equal([Expected(CmdPriRespResp.ResponseFailure), Expected(CmdPriRespResp.ResponseFailure)], bench.Stalls.AutomaticResponses);

        bench.Write(new Gerrorn(bench.Read<Gerror>().Raw));
        Assert.Equal(QueueWriteResult.Written, bench.Smmu.ReceivePageRequest(Request()));
        Assert.Equal(2, bench.Stalls.AutomaticResponses.Count);
    }

    [Fact]
    public void DeviceReset_ClearsTheAbortStop()
    {
        var bench = new PageRequestBench().Enable();
        var region = bench.Memory.AddAbortRegion(PageRequestBench.PriqAddress, 0x1000);
        bench.Smmu.ReceivePageRequest(Request());
        bench.Memory.RemoveAbortRegion(region);
        Assert.True(bench.Smmu.PriQueue.IsStopped);

        bench.Smmu.Reset();

        Assert.False(bench.Smmu.PriQueue.IsStopped);
        bench.Enable();
        Assert.Equal(QueueWriteResult.Written, bench.Smmu.ReceivePageRequest(Request()));
    }

    [Fact]
    public void WithoutPri_NothingIsQueuedOrAnswered()
    {
        var bench = new PageRequestBench(new SmmuOptions { Pri = false }).Enable();

        Assert.Equal(QueueWriteResult.Discarded, bench.Smmu.ReceivePageRequest(Request()));
        Assert.Empty(bench.Stalls.AutomaticResponses);
    }

    /// <summary>An SMMU with a linear Stream table and a 2-entry PRI queue, programmed through MMIO.</summary>
    private sealed class PageRequestBench
    {
        public const ulong PriqAddress = 0x9000_0000;
        public const ulong StreamTableAddress = 0x1000_0000;
        public const byte StreamTableLog2 = 4;
        private const byte PriqLog2 = 1;

        public PageRequestBench(SmmuOptions? options = null)
        {
            Smmu = new Smmu(Memory, new RecordingInterruptSink(), options, stallAndPri: Stalls);
            Write(new StrtabBase(0).WithAddr(StreamTableAddress));
            Write(new StrtabBaseCfg(0).WithFmt(StrtabBaseCfgFmt.Linear).WithLog2size(StreamTableLog2));
            InstallSte(Sid, ValidSte);
        }

        public static Ste ValidSte => new Ste().WithV(true).WithConfig(SteConfig.Bypass);

        public Smmu Smmu { get; }

        public GuestMemory Memory { get; } = new();

        public RecordingStallAndPri Stalls { get; } = new();

        public static ulong SteAddress(uint streamId) => StreamTableAddress + (streamId * (ulong)Ste.Size);

        public PageRequestBench InstallSte(uint streamId, Ste ste)
        {
            Memory.WriteRecord(SteAddress(streamId), ste);
            return this;
        }

        public PageRequestBench Enable(bool smmu = true, bool priq = true)
        {
            Write(new PriqBase(0).WithAddr(PriqAddress).WithLog2size(PriqLog2));
            Write(new PriqProd(0));
            Write(new PriqCons(0));
            Write(new Cr0(0).WithSmmuen(smmu).WithPriqen(priq));
            return this;
        }

        /// <summary>Fills the PRI queue with requests the driver has not read yet.</summary>
        public PageRequestBench Fill()
        {
            for (var i = 0; i < 1 << PriqLog2; i++)
            {
                Assert.Equal(QueueWriteResult.Written, Smmu.ReceivePageRequest(Request(last: false)));
            }

            return this;
        }

        public void DrainWithoutAcknowledging() => Write(Read<PriqCons>().WithRd(Read<PriqProd>().Wr));

        public void AcknowledgeOverflow() => Write(Read<PriqCons>().WithOvackflg(Read<PriqProd>().Ovflg));

        public T Read<T>()
            where T : struct, IRegister<T> => Smmu.Read<T>();

        public void Write<T>(T value)
            where T : struct, IRegister<T> => Smmu.Write(value);
    }
}
