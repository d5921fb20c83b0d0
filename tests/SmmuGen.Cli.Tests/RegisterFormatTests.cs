using System.Linq;
using SmmuGen.Spec;

namespace SmmuGen.Cli.Tests;

// Inside the namespace, so it wins over SmmuGen.RegisterFormat of the referenced runtime's abstractions.
using RegisterFormat = SmmuGen.Cli.Rendering.RegisterFormat;

public sealed class RegisterFormatTests
{
    private static Spec.Model.RegisterSpec Register(string name)
    {
        var result = SpecCompiler.Compile("demo.yaml", Fixtures.Valid);
        Assert.False(result.HasErrors);
        return result.Document!.Registers.Single(r => r.Name == name);
    }

    [Theory]
    [InlineData("IDR", "IMPDEF")]
    [InlineData("CTRL", "0x0")]
    [InlineData("BYPASS", "0x0 (IMPDEF: ABORT)")]
    public void ResetShowsImpdefParts(string register, string expected) =>
        Assert.Equal(expected, RegisterFormat.Reset(Register(register).Reset));

    [Fact]
    public void FieldsAreListedHighestBitFirst() =>
        Assert.Equal(new[] { "IRQ[31]", "MODE[3:1]", "EN[0]" }, RegisterFormat.Fields(Register("CTRL")));

    [Fact]
    public void AccessListsDistinctAccessesInAFixedOrder() =>
        Assert.Equal("RW, W1C", RegisterFormat.Access(Register("CTRL")));

    [Theory]
    [InlineData(0x0UL, "0x0000")]
    [InlineData(0xA8UL, "0x00A8")]
    [InlineData(0x10044UL, "0x10044")]
    public void OffsetsHaveFourHexDigits(ulong offset, string expected) =>
        Assert.Equal(expected, RegisterFormat.Offset(offset));
}
