using System.Collections.Generic;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// An <see cref="IStallAndPri"/> that records every RESUME, STALL_TERM and PRI_RESP it receives, in
/// order, and acts on none: for tests of the Command queue before (or instead of) a stall model.
/// Automatic PRG responses are recorded apart, in <see cref="AutomaticResponses"/>.
/// </summary>
public sealed class RecordingStallAndPri : IStallAndPri
{
    private readonly List<Cmd> _commands = [];
    private readonly List<CmdPriResp> _automaticResponses = [];

    /// <summary>The commands received, oldest first.</summary>
    public IReadOnlyList<Cmd> Commands => _commands;

    /// <summary>The PRG responses the SMMU generated itself, oldest first.</summary>
    public IReadOnlyList<CmdPriResp> AutomaticResponses => _automaticResponses;

    /// <inheritdoc/>
    public void Resume(in CmdResume command) => _commands.Add(command.ToCmd());

    /// <inheritdoc/>
    public void TerminateStalls(in CmdStallTerm command) => _commands.Add(command.ToCmd());

    /// <inheritdoc/>
    public void RespondToPageRequest(in CmdPriResp command) => _commands.Add(command.ToCmd());

    /// <inheritdoc/>
    public void SendAutomaticPrgResponse(in CmdPriResp response) => _automaticResponses.Add(response);
}
