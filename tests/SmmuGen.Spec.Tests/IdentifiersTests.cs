using SmmuGen.Spec.Naming;

namespace SmmuGen.Spec.Tests;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("STRTAB_BASE_CFG", "StrtabBaseCfg")]
    [InlineData("EVENTQ_IRQEN", "EventqIrqen")]
    [InlineData("CR0", "Cr0")]
    [InlineData("SMMU_IDR0", "SmmuIdr0")]
    [InlineData("nGnRE", "NGnRE")]        // a part with lower case keeps its spelling
    [InlineData("Device_nGnRnE", "DeviceNGnRnE")]
    [InlineData("sid", "Sid")]
    [InlineData("A__B", "AB")]            // empty parts vanish
    [InlineData("_EN_", "En")]
    [InlineData("48BIT", "_48bit")]       // a leading digit gets an underscore
    [InlineData("V3_0", "V3_0")]          // digit to digit keeps the underscore: not V30
    [InlineData("BITS_48", "Bits48")]
    [InlineData("4K_PAGES", "_4kPages")]
    [InlineData("_", "_")]
    [InlineData("", "_")]
    public void ToPascal_TurnsArchitectureNamesIntoCSharpNames(string name, string expected)
    {
        Assert.Equal(expected, Identifiers.ToPascal(name));
    }

    [Theory]
    [InlineData("STRTAB_BASE_CFG")]
    [InlineData("nGnRE")]
    [InlineData("48BIT")]
    [InlineData("A__B")]
    public void ToPascal_AlwaysGivesAValidIdentifier(string name)
    {
        Assert.True(Identifiers.IsValid(Identifiers.ToPascal(name)));
    }

    [Theory]
    [InlineData("CR0", true)]
    [InlineData("_x", true)]
    [InlineData("a1_B2", true)]
    [InlineData("0X", false)]
    [InlineData("CR-0", false)]
    [InlineData("CR 0", false)]
    [InlineData("", false)]
    [InlineData("CR0\n", false)]           // '$' would let a trailing newline through
    [InlineData("\u00C9TAT", false)]       // ASCII letters only
    public void IsValid_AcceptsOnlyAsciiIdentifiers(string name, bool valid)
    {
        Assert.Equal(valid, Identifiers.IsValid(name));
    }

    [Theory]
    [InlineData("SmmuGen.Smmuv3", true)]
    [InlineData("Demo", true)]
    [InlineData("A..B", false)]
    [InlineData("A.", false)]
    [InlineData(".A", false)]
    [InlineData("A.1B", false)]
    [InlineData("A.B\n", false)]
    public void IsValidNamespace_AcceptsDottedIdentifiers(string name, bool valid)
    {
        Assert.Equal(valid, Identifiers.IsValidNamespace(name));
    }
}
