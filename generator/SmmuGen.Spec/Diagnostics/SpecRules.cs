using System.Collections.Generic;
using System.Linq;

namespace SmmuGen.Spec.Diagnostics;

/// <summary>
/// Every diagnostic id the spec tools report. Ids are stable: never renumber one, only add.
/// spec/README.md lists the same table for spec authors.
/// </summary>
public static class SpecRules
{
    /// <summary>SMMUGEN001: the file is not well-formed YAML.</summary>
    public static readonly SpecRule YamlSyntax = new("SMMUGEN001", SpecSeverity.Error, "YAML syntax error");

    /// <summary>SMMUGEN002: a key the spec language does not know.</summary>
    public static readonly SpecRule UnknownKey = new("SMMUGEN002", SpecSeverity.Error, "Unknown key");

    /// <summary>SMMUGEN003: a required key is absent.</summary>
    public static readonly SpecRule MissingKey = new("SMMUGEN003", SpecSeverity.Error, "Missing required key");

    /// <summary>SMMUGEN004: two things of one kind share a name.</summary>
    public static readonly SpecRule DuplicateName = new("SMMUGEN004", SpecSeverity.Error, "Duplicate name");

    /// <summary>SMMUGEN005: two fields claim the same bit.</summary>
    public static readonly SpecRule OverlappingFields = new("SMMUGEN005", SpecSeverity.Error, "Overlapping fields");

    /// <summary>SMMUGEN006: a field reaches past the register width.</summary>
    public static readonly SpecRule FieldBeyondWidth = new("SMMUGEN006", SpecSeverity.Error, "Field beyond width");

    /// <summary>SMMUGEN007: a bit range that does not parse, or is reversed.</summary>
    public static readonly SpecRule InvalidBits = new("SMMUGEN007", SpecSeverity.Error, "Invalid bit range");

    /// <summary>SMMUGEN008: a reset value with bits above the register width.</summary>
    public static readonly SpecRule ResetTooWide = new("SMMUGEN008", SpecSeverity.Error, "Reset value too wide");

    /// <summary>SMMUGEN009: a reset value that sets RES0 bits or clears RES1 bits.</summary>
    public static readonly SpecRule ResetReserved = new("SMMUGEN009", SpecSeverity.Error, "Reset value conflicts with reserved bits");

    /// <summary>SMMUGEN010: an enum value wider than the field that uses it.</summary>
    public static readonly SpecRule EnumValueTooWide = new("SMMUGEN010", SpecSeverity.Error, "Enum value does not fit its field");

    /// <summary>SMMUGEN011: two registers cover the same bytes.</summary>
    public static readonly SpecRule OverlappingRegisters = new("SMMUGEN011", SpecSeverity.Error, "Overlapping register offsets");

    /// <summary>SMMUGEN012: a register offset not aligned to its width.</summary>
    public static readonly SpecRule MisalignedRegister = new("SMMUGEN012", SpecSeverity.Error, "Misaligned register offset");

    /// <summary>SMMUGEN013: an acknowledge relation to a register that does not exist.</summary>
    public static readonly SpecRule AckTargetMissing = new("SMMUGEN013", SpecSeverity.Error, "Acknowledge relation to a missing register");

    /// <summary>SMMUGEN014: a value of the wrong type or outside the allowed set.</summary>
    public static readonly SpecRule InvalidValue = new("SMMUGEN014", SpecSeverity.Error, "Invalid value");

    /// <summary>SMMUGEN015: a waiver with no reason, or for an id that does not exist.</summary>
    public static readonly SpecRule InvalidWaiver = new("SMMUGEN015", SpecSeverity.Error, "Invalid waiver");

    /// <summary>SMMUGEN016: a waiver that suppresses nothing.</summary>
    public static readonly SpecRule UnusedWaiver = new("SMMUGEN016", SpecSeverity.Warning, "Unused waiver");

    /// <summary>SMMUGEN017: a field names an enum the file does not define.</summary>
    public static readonly SpecRule UnknownEnum = new("SMMUGEN017", SpecSeverity.Error, "Unknown enum");

    /// <summary>SMMUGEN018: a name that cannot become an identifier.</summary>
    public static readonly SpecRule InvalidIdentifier = new("SMMUGEN018", SpecSeverity.Error, "Invalid identifier");

    /// <summary>SMMUGEN019: an acknowledge register whose fields differ from its target's.</summary>
    public static readonly SpecRule AckFieldMismatch = new("SMMUGEN019", SpecSeverity.Warning, "Acknowledge register fields differ");

    /// <summary>SMMUGEN020: an IMPLEMENTATION DEFINED or UNKNOWN reset that is inconsistent.</summary>
    public static readonly SpecRule InvalidImpdefReset = new("SMMUGEN020", SpecSeverity.Error, "Invalid IMPLEMENTATION DEFINED or UNKNOWN reset");

    /// <summary>SMMUGEN021: a <c>word</c> form that is not inside one 64-bit word, or a word past the record.</summary>
    public static readonly SpecRule WordForm = new("SMMUGEN021", SpecSeverity.Error, "Invalid word form");

