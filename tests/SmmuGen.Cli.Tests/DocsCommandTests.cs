using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SmmuGen.Cli.Tests;

/// <summary>
/// <c>smmugen docs</c>: small fixture specs check the pages' content, escaping, ids and diagram
/// structure; the browser test renders the pages of the bundled spec/ in headless Chromium.
/// </summary>
public sealed class DocsCommandTests : IDisposable
{
    // Doc text with markup characters in it: every one must reach the reader as text.
    private const string Registers = """
        name: Demo
        namespace: Demo.Docs
        doc: "A demo <device> & its registers."
        registers:
          - name: CTRL
            offset: 0x20
            width: 32
            reset: { value: 0x0, impdef: [MODE], unknown: [IRQ] }
            doc: "Control; EN < MODE & <b>not bold</b>."
            section: "6.3.9"
            fields:
              - { name: EN,   bits: 0,     access: RW, doc: "Enables <everything> & more.", since: "3.1" }
              - { name: MODE, bits: "3:1", access: RW, enum: { OFF: 0, FAST: 1, SLOW: { value: 2, doc: "Slow | careful" } } }
              - { name: IRQ,  bits: 31,    access: W1C }
        """;

    private const string Records = """
        name: Rec
        namespace: Test.Rec
        records:
          - name: CMD
            size: 16
            discriminator: OP
            doc: "Commands *emphasis* stays literal."
            fields:
              - { name: OP, bits: "7:0" }
            variants:
              - name: CMD_SYNC
                value: 0x46
                doc: "Synchronise & signal."
                fields:
                  - { name: CS, bits: "13:12", enum: { NONE: 0, IRQ: 1 } }
                  - { name: SPLIT, bits: "71:60", doc: "Crosses from word 0 into word 1." }
              - name: CMD_NOP
                value: 0x01
        """;

    private const string Uapi = """
        name: Uapi
        namespace: Demo.Uapi
        constants:
          - { name: DEMO_TYPE, value: 0x3b, doc: "The type character ';'." }
        enums:
          - name: demo_flags
            flags: true
            values: { DEMO_F_A: 0x1, DEMO_F_B: 0x2 }
        structs:
          - name: demo_args
            size-prefixed: true
            doc: "Arguments of DEMO_IOCTL."
            members:
              - { name: size, type: __u32 }
              - { name: flags, type: __u32, flags: demo_flags }
              - { name: id, type: __u32 }
              - { name: iova, type: __aligned_u64, doc: "Must be < 2^48 & page aligned." }
        ioctls:
          - { name: DEMO_IOCTL, type: DEMO_TYPE, number: 0x80, struct: demo_args, min-size-member: id, doc: "Do the demo." }
        """;

    private static readonly Regex SvgElement = new("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bitfield\".*?</svg>", RegexOptions.Singleline);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly SpecWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    // ------------------------------------------------------------------ the verb

