namespace SmmuGen.Spec.Model;

/// <summary>Software-visible behaviour of a field, as the architecture states it.</summary>
public enum FieldAccess
{
    /// <summary>Read-only; writes are ignored.</summary>
    RO,

    /// <summary>Read-write.</summary>
    RW,

    /// <summary>Write-only; reads return an UNKNOWN value.</summary>
    WO,

    /// <summary>Write 1 to clear; writing 0 has no effect.</summary>
    W1C,

    /// <summary>Read as zero, writes ignored.</summary>
    RazWi,

    /// <summary>Reserved, should be zero.</summary>
    Res0,

    /// <summary>Reserved, should be one.</summary>
    Res1,
}
