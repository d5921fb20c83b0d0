using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace SmmuGen.Generator.Tests;

/// <summary>
/// The generator as users get it: packed with <c>dotnet pack</c>, restored from a local folder by
/// a project outside the solution that has its own YAML, built and run.
/// </summary>
public sealed class PackageTests(ITestOutputHelper output)
{
    private const string ConsumerSpec = """
        name: Widget
        namespace: Consumer.Widget
        registers:
          - name: CTRL
            offset: 0x0
            width: 32
            reset: 0x0
            fields:
              - { name: EN, bits: 0, access: RW }
              - { name: SPEED, bits: "7:4", access: RW, enum: { SLOW: 1, FAST: 9 } }
          - name: BASE
            offset: 0x8
            width: 64
            reset: 0x0
            fields:
              - { name: ADDR, bits: "47:12", access: RW, address: true }
        """;

    private const string ConsumerProgram = """
        using System;
        using Consumer.Widget;

        var ctrl = new Ctrl(0).WithEn(true).WithSpeed(CtrlSpeed.Fast);
        Console.WriteLine(ctrl);
        Console.WriteLine($"offset={Base.Offset} width={Base.Width}");
        Console.WriteLine(new Base(0).WithAddr(0x1234_5000).Addr.ToString("X"));
        try
        {
            new Base(0).WithAddr(0x1001);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            Console.WriteLine("rejected: " + ex.Message.Split('\n')[0]);
        }

        Console.WriteLine(WidgetRegisterMap.FindByName("BASE")?.TypeName);
        """;

    [Fact]
    public void PackedGenerator_WorksInAConsumerProjectOutsideTheSolution()
    {
        var work = Directory.CreateTempSubdirectory("smmugen-pkg-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            Dotnet(Repository.Root, "pack", Repository.PathOf("generator", "SmmuGen.Generator", "SmmuGen.Generator.csproj"),
                "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(work.FullName, "artifacts"));
            var package = Assert.Single(Directory.GetFiles(feed, "SmmuGen.Generator.*.nupkg"));

            var consumer = Directory.CreateDirectory(Path.Combine(work.FullName, "consumer")).FullName;
            File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />"); // stop MSBuild searching upward
            File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var version = Path.GetFileNameWithoutExtension(package)["SmmuGen.Generator.".Length..];
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <RestorePackagesPath>{Path.Combine(work.FullName, "packages")}</RestorePackagesPath>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SmmuGen.Generator" Version="{version}" />
                    <SmmuGenSpec Include="widget.yaml" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "widget.yaml"), ConsumerSpec);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

            var run = Dotnet(consumer, "run", "--project", Path.Combine(consumer, "Consumer.csproj"));

            var lines = run.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains("CTRL 0x00000091 { EN=1, SPEED=FAST }", lines);
            Assert.Contains("offset=8 width=64", lines);
            Assert.Contains("12345000", lines);
            Assert.Contains(lines, l => l.StartsWith("rejected: CTRL", StringComparison.Ordinal) || l.StartsWith("rejected: BASE.ADDR holds address bits 47:12", StringComparison.Ordinal));
            Assert.Contains("Base", lines);

            // A broken spec fails the consumer's build with the located diagnostic.
            File.WriteAllText(Path.Combine(consumer, "widget.yaml"), ConsumerSpec.Replace("bits: \"7:4\"", "bits: \"7:0\""));
            var build = Dotnet(consumer, expectSuccess: false, "build", Path.Combine(consumer, "Consumer.csproj"));
            Assert.Contains("widget.yaml(10,30): error SMMUGEN005", build, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temp folder is cleaned by the OS.
            }
        }
    }

    private string Dotnet(string workingDirectory, params string[] args) => Dotnet(workingDirectory, expectSuccess: true, args);

    private string Dotnet(string workingDirectory, bool expectSuccess, params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet " + string.Join(' ', args) + " timed out");
        var text = stdout.Result + stderr.Result;
        output.WriteLine($"$ dotnet {string.Join(' ', args)} (exit {process.ExitCode})\n{text}");
        if (expectSuccess)
        {
            Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed:\n{text}");
        }
        else
        {
            Assert.NotEqual(0, process.ExitCode);
        }

        return text;
    }
}
