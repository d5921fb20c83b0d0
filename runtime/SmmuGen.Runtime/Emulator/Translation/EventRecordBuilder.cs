using System;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Fills an event record's fields by their spec names through the generated variant metadata,
/// so the translation faults, which share most fields, are built by one path without
/// hand-written positions. A name the variant lacks is ignored (e.g. STAG in F_WALK_EABT); a value
/// wider than its field is truncated to the field, as an address field keeps only its bits.
/// </summary>
internal struct EventRecordBuilder
{
    private readonly VariantInfo _variant;
    private Evt _record;

    public EventRecordBuilder(VariantInfo variant)
        : this(new Evt().WithEventId((EvtEventId)variant.Value), variant)
    {
    }

    /// <summary>Continues filling <paramref name="record"/>, whose variant is <paramref name="variant"/>.</summary>
    public EventRecordBuilder(Evt record, VariantInfo variant)
    {
        _variant = variant;
        _record = record;
    }

    public EventRecordBuilder Set(string name, ulong value)
    {
        var field = Find(name);
        if (field is null)
        {
            return this;
        }

        var word = field.Lsb / 64;
        var shift = field.Lsb % 64;
        var mask = field.MaxValue << shift;

        // Address fields keep the address in place: the value is already positioned in its word.
        var bits = field.IsAddress ? value & mask : (value << shift) & mask;

        _record = _record.WithWord(word, (_record.GetWord(word) & ~mask) | bits);
        return this;
    }

    public readonly Evt ToEvt() => _record;

    private readonly FieldInfo? Find(string name)
    {
        foreach (var f in _variant.Fields)
        {
            if (string.Equals(f.Name, name, StringComparison.Ordinal))
            {
                return f;
            }
        }

        foreach (var f in Evt.Info.Fields)
        {
            if (string.Equals(f.Name, name, StringComparison.Ordinal))
            {
                return f;
            }
        }

        return null;
    }
}
