using System.Diagnostics;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// Debian's `chromium` run headless on a local file, isolated (new profile folder, no network features, no GPU).
/// Without chromium a test calling <see cref="SkipUnlessInstalled"/> reports itself skipped, with the install command;
/// under CI (CI=true, where .ci/run installs the package) it is required and the test fails instead.
/// </summary>
internal static class HeadlessChromium
{
    public const string InstallCommand = "apt-get install chromium";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static readonly string? Installed = Find();

    /// <summary>Skips the calling [SkippableFact] when chromium is missing, unless CI requires the browser tests.</summary>
    public static void SkipUnlessInstalled()
    {
        var requiredByCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Skip.If(
            Installed is null && !requiredByCi,
            "chromium is not on PATH, so the report is not checked in a browser; install it with `" + InstallCommand + "` (under CI=true these tests are required)");
    }

    public static bool IsInstalled => Installed is not null;

    /// <summary>Loads the page; returns what chromium wrote to stderr (console messages are logged there).</summary>
    public static string Screenshot(string page, string screenshot) =>
        Run(page, ["--enable-logging=stderr", "--v=0", "--window-size=1400,2400", "--screenshot=" + screenshot]).Error;

    /// <summary>
    /// One start of chromium for both: loads the page, takes the screenshot, and returns the serialised DOM (after
    /// its scripts ran) with what chromium wrote to stderr (console messages are logged there).
    /// </summary>
    public static (string Dom, string Log) ScreenshotAndDom(string page, string screenshot) =>
        Run(page, ["--enable-logging=stderr", "--v=0", "--window-size=1400,2400", "--screenshot=" + screenshot, "--dump-dom"]);

    /// <summary>Loads the page, runs its scripts and returns the serialised DOM.</summary>
    public static string DumpDom(string page) => Run(page, ["--dump-dom"]).Output;

    private static (string Output, string Error) Run(string page, IReadOnlyList<string> arguments)
    {
        // Find chromium before the profile folder exists, so a missing browser leaves no folder behind.
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var profile = Path.Combine(Path.GetTempPath(), "cv-chromium-" + Guid.NewGuid().ToString("N"));
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(new Uri(page).AbsoluteUri);
        Directory.CreateDirectory(profile);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish " + page + " within " + Limit.TotalSeconds + " s");
            }

            Assert.True(process.ExitCode == 0, "chromium exited with " + process.ExitCode + ": " + error.Result);
            return (output.Result, error.Result);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string Executable() =>
        Installed ?? throw new InvalidOperationException("chromium is not installed (required under CI=true): `" + InstallCommand + "`");

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var name in (string[])["chromium", "chromium-browser"])
            {
                var candidate = Path.Combine(directory, name);
                if (directory.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
