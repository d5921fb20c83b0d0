using System.IO;

namespace SmmuGen.Cli.Tests;

/// <summary>
/// A fact that needs headless Chromium. Without it the test is reported as skipped with the
/// reason, so <c>dotnet test</c> passes on a machine without a browser but never pretends the
/// browser test ran.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where the Debian package <c>chromium</c> installs the browser (CI installs it there too).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"chromium not found at {ChromiumPath}; install the Debian package chromium to run this test";
        }
    }
}
