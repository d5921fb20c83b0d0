using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace SmmuGen.Cli.Tests;

/// <summary>Runs <c>/usr/bin/chromium --headless</c> once per call, offline, with a throwaway profile.</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The DOM after the page's scripts ran, serialized as HTML.</summary>
    public static string DumpDom(string url, string scratch) => Run(scratch, "--dump-dom", url);

    /// <summary>Writes a PNG of the page at 1280×2000 to <paramref name="png"/>.</summary>
    public static void Screenshot(string url, string png, string scratch)
    {
        Run(scratch, "--screenshot=" + png, url);
        Assert.True(File.Exists(png), $"chromium wrote no screenshot to {png}");
    }

    private static string Run(string scratch, string action, string url)
    {
        var profile = Path.Combine(scratch, "chromium-profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(ChromiumFactAttribute.ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=" + profile, "--window-size=1280,2000", action, url,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");

        // Both pipes are drained concurrently: chromium logs a lot to stderr and would block on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {action} {url} did not finish in {Timeout.TotalSeconds}s");
        }

        Task.WaitAll(stdout, stderr);
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