    /// <summary>SMMUGEN022: an address field across a word boundary, or a field wider than 64 bits.</summary>
    public static readonly SpecRule FieldShape = new("SMMUGEN022", SpecSeverity.Error, "Field cannot be accessed as one value");

    /// <summary>SMMUGEN023: variants that clash on the discriminator, or a missing discriminator.</summary>
    public static readonly SpecRule DiscriminatorClash = new("SMMUGEN023", SpecSeverity.Error, "Discriminator clash");

    /// <summary>SMMUGEN024: an implicit padding hole in a C struct.</summary>
    public static readonly SpecRule PaddingHole = new("SMMUGEN024", SpecSeverity.Warning, "Implicit padding hole");

    /// <summary>SMMUGEN025: a stated size, alignment or offset that differs from the computed layout.</summary>
    public static readonly SpecRule LayoutMismatch = new("SMMUGEN025", SpecSeverity.Error, "Layout mismatch");

    /// <summary>SMMUGEN026: a C type the layout engine does not know.</summary>
    public static readonly SpecRule UnknownCType = new("SMMUGEN026", SpecSeverity.Error, "Unknown C type");

    /// <summary>SMMUGEN027: an ioctl naming a struct or member that does not exist.</summary>
    public static readonly SpecRule IoctlTargetMissing = new("SMMUGEN027", SpecSeverity.Error, "ioctl struct or member missing");

    /// <summary>SMMUGEN028: a record link on a member that cannot hold the record's words.</summary>
    public static readonly SpecRule RecordLink = new("SMMUGEN028", SpecSeverity.Error, "Record link does not fit");

    /// <summary>SMMUGEN029: a profile naming a field the record or variant does not have.</summary>
    public static readonly SpecRule ProfileField = new("SMMUGEN029", SpecSeverity.Error, "Profile names a missing field");

    /// <summary>SMMUGEN040: C header text that does not tokenize or parse (the uAPI dialect of C).</summary>
    public static readonly SpecRule CSyntax = new("SMMUGEN040", SpecSeverity.Error, "C syntax error");

    /// <summary>SMMUGEN041: a malformed or unbalanced preprocessor directive, or an active <c>#error</c>.</summary>
    public static readonly SpecRule CPreprocessor = new("SMMUGEN041", SpecSeverity.Error, "Preprocessor directive error");

    /// <summary>SMMUGEN042: a C constant expression that cannot be evaluated (undefined name, division by zero, bad shift).</summary>
    public static readonly SpecRule CConstantExpression = new("SMMUGEN042", SpecSeverity.Error, "Invalid constant expression");

    /// <summary>SMMUGEN043: a header's <c>_Static_assert</c> that is false by the computed layout.</summary>
    public static readonly SpecRule CStaticAssert = new("SMMUGEN043", SpecSeverity.Error, "Static assertion failed");

    /// <summary>SMMUGEN044: a C construct the spec model holds only approximately, or skips.</summary>
    public static readonly SpecRule CApproximated = new("SMMUGEN044", SpecSeverity.Warning, "C construct approximated or skipped");

    /// <summary>SMMUGEN045: a C construct the reader cannot turn into the spec model (bit-fields, function pointers).</summary>
    public static readonly SpecRule CUnsupported = new("SMMUGEN045", SpecSeverity.Error, "Unsupported C construct");

    /// <summary>SMMUGEN046: a macro defined again with a different body.</summary>
    public static readonly SpecRule CMacroRedefined = new("SMMUGEN046", SpecSeverity.Warning, "Macro redefined");

    /// <summary>SMMUGEN099: the tool failed on this input; a bug, never the author's fault.</summary>
    public static readonly SpecRule InternalError = new("SMMUGEN099", SpecSeverity.Error, "Internal error");

    /// <summary>All rules, in id order.</summary>
    public static IReadOnlyList<SpecRule> All { get; } = new[]
    {
        YamlSyntax, UnknownKey, MissingKey, DuplicateName, OverlappingFields, FieldBeyondWidth, InvalidBits,
        ResetTooWide, ResetReserved, EnumValueTooWide, OverlappingRegisters, MisalignedRegister, AckTargetMissing,
        InvalidValue, InvalidWaiver, UnusedWaiver, UnknownEnum, InvalidIdentifier, AckFieldMismatch,
        InvalidImpdefReset, WordForm, FieldShape, DiscriminatorClash, PaddingHole, LayoutMismatch, UnknownCType,
        IoctlTargetMissing, RecordLink, ProfileField, CSyntax, CPreprocessor, CConstantExpression, CStaticAssert,
        CApproximated, CUnsupported, CMacroRedefined, InternalError,
    };

    /// <summary>
    /// True when a spec may waive <paramref name="rule"/>. Syntax, waiver and internal errors cannot be
    /// waived, nor can the C header reader's diagnostics: they are about a header, not a spec.
    /// </summary>
    public static bool IsWaivable(SpecRule rule) =>
        rule != YamlSyntax && rule != InvalidWaiver && rule != UnusedWaiver && rule != InternalError
        && !(string.CompareOrdinal(rule.Id, CSyntax.Id) >= 0 && string.CompareOrdinal(rule.Id, CMacroRedefined.Id) <= 0);

    /// <summary>Finds a rule by id, or null.</summary>
    public static SpecRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
