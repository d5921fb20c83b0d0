using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>The PCIe PRI side of the device: page requests arriving from endpoints (IHI 0070 8).</summary>
public sealed partial class Smmu
{
    /// <summary>
    /// A PCIe page request message (a PPR, or a Stop PASID marker) arriving from an endpoint,
    /// handled as the SMMU does (IHI 0070 8, 8.1, 8.2): it goes on the PRI queue if the queue takes
    /// it; otherwise the SMMU sends the endpoint an automatic PRG response, through
    /// <see cref="IStallAndPri.SendAutomaticPrgResponse"/>, when the architecture requires one:
    /// <list type="bullet">
    /// <item><see cref="QueueWriteResult.Lost"/> (queue full or overflow condition active): a
    /// request with Last = 1 gets Success, with the request's PASID when the SMMU supports
    /// substreams, the request had one, and IDR3.PPS is 1 or the STE's PPAR is 1; if PPS is 0 and
    /// no valid STE can be found to read PPAR, Response Failure without PASID (IHI 0070 8.1).
    /// Requests with Last = 0 are silently dropped.</item>
    /// <item><see cref="QueueWriteResult.Discarded"/> (effective PRIQEN is 0, which it is while
    /// SMMUEN is 0, or PRIQ_ABT_ERR is active) and <see cref="QueueWriteResult.Aborted"/> (the queue
    /// write aborted; synchronous in this model): every PPR gets Response Failure without PASID
    /// (IHI 0070 8.2, 8.3).</item>
    /// <item>Stop PASID markers (SSV = 1, Last = 1, W = R = 0; IHI 0070 8) never get a
    /// response.</item>
    /// </list>
    /// Without IDR0.PRI the SMMU has no PRI interface, so nothing is queued or answered.
    /// </summary>
    /// <remarks>
    /// Looking up STE.PPAR records no event: IHI 0070 8.1 records one only with CR2.REC_CFG_ATS,
    /// which is RES0 here because this model does not report IDR0.ATSRECERR. Serialised with MMIO
    /// and command processing; callable from any thread.
    /// </remarks>
    public QueueWriteResult ReceivePageRequest(in Pri request)
    {
        lock (_lock)
        {
            if (!Registers.Ids.Idr0.Pri)
            {
                return QueueWriteResult.Discarded;
            }

            var result = PriQueue.TryWrite(request);
            if (result == QueueWriteResult.Written || IsStopMarker(request))
            {
                return result;
            }

            if (result != QueueWriteResult.Lost)
            {
                StallAndPri?.SendAutomaticPrgResponse(Response(request, CmdPriRespResp.ResponseFailure));
            }
            else if (request.Last)
            {
                StallAndPri?.SendAutomaticPrgResponse(OverflowResponse(request));
            }

            return result;
        }
    }

    // IHI 0070 8: a Stop PASID marker is a request with LWR == 0b100 and a PASID; without a PASID
    // the same bits are an ordinary page request.
    private static bool IsStopMarker(in Pri request) => request.Ssv && request.Last && !request.W && !request.R;

    private static CmdPriResp Response(in Pri request, CmdPriRespResp code) =>
        CmdPriResp.Create().WithStreamID(request.StreamID).WithPRGIndex(request.PRGIndex).WithResp(code);

    private static CmdPriResp WithPasid(CmdPriResp response, in Pri request) =>
        response.WithSsv(true).WithSubstreamID(request.SubstreamID);

    /// <summary>IHI 0070 8.1: the automatic response to a Last = 1 request lost to overflow.</summary>
    private CmdPriResp OverflowResponse(in Pri request)
    {
        var ids = Registers.Ids;
        var success = Response(request, CmdPriRespResp.Success);

        // No PASID on the request, or no substreams (the SMMU then need not look for the STE, and
        // this model does not): Success without PASID; PPS and PPAR do not matter.
        if (!request.Ssv || ids.Idr1.Ssidsize == 0)
        {
            return success;
        }

        if (ids.Idr3.Pps)
        {
            return WithPasid(success, request);
        }

        if (!TryGetSteForPpar(request.StreamID, ids, out var ste))
        {
            return Response(request, CmdPriRespResp.ResponseFailure);
        }

        return ste.Ppar ? WithPasid(success, request) : success;
    }

    /// <summary>
    /// The STE whose PPAR an overflow response consults, or false when it is "inaccessible or
    /// invalid" (IHI 0070 8.1): SMMUEN is 0, the StreamID is outside the Stream table, its fetch
    /// aborts, or the STE is ILLEGAL (V = 0 included).
    /// </summary>
    private bool TryGetSteForPpar(uint streamId, in IdRegisters ids, out Ste ste)
    {
        if (!new Cr0ack((uint)Registers.Peek(Cr0ack.Info)).Smmuen)
        {
            ste = default;
            return false;
        }

        if (ConfigurationCache.TryGetSte(streamId, out ste))
        {
            return true;
        }

        return StreamTable.TryFetch(Registers, Memory, streamId, out ste, out _) && SteValidity.FindViolation(ste, ids) is null;
    }
}
