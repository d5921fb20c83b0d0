using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Why a configuration lookup failed, before the event record is built: the event, and for a
/// fetch abort the address of the structure being fetched. Kept apart from the record so the
/// table walks need not know the transaction's SubstreamID and attributes.
/// </summary>
internal readonly record struct ConfigurationFault(EvtEventId Event, ulong FetchAddress = 0)
{
    public static ConfigurationFault BadStreamId => new(EvtEventId.CBadStreamid);

    public static ConfigurationFault BadSte => new(EvtEventId.CBadSte);

    public static ConfigurationFault BadSubstreamId => new(EvtEventId.CBadSubstreamid);

    public static ConfigurationFault BadCd => new(EvtEventId.CBadCd);

    public static ConfigurationFault StreamDisabled => new(EvtEventId.FStreamDisabled);

    public static ConfigurationFault SteFetch(ulong address) => new(EvtEventId.FSteFetch, address);

    public static ConfigurationFault CdFetch(ulong address) => new(EvtEventId.FCdFetch, address);

    /// <summary>
    /// The event record for <paramref name="transaction"/>, with the fields IHI 0070 7.3 gives this
    /// event: a field the event lacks (SSV in C_BAD_SUBSTREAMID, everything but StreamID in
    /// F_STREAM_DISABLED, FetchAddr outside the fetch events) is left out by the builder.
    /// </summary>
    public Evt ToRecord(in Transaction transaction) =>
        new EventRecordBuilder(Evt.Info.FindVariant((ulong)Event)!)
            .Set("StreamID", transaction.StreamId)
            .Set("SSV", transaction.SubstreamId.HasValue ? 1UL : 0)
            .Set("SubstreamID", transaction.SubstreamId.GetValueOrDefault())
            .Set("FetchAddr", FetchAddress)
            .ToEvt();
}
