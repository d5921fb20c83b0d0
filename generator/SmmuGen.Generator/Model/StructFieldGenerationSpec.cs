namespace SmmuGen.Generator.Model;

/// <summary>What a generated field holds.</summary>
internal enum StructFieldKind
{
    /// <summary>An integer (or enum) read little-endian.</summary>
    Scalar,

    /// <summary>A generated struct of the file (<c>struct NAME</c>).</summary>
    Struct,

    /// <summary>A named inline union or struct: a nested generated type.</summary>
    Inline,
}

/// <summary>
/// One field of a generated type. <see cref="ElementType"/> is the C# type of one element (an
/// integer, an enum, a struct or nested type); <see cref="IntegerType"/> the integer the bytes
/// hold for scalars. An array (<see cref="Count"/> set) is an <c>[InlineArray]</c> nested type
/// named <see cref="BufferTypeName"/>, which keeps the struct blittable and exact.
/// When a linked enum is not as wide as the member, the field stays an integer and
/// <see cref="EnumPropertyName"/> gives a typed view.
/// </summary>
internal sealed record StructFieldGenerationSpec(
    string CName,
    string FieldName,
    StructFieldKind Kind,
    int Offset,
    int ElementSize,
    int? Count,
    string ElementType,
    string? IntegerType,
    string? BufferTypeName,
    string CType,
    string? EnumTypeName,
    string? EnumPropertyName,
    bool Reserved,
    string? Doc,
    string? Since)
{
    public int Size => ElementSize * (Count ?? 1);

    public bool IsBigEndianType => CType.StartsWith("__be", System.StringComparison.Ordinal) || CType == "__aligned_be64";

    /// <summary>The C# type of the field itself.</summary>
    public string FieldType => BufferTypeName ?? ElementType;
}

/// <summary>
/// A member holding 64-bit words of a record (<c>record: STE</c>): typed view methods
/// <see cref="GetName"/> / <see cref="SetName"/>. The record's type is resolved across spec
/// files when the source is emitted.
/// </summary>
internal sealed record StructRecordLinkGenerationSpec(string FieldName, string CName, int Words, string RecordName, string GetName, string SetName);

/// <summary>
/// A record some spec file generates, for record links from other files: the C# type
/// <see cref="TypeName"/> in <see cref="Namespace"/> has <c>ReadFrom(ReadOnlySpan&lt;byte&gt;)</c>,
/// <c>WriteTo(Span&lt;byte&gt;)</c> and a <c>Size</c> constant.
/// </summary>
internal sealed record StructRecordTargetGenerationSpec(string Name, string Namespace, string TypeName, int SizeBytes, string SourcePath)
{
    public string FullName => $"global::{Namespace}.{TypeName}";
}
