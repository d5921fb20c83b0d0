using System.Collections.Generic;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.CHeader;

/// <summary>Collects <see cref="CHeaderFacts"/> while a header is read.</summary>
internal sealed class CHeaderFactsBuilder
{
    public string? IncludeGuard { get; set; }

    public List<CInclude> Includes { get; } = new();

    public List<CTypedef> Typedefs { get; } = new();

    public List<CFlexibleArray> FlexibleArrays { get; } = new();

    public List<CLayoutAttribute> LayoutAttributes { get; } = new();

    public List<CMacroFact> OtherMacros { get; } = new();

    public Dictionary<string, string> IoctlTypeConstants { get; } = new();

    public List<string> Unions { get; } = new();

    public List<string> AnonymousEnums { get; } = new();

    public CHeaderFacts Build() => new(
        IncludeGuard,
        Includes.ToEquatableArray(),
        Typedefs.ToEquatableArray(),
        FlexibleArrays.ToEquatableArray(),
        LayoutAttributes.ToEquatableArray(),
        OtherMacros.ToEquatableArray(),
        new Dictionary<string, string>(IoctlTypeConstants),
        Unions.ToEquatableArray(),
        AnonymousEnums.ToEquatableArray());
}
