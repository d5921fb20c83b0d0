namespace SmmuGen.Emulator;

/// <summary>What became of a record the SMMU tried to put on one of its output queues (Event, PRI).</summary>
public enum QueueWriteResult
{
    /// <summary>The record was written at PROD and PROD advanced.</summary>
    Written,

    /// <summary>
    /// The queue was full, or (PRI queue only) an overflow was still unacknowledged: the record was
    /// lost and the overflow flag reports it (IHI 0070 7.4, 8.1).
    /// </summary>
    Lost,

    /// <summary>
    /// The queue was disabled, or not writable because its abort error is unacknowledged: the
    /// record was discarded without trace (IHI 0070 7.2.1, 8.2).
    /// </summary>
    Discarded,

    /// <summary>The write to the queue memory aborted: the record was lost and GERROR reports it.</summary>
    Aborted,
}
