using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// Where one kind of VMSAv8-64 descriptor keeps each field a walker needs, taken once from the
/// generated record metadata (spec/smmuv3/descriptors.yaml) so that one walk loop serves every
/// stage, granule and level without a hand-written bit position. A field the kind lacks has a
/// zero mask (for example AP in a stage 2 descriptor, or APTable in a leaf).
/// </summary>
internal sealed class DescriptorLayout
{
    // The bits 51:48 of a 64KB-granule address live in descriptor bits 15:12 (FEAT_LPA).
    private const int HighAddressShift = 48;

    private DescriptorLayout(RecordInfo info)
    {
        Info = info;
        Address = Field(info, "OA") ?? Field(info, "NLTA") ?? throw new System.InvalidOperationException($"{info.Name} has no address field.");
        AddressHigh = Field(info, "OA_HI") ?? Field(info, "NLTA_HI");
        AttrIndx = Field(info, "AttrIndx");
        MemAttr = Field(info, "MemAttr");
        Ap = Field(info, "AP");
        S2ap = Field(info, "S2AP");
        Sh = Field(info, "SH");
        Af = Field(info, "AF");
        NotGlobal = Field(info, "nG");
        Dbm = Field(info, "DBM");
        Pxn = Field(info, "PXN");
        Uxn = Field(info, "UXN");
        Xn = Field(info, "XN");
        ApTable = Field(info, "APTable");
        PxnTable = Field(info, "PXNTable");
        UxnTable = Field(info, "UXNTable");
    }

    /// <summary>The generated record this layout reads.</summary>
    public RecordInfo Info { get; }

    public FieldInfo Address { get; }

    public FieldInfo? AddressHigh { get; }

    public FieldInfo? AttrIndx { get; }

    public FieldInfo? MemAttr { get; }

    public FieldInfo? Ap { get; }

    public FieldInfo? S2ap { get; }

    public FieldInfo? Sh { get; }

    public FieldInfo? Af { get; }

    public FieldInfo? NotGlobal { get; }

    public FieldInfo? Dbm { get; }

    public FieldInfo? Pxn { get; }

    public FieldInfo? Uxn { get; }

    public FieldInfo? Xn { get; }

    public FieldInfo? ApTable { get; }

    public FieldInfo? PxnTable { get; }

    public FieldInfo? UxnTable { get; }

    /// <summary>The output or next-level table address the descriptor holds.</summary>
    public ulong AddressOf(ulong descriptor) =>
        (descriptor & Address.Mask) | (AddressHigh is { } high ? high.Extract(descriptor) << HighAddressShift : 0);

    public static DescriptorLayout From(RecordInfo info) => new(info);

    /// <summary>The value of <paramref name="field"/> in <paramref name="descriptor"/>, or 0 when the kind lacks it.</summary>
    public static ulong Get(FieldInfo? field, ulong descriptor) => field is null ? 0 : field.Extract(descriptor);

    /// <summary>Whether a one-bit <paramref name="field"/> is set; false when the kind lacks it.</summary>
    public static bool Flag(FieldInfo? field, ulong descriptor) => field is not null && (descriptor & field.Mask) != 0;

    private static FieldInfo? Field(RecordInfo info, string name) => info.FindField(name);
}
