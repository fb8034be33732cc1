using System.Collections.Concurrent;
using CytoViability.Core.Runs;
using CytoViability.Reports.Plots;

namespace CytoViability.Reports.Tests.Browser;

/// <summary>
/// The shipped purity example experiment (example-fcs/purity, three donors, CLL03 below 90 % in its truth.csv) run
/// once with its report, the way `cytoviability run` does it.
/// </summary>
public sealed class ExampleReportFixture : IDisposable
{
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

    public void Dispose()
    {
        if (Directory.Exists(Output))
        {
            Directory.Delete(Output, recursive: true);
        }
    }
}