    [Fact]
    public void WritesAMarkdownFileAndAnHtmlPagePerSpec_AndAnIndex()
    {
        var run = WriteFixturesAndRun();

        Assert.Equal(0, run.ExitCode);
        foreach (var name in new[] { "regs", "cmd", "uapi", "index" })
        {
            Assert.True(File.Exists(Out(name + ".md")), name + ".md");
            Assert.True(File.Exists(Out(name + ".html")), name + ".html");
            Assert.Contains($"wrote out/{name}.html", run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("3 spec files documented in out", run.Out, StringComparison.Ordinal);

        // The struct's padding hole is a warning: reported, but the docs are written.
        Assert.Contains("warning SMMUGEN024", run.Out, StringComparison.Ordinal);
        var index = File.ReadAllText(Out("index.html"));
        Assert.Contains("<a href=\"regs.html\">Demo</a>", index, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecWithErrors_Exits1_AndWritesNothing()
    {
        _workspace.Write("bad.yaml", Fixtures.Overlap);

        var run = _workspace.Run("docs", "bad.yaml", "-o", "out");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error SMMUGEN005", run.Out, StringComparison.Ordinal);
        Assert.Contains("no docs written", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out(string.Empty)));
    }

    [Fact]
    public void WithoutOutput_IsAUsageError()
    {
        _workspace.Write("regs.yaml", Registers);
        Assert.Equal(2, _workspace.Run("docs", "regs.yaml").ExitCode);
        Assert.Equal(2, _workspace.Run("docs", "missing.yaml", "-o", "out").ExitCode);
    }

    [Fact]
    public void SameFileNameInTwoFolders_GetsTheFolderAsPrefix()
    {
        _workspace.Write("a/regs.yaml", Registers);
        _workspace.Write("b/regs.yaml", Fixtures.Valid);

        var run = _workspace.Run("docs", "a", "b", "-o", "out");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Out("a-regs.html")));
        Assert.True(File.Exists(Out("b-regs.html")));
    }

    // ------------------------------------------------------------------ Markdown

    [Fact]
    public void Markdown_RegisterHasItsDiagramRowsResetAndFieldTable()
    {
        WriteFixturesAndRun();
        var md = File.ReadAllText(Out("regs.md"));

        Assert.Contains("### <a id=\"reg-CTRL\"></a>CTRL", md, StringComparison.Ordinal);
        Assert.Contains("page 0 · offset `0x20` · 32-bit · section 6.3.9", md, StringComparison.Ordinal);

        // The diagram: bit ranges as the header, then names, then reset values.
        Assert.Contains("| Bits | 31 | 30:4 | 3:1 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| Field | `IRQ` | *RES0* | `MODE` | `EN` |", md, StringComparison.Ordinal);
        Assert.Contains("| Reset | UNKNOWN | 0x0 | IMPDEF | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("Reset: 0x00000000; IMPLEMENTATION DEFINED: MODE; UNKNOWN: IRQ", md, StringComparison.Ordinal);

        Assert.Contains("| Bits | Access | Name | Values | Description | Section | Since |", md, StringComparison.Ordinal);
        Assert.Contains("| 3:1 | RW | <a id=\"reg-CTRL.MODE\"></a>`MODE` | `0x0` OFF<br>`0x1` FAST<br>`0x2` SLOW |", md, StringComparison.Ordinal);
        Assert.Contains("| 0 | RW | <a id=\"reg-CTRL.EN\"></a>`EN` |  | Enables \\<everything\\> \\& more. |  | 3.1 |", md, StringComparison.Ordinal);
        Assert.Contains("| 31 | W1C | <a id=\"reg-CTRL.IRQ\"></a>`IRQ` |", md, StringComparison.Ordinal);

        // Markup in spec text stays text.
        Assert.Contains("A demo \\<device\\> \\& its registers.", md, StringComparison.Ordinal);
        Assert.Contains("Control; EN \\< MODE \\& \\<b\\>not bold\\</b\\>.", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<everything>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_RecordIsDrawnPerWord_WithVariantsAndTheCrossingField()
    {
        WriteFixturesAndRun();
        var md = File.ReadAllText(Out("cmd.md"));

        Assert.Contains("### <a id=\"rec-CMD\"></a>CMD", md, StringComparison.Ordinal);
        Assert.Contains("Commands \\*emphasis\\* stays literal.", md, StringComparison.Ordinal);

        // The variant table: discriminator value, name, fields.
        Assert.Contains("| OP | Variant | Fields | Description |", md, StringComparison.Ordinal);
        Assert.Contains("| `0x46` | [CMD\\_SYNC](#var-CMD-CMD_SYNC) | [CS](#var-CMD-CMD_SYNC.CS), [SPLIT](#var-CMD-CMD_SYNC.SPLIT) | Synchronise \\& signal. |", md, StringComparison.Ordinal);
        Assert.Contains("| `0x1` | [CMD\\_NOP](#var-CMD-CMD_NOP) |  |", md, StringComparison.Ordinal);

        // CMD_SYNC: one table per 64-bit word; SPLIT (71:60) is in both, each part named.
        Assert.Contains("#### <a id=\"var-CMD-CMD_SYNC\"></a>CMD CMD\\_SYNC (OP = `0x46`)", md, StringComparison.Ordinal);
        Assert.Contains("| Word 0 (63:0) | 63:60 | 59:14 | 13:12 | 11:8 | 7:0 |", md, StringComparison.Ordinal);
        Assert.Contains("| Field | `SPLIT[3:0]` | *RES0* | `CS` | *RES0* | `OP=0x46` |", md, StringComparison.Ordinal);
        Assert.Contains("| Word 1 (127:64) | 63:8 | 7:0 |", md, StringComparison.Ordinal);
        Assert.Contains("| Field | *RES0* | `SPLIT[11:4]` |", md, StringComparison.Ordinal);
        Assert.Contains("| 71:60 | 0–1 | RW | <a id=\"var-CMD-CMD_SYNC.SPLIT\"></a>`SPLIT` |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_StructShowsOffsetsSizesThePaddingHoleAndTheIoctl()
    {
        WriteFixturesAndRun();
        var md = File.ReadAllText(Out("uapi.md"));

        Assert.Contains("### <a id=\"struct-demo_args\"></a>struct demo\\_args", md, StringComparison.Ordinal);
        Assert.Contains("size 24 · align 8 · 4 padding bytes · size-prefixed (extensible) · [DEMO\\_IOCTL](#ioctl-DEMO_IOCTL) (min size 12)", md, StringComparison.Ordinal);
        Assert.Contains("| 8 | 4 | `__u32` | <a id=\"struct-demo_args.id\"></a>`id` |", md, StringComparison.Ordinal);
        Assert.Contains("| 12 | 4 | | *padding* | | 4 bytes the compiler inserts before iova |", md, StringComparison.Ordinal);
        Assert.Contains("| 16 | 8 | `__aligned_u64` | <a id=\"struct-demo_args.iova\"></a>`iova` |  | Must be \\< 2^48 \\& page aligned. |", md, StringComparison.Ordinal);
        Assert.Contains("[flags demo\\_flags](#enum-demo_flags)", md, StringComparison.Ordinal);

        // _IO(';', 0x80): no direction, no size.
        Assert.Contains("| <a id=\"ioctl-DEMO_IOCTL\"></a>`DEMO_IOCTL` | `0x00003b80` | `_IO(0x3b, 0x80)` | [struct demo\\_args](#struct-demo_args) | 12 | Do the demo. |", md, StringComparison.Ordinal);
        Assert.Contains("| <a id=\"const-DEMO_TYPE\"></a>`DEMO_TYPE` | `0x3b` | The type character ';'. |", md, StringComparison.Ordinal);
        Assert.Contains("| `0x2` | DEMO\\_F\\_B |", md, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ HTML

    [Fact]
    public void Html_IsSelfContained_AndEscapesSpecText()
    {
        WriteFixturesAndRun();
        var html = File.ReadAllText(Out("regs.html"));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<input id=\"q\" type=\"search\"", html, StringComparison.Ordinal);

        // Nothing is fetched: no external scripts, stylesheets, images or URLs.
        Assert.DoesNotMatch("<script[^>]*src=|<link[^>]*stylesheet|<img |https?://(?!www\\.w3\\.org/2000/svg)", html);

        Assert.Contains("<p class=\"doc\">A demo &lt;device&gt; &amp; its registers.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"doc\">Control; EN &lt; MODE &amp; &lt;b&gt;not bold&lt;/b&gt;.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Enables &lt;everything&gt; &amp; more.</td>", html, StringComparison.Ordinal);
        Assert.Contains("<title>EN [0] RW — Enables &lt;everything&gt; &amp; more.</title>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"vdoc\"> — Slow | careful</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<everything>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<device>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_HasAnIdPerItemAndField_AndSearchTextOnEach()
    {
        WriteFixturesAndRun();
        var regs = File.ReadAllText(Out("regs.html"));
        var cmd = File.ReadAllText(Out("cmd.html"));
        var uapi = File.ReadAllText(Out("uapi.html"));

        Assert.Matches("<section class=\"item reg\" id=\"reg-CTRL\" data-search=\"ctrl control; en &lt; mode [^\"]*0x20\">", regs);
        Assert.Matches("<tr class=\"row\" id=\"reg-CTRL.EN\" data-search=\"en enables &lt;everything&gt; &amp; more.\">", regs);
        Assert.Contains("<li data-item=\"reg-CTRL\"><a href=\"#reg-CTRL\">CTRL</a></li>", regs, StringComparison.Ordinal);

        Assert.Contains("id=\"rec-CMD\"", cmd, StringComparison.Ordinal);
        Assert.Contains("id=\"rec-CMD.OP\"", cmd, StringComparison.Ordinal);
        Assert.Contains("<section class=\"item variant\" id=\"var-CMD-CMD_SYNC\"", cmd, StringComparison.Ordinal);
        Assert.Contains("id=\"var-CMD-CMD_SYNC.SPLIT\"", cmd, StringComparison.Ordinal);
        Assert.Contains("<td class=\"name\"><a href=\"#var-CMD-CMD_SYNC\">CMD_SYNC</a></td>", cmd, StringComparison.Ordinal);

        Assert.Contains("<section class=\"item struct\" id=\"struct-demo_args\"", uapi, StringComparison.Ordinal);
        Assert.Contains("id=\"struct-demo_args.iova\"", uapi, StringComparison.Ordinal);
        Assert.Contains("id=\"ioctl-DEMO_IOCTL\"", uapi, StringComparison.Ordinal);
        Assert.Contains("<section class=\"item enum\" id=\"enum-demo_flags\"", uapi, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_RegisterDiagramHasABoxPerFieldWithItsBitNumbers_ReservedBitsAndResets()
    {
        WriteFixturesAndRun();
        var svg = Diagram(File.ReadAllText(Out("regs.html")), "CTRL bitfields");

        var boxes = svg.Descendants(Svg + "a").ToDictionary(a => (string)a.Attribute("data-field")!);
        Assert.Equal(new[] { "EN", "IRQ", "MODE" }, boxes.Keys.Order(StringComparer.Ordinal));
        AssertBox(boxes["EN"], "0", "#reg-CTRL.EN", "0");
        AssertBox(boxes["MODE"], "3:1", "#reg-CTRL.MODE", "3", "1");
        AssertBox(boxes["IRQ"], "31", "#reg-CTRL.IRQ", "31");
        Assert.Equal("MODE", NameText(boxes["MODE"]));

        var reserved = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "seg rsv");
        Assert.Equal("30:4", (string?)reserved.Attribute("data-bits"));
        Assert.Equal(new[] { "30", "4" }, BitNumbers(reserved));

        // Boxes run from bit 31 on the left to bit 0 on the right.
        Assert.True(BoxX(boxes["IRQ"]) < BoxX(reserved) && BoxX(reserved) < BoxX(boxes["MODE"]) && BoxX(boxes["MODE"]) < BoxX(boxes["EN"]));

        // The reset strip: IMPDEF and UNKNOWN are marked (and shortened where the box is narrow).
        Assert.Contains("reset impdef", ResetClass(boxes["MODE"]), StringComparison.Ordinal);
        Assert.Equal("IMPDEF", ResetText(boxes["MODE"]));
        Assert.Contains("reset unknown", ResetClass(boxes["IRQ"]), StringComparison.Ordinal);
        Assert.Equal("UNK", ResetText(boxes["IRQ"]));
        Assert.Equal("0", ResetText(boxes["EN"]));
    }

    [Fact]
    public void Html_RecordVariantDiagramHasOneRowPerWord_AndSplitsTheCrossingField()
    {
        WriteFixturesAndRun();
        var svg = Diagram(File.ReadAllText(Out("cmd.html")), "CMD CMD_SYNC bitfields");

        var rows = svg.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "row").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "word 0", "word 1" }, rows.Select(r => r.Elements(Svg + "text").First(t => (string?)t.Attribute("class") == "word").Value));

        var split = svg.Descendants(Svg + "a").Where(a => (string?)a.Attribute("data-field") == "SPLIT").ToList();
        Assert.Equal(2, split.Count);
        Assert.All(split, a => Assert.Equal("71:60", (string?)a.Attribute("data-field-bits")));
        Assert.All(split, a => Assert.Contains("part", (string?)a.Attribute("class"), StringComparison.Ordinal));
        var low = rows[0].Elements(Svg + "a").Single(a => (string?)a.Attribute("data-field") == "SPLIT");
        var high = rows[1].Elements(Svg + "a").Single(a => (string?)a.Attribute("data-field") == "SPLIT");
        AssertBox(low, "63:60", "#var-CMD-CMD_SYNC.SPLIT", "63", "60");
        AssertBox(high, "7:0", "#var-CMD-CMD_SYNC.SPLIT", "7", "0");
        Assert.Equal("SPLIT[11:4]", NameText(high));

        // Shared fields link to the record's table; the discriminator shows the variant's value.
        var op = rows[0].Elements(Svg + "a").Single(a => (string?)a.Attribute("data-field") == "OP");
        AssertBox(op, "7:0", "#rec-CMD.OP", "7", "0");
        Assert.Equal("OP=0x46", NameText(op));
        AssertBox(rows[0].Elements(Svg + "a").Single(a => (string?)a.Attribute("data-field") == "CS"), "13:12", "#var-CMD-CMD_SYNC.CS", "13", "12");

        // Word 1 is SPLIT[11:4] and RES0 above it.
        Assert.Equal(new[] { "63:8", "7:0" }, rows[1].Elements().Where(e => e.Attribute("data-bits") is not null).Select(e => (string)e.Attribute("data-bits")!));
    }

    [Fact]
    public void Html_StructTableShowsThePaddingHole_AndTheIoctlNumber()
    {
        WriteFixturesAndRun();
        var html = File.ReadAllText(Out("uapi.html"));

        Assert.Contains("<p class=\"meta\">size 24 · align 8 · <span class=\"padnote\">4 padding bytes</span> · size-prefixed (extensible)", html, StringComparison.Ordinal);
        Assert.Matches("<tr class=\"row pad\" data-search=\"padding hole\"><td class=\"num\">12</td><td class=\"num\">4</td>.*?4 bytes the compiler inserts before iova, after id</td>", html);
        Assert.Contains("<td class=\"num\">16</td><td class=\"num\">8</td><td>__aligned_u64</td>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#enum-demo_flags\">flags demo_flags</a>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Must be &lt; 2^48 &amp; page aligned.</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>0x00003b80</code></td><td><code>_IO(0x3b, 0x80)</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>12 (to <code>id</code>)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void BundledSpecs_LinkUapiRecordMembersToTheRecordPages()
    {
        var run = CliRun.In(RepositoryRoot, "docs", "spec", "-o", Out("bundled"));

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var iommufd = File.ReadAllText(Out("bundled/iommufd.html"));
        Assert.Contains("words of record <a href=\"ste.html#rec-STE\">STE</a>", iommufd, StringComparison.Ordinal);
        Assert.Contains("<section class=\"item reg\" id=\"reg-CR0\"", File.ReadAllText(Out("bundled/registers.html")), StringComparison.Ordinal);

        // Every diagram of every page is well-formed SVG.
        foreach (var page in Directory.GetFiles(Out("bundled"), "*.html"))
        {
            foreach (Match m in SvgElement.Matches(File.ReadAllText(page)))
            {
                XElement.Parse(m.Value);
            }
        }
    }

    // ------------------------------------------------------------------ in a browser

    [ChromiumFact]
    public void Browser_RendersTheBundledSpecPages_AndTheSearchFilters()
    {
        var docs = Out("browser");
        var run = CliRun.In(RepositoryRoot, "docs", "spec", "-o", docs);
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var registers = new Uri(Path.Combine(docs, "registers.html")).AbsoluteUri;
        var ste = new Uri(Path.Combine(docs, "ste.html")).AbsoluteUri;

        // Unfiltered: the script ran, the CR0 diagram is there with its field boxes.
        var dom = HeadlessChromium.DumpDom(registers, _workspace.Root);
        Assert.Contains("data-search-ready=\"1\"", dom, StringComparison.Ordinal);
        var cr0 = Section(dom, "reg-CR0");
        Assert.DoesNotContain(" hidden=", OpeningTag(cr0), StringComparison.Ordinal);
        Assert.Contains("aria-label=\"CR0 bitfields\"", cr0, StringComparison.Ordinal);
        Assert.Contains("data-field=\"SMMUEN\" data-bits=\"0\"", cr0, StringComparison.Ordinal);
        Assert.Contains("data-field=\"VMW\" data-bits=\"8:6\"", cr0, StringComparison.Ordinal);
        Assert.Matches("<span id=\"count\"[^>]*>\\d+ items</span>", dom);

        // #q=SMMUEN: CR0 stays with its SMMUEN row marked; registers that never mention SMMUEN are hidden.
        dom = HeadlessChromium.DumpDom(registers + "#q=SMMUEN", _workspace.Root);
        Assert.DoesNotContain(" hidden=", OpeningTag(Section(dom, "reg-CR0")), StringComparison.Ordinal);
        Assert.Contains(" hidden=", OpeningTag(Section(dom, "reg-IDR0")), StringComparison.Ordinal);
        Assert.Contains(" hidden=", OpeningTag(Section(dom, "reg-EVENTQ_PROD")), StringComparison.Ordinal);
        Assert.Matches("<tr class=\"row hit\" id=\"reg-CR0.SMMUEN\"", dom);
        Assert.Matches("<tr class=\"row\" id=\"reg-CR0.CMDQEN\"[^>]* hidden=\"\"", dom);
        Assert.Matches("<a href=\"#reg-CR0.SMMUEN\" class=\"seg fld hit\"", dom);
        Assert.Matches("<span id=\"count\"[^>]*>\\d+ of \\d+ items</span>", dom);

        // The STE: one diagram row per 64-bit word, 8 words.
        dom = HeadlessChromium.DumpDom(ste, _workspace.Root);
        var steSvg = Regex.Match(Section(dom, "rec-STE"), "<svg [^>]*aria-label=\"STE bitfields\".*?</svg>", RegexOptions.Singleline);
        Assert.True(steSvg.Success, "no STE diagram in the rendered DOM");
        Assert.Equal(8, Regex.Matches(steSvg.Value, "<g class=\"row\"").Count);
        Assert.Contains("data-field=\"Config\"", steSvg.Value, StringComparison.Ordinal);
        Assert.Contains("data-field=\"S1ContextPtr\"", steSvg.Value, StringComparison.Ordinal);

        // A screenshot for people to look at; a page that rendered is far larger than a blank PNG.
        var png = Path.Combine(AppContext.BaseDirectory, "docs-registers.png");
        HeadlessChromium.Screenshot(registers, png, _workspace.Root);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes.Take(4).ToArray());
        Assert.True(bytes.Length > 50_000, $"screenshot {png} is only {bytes.Length} bytes");
    }

    // ------------------------------------------------------------------ helpers

    private static string RepositoryRoot => typeof(DocsCommandTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SmmuGen.RepositoryRoot")
        .Value!;

    private string Out(string relative) => Path.Combine(_workspace.Root, "out", relative);

    private CliRun WriteFixturesAndRun()
    {
        _workspace.Write("regs.yaml", Registers);
        _workspace.Write("cmd.yaml", Records);
        _workspace.Write("uapi.yaml", Uapi);
        var run = _workspace.Run("docs", "regs.yaml", "cmd.yaml", "uapi.yaml", "-o", "out");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        return run;
    }

    private static XElement Diagram(string html, string label)
    {
        var match = SvgElement.Matches(html).Single(m => m.Value.Contains($"aria-label=\"{label}\"", StringComparison.Ordinal));
        return XElement.Parse(match.Value);
    }

    private static void AssertBox(XElement box, string bits, string href, params string[] numbers)
    {
        Assert.Equal(bits, (string?)box.Attribute("data-bits"));
        Assert.Equal(href, (string?)box.Attribute("href"));
        Assert.Single(box.Elements(Svg + "rect"), r => (string?)r.Attribute("class") == "box");
        Assert.Equal(numbers, BitNumbers(box));
    }

    private static string[] BitNumbers(XElement box) =>
        box.Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "bitno").Select(t => t.Value).ToArray();

    private static string NameText(XElement box) => box.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "name").Value;

    private static string ResetText(XElement box) => box.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "resetv").Value;

    private static string ResetClass(XElement box) =>
        (string)box.Elements(Svg + "rect").Single(r => ((string?)r.Attribute("class"))!.StartsWith("reset", StringComparison.Ordinal)).Attribute("class")!;

    private static double BoxX(XElement segment) =>
        double.Parse((string)segment.Elements(Svg + "rect").First().Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The serialized <c>section</c> with <paramref name="id"/>, up to the next item of its level.</summary>
    private static string Section(string dom, string id)
    {
        var start = Regex.Match(dom, $"<section [^>]*id=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(start.Success, $"no section {id} in the DOM");
        var end = dom.IndexOf("<section class=\"item", start.Index + start.Length, StringComparison.Ordinal);
        return end < 0 ? dom.Substring(start.Index) : dom.Substring(start.Index, end - start.Index);
    }

    private static string OpeningTag(string section) => section.Substring(0, section.IndexOf('>', StringComparison.Ordinal) + 1);
}
