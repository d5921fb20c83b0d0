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

    /// <summary>The event record for <paramref name="transaction"/>, with the fields IHI 0070 7.3 gives this event.</summary>
    public Evt ToRecord(in Transaction transaction)
    {
        var ssv = transaction.SubstreamId.HasValue;
        var ssid = transaction.SubstreamId.GetValueOrDefault();
        var sid = transaction.StreamId;
        var fetch = FetchAddress & FetchAddressMask;
        return Event switch
        {
            EvtEventId.CBadStreamid => CBadStreamid.Create().WithStreamID(sid).WithSsv(ssv).WithSubstreamID(ssid).ToEvt(),
            EvtEventId.FSteFetch => FSteFetch.Create().WithStreamID(sid).WithSsv(ssv).WithSubstreamID(ssid).WithFetchAddr(fetch).ToEvt(),
            EvtEventId.CBadSte => CBadSte.Create().WithStreamID(sid).WithSsv(ssv).WithSubstreamID(ssid).ToEvt(),
            EvtEventId.FStreamDisabled => FStreamDisabled.Create().WithStreamID(sid).ToEvt(),

            // IHI 0070 7.3.9: C_BAD_SUBSTREAMID always concerns a SubstreamID, so it has no SSV.
            EvtEventId.CBadSubstreamid => CBadSubstreamid.Create().WithStreamID(sid).WithSubstreamID(ssid).ToEvt(),
            EvtEventId.FCdFetch => FCdFetch.Create().WithStreamID(sid).WithSsv(ssv).WithSubstreamID(ssid).WithFetchAddr(fetch).ToEvt(),
            EvtEventId.CBadCd => CBadCd.Create().WithStreamID(sid).WithSsv(ssv).WithSubstreamID(ssid).ToEvt(),
            _ => new Evt().WithEventId(Event).WithStreamID(sid),
        };
    }

    // FetchAddr holds bits 51:3: the address of the 8-byte aligned word whose fetch aborted.
    private const ulong FetchAddressMask = FSteFetch.FetchAddrMask;
}
