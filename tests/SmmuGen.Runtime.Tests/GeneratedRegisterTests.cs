using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SmmuGen.Smmuv3;
using SmmuGen.Spec.Naming;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// Every field of every generated SMMUv3 register, driven by the generated metadata
/// (<see cref="Smmuv3RegisterMap.All"/>, <see cref="RegisterInfo.Fields"/>). Reflection only
/// finds, by the names the metadata gives, the register type, its <c>With…</c> methods, its
/// properties and its constants; the raw bits go through <see cref="IRegister{TSelf}"/>.
/// </summary>
public sealed class GeneratedRegisterTests
{
    private const string Namespace = "SmmuGen.Smmuv3";
    private const BindingFlags PublicInstance = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
    private const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static TheoryData<string> Registers()
    {
        var data = new TheoryData<string>();
        foreach (var r in Smmuv3RegisterMap.All)
        {
            data.Add(r.Name);
        }

        return data;
    }

    public static TheoryData<string, string> Fields()
    {
        var data = new TheoryData<string, string>();
        foreach (var r in Smmuv3RegisterMap.All)
        {
            foreach (var f in r.Fields)
            {
                data.Add(r.Name, f.Name);
            }
        }

        return data;
    }

    // ------------------------------------------------------------------ the map

    [Fact]
    public void MapListsEveryGeneratedRegisterTypeOnce()
    {
        var all = Smmuv3RegisterMap.All;
        Assert.Equal(all.Count, all.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Count, all.Select(r => r.TypeName).Distinct(StringComparer.Ordinal).Count());

        var registerTypes = typeof(Smmuv3RegisterMap).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == Namespace && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRegister<>)))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);
        Assert.Equal(registerTypes, all.Select(r => r.TypeName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RegistersDoNotOverlapAndStayInsideTheirPage()
    {
        Assert.Equal(0x10000UL, Smmuv3RegisterMap.PageSize);
        var all = Smmuv3RegisterMap.All;
        foreach (var r in all)
        {
            Assert.True(r.Width is 32 or 64, $"{r.Name}: width {r.Width}");
            Assert.True(r.Page is 0 or 1, $"{r.Name}: page {r.Page}");
            Assert.True(r.Offset % (ulong)(r.Width / 8) == 0, $"{r.Name}: offset 0x{r.Offset:X} not aligned to its {r.Width} bits");
            Assert.True(r.Offset + (ulong)(r.Width / 8) <= Smmuv3RegisterMap.PageSize, $"{r.Name}: beyond the page");
            foreach (var other in all.Where(o => !ReferenceEquals(o, r) && o.Page == r.Page))
            {
                var disjoint = r.Offset + (ulong)(r.Width / 8) <= other.Offset || other.Offset + (ulong)(other.Width / 8) <= r.Offset;
                Assert.True(disjoint, $"{r.Name} and {other.Name} overlap");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Registers))]
    public void MapFindsTheRegisterByPlaceAndName(string register)
    {
        var info = Register(register);
        var bytes = (ulong)(info.Width / 8);
        Assert.Same(info, Smmuv3RegisterMap.Find(info.Page, info.Offset));
        Assert.Same(info, Smmuv3RegisterMap.FindByName(info.Name));
        for (var b = 0UL; b < bytes; b++)
        {
            Assert.Same(info, Smmuv3RegisterMap.FindContaining(info.Page, info.Offset + b));
        }

        if (info.Width == 64)
        {
            // The upper half is part of the register, but no register starts there.
            Assert.Null(Smmuv3RegisterMap.Find(info.Page, info.Offset + 4));
            Assert.Same(info, Smmuv3RegisterMap.FindContaining(info.Page, info.Offset + 4));
        }

        Assert.NotSame(info, Smmuv3RegisterMap.FindContaining(info.Page, info.Offset + bytes));
        Assert.NotSame(info, Smmuv3RegisterMap.Find(1 - info.Page, info.Offset));
    }

    [Fact]
    public void MapFindsNothingWhereNoRegisterIs()
    {
        Assert.Null(Smmuv3RegisterMap.Find(0, 0x30));      // SMMU_S2PII (v3.4), left out of the v3.3 spec
        Assert.Null(Smmuv3RegisterMap.Find(0, 0xA8));      // page-0 EVENTQ_PROD offset: Reserved, no alias declared
        Assert.Null(Smmuv3RegisterMap.FindContaining(0, 0x118)); // SMMU_GATOS_PAR: not modelled
        Assert.Null(Smmuv3RegisterMap.Find(2, 0x0));
        Assert.Null(Smmuv3RegisterMap.Find(0, 0x2));
        Assert.Null(Smmuv3RegisterMap.FindContaining(1, 0x0));
        Assert.Null(Smmuv3RegisterMap.FindByName("SMMU_CR0"));
        Assert.Null(Smmuv3RegisterMap.FindByName(string.Empty));
    }

    // ------------------------------------------------------------------ metadata

    [Theory]
    [MemberData(nameof(Registers))]
    public void MetadataMasksAgreeWithTheFields(string register) => MetadataChecks.AssertConsistent(Register(register));

    [Theory]
    [MemberData(nameof(Registers))]
    public void AckRegistersHaveTheLayoutOfTheirTarget(string register)
    {
        var info = Register(register);
        if (info.AckOf is null)
        {
            return;
        }

        var target = Smmuv3RegisterMap.FindByName(info.AckOf);
        Assert.True(target is not null, $"{info.Name} acknowledges {info.AckOf}, which the map does not have");
        Assert.Equal(target.Width, info.Width);
        Assert.Equal(target.Fields.Select(f => (f.Name, f.Lsb, f.Width)), info.Fields.Select(f => (f.Name, f.Lsb, f.Width)));
        Assert.Equal(target.ReservedMask, info.ReservedMask);
        switch (info.AckKind)
        {
            case AckKind.Mirror:
                // Software writes the target; the ack only reads back the completed values.
                Assert.Equal(0UL, info.WritableMask);
                Assert.Equal(target.Fields.Select(f => f.EnumValues.Select(v => (v.Name, v.Value)).ToArray()), info.Fields.Select(f => f.EnumValues.Select(v => (v.Name, v.Value)).ToArray()));
                break;
            case AckKind.Toggle:
                // The SMMU toggles the target; software toggles the ack to match.
                Assert.Equal(0UL, target.WritableMask);
                Assert.Equal(target.Fields.Aggregate(0UL, (m, f) => m | f.Mask), info.WritableMask);
                break;
            default:
                Assert.Fail($"{info.Name}: unknown AckKind {info.AckKind}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Registers))]
    public void TypeConstantsAndInfoAgreeWithTheMap(string register) => Run(nameof(CheckConstants), Register(register));

    private static void CheckConstants<T>()
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        Assert.Same(info, Smmuv3RegisterMap.FindByName(info.Name));
        Assert.Equal(info.TypeName, typeof(T).Name);

        Assert.Equal((ulong)info.Page, Constant<T>("Page"));
        Assert.Equal(info.Offset, Constant<T>("Offset"));
        Assert.Equal((ulong)info.Width, Constant<T>("Width"));
        Assert.Equal(info.ResetValue, Constant<T>("ResetValue"));
        Assert.Equal(info.ResetImpdefMask, Constant<T>("ResetImpdefMask"));
        Assert.Equal(info.ResetUnknownMask, Constant<T>("ResetUnknownMask"));
        Assert.Equal(info.WritableMask, Constant<T>("WritableMask"));
        Assert.Equal(info.ReservedMask, Constant<T>("ReservedMask"));
        Assert.Equal(info.Res1Mask, Constant<T>("Res1Mask"));
        Assert.Equal(info.W1cMask, Constant<T>("W1cMask"));
        Assert.Equal(info.SelfClearMask, Constant<T>("SelfClearMask"));

        var reset = typeof(T).GetProperty("Reset", PublicStatic);
        Assert.True(reset is not null, $"{typeof(T).Name}.Reset is missing");
        Assert.Equal(info.ResetValue, ((T)reset.GetValue(null)!).Bits);

        foreach (var f in info.Fields.Where(f => HasAccessor(f)))
        {
            Assert.Equal(f.Mask, Constant<T>(f.PropertyName + "Mask"));
            Assert.Equal((ulong)f.Lsb, Constant<T>(f.PropertyName + "Shift"));
        }

        // Bits above the width are dropped; equality is by raw bits.
        Assert.Equal(info.WidthMask, T.FromBits(ulong.MaxValue).Bits);
        var a = T.FromBits(0x1234_5678_9ABC_DEF0UL);
        var b = T.FromBits(0x1234_5678_9ABC_DEF0UL);
        Assert.True(a.Equals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(T.FromBits(0x1234_5678_9ABC_DEF1UL)));
    }

    [Theory]
    [MemberData(nameof(Registers))]
    public void TypeHasAccessorsForExactlyTheNonReservedFields(string register)
    {
        var info = Register(register);
        var type = RegisterType(info);
        var expected = info.Fields.Where(HasAccessor).Select(f => f.PropertyName).Order(StringComparer.Ordinal).ToArray();

        var properties = type.GetProperties(PublicInstance).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, properties);
        var withMethods = type.GetMethods(PublicInstance).Where(m => m.Name.StartsWith("With", StringComparison.Ordinal)).Select(m => m.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Select(p => "With" + p), withMethods);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void PropertyTypeFitsTheField(string register, string field)
    {
        var (info, f) = Field(register, field);
        if (!HasAccessor(f))
        {
            return;
        }

        var type = Accessors(RegisterType(info), f).Property.PropertyType;
        if (f.IsAddress)
        {
            Assert.Equal(info.Width == 64 ? typeof(ulong) : typeof(uint), type);
            Assert.Empty(f.EnumValues);
        }
        else if (f.EnumValues.Count > 0)
        {
            Assert.True(type.IsEnum, $"{info.Name}.{f.Name} has encodings but its property is {type.Name}");
            Assert.True(TypeBits(type) >= f.Width, $"{info.Name}.{f.Name}: {type.Name} is narrower than {f.Width} bits");
        }
        else if (f.Width == 1)
        {
            Assert.Equal(typeof(bool), type);
        }
        else
        {
            // The smallest unsigned type that holds the field.
            var smallest = f.Width <= 8 ? typeof(byte) : f.Width <= 16 ? typeof(ushort) : f.Width <= 32 ? typeof(uint) : typeof(ulong);
            Assert.Equal(smallest, type);
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void EnumTypeNamesEveryEncodingOfTheField(string register, string field)
    {
        var (info, f) = Field(register, field);
        if (!HasAccessor(f) || f.EnumValues.Count == 0)
        {
            return;
        }

        var type = Accessors(RegisterType(info), f).Property.PropertyType;
        Assert.Equal(f.EnumValues.Count, Enum.GetValues(type).Length);
        Assert.Equal(f.EnumValues.Count, f.EnumValues.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var v in f.EnumValues)
        {
            Assert.True(v.Value <= f.MaxValue, $"{info.Name}.{f.Name}: {v.Name}={v.Value} does not fit {f.Width} bits");
            Assert.Equal(Identifiers.ToPascal(v.Name), Enum.GetName(type, Enum.ToObject(type, v.Value)));
        }
    }

    // ------------------------------------------------------------------ every field: With and the property

    [Theory]
    [MemberData(nameof(Fields))]
    public void WithSetsTheFieldAndNothingElse(string register, string field)
    {
        var (info, f) = Field(register, field);
        if (!HasAccessor(f))
        {
            // Reserved fields are metadata only: no property, no With.
            Assert.Null(RegisterType(info).GetProperty(f.PropertyName, PublicInstance));
            return;
        }

        Run(nameof(CheckWith), info, f);
    }

    private static void CheckWith<T>(FieldInfo f)
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        var (property, with) = Accessors(typeof(T), f);
        var backgrounds = new[] { 0UL, info.WidthMask, 0xA5A5_A5A5_A5A5_A5A5UL & info.WidthMask, 0x5A5A_5A5A_5A5A_5A5AUL & info.WidthMask };
        var values = new[] { 0UL, f.MaxValue, 0x5555_5555_5555_5555UL & f.MaxValue }.Distinct().ToArray();

        foreach (var background in backgrounds)
        {
            // Reading: the property shows the field's bits of any raw value.
            Assert.Equal(Argument(f, property.PropertyType, f.Extract(background)), property.GetValue(T.FromBits(background)));

            foreach (var value in values)
            {
                var original = T.FromBits(background);
                object boxed = original;
                var argument = Argument(f, property.PropertyType, value);
                var result = (T)with.Invoke(boxed, BindingFlags.DoNotWrapExceptions, null, [argument], CultureInfo.InvariantCulture)!;
                var where = $"{info.Name}.With{f.PropertyName}({Describe(argument)}) on 0x{background:X}";

                Assert.True(background == ((T)boxed).Bits, $"{where} changed the value it was called on");
                Assert.True((result.Bits & ~f.Mask) == (background & ~f.Mask), $"{where} changed bits outside {f.Name}: 0x{result.Bits:X}");
                Assert.True(value == f.Extract(result.Bits), $"{where} stored 0x{f.Extract(result.Bits):X}");
                Assert.Equal(argument, property.GetValue(result));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void WithRejectsWhatTheFieldCannotHold(string register, string field)
    {
        var (info, f) = Field(register, field);
        if (HasAccessor(f))
        {
            Run(nameof(CheckRejects), info, f);
        }
    }

    private static void CheckRejects<T>(FieldInfo f)
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        var (property, with) = Accessors(typeof(T), f);
        var type = property.PropertyType;
        var subject = T.FromBits(0x5A5A_5A5A_5A5A_5A5AUL);
        var rejected = new List<(object Argument, string Expected)>();

        if (f.IsAddress)
        {
            var prefix = $"{info.Name}.{f.Name} holds address bits {f.Bits}; ";
            if (f.Lsb > 0)
            {
                var misaligned = (1UL << f.Lsb) | (1UL << (f.Lsb - 1));
                rejected.Add((Convert.ChangeType(misaligned, type, CultureInfo.InvariantCulture), prefix + $"address 0x{misaligned:X} is not {1UL << f.Lsb}-byte aligned"));
            }

            if (f.Msb + 1 < TypeBits(type))
            {
                var tooWide = (1UL << (f.Msb + 1)) | (1UL << f.Lsb);
                rejected.Add((Convert.ChangeType(tooWide, type, CultureInfo.InvariantCulture), prefix + $"address 0x{tooWide:X} has bits above bit {f.Msb}"));
            }

            Assert.True(rejected.Count > 0 || f.Mask == info.WidthMask, $"{info.Name}.{f.Name}: an address field that takes every address");
        }
        else
        {
            var capacity = TypeBits(type);
            if (f.Width >= capacity)
            {
                // The type cannot hold a value too wide for the field: nothing to reject.
                Assert.True(f.Width == capacity, $"{info.Name}.{f.Name}: {type.Name} narrower than {f.Width} bits");
                return;
            }

            var widthText = $"is {f.Width} bit{(f.Width == 1 ? string.Empty : "s")} wide";
            var typeMax = capacity >= 64 ? ulong.MaxValue : (1UL << capacity) - 1;
            foreach (var tooBig in new[] { f.MaxValue + 1, typeMax }.Distinct())
            {
                rejected.Add((Argument(f, type, tooBig), $"{info.Name}.{f.Name} (bits {f.Bits}) {widthText}; 0x{tooBig:X} does not fit (maximum 0x{f.MaxValue:X})"));
            }
        }

        foreach (var (argument, expected) in rejected)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => with.Invoke(subject, BindingFlags.DoNotWrapExceptions, null, [argument], CultureInfo.InvariantCulture));
            Assert.Equal("value", e.ParamName);
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }
    }

    // ------------------------------------------------------------------ ToString

    [Theory]
    [MemberData(nameof(Registers))]
    public void ToStringShowsEveryNonZeroFieldByName(string register) => Run(nameof(CheckToString), Register(register));

    private static void CheckToString<T>()
        where T : struct, IRegister<T>
    {
        var info = T.Info;
        var digits = info.Width == 64 ? 16 : 8;
        Assert.Equal($"{info.Name} 0x{new string('0', digits)} {{}}", T.FromBits(0).ToString());

        foreach (var raw in new[] { info.WidthMask, 0x5A5A_5A5A_5A5A_5A5AUL & info.WidthMask, info.ResetValue })
        {
            var shown = info.Fields
                .Where(f => HasAccessor(f) && f.Extract(raw) != 0)
                .Select(f => $"{f.Name}={Shown(f, f.Extract(raw))}")
                .ToArray();
            var body = shown.Length == 0 ? "{}" : "{ " + string.Join(", ", shown) + " }";
            var hex = raw.ToString(info.Width == 64 ? "X16" : "X8", CultureInfo.InvariantCulture);
            Assert.Equal($"{info.Name} 0x{hex} {body}", T.FromBits(raw).ToString());
        }
    }

    /// <summary>How a field value is expected to print: its encoding's name, an address in place, or the number.</summary>
    private static string Shown(FieldInfo f, ulong value)
    {
        var named = f.EnumValues.FirstOrDefault(v => v.Value == value);
        if (named is not null)
        {
            return named.Name;
        }

        if (f.IsAddress)
        {
            return "0x" + (value << f.Lsb).ToString("X", CultureInfo.InvariantCulture);
        }

        return value < 10 ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("X", CultureInfo.InvariantCulture);
    }

    // ------------------------------------------------------------------ documentation

    [Fact]
    public void GeneratedDocCommentsUseXmlTagsRatherThanEscapedTagText()
    {
        // The generator means <paramref>, <see cref> and <c> as tags; escaped, IntelliSense and
        // the documentation file show them as literal text ("set to <paramref name="value"/>").
        var xmlPath = Path.ChangeExtension(typeof(Smmuv3RegisterMap).Assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), $"{xmlPath} is missing (SmmuGen.Runtime builds its documentation file)");
        var offenders = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => m.Elements().Any(e => EscapedTag.IsMatch(e.Value)))
            .Select(m => (string?)m.Attribute("name") ?? "?")
            .ToArray();
        Assert.True(
            offenders.Length == 0,
            $"{offenders.Length} generated members document XML tags as escaped text, e.g.{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", offenders.Take(8)));
    }

    private static readonly Regex EscapedTag = new(@"<(paramref|see|c)[\s/>]", RegexOptions.CultureInvariant);

    // ------------------------------------------------------------------ shared

    internal static RegisterInfo Register(string name)
    {
        var info = Smmuv3RegisterMap.FindByName(name);
        Assert.True(info is not null, $"Smmuv3RegisterMap.FindByName(\"{name}\") found nothing");
        return info;
    }

    private static (RegisterInfo Info, FieldInfo Field) Field(string register, string field)
    {
        var info = Register(register);
        var f = info.Fields.SingleOrDefault(x => x.Name == field);
        Assert.True(f is not null, $"{register} has no field {field}");
        return (info, f);
    }

    internal static Type RegisterType(RegisterInfo info)
    {
        var type = typeof(Smmuv3RegisterMap).Assembly.GetType($"{Namespace}.{info.TypeName}", throwOnError: false);
        Assert.True(type is not null, $"{info.Name}: no type {Namespace}.{info.TypeName}");
        Assert.True(type.IsValueType, $"{type.Name} is not a struct");
        return type;
    }

    private static bool HasAccessor(FieldInfo f) => f.Access is not (FieldAccess.Res0 or FieldAccess.Res1);

    private static (PropertyInfo Property, MethodInfo With) Accessors(Type type, FieldInfo f)
    {
        var property = type.GetProperty(f.PropertyName, PublicInstance);
        Assert.True(property is not null, $"{type.Name}.{f.PropertyName} (field {f.Name}) is missing");
        var with = type.GetMethod("With" + f.PropertyName, PublicInstance, [property.PropertyType]);
        Assert.True(with is not null, $"{type.Name}.With{f.PropertyName}({property.PropertyType.Name}) is missing");
        Assert.Equal(type, with.ReturnType);
        return (property, with);
    }

    /// <summary>Calls <paramref name="method"/>&lt;T&gt; with T the generated type of <paramref name="info"/>.</summary>
    private static void Run(string method, RegisterInfo info, params object[] args) =>
        typeof(GeneratedRegisterTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(RegisterType(info))
            .Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, CultureInfo.InvariantCulture);

    private static ulong Constant<T>(string name)
    {
        var field = typeof(T).GetField(name, PublicStatic);
        Assert.True(field is not null && field.IsLiteral, $"{typeof(T).Name}.{name} is not a constant");
        return Convert.ToUInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
    }

    /// <summary>The argument a <c>With…</c> method takes for field value <paramref name="value"/> (shifted down).</summary>
    private static object Argument(FieldInfo f, Type type, ulong value) =>
        f.IsAddress ? Convert.ChangeType(value << f.Lsb, type, CultureInfo.InvariantCulture)
        : type == typeof(bool) ? value != 0
        : type.IsEnum ? Enum.ToObject(type, value)
        : Convert.ChangeType(value, type, CultureInfo.InvariantCulture);

    private static int TypeBits(Type type)
    {
        var t = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        return t == typeof(bool) ? 1
            : t == typeof(byte) ? 8
            : t == typeof(ushort) ? 16
            : t == typeof(uint) ? 32
            : t == typeof(ulong) ? 64
            : throw new InvalidOperationException($"unexpected field type {type}");
    }

    private static string Describe(object argument) =>
        argument is Enum e ? $"{e} (0x{Convert.ToUInt64(e, CultureInfo.InvariantCulture):X})" : Convert.ToString(argument, CultureInfo.InvariantCulture) ?? string.Empty;
}
