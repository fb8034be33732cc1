using System.Collections.Concurrent;
using CytoViability.Core.Runs;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// The shipped purity example experiment (example-fcs/purity, three donors, CLL03 below 90 % in its truth.csv) run
/// once with its report, the way `cytoviability run` does it; then, when chromium is installed, the pages the tests
/// look at are loaded in it all at once (each in a tab of the one browser) and each test waits for its page.
/// </summary>
public sealed class ExampleReportFixture : IDisposable
{
    /// <summary>The sample page whose gate plots are checked in the browser.</summary>
    public const string SamplePage = "report/CLL03_CD5_CD19_001.html";

    private readonly Dictionary<string, Task<LoadedPage>> _pages = new(StringComparer.Ordinal);

    public ExampleReportFixture()
    {
        Output = Path.Combine(Path.GetTempPath(), "cv-example-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var plots = new ConcurrentBag<SampleGatePlots>();
            Core.Templates.GatingTemplate? template = null;
            var request = new RunRequest(Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "purity"), OutputPath: Output)
            {
                OnGated = sample =>
                {
                    template = sample.Template;
                    plots.Add(GatePlotBuilder.Build(sample.Sample, sample.File, sample.Compiled, sample.Result, sample.PlottedValues, sample.Channels));
                },
            };
            var run = BatchRun.Execute(request, new SilentRunObserver());
            if (run.Status != RunStatus.Success)
            {
                throw new InvalidOperationException("example run ended " + run.Status + ": " + string.Join("; ", run.Problems));
            }

            Samples = [.. plots.OrderBy(p => p.Sample, StringComparer.Ordinal)];
            Outcome = ReportBuilder.Build(Output, new ReportInputs(Samples, template));
            if (HeadlessChromium.IsInstalled)
            {
                // The report as shipped (screenshot, messages and DOM from one load), and the test copies of the main
                // page and a sample page for the image check.
                File.Delete(Screenshot);
                _pages[ReportBuilder.ReportFileName] = HeadlessChromium.Load(Report, Screenshot);
                foreach (var page in (string[])[ReportBuilder.ReportFileName, SamplePage])
                {
                    var copy = ReportInBrowserTests.TestCopy(Path.Combine(Output, page));
                    _pages[TestCopyKey(page)] = HeadlessChromium.Load(copy);
                }
            }
        }
        catch
        {
            // A constructor that throws never gets Dispose: the half-written output must not stay in the temp folder.
            Dispose();
            throw;
        }
    }

    public string Output { get; }

    internal IReadOnlyList<SampleGatePlots> Samples { get; }

    internal ReportOutcome Outcome { get; }

    public string Report => Path.Combine(Output, ReportBuilder.ReportFileName);

    /// <summary>Where the screenshot of the report is kept (the test results folder beside the test assembly).</summary>
    public static string Screenshot
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, "report-purity-example.png");
        }
    }

    /// <summary>The report as shipped, loaded in chromium: its DOM and messages; the screenshot is at <see cref="Screenshot"/>.</summary>
    internal Task<LoadedPage> ReportInChromium => Loaded(ReportBuilder.ReportFileName);

    /// <summary>The DOM of <paramref name="page"/>'s test copy (<see cref="ReportInBrowserTests.TestCopy"/>) loaded in chromium.</summary>
    public async Task<string> TestCopyInChromium(string page) => (await Loaded(TestCopyKey(page))).Dom;

    public void Dispose()
    {
        // The pages are read from the output folder before it goes.
        try
        {
            Task.WaitAll([.. _pages.Values]);
        }
        catch (AggregateException)
        {
            // A failed load has failed its test already.
        }

        if (Directory.Exists(Output))
        {
            Directory.Delete(Output, recursive: true);
        }
    }

    private static string TestCopyKey(string page) => "test copy of " + page;

    private Task<LoadedPage> Loaded(string key)
        => _pages.TryGetValue(key, out var page) ? page : Task.FromException<LoadedPage>(new InvalidOperationException("chromium is not installed (required under CI=true): `" + HeadlessChromium.InstallCommand + "`"));
}
