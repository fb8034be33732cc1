using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// Chromium's headless shell (Debian's `chromium-headless-shell`: the same Blink and V8 as the browser, without its
/// user interface), or else Debian's `chromium` run headless, isolated (new profile folder, no network features, no
/// GPU): one browser for the whole test run, started on first use, each page loaded in a tab of its own. The shell
/// starts for about 0.8 CPU-seconds, the full browser for about 3.7 (`--dump-dom about:blank`). Without either, a
/// test calling <see cref="SkipUnlessInstalled"/> reports itself skipped, with the install command; under CI
/// (CI=true, where .ci/run installs the package) it is required and the test fails instead.
/// </summary>
internal static class HeadlessChromium
{
    public const string InstallCommand = "apt-get install chromium-headless-shell";

    /// <summary>The viewport every page is laid out and screenshot in.</summary>
    public const int Width = 1400;

    public const int Height = 2400;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static readonly string? Installed = Find();

    private static readonly Lazy<DevToolsPipe> Browser = new(StartBrowser, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Skips the calling [Fact] when chromium is missing, unless CI requires the browser tests.</summary>
    public static void SkipUnlessInstalled()
    {
        var requiredByCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Assert.SkipWhen(
            Installed is null && !requiredByCi,
            "neither chromium-headless-shell nor chromium is on PATH, so the report is not checked in a browser; install it with `" + InstallCommand + "` (under CI=true these tests are required)");
    }

    public static bool IsInstalled => Installed is not null;

    /// <summary>
    /// Opens <paramref name="page"/> in a new tab and waits for its load event (so its scripts and images have run and
    /// decoded). Returns the serialised DOM with every message the page raised: console calls, uncaught exceptions and
    /// the browser's own log entries for it (a policy violation, a resource that failed to load). With
    /// <paramref name="screenshot"/>, the viewport is saved there as PNG.
    /// </summary>
    public static async Task<LoadedPage> Load(string page, string? screenshot = null)
    {
        var browser = Browser.Value;
        var target = (await browser.Call("Target.createTarget", w => w.WriteString("url", "about:blank"))).GetProperty("targetId").GetString()!;
        try
        {
            var session = (await browser.Call("Target.attachToTarget", w =>
            {
                w.WriteString("targetId", target);
                w.WriteBoolean("flatten", true);
            })).GetProperty("sessionId").GetString()!;
            var messages = new ConcurrentQueue<string>();
            var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            browser.Listen(session, (method, parameters) =>
            {
                if (method == "Page.loadEventFired")
                {
                    loaded.TrySetResult();
                }
                else if (Message(method, parameters) is { } message)
                {
                    messages.Enqueue(message);
                }
            });
            try
            {
                await browser.Call("Page.enable", session: session);
                await browser.Call("Runtime.enable", session: session);
                await browser.Call("Log.enable", session: session);
                await browser.Call("Emulation.setDeviceMetricsOverride", w =>
                {
                    w.WriteNumber("width", Width);
                    w.WriteNumber("height", Height);
                    w.WriteNumber("deviceScaleFactor", 1);
                    w.WriteBoolean("mobile", false);
                }, session);
                var navigation = await browser.Call("Page.navigate", w => w.WriteString("url", new Uri(page).AbsoluteUri), session);
                if (navigation.TryGetProperty("errorText", out var error))
                {
                    throw new InvalidOperationException("chromium could not open " + page + ": " + error.GetString());
                }

                await loaded.Task.WaitAsync(Limit);
                var dom = (await browser.Call("Runtime.evaluate", w =>
                {
                    w.WriteString("expression", "document.documentElement.outerHTML");
                    w.WriteBoolean("returnByValue", true);
                }, session)).GetProperty("result").GetProperty("value").GetString()!;
                if (screenshot is not null)
                {
                    var png = (await browser.Call("Page.captureScreenshot", w => w.WriteString("format", "png"), session)).GetProperty("data").GetString()!;
                    await File.WriteAllBytesAsync(screenshot, Convert.FromBase64String(png));
                }

                return new LoadedPage(dom, [.. messages]);
            }
            finally
            {
                browser.StopListening(session);
            }
        }
        finally
        {
            await browser.Call("Target.closeTarget", w => w.WriteString("targetId", target));
        }
    }

    /// <summary>A page's console call, uncaught exception or browser log entry as one line; null for other events.</summary>
    private static string? Message(string method, JsonElement parameters)
    {
        switch (method)
        {
            case "Runtime.consoleAPICalled":
                var values = new List<string>();
                foreach (var argument in parameters.GetProperty("args").EnumerateArray())
                {
                    values.Add(argument.TryGetProperty("value", out var value) ? value.ToString() : argument.TryGetProperty("description", out var description) ? description.GetString() ?? string.Empty : string.Empty);
                }

                return "console." + parameters.GetProperty("type").GetString() + ": " + string.Join(" ", values);
            case "Runtime.exceptionThrown":
                var details = parameters.GetProperty("exceptionDetails");
                return "exception: " + details.GetProperty("text").GetString()
                    + (details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var text) ? " " + text.GetString() : string.Empty);
            case "Log.entryAdded":
                var entry = parameters.GetProperty("entry");
                return string.Create(CultureInfo.InvariantCulture, $"log ({entry.GetProperty("source").GetString()}, {entry.GetProperty("level").GetString()}): {entry.GetProperty("text").GetString()}");
            default:
                return null;
        }
    }

    private static DevToolsPipe StartBrowser()
    {
        var executable = Installed ?? throw new InvalidOperationException("neither chromium-headless-shell nor chromium is installed (required under CI=true): `" + InstallCommand + "`");
        // --single-process: the renderer runs in the browser process. A renderer process per tab costs about half a
        // CPU-second to start, more than loading one of these local pages; nothing here needs the isolation.
        var browser = DevToolsPipe.Start(executable, ["--headless", "--single-process", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => browser.Dispose();
        return browser;
    }

    private static string? Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        foreach (var name in (string[])["chromium-headless-shell", "chromium", "chromium-browser"])
        {
            foreach (var directory in path)
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

/// <summary>A page as chromium left it after its load event: the serialised DOM and the messages it raised.</summary>
internal sealed record LoadedPage(string Dom, IReadOnlyList<string> Messages);
