using SmmuGen.Spec.Loading;
using SmmuGen.Spec.Model;

namespace SmmuGen.Spec.Tests;

public sealed class ScalarParserTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("42", 42UL)]
    [InlineData(" 7 ", 7UL)]
    [InlineData("0x20", 0x20UL)]
    [InlineData("0X1f", 0x1FUL)]
    [InlineData("0x1_0000", 0x10000UL)]
    [InlineData("0b101", 5UL)]
    [InlineData("0B1_0", 2UL)]
    [InlineData("1_000_000", 1_000_000UL)]
    [InlineData("007", 7UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("0xFFFF_FFFF_FFFF_FFFF", ulong.MaxValue)]
    [InlineData("0b1111111111111111111111111111111111111111111111111111111111111111", ulong.MaxValue)]
    public void TryParseNumber_AcceptsDecimalHexBinaryAndUnderscores(string text, ulong expected)
    {
        Assert.True(ScalarParser.TryParseNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("_")]
    [InlineData("0x")]
    [InlineData("0x_")]
    [InlineData("0b")]
    [InlineData("0b102")]
    [InlineData("0xG")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0o17")]
    [InlineData("twelve")]
    [InlineData("18446744073709551616")]
    [InlineData("0x1_0000_0000_0000_0000")]
    [InlineData("0b11111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData("\u0664\u0662")] // Arabic-Indic digits
    public void TryParseNumber_RejectsEverythingElse(string text)
    {
        Assert.False(ScalarParser.TryParseNumber(text, out _));
    }

    [Theory]
    [InlineData("51:6", 51, 6)]
    [InlineData("3", 3, 3)]
    [InlineData("0", 0, 0)]
    [InlineData("[51:6]", 51, 6)]
    [InlineData("[62]", 62, 62)]
    [InlineData(" 7 : 0 ", 7, 0)]
    [InlineData("4095:0", 4095, 0)]
    [InlineData("511:448", 511, 448)]
    [InlineData("5:5", 5, 5)]
    public void TryParseBits_AcceptsHiLoSingleAndBracketed(string text, int msb, int lsb)
    {
        Assert.Null(ScalarParser.TryParseBits(text, out var bits));
        Assert.Equal(new BitRange(msb, lsb), bits);
    }

    [Theory]
    [InlineData("3:5", "bit range '3:5' is reversed; write the high bit first (\"5:3\")")]
    [InlineData("4096", "bit 4096 in '4096' is above the highest allowed bit 4095")]
    [InlineData("3:4096", "bit 4096 in '3:4096' is above the highest allowed bit 4095")]
    [InlineData("99999999999:0", "bit 99999999999 in '99999999999:0' is above the highest allowed bit 4095")]
    [InlineData("x", "'x' is not a bit range")]
    [InlineData("3-0", "'3-0' is not a bit range")]
    [InlineData("1:2:3", "'1:2:3' is not a bit range")]
    [InlineData(":3", "':3' is not a bit range")]
    [InlineData("-1", "'-1' is not a bit range")]
    [InlineData("", "'' is not a bit range")]
    [InlineData("\u0663:0", "'\u0663:0' is not a bit range")]
    public void TryParseBits_ExplainsWhatIsWrong(string text, string error)
    {
        Assert.StartsWith(error, ScalarParser.TryParseBits(text, out _), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RO", FieldAccess.RO)]
    [InlineData("RW", FieldAccess.RW)]
    [InlineData("WO", FieldAccess.WO)]
    [InlineData("W1C", FieldAccess.W1C)]
    [InlineData("RAZ/WI", FieldAccess.RazWi)]
    [InlineData("RES0", FieldAccess.Res0)]
    [InlineData("RES1", FieldAccess.Res1)]
    [InlineData(" RW ", FieldAccess.RW)]
    public void TryParseAccess_KnowsEverySpelling(string text, FieldAccess expected)
    {
        Assert.True(ScalarParser.TryParseAccess(text, out var access));
        Assert.Equal(expected, access);
    }

    [Theory]
    [InlineData("rw")]
    [InlineData("RAZWI")]
    [InlineData("R/W")]
    [InlineData("")]
    public void TryParseAccess_IsExactAboutCase(string text)
    {
        Assert.False(ScalarParser.TryParseAccess(text, out _));
    }

    [Fact]
    public void AccessNames_RoundTripThroughParseAndName_ForEveryAccess()
    {
        Assert.Equal(System.Enum.GetValues<FieldAccess>().Length, ScalarParser.AccessNames.Length);
        foreach (var name in ScalarParser.AccessNames)
        {
            Assert.True(ScalarParser.TryParseAccess(name, out var access));
            Assert.Equal(name, ScalarParser.AccessName(access));
        }
    }
}
