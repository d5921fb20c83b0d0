using System;

namespace SmmuGen.Emulator;

/// <summary>What a translation allows the requester (at its privilege) to do: for ATS completions and device models.</summary>
[Flags]
public enum AccessPermissions
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>Data reads.</summary>
    Read = 1,

    /// <summary>Writes.</summary>
    Write = 2,

    /// <summary>Instruction fetches.</summary>
    Execute = 4,
}
