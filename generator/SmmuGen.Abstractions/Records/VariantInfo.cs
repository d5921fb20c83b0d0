using System.Collections.Generic;

namespace SmmuGen;

/// <summary>One layout of a discriminated record: its discriminator value, type and fields (shared ones included).</summary>
public sealed record VariantInfo(string Name, string TypeName, ulong Value, IReadOnlyList<FieldInfo> Fields, IReadOnlyList<ProfileInfo> Profiles, string? Doc, string? Section, string? Since);
