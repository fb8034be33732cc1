using System.Collections.Concurrent;
using System.Diagnostics;
using CytoViability.Core.Output;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;
using CytoViability.Reports;
using CytoViability.Reports.Plots;

namespace CytoViability.Cli.Runs;

/// <summary>
/// Collects every sample's gate plots while the run has its events in memory (binned, so a sample costs a few
/// kilobytes), then writes report.html and plots/ into the run's new generation beside the tables, so both are
/// committed together.
/// </summary>
internal sealed class ReportPlots
{
    private readonly ConcurrentBag<SampleGatePlots> _samples = [];
    private readonly ConcurrentDictionary<string, byte[]>? _packed;
    private readonly ConcurrentQueue<string> _problems = new();
    private GatingTemplate? _template;
    private ReportOutcome? _outcome;
    private double _seconds;

    public ReportPlots()
    {
    }

    private ReportPlots(bool packed) => _packed = packed ? new(StringComparer.Ordinal) : null;

    /// <summary>A shard's plots: each sample's are packed to be stored with its results (<see cref="Take"/>), not drawn.</summary>
    public static ReportPlots ForShard() => new(packed: true);

    public void Add(GatedSample sample)
    {
        _template ??= sample.Template;
        try
        {
            var plots = GatePlotBuilder.Build(sample.Sample, sample.File, sample.Compiled, sample.Result, sample.PlottedValues, sample.Channels);
            if (_packed is not null)
            {
                _packed[sample.File] = GatePlotFile.Pack(plots);
            }
            else
            {
                _samples.Add(plots);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Core.Gating.GateReferenceException)
        {
            // A plot that cannot be drawn must not fail the sample: its numbers are right, the report says why it has no plots.
            _problems.Enqueue(sample.Sample + ": gate plots could not be drawn: " + exception.Message);
        }
    }

    /// <summary>A shard's packed plots of a file (null when it has none), taken once.</summary>
    public byte[]? Take(string file) => _packed is not null && _packed.TryRemove(file, out var packed) ? packed : null;

    /// <summary>Merge: a sample's plots as a shard stored them.</summary>
    public void AddPacked(byte[] packed) => _samples.Add(GatePlotFile.Unpack(packed, "a shard's sample record"));

    /// <summary>Merge: the run's template (a single run takes it from the first sample gated).</summary>
    public void UseTemplate(GatingTemplate template) => _template ??= template;

    /// <summary>Where report.html went (null before <see cref="Stage"/>).</summary>
    public string? ReportPath => _outcome?.ReportPath;

    /// <summary>
    /// Writes report.html, report/ and plots/ into the run's new generation, before it is committed with the tables;
    /// <paramref name="progress"/> gets a line as the gate plots are drawn.
    /// </summary>
    public void Stage(OutputGeneration output, int threads, Action<string> progress)
    {
        var samples = new List<SampleGatePlots>(_samples);
        samples.Sort(static (a, b) =>
        {
            var bySample = string.CompareOrdinal(a.Sample, b.Sample);
            return bySample != 0 ? bySample : string.CompareOrdinal(a.File, b.File);
        });
        var clock = Stopwatch.StartNew();
        progress("report: drawing " + samples.Count + " samples' gate plots and the condition charts");
        _outcome = ReportBuilder.Write(output, new ReportInputs(samples, _template), threads, progress);
        _seconds = clock.Elapsed.TotalSeconds;
    }

    /// <summary>Once the run is committed: where the report is and what it could not show.</summary>
    public void Tell(TextWriter output, TextWriter error)
    {
        if (_outcome is null)
        {
            return;
        }

        foreach (var problem in _problems.Concat(_outcome.Problems))
        {
            error.WriteLine("warning: " + problem);
        }

        output.WriteLine("report: " + _outcome.Figures + " figures in " + Math.Round(_seconds, 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s");
    }
}
