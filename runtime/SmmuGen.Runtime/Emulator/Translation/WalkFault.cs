namespace SmmuGen.Emulator;

/// <summary>How a table walk or the checks after it failed (IHI 0070 3.12, 7.3.12-7.3.16).</summary>
internal enum WalkFault
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>An invalid or reserved descriptor, or an input address outside the table's range: F_TRANSLATION.</summary>
    Translation,

    /// <summary>An output or next-level table address beyond the stage's output size: F_ADDR_SIZE.</summary>
    AddressSize,

    /// <summary>Access flag clear without hardware update or AFFD: F_ACCESS.</summary>
    AccessFlag,

    /// <summary>The access is not permitted: F_PERMISSION.</summary>
    Permission,

    /// <summary>A descriptor fetch or update aborted: F_WALK_EABT.</summary>
    ExternalAbort,

    /// <summary>Translating a stage 1 table address through stage 2 failed; that fault is already raised.</summary>
    Stage2OnWalk,
}
