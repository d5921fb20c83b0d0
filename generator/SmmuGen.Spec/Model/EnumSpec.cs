using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// A set of named encodings. File-level enums are shared by name; inline enums belong to one
/// field and get <see cref="Name"/> <c>{Register}{Field}</c>-style names from the loader.
/// Enums are open: values without a name stay representable.
/// </summary>
/// <remarks>
/// C enums of the uAPI use <see cref="Prefix"/> (stripped from value names for C# members) and
/// <see cref="IsFlags"/> (values are bit flags).
/// </remarks>
public sealed record EnumSpec(string Name, string? Doc, EquatableArray<EnumValueSpec> Values, bool IsInline, SourceSpan Span, string? Prefix = null, bool IsFlags = false, string? Since = null);
