namespace SmmuGen.Emulator;

/// <summary>
/// What a TLB lookup matches on besides the address: the regime, VMID, ASID and the stages the
/// configuration uses (a stage-1-only, stage-2-only and nested configuration never share entries).
/// </summary>
internal readonly record struct TlbTag(StreamWorld World, ushort Vmid, ushort Asid, bool HasStage1, bool HasStage2);
