using System.Collections.Concurrent;
using System.Diagnostics;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;
using CytoViability.Reports;
using CytoViability.Reports.Plots;

namespace CytoViability.Cli.Runs;

/// <summary>
/// Collects every sample's gate plots while the run has its events in memory (binned, so a sample costs a few
/// kilobytes), then writes report.html and plots/ once the tables are committed.
/// </summary>
internal sealed class ReportPlots
{
    private readonly ConcurrentBag<SampleGatePlots> _samples = [];
    private readonly ConcurrentQueue<string> _problems = new();
    private GatingTemplate? _template;

    public void Add(GatedSample sample)
    {
        _template ??= sample.Template;
        try
        {
            _samples.Add(GatePlotBuilder.Build(sample.Sample, sample.File, sample.Template, sample.Result, sample.PlottedValues, sample.Channels));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Core.Gating.GateReferenceException)
        {
            // A plot that cannot be drawn must not fail the sample: its numbers are right, the report says why it has no plots.
            _problems.Enqueue(sample.Sample + ": gate plots could not be drawn: " + exception.Message);
        }
    }

    /// <summary>Writes the report (progress lines on <paramref name="output"/>); returns its path, null when it could not be written.</summary>
    public string? WriteReport(string outputFolder, int threads, TextWriter output, TextWriter error)
    {
        var samples = new List<SampleGatePlots>(_samples);
        samples.Sort(static (a, b) =>
        {
            var bySample = string.CompareOrdinal(a.Sample, b.Sample);
            return bySample != 0 ? bySample : string.CompareOrdinal(a.File, b.File);
        });
        var clock = Stopwatch.StartNew();
        try
        {
            output.WriteLine("report: drawing " + samples.Count + " samples' gate plots and the condition charts");
            var outcome = ReportBuilder.Build(outputFolder, new ReportInputs(samples, _template), threads, output.WriteLine);
            foreach (var problem in _problems.Concat(outcome.Problems))
            {
                error.WriteLine("warning: " + problem);
            }

            output.WriteLine("report: " + outcome.Figures + " figures in " + Math.Round(clock.Elapsed.TotalSeconds, 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s");
            return outcome.ReportPath;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: report.html could not be written (the tables are complete): " + exception.Message);
            return null;
        }
    }
}
