using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// The public surface of a compiled assembly as text, read with Roslyn's symbol API: one line
/// per public or protected type and member, sorted, in a fixed display format that includes
/// constant values. Two listings differ exactly when the surface differs.
/// </summary>
internal static class PublicApiListing
{
    /// <summary>Members: accessibility, modifiers, type, containing type, parameters, constant value.</summary>
    private static readonly SymbolDisplayFormat MemberFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints | SymbolDisplayGenericsOptions.IncludeVariance,
        memberOptions: SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeExplicitInterface
            | SymbolDisplayMemberOptions.IncludeConstantValue | SymbolDisplayMemberOptions.IncludeRef,
        delegateStyle: SymbolDisplayDelegateStyle.NameAndSignature,
        extensionMethodStyle: SymbolDisplayExtensionMethodStyle.StaticMethod,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        kindOptions: SymbolDisplayKindOptions.IncludeMemberKeyword | SymbolDisplayKindOptions.IncludeTypeKeyword,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>Type names inside signatures, base lists and constraints.</summary>
    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeVariance,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>
    /// The listing of <paramref name="assemblyPath"/>, compiled against <paramref name="references"/>
    /// (the assemblies it references, so no type in a signature is an error type).
    /// </summary>
    public static IReadOnlyList<string> Build(string assemblyPath, IEnumerable<string> references)
    {
        var target = MetadataReference.CreateFromFile(assemblyPath);
        var compilation = CSharpCompilation.Create(
            "PublicApiProbe",
            references: references.Where(r => !SamePath(r, assemblyPath)).Select(r => MetadataReference.CreateFromFile(r)).Append(target),
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var assembly = compilation.GetAssemblyOrModuleSymbol(target) as IAssemblySymbol
            ?? throw new InvalidOperationException($"Roslyn could not load {assemblyPath} as an assembly.");

        var entries = new List<(string Key, string Line)>();
        var errors = new List<string>();
        foreach (var type in AllTypes(assembly.GlobalNamespace).Where(IsVisible))
        {
            var typeName = type.ToDisplayString(TypeNameFormat);
            entries.Add((typeName, TypeLine(type)));
            CollectErrors(type, errors);
            foreach (var member in type.GetMembers().Where(m => m is not INamedTypeSymbol && IsListed(m)))
            {
                entries.Add((typeName + "." + member.MetadataName, MemberLine(member)));
                CollectErrors(member, errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Unresolved types in the public API of {Path.GetFileName(assemblyPath)} (a reference is missing): {string.Join(", ", errors.Distinct())}");
        }

        return entries
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ThenBy(e => e.Line, StringComparer.Ordinal)
            .Select(e => e.Line)
            .ToArray();
    }

    /// <summary>The framework assemblies of the running runtime: the trusted platform assemblies in its directory.</summary>
    public static IReadOnlyList<string> FrameworkAssemblies()
    {
        var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set; cannot find the framework assemblies.");
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)
            ?? throw new InvalidOperationException("No location for System.Private.CoreLib.");
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => SamePath(Path.GetDirectoryName(p) ?? string.Empty, frameworkDirectory))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            foreach (var t in WithNested(type))
            {
                yield return t;
            }
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var t in AllTypes(child))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers().SelectMany(WithNested))
        {
            yield return nested;
        }
    }

    /// <summary>Public or protected, and every containing type too.</summary>
    private static bool IsVisible(ISymbol symbol)
    {
        for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsListed(ISymbol member)
    {
        if (!IsVisible(member) || member.IsImplicitlyDeclared || member.Name.StartsWith('<'))
        {
            return false;
        }

        // Accessors are shown with their property or event.
        return member is not IMethodSymbol
        {
            MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise,
        };
    }

    private static string MemberLine(ISymbol member)
    {
        string line;
        if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: uint or ulong } constant && constant.ContainingType.TypeKind != TypeKind.Enum)
        {
            // Masks and offsets read better in hex, as the spec writes them.
            line = member.ToDisplayString(MemberFormat.RemoveMemberOptions(SymbolDisplayMemberOptions.IncludeConstantValue))
                + " = 0x" + Convert.ToUInt64(constant.ConstantValue, CultureInfo.InvariantCulture).ToString("X", CultureInfo.InvariantCulture);
        }
        else
        {
            line = member.ToDisplayString(MemberFormat);
        }

        if (member.ContainingType.TypeKind == TypeKind.Interface)
        {
            // Roslyn leaves out what is implicit in an interface; "static abstract" is not.
            var modifiers = new List<string> { AccessibilityText(member.DeclaredAccessibility) };
            if (member.IsStatic)
            {
                modifiers.Add("static");
            }

            if (member.IsAbstract)
            {
                modifiers.Add("abstract");
            }
            else if (member.IsVirtual)
            {
                modifiers.Add("virtual");
            }

            line = string.Join(" ", modifiers) + " " + line;
        }

        return line;
    }

    private static string TypeLine(INamedTypeSymbol type)
    {
        var parts = new List<string> { AccessibilityText(type.DeclaredAccessibility) };
        if (type.IsStatic)
        {
            parts.Add("static");
        }
        else if (type.TypeKind == TypeKind.Class && type.IsAbstract)
        {
            parts.Add("abstract");
        }
        else if (type.TypeKind == TypeKind.Class && type.IsSealed)
        {
            parts.Add("sealed");
        }

        if (type.TypeKind == TypeKind.Struct && type.IsReadOnly)
        {
            parts.Add("readonly");
        }

        if (type.IsRefLikeType)
        {
            parts.Add("ref");
        }

        parts.Add(type.TypeKind switch
        {
            TypeKind.Class => type.IsRecord ? "record" : "class",
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => type.TypeKind.ToString().ToLowerInvariant(),
        });
        parts.Add(type.ToDisplayString(TypeNameFormat));

        var bases = new List<string>();
        if (type.TypeKind == TypeKind.Enum && type.EnumUnderlyingType is { } underlying)
        {
            bases.Add(underlying.ToDisplayString(TypeNameFormat));
        }
        else if (type.TypeKind == TypeKind.Class && type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
        {
            bases.Add(baseType.ToDisplayString(TypeNameFormat));
        }

        if (type.TypeKind != TypeKind.Enum)
        {
            bases.AddRange(type.Interfaces.Select(i => i.ToDisplayString(TypeNameFormat)).Order(StringComparer.Ordinal));
        }

        var line = string.Join(" ", parts) + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
        foreach (var tp in type.TypeParameters.Where(HasConstraints))
        {
            line += $" where {tp.Name} : {string.Join(", ", Constraints(tp))}";
        }

        return line;
    }

    private static bool HasConstraints(ITypeParameterSymbol tp) =>
        tp.HasReferenceTypeConstraint || tp.HasValueTypeConstraint || tp.HasUnmanagedTypeConstraint || tp.HasNotNullConstraint
        || tp.HasConstructorConstraint || tp.ConstraintTypes.Length > 0 || tp.AllowsRefLikeType;

    private static IEnumerable<string> Constraints(ITypeParameterSymbol tp)
    {
        if (tp.HasReferenceTypeConstraint)
        {
            yield return "class";
        }

        if (tp.HasUnmanagedTypeConstraint)
        {
            yield return "unmanaged";
        }
        else if (tp.HasValueTypeConstraint)
        {
            yield return "struct";
        }

        if (tp.HasNotNullConstraint)
        {
            yield return "notnull";
        }

        foreach (var c in tp.ConstraintTypes)
        {
            yield return c.ToDisplayString(TypeNameFormat);
        }

        if (tp.HasConstructorConstraint)
        {
            yield return "new()";
        }

        if (tp.AllowsRefLikeType)
        {
            yield return "allows ref struct";
        }
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        _ => accessibility.ToString().ToLowerInvariant(),
    };

    private static void CollectErrors(ISymbol symbol, List<string> errors)
    {
        IEnumerable<ITypeSymbol> types = symbol switch
        {
            INamedTypeSymbol t => t.Interfaces.Cast<ITypeSymbol>().Concat(t.BaseType is null ? [] : [t.BaseType]),
            IMethodSymbol m => m.Parameters.Select(p => p.Type).Append(m.ReturnType),
            IPropertySymbol p => p.Parameters.Select(x => x.Type).Append(p.Type),
            IFieldSymbol f => [f.Type],
            IEventSymbol e => [e.Type],
            _ => [],
        };
        foreach (var t in types)
        {
            AddErrors(t, errors);
        }
    }

    private static void AddErrors(ITypeSymbol type, List<string> errors)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            errors.Add(type.ToDisplayString(TypeNameFormat));
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            foreach (var arg in named.TypeArguments)
            {
                AddErrors(arg, errors);
            }
        }
        else if (type is IArrayTypeSymbol array)
        {
            AddErrors(array.ElementType, errors);
        }
    }
}
