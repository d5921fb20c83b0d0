using System.Collections.Generic;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// An <see cref="ITranslationInvalidation"/> that invalidates nothing and records every command it
/// receives, in order: for tests of the Command queue before (or instead of) a TLB model.
/// </summary>
public sealed class RecordingTranslationInvalidation : ITranslationInvalidation
{
    private readonly List<Cmd> _commands = [];

    /// <summary>The TLBI and ATC_INV commands received, oldest first.</summary>
    public IReadOnlyList<Cmd> Commands => _commands;

    /// <inheritdoc/>
    public void InvalidateTlb(in Cmd command) => _commands.Add(command);

    /// <inheritdoc/>
    public void InvalidateAtc(in CmdAtcInv command) => _commands.Add(command.ToCmd());
}
