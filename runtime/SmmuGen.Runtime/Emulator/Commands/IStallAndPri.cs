using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Where the Command queue sends the commands that answer faults (IHI 0070 4.5.2, 4.7.1, 4.7.2),
/// and where the SMMU sends the PRG responses it generates itself (IHI 0070 8.1, 8.2): the
/// stall/PRI model, or a recorder in tests. Called under the device lock, in order.
/// </summary>
public interface IStallAndPri
{
    /// <summary>CMD_RESUME: retry or terminate the stalled transaction StreamID/STAG.</summary>
    void Resume(in CmdResume command);

    /// <summary>CMD_STALL_TERM: mark every stalled transaction of StreamID for termination.</summary>
    void TerminateStalls(in CmdStallTerm command);

    /// <summary>CMD_PRI_RESP: send the PRG Response for a page request group.</summary>
    void RespondToPageRequest(in CmdPriResp command);

    /// <summary>
    /// An automatic PRG Response the SMMU sends without software, for a page request the PRI
    /// queue did not take (see <see cref="Smmu.ReceivePageRequest"/>). It is given as the
    /// CMD_PRI_RESP that would send the same message: the request's StreamID and PRGIndex; Resp
    /// <see cref="CmdPriRespResp.Success"/> (PCIe ResponseCode 0b0000) or
    /// <see cref="CmdPriRespResp.ResponseFailure"/> (0b1111), IHI 0070 8.3; SSV and SubstreamID
    /// when the response carries a PASID prefix (IHI 0070 8.1, 8.2: IDR3.PPS, STE.PPAR).
    /// </summary>
    void SendAutomaticPrgResponse(in CmdPriResp response);
}
