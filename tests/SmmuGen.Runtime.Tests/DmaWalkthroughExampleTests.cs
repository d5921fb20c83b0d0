using System.IO;
using SmmuGen.Examples.DmaWalkthrough;

namespace SmmuGen.Runtime.Tests;

/// <summary>examples/dma-walkthrough, which the README shows, kept running and printing what the README says.</summary>
public sealed class DmaWalkthroughExampleTests
{
    [Fact]
    public void Walkthrough_PrintsWhatTheReadmeShows()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Walkthrough.Run(output);

        Assert.Equal(
            """
            probe: stage1=True stage2=True sids=16 bits ssids=20 bits oas=Bits48
            dma read 11 bytes from iova 0x40000010: "hello, smmu"
            dma wrote "ack" at pa 0x812345020
            irq: EventQueue
            dma to iova 0x50000000: Aborted
            event: F_TRANSLATION { EVENT_ID=F_TRANSLATION, StreamID=0x21, CLASS=IN, InputAddr=0x50000000 }
              -> F_TRANSLATION sid 0x21 iova 0x50000000 write

            """,
            output.ToString());
    }

    [Fact]
    public void ReadmeWalkthroughOutput_IsTheExamplesOutput()
    {
        using var output = new StringWriter { NewLine = "\n" };
        Walkthrough.Run(output);

        var readme = File.ReadAllText(Path.Combine(RepositoryLocation.Find().RequireRoot(), "README.md")).Replace("\r\n", "\n", System.StringComparison.Ordinal);

        Assert.Contains(output.ToString(), readme, System.StringComparison.Ordinal);
    }
}
