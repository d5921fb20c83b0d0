using System.Linq;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// What must hold for any <see cref="RegisterInfo"/>: fields sorted, disjoint and inside the
/// register, and every mask the union of the fields it speaks for.
/// </summary>
internal static class MetadataChecks
{
    public static void AssertConsistent(RegisterInfo info)
    {
        var name = info.Name;
        Assert.True(info.Width is 32 or 64, $"{name}: width {info.Width}");
        Assert.Equal(info.Width == 64 ? ulong.MaxValue : 0xFFFF_FFFFUL, info.WidthMask);

        // Fields: in bit order, non-empty, inside the register, not overlapping, names unique.
        var previousMsb = -1;
        foreach (var f in info.Fields)
        {
            Assert.True(f.Width >= 1, $"{name}.{f.Name}: width {f.Width}");
            Assert.True(f.Lsb > previousMsb, $"{name}.{f.Name} (bits {f.Bits}) is out of order or overlaps the field before it");
            Assert.True(f.Msb < info.Width, $"{name}.{f.Name} (bits {f.Bits}) lies beyond the {info.Width}-bit register");
            Assert.Equal(f.MaxValue << f.Lsb, f.Mask);
            previousMsb = f.Msb;
        }

        Assert.Equal(info.Fields.Count, info.Fields.Select(f => f.Name).Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(info.Fields.Count, info.Fields.Select(f => f.PropertyName).Distinct(System.StringComparer.Ordinal).Count());

        ulong Union(System.Func<FieldInfo, bool> pick) => info.Fields.Where(pick).Aggregate(0UL, (m, f) => m | f.Mask);
        var fieldBits = Union(_ => true);
        var claimed = Union(f => f.Access != FieldAccess.Res0);

        // Every mask within the width.
        foreach (var (mask, what) in new[]
        {
            (info.ResetValue, "ResetValue"), (info.ResetImpdefMask, "ResetImpdefMask"), (info.ResetUnknownMask, "ResetUnknownMask"), (info.WritableMask, "WritableMask"),
            (info.ReservedMask, "ReservedMask"), (info.Res1Mask, "Res1Mask"), (info.W1cMask, "W1cMask"), (info.SelfClearMask, "SelfClearMask"),
        })
        {
            Assert.True((mask & ~info.WidthMask) == 0, $"{name}.{what} 0x{mask:X} has bits beyond the {info.Width}-bit register");
        }

        // Writable bits are exactly the RW, WO and W1C fields (so a subset of the field bits).
        Assert.Equal(0UL, info.WritableMask & ~fieldBits);
        Assert.Equal(Union(f => f.Access is FieldAccess.RW or FieldAccess.WO or FieldAccess.W1C), info.WritableMask);

        // Reserved bits: no field but a RES0 one claims them.
        Assert.Equal(0UL, info.ReservedMask & claimed);
        Assert.Equal(info.WidthMask & ~claimed, info.ReservedMask);

        Assert.Equal(Union(f => f.Access == FieldAccess.Res1), info.Res1Mask);
        Assert.Equal(Union(f => f.Access == FieldAccess.W1C), info.W1cMask);
        Assert.Equal(Union(f => f.SelfClearing), info.SelfClearMask);
        Assert.Equal(0UL, info.SelfClearMask & ~info.WritableMask);

        // Reset: a bit's reset is IMPLEMENTATION DEFINED or UNKNOWN, not both; reserved bits reset
        // to 0, RES1 bits to 1; allowed values are register values too.
        Assert.True((info.ResetImpdefMask & info.ResetUnknownMask) == 0, $"{name}: bits 0x{info.ResetImpdefMask & info.ResetUnknownMask:X} reset both IMPLEMENTATION DEFINED and UNKNOWN");
        Assert.Equal(0UL, info.ResetValue & info.ReservedMask);
        Assert.Equal(info.Res1Mask, info.ResetValue & info.Res1Mask);
        Assert.All(info.ResetAllowed, v => Assert.Equal(0UL, v & ~info.WidthMask));

        // Encodings fit their fields; address fields have none.
        foreach (var f in info.Fields)
        {
            Assert.All(f.EnumValues, v => Assert.True(v.Value <= f.MaxValue, $"{name}.{f.Name}: {v.Name}={v.Value} does not fit {f.Width} bits"));
            Assert.Equal(f.EnumValues.Count, f.EnumValues.Select(v => v.Value).Distinct().Count());
            Assert.True(!f.IsAddress || f.EnumValues.Count == 0, $"{name}.{f.Name}: an address field with encodings");
        }
    }
}
