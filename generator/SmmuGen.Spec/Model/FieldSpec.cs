using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Model;

/// <summary>
/// A named bit range of a register (and, later, of a record).
/// </summary>
/// <param name="Name">Architecture name, e.g. <c>SMMUEN</c>.</param>
/// <param name="CSharpName">Explicit C# property name, or null for the derived one.</param>
/// <param name="Bits">The bits, over the whole value.</param>
/// <param name="Access">Software-visible behaviour.</param>
/// <param name="EnumName">The enum giving the field's encodings (file-level or inline), or null.</param>
/// <param name="IsAddress">The field stores address bits in place (bits 51:6 of an aligned address).</param>
/// <param name="SelfClearing">The device clears the field when the update it starts completes.</param>
/// <param name="Doc">Description.</param>
/// <param name="Section">Section of the governing specification.</param>
/// <param name="Since">First version that has the field.</param>
/// <param name="Span">The field's node.</param>
/// <param name="BitsSpan">The <c>bits</c> value.</param>
/// <param name="EnumSpan">The <c>enum</c> value, or the field's node when it has none.</param>
public sealed record FieldSpec(
    string Name,
    string? CSharpName,
    BitRange Bits,
    FieldAccess Access,
    string? EnumName,
    bool IsAddress,
    bool SelfClearing,
    string? Doc,
    string? Section,
    string? Since,
    SourceSpan Span,
    SourceSpan BitsSpan,
    SourceSpan EnumSpan);
