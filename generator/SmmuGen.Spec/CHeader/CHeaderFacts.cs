using System.Collections.Generic;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// What a header says beyond the spec model: kept so that the importer and the diff can show it,
/// and so nothing the reader dropped or approximated goes unrecorded.
/// </summary>
/// <param name="IncludeGuard">The include guard macro (<c>#ifndef X</c> / <c>#define X</c> first), or null.</param>
/// <param name="Includes">Every <c>#include</c>, in order.</param>
/// <param name="Typedefs">Every typedef.</param>
/// <param name="FlexibleArrays">Every flexible array member.</param>
/// <param name="LayoutAttributes">Every packed or aligned attribute.</param>
/// <param name="OtherMacros">Macros that are neither constants nor ioctls.</param>
/// <param name="IoctlTypeConstants">Per ioctl, the constant its type argument names (<c>IOMMUFD_TYPE</c>).</param>
/// <param name="Unions">Top-level unions, which the model holds as a struct wrapping one anonymous union.</param>
/// <param name="AnonymousEnums">Names given to anonymous enums (from their common prefix), in order.</param>
public sealed record CHeaderFacts(
    string? IncludeGuard,
    EquatableArray<CInclude> Includes,
    EquatableArray<CTypedef> Typedefs,
    EquatableArray<CFlexibleArray> FlexibleArrays,
    EquatableArray<CLayoutAttribute> LayoutAttributes,
    EquatableArray<CMacroFact> OtherMacros,
    IReadOnlyDictionary<string, string> IoctlTypeConstants,
    EquatableArray<string> Unions,
    EquatableArray<string> AnonymousEnums)
{
    /// <summary>No facts: what a spec file has.</summary>
    public static CHeaderFacts None { get; } = new(
        null,
        EquatableArray<CInclude>.Empty,
        EquatableArray<CTypedef>.Empty,
        EquatableArray<CFlexibleArray>.Empty,
        EquatableArray<CLayoutAttribute>.Empty,
        EquatableArray<CMacroFact>.Empty,
        new Dictionary<string, string>(),
        EquatableArray<string>.Empty,
        EquatableArray<string>.Empty);
}
