using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SmmuGen.Spec.Layout;

namespace SmmuGen.Spec.CHeader;

/// <summary>
/// The C type vocabulary of uAPI headers: the kernel's fixed-width types (which the spec language
/// uses as they are), the built-in C type keywords (mapped to the fixed-width type of the same size
/// and signedness on LP64), and the qualifiers and annotations that do not change a layout.
/// </summary>
internal static class CTypeNames
{
    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal)
    {
        "unsigned", "signed", "__signed__", "char", "short", "int", "long", "_Bool", "float", "double", "void",
    };

    // Qualifiers, storage classes and sparse annotations: none changes the size or offset of anything.
    private static readonly HashSet<string> Ignorable = new(StringComparer.Ordinal)
    {
        "const", "volatile", "restrict", "__restrict", "__restrict__", "__const", "__volatile__",
        "static", "extern", "inline", "__inline", "__inline__", "register", "auto", "_Noreturn", "__extension__",
        "__user", "__kernel", "__force", "__iomem", "__rcu", "__bitwise", "__bitwise__", "__nocast", "__safe", "__always_inline",
    };

    // The names uAPI headers give bytes that must be zero (check-uapi's list, without the over-broad "res").
    private static readonly Regex ReservedName = new(@"^_*(reserved|rsvd|resv|pad|padding|unused)[_0-9]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>True for a word that starts or continues a built-in C type (<c>unsigned long</c>).</summary>
    public static bool IsTypeKeyword(string word) => TypeKeywords.Contains(word);

    /// <summary>True for a qualifier, storage class or annotation the layout ignores.</summary>
    public static bool IsIgnorable(string word) => Ignorable.Contains(word);

    /// <summary>True for the kernel's fixed-width types (<c>__u8</c> … <c>__aligned_be64</c>).</summary>
    public static bool IsKernelScalar(string word) => CStructLayout.TryGetScalarSize(word, out _);

    /// <summary>True for a member name that marks must-be-zero bytes (<c>__reserved</c>, <c>__pad2</c>).</summary>
    public static bool IsReservedName(string name) => ReservedName.IsMatch(name);

    /// <summary>
    /// The fixed-width type of a built-in C type written as keywords (<c>unsigned int</c> → <c>__u32</c>),
    /// or null with an error text for <c>float</c>, <c>void</c> and impossible combinations.
    /// </summary>
    public static CTypeRef? FromKeywords(IReadOnlyList<string> words, out string? error)
    {
        error = null;
        var text = string.Join(" ", words);
        int Count(string w) => words.Count(x => x == w);
        var unsigned = Count("unsigned") > 0;
        var signed = Count("signed") + Count("__signed__") > 0;
        var longs = Count("long");
        if ((unsigned && signed) || Count("unsigned") > 1 || longs > 2 || Count("short") > 1 || Count("int") > 1 || Count("char") > 1)
        {
            error = $"'{text}' is not a C type";
            return null;
        }

        if (words.Any(w => w is "float" or "double" or "void"))
        {
            error = $"'{text}' has no place in a uAPI struct layout (only integer types are supported)";
            return null;
        }

        if (Count("_Bool") > 0)
        {
            return words.Count == 1 ? new CTypeRef("__u8") : Invalid(text, out error);
        }

        if (Count("char") > 0)
        {
            if (Count("short") + longs + Count("int") > 0)
            {
                return Invalid(text, out error);
            }

            // Plain char is signed on x86_64 but unsigned on arm64.
            return unsigned ? new CTypeRef("__u8") : signed ? new CTypeRef("__s8") : new CTypeRef("__s8", Note: "plain 'char' is signed on x86_64 and unsigned on arm64; read as __s8");
        }

        if (Count("short") > 0)
        {
            return longs > 0 ? Invalid(text, out error) : new CTypeRef(unsigned ? "__u16" : "__s16");
        }

        if (longs == 1)
        {
            return new CTypeRef(unsigned ? "__u64" : "__s64", Note: $"'{text}' is 8 bytes on LP64 but 4 on 32-bit ABIs; read as {(unsigned ? "__u64" : "__s64")}");
        }

        if (longs == 2)
        {
            return new CTypeRef(unsigned ? "__u64" : "__s64");
        }

        return new CTypeRef(unsigned ? "__u32" : "__s32");
    }

    private static CTypeRef? Invalid(string text, out string? error)
    {
        error = $"'{text}' is not a C type";
        return null;
    }
}
