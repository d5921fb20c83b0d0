using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// FsCheck properties over every generated iommufd struct: the C bytes round-trip through
/// ReadFrom/WriteTo, and size-prefixed structs obey iommufd's extensible-struct rule for
/// shorter, exact and longer caller buffers (zero-filled tail, -EINVAL below the minimum,
/// -E2BIG for non-zero bytes past the struct).
/// </summary>
public sealed class GeneratedUapiStructTests
{
    private const int EINVAL = 22;
    private const int E2BIG = 7;
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(150).WithQuietOnSuccess(true);

    public static IEnumerable<Type> StructTypes(Type contract) =>
        typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetExportedTypes()
            .Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == contract))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static TheoryData<string> Structs() => Data(typeof(IUapiStruct<>));

    public static TheoryData<string> ExtensibleStructs() => Data(typeof(IExtensibleStruct<>));

    [Fact]
    public void EveryIommufdStructIsGenerated_AndTheSizePrefixedOnesAreExtensible()
    {
        var all = StructTypes(typeof(IUapiStruct<>)).ToList();
        Assert.Equal(35, all.Count); // iommufd.h as of 6.17 (the oracle lists 35 structs)
        var extensible = StructTypes(typeof(IExtensibleStruct<>)).Select(t => t.Name).ToList();
        Assert.Contains("IommuHwptAlloc", extensible);
        Assert.Contains("IommuViommuAlloc", extensible);
        Assert.DoesNotContain("IommuIovaRange", extensible); // not size-prefixed: embedded in arrays
    }

    [Theory]
    [MemberData(nameof(Structs))]
    public void CBytes_RoundTripThroughReadFromAndWriteTo(string typeName) =>
        Invoke(nameof(RoundTrip), typeName);

    [Theory]
    [MemberData(nameof(ExtensibleStructs))]
    public void SizeRule_AcceptsShorterAndLongerBuffers_AsIommufdDoes(string typeName) =>
        Invoke(nameof(SizeRule), typeName);

    private static void RoundTrip<T>()
        where T : struct, IUapiStruct<T>
    {
        var size = T.Info.Size;
        Prop.ForAll(ArbMap.Default.GeneratorFor<byte>().ArrayOf(size).ToArbitrary(), bytes =>
        {
            var value = T.ReadFrom(bytes);
            var back = new byte[size];
            value.WriteTo(back);
            return back.AsSpan().SequenceEqual(bytes) && T.ReadFrom(back).Equals(value);
        }).Check(Quick);
    }

    private static void SizeRule<T>()
        where T : struct, IExtensibleStruct<T>
    {
        var size = T.Info.Size;
        var min = T.Info.MinSize;
        var gen =
            from body in ArbMap.Default.GeneratorFor<byte>().ArrayOf(size)
            from length in Gen.Choose(0, size + 24)
            from tailNonZero in ArbMap.Default.GeneratorFor<bool>()
            select (body, length, tailNonZero);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var user = new byte[c.length];
            c.body.AsSpan(0, Math.Min(c.length, size)).CopyTo(user);
            if (c.length > size && c.tailNonZero)
            {
                user[^1] = 0x5A;
            }

            var result = T.Read(user, min, out var value);
            if (c.length < min)
            {
                return result == -EINVAL && value.Equals(default);
            }

            if (c.length > size && c.tailNonZero)
            {
                return result == -E2BIG;
            }

            // Accepted: what the caller passed is kept, the rest reads as zero.
            var expected = new byte[size];
            user.AsSpan(0, Math.Min(c.length, size)).CopyTo(expected);
            var written = new byte[size];
            value.WriteTo(written);
            var copied = new byte[c.length];
            var count = value.Write(copied);
            return result == 0
                && written.AsSpan().SequenceEqual(expected)
                && count == Math.Min(c.length, size)
                && copied.AsSpan(0, count).SequenceEqual(expected.AsSpan(0, count));
        }).Check(Quick);
    }

    private static TheoryData<string> Data(Type contract)
    {
        var data = new TheoryData<string>();
        foreach (var t in StructTypes(contract))
        {
            data.Add(t.FullName!);
        }

        return data;
    }

    private static void Invoke(string method, string typeName)
    {
        var type = typeof(SmmuGen.Smmuv3.Cr0).Assembly.GetType(typeName, throwOnError: true)!;
        try
        {
            typeof(GeneratedUapiStructTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }
}
