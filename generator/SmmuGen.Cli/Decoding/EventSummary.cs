using System.Collections.Generic;

namespace SmmuGen.Cli.Decoding;

/// <summary>
/// A one-line reading of an SMMUv3 event record in the terms the Linux arm-smmu-v3 driver logs
/// (sid, ssid, iova, ipa, fetch_addr, priv/unpriv, inst/data, read/write, s1/s2, class, stall,
/// stag). The field list hides zero fields, but a zero RnW, PnU, InD or S2 still says something
/// (a write, unprivileged, data, stage 1), so the summary spells those out.
/// </summary>
/// <remarks>
/// Keyed on the architecture field names of the EVT record, never on bit positions: those stay
/// in the spec. Fields a variant does not have are left out, as the driver's per-event lines do.
/// </remarks>
internal static class EventSummary
{
    /// <summary>The record name the summary applies to.</summary>
    public const string RecordName = "EVT";

    /// <summary>The summary, or null for records other than events and for unknown event ids.</summary>
    public static string? Describe(DecodedRecord decoded)
    {
        if (decoded.Record.Name != RecordName || decoded.Variant is null)
        {
            return null;
        }

        var parts = new List<string>();
        if (decoded.Field("StreamID") is { } sid)
        {
            parts.Add("sid " + DecodeText.Hex(sid.Value));
        }

        if (decoded.Field("SubstreamID") is { } ssid)
        {
            // Without SSV the SubstreamID bits are UNKNOWN; events without an SSV bit always carry one.
            var valid = decoded.Field("SSV") is not { } ssv || ssv.Value != 0;
            parts.Add(valid ? "ssid " + DecodeText.Hex(ssid.Value) : "no ssid");
        }

        AddValue(parts, decoded, "InputAddr", "iova");
        AddValue(parts, decoded, "IPA", "ipa");
        AddValue(parts, decoded, "FetchAddr", "fetch_addr");
        AddFlag(parts, decoded, "PnU", "priv", "unpriv");
        AddFlag(parts, decoded, "InD", "inst", "data");
        AddFlag(parts, decoded, "RnW", "read", "write");
        AddFlag(parts, decoded, "S2", "s2", "s1");
        if (decoded.Field("CLASS") is { } cls)
        {
            parts.Add("class " + (cls.ValueName ?? DecodeText.Hex(cls.Value)));

            // TTRnW only means something for a stage 1 table walk that faulted at stage 2.
            if (cls.ValueName == "TT" && decoded.Field("TTRnW") is { } ttrnw)
            {
                parts.Add(ttrnw.Value != 0 ? "ttd_read" : "ttd_write");
            }
        }

        if (decoded.Field("Stall") is { Value: not 0 })
        {
            parts.Add("stall");
        }

        AddValue(parts, decoded, "STAG", "stag");
        return string.Join(" ", parts);
    }

    private static void AddValue(List<string> parts, DecodedRecord decoded, string field, string label)
    {
        if (decoded.Field(field) is { } f)
        {
            parts.Add(label + " " + DecodeText.Hex(f.Value));
        }
    }

    private static void AddFlag(List<string> parts, DecodedRecord decoded, string field, string set, string clear)
    {
        if (decoded.Field(field) is { } f)
        {
            parts.Add(f.Value != 0 ? set : clear);
        }
    }
}
