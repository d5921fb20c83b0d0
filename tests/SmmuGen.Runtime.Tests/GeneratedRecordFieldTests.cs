using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// Every field of every generated SMMUv3 record (and record variant), driven by the generated
/// metadata: 0 and the maximum on all-zero and all-one backgrounds read back, every other bit
/// stays, With… never mutates, too-wide values throw; and FsCheck properties that the byte
/// marshalling round-trips and that each accessor agrees with the metadata's bit range.
/// Reflection is used here only to find the generated members by the names the metadata gives.
/// </summary>
public sealed class GeneratedRecordFieldTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true);

    public static IEnumerable<Type> RecordTypes() =>
        typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetExportedTypes()
            .Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRecord<>)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static TheoryData<string, string> Fields()
    {
        var data = new TheoryData<string, string>();
        foreach (var t in RecordTypes())
        {
            foreach (var f in InfoOf(t).Fields.Where(f => f.Access is not FieldAccess.Res0 and not FieldAccess.Res1))
            {
                data.Add(t.FullName!, f.Name);
            }
        }

        return data;
    }

    public static TheoryData<string> Records()
    {
        var data = new TheoryData<string>();
        foreach (var t in RecordTypes())
        {
            data.Add(t.FullName!);
        }

        return data;
    }

    [Fact]
    public void TheRuntimeHasTheSmmuv3Records()
    {
        var names = RecordTypes().Select(t => InfoOf(t).Name).ToList();
        Assert.Contains("STE", names);
        Assert.Contains("CD", names);
        Assert.Contains("CMD", names);
        Assert.Contains("EVT", names);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Field_ZeroAndMax_ReadBack_AndLeaveEveryOtherBitAlone(string typeName, string fieldName)
    {
        var type = Type.GetType(typeName + ", " + typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetName().Name, throwOnError: true)!;
        var info = InfoOf(type);
        var field = info.FindField(fieldName)!;
        var property = type.GetProperty(field.PropertyName)!;
        var with = type.GetMethod("With" + field.PropertyName)!;
        var words = info.WordCount;

        foreach (var background in new[] { 0UL, ulong.MaxValue })
        {
            var start = FromWords(type, Enumerable.Repeat(background, words).ToArray());
            foreach (var value in new[] { 0UL, MaxOf(field) })
            {
                var result = with.Invoke(start, new[] { Box(property.PropertyType, value) })!;
                Assert.Equal(value, Unbox(property.GetValue(result)!));
                Assert.Equal(Enumerable.Repeat(background, words), WordsOf(start)); // With… does not mutate

                var expected = Enumerable.Repeat(background, words).ToArray();
                var raw = field.IsAddress ? value >> (field.Lsb % 64) : value;
                for (var bit = 0; bit < field.Width; bit++)
                {
                    var at = field.Lsb + bit;
                    var set = ((raw >> bit) & 1) != 0;
                    expected[at / 64] = set ? expected[at / 64] | (1UL << (at % 64)) : expected[at / 64] & ~(1UL << (at % 64));
                }

                Assert.Equal(expected, WordsOf(result));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Field_TooWideValue_Throws_NamingTheField(string typeName, string fieldName)
    {
        var type = Type.GetType(typeName + ", " + typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetName().Name, throwOnError: true)!;
        var field = InfoOf(type).FindField(fieldName)!;
        var property = type.GetProperty(field.PropertyName)!;
        var with = type.GetMethod("With" + field.PropertyName)!;
        var start = FromWords(type, new ulong[InfoOf(type).WordCount]);
        ulong? bad = field.IsAddress
            ? (field.Lsb % 64 > 0 ? 1UL : (field.Lsb % 64) + field.Width < 64 ? 1UL << ((field.Lsb % 64) + field.Width) : null)
            : CapacityOf(property.PropertyType) > field.Width ? 1UL << field.Width : null;
        if (bad is null)
        {
            return; // the property type cannot hold a value the field does not
        }

        var ex = Assert.Throws<TargetInvocationException>(() => with.Invoke(start, new[] { Box(property.PropertyType, bad.Value) }));
        var inner = Assert.IsType<ArgumentOutOfRangeException>(ex.InnerException);
        Assert.Contains($".{field.Name}", inner.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Marshalling_RoundTrips_AndAccessorsAgreeWithTheMetadata(string typeName)
    {
        var type = Type.GetType(typeName + ", " + typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetName().Name, throwOnError: true)!;
        var info = InfoOf(type);
        var roundTrip = typeof(GeneratedRecordFieldTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        var gen = ArbMap.Default.GeneratorFor<ulong>().ArrayOf(info.WordCount);
        Prop.ForAll(gen.ToArbitrary(), words =>
        {
            var value = FromWords(type, words);
            var (bytes, back, equal) = ((byte[], ulong[], bool))roundTrip.Invoke(null, new object[] { words })!;
            if (!equal || !back.SequenceEqual(words))
            {
                return false;
            }

            // Little-endian on every host: byte i is bits 8i..8i+7 of the value.
            for (var i = 0; i < info.Size; i++)
            {
                if (bytes[i] != (byte)(words[i / 8] >> (8 * (i % 8))))
                {
                    return false;
                }
            }

            foreach (var f in info.Fields.Where(f => f.Access is not FieldAccess.Res0 and not FieldAccess.Res1))
            {
                var got = Unbox(type.GetProperty(f.PropertyName)!.GetValue(value)!);
                var expected = f.IsAddress ? f.ExtractFrom(words) << (f.Lsb % 64) : f.ExtractFrom(words);
                if (got != expected)
                {
                    return false;
                }
            }

            return true;
        }).Check(Quick);
    }

    private static RecordInfo InfoOf(Type t) => (RecordInfo)t.GetProperty("Info", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static object FromWords(Type t, ulong[] words) =>
        t.GetMethod("FromWords", new[] { typeof(ReadOnlySpan<ulong>) }) is { } m
            ? InvokeFromWords(m, words)
            : throw new InvalidOperationException(t + " has no FromWords");

    private static object InvokeFromWords(MethodInfo m, ulong[] words)
    {
        // ReadOnlySpan cannot be boxed for reflection: go through a typed delegate.
        var open = typeof(GeneratedRecordFieldTests).GetMethod(nameof(CallFromWords), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(m.DeclaringType!);
        return open.Invoke(null, new object[] { words })!;
    }

    private static object CallFromWords<T>(ulong[] words) where T : struct, IRecord<T> => T.FromWords(words);

    private static (byte[] Bytes, ulong[] Back, bool Equal) RoundTrip<T>(ulong[] words)
        where T : struct, IRecord<T>
    {
        var value = T.FromWords(words);
        var bytes = new byte[T.Size];
        value.WriteTo(bytes);
        var back = T.ReadFrom(bytes);
        return (bytes, Enumerable.Range(0, words.Length).Select(back.GetWord).ToArray(), back.Equals(value));
    }

    private static ulong[] WordsOf(object record)
    {
        var info = InfoOf(record.GetType());
        var get = record.GetType().GetMethod("GetWord")!;
        return Enumerable.Range(0, info.WordCount).Select(i => (ulong)get.Invoke(record, new object[] { i })!).ToArray();
    }

    private static ulong MaxOf(FieldInfo f) => f.IsAddress ? f.MaxValue << (f.Lsb % 64) : f.MaxValue;

    private static int CapacityOf(Type t) => t == typeof(bool) ? 1 : System.Runtime.InteropServices.Marshal.SizeOf(t.IsEnum ? Enum.GetUnderlyingType(t) : t) * 8;

    private static object Box(Type t, ulong value) =>
        t == typeof(bool) ? value != 0
        : t.IsEnum ? Enum.ToObject(t, value)
        : Convert.ChangeType(value, t, System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Unbox(object value) => value switch
    {
        bool b => b ? 1UL : 0UL,
        Enum e => Convert.ToUInt64(e, System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
