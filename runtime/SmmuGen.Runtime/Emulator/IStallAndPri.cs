using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Where the Command queue sends the commands that answer faults (IHI 0070 4.5.2, 4.7.1, 4.7.2):
/// the stall/PRI model, or a recorder in tests. Called under the device lock, in queue order.
/// </summary>
public interface IStallAndPri
{
    /// <summary>CMD_RESUME: retry or terminate the stalled transaction StreamID/STAG.</summary>
    void Resume(in CmdResume command);

    /// <summary>CMD_STALL_TERM: mark every stalled transaction of StreamID for termination.</summary>
    void TerminateStalls(in CmdStallTerm command);

    /// <summary>CMD_PRI_RESP: send the PRG Response for a page request group.</summary>
    void RespondToPageRequest(in CmdPriResp command);
}
