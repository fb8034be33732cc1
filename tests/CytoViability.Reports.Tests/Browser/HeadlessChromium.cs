using System.Diagnostics;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// Debian's `chromium` run headless on a local file, isolated (new profile folder, no network features, no GPU).
/// .ci/run installs the package when it is missing.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>Loads the page; returns what chromium wrote to stderr (console messages are logged there).</summary>
    public static string Screenshot(string page, string screenshot) =>
        Run(page, ["--enable-logging=stderr", "--v=0", "--window-size=1400,2400", "--screenshot=" + screenshot]).Error;

    /// <summary>Loads the page, runs its scripts and returns the serialised DOM.</summary>
    public static string DumpDom(string page) => Run(page, ["--dump-dom"]).Output;

    private static (string Output, string Error) Run(string page, IReadOnlyList<string> arguments)
    {
        var profile = Path.Combine(Path.GetTempPath(), "cv-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(new Uri(page).AbsoluteUri);
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

    private static string Executable()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var name in (string[])["chromium", "chromium-browser"])
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("chromium is not installed: `apt-get install -y chromium` (.ci/run installs it in CI)");
    }
}
