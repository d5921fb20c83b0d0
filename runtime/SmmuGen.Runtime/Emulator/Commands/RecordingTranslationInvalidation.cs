using System;
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

    /// <summary>
    /// Which ATS invalidations the endpoint fails to complete (an ATS Invalidation Completion
    /// timeout, IHI 0070 3.9.1.4); null, the default, completes every one. Failed ones are
    /// recorded too.
    /// </summary>
    public Predicate<CmdAtcInv>? FailAtcInvalidation { get; set; }

    /// <inheritdoc/>
    public void InvalidateTlb(in Cmd command) => _commands.Add(command);

    /// <inheritdoc/>
    public bool InvalidateAtc(in CmdAtcInv command)
    {
        _commands.Add(command.ToCmd());
        return FailAtcInvalidation?.Invoke(command) != true;
    }
}
