using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using CytoViability.Core.Runs;
using CytoViability.Reports.Plots;

namespace CytoViability.Benchmarks.Reports;

/// <summary>
/// The seven gate plots of one ADCC sample (six histograms and the targets' DDAO × PI density) drawn as the report
/// writes them, one thread: the cost of one sample's gallery, which a 5,000-sample report pays 5,000 times.
/// </summary>
[MemoryDiagnoser]
public class GateFigureBenchmark
{
    private List<GatePlot> _plots = [];

    [GlobalSetup]
    public void RunExample()
    {
        var root = Directory.CreateTempSubdirectory("cv-bench-gate-").FullName;
        try
        {
            var gated = new ConcurrentBag<SampleGatePlots>();
            var request = new RunRequest(Path.Combine(ReportBenchmark.RepositoryRoot(), "example-fcs", "adcc"), OutputPath: Path.Combine(root, "out"), Threads: 2)
            {
                OnGated = sample => gated.Add(GatePlotBuilder.Build(sample.Sample, sample.File, sample.Compiled, sample.Result, sample.PlottedValues, sample.Channels)),
            };
            BatchRun.Execute(request, SilentRunObserver.Instance);
            _plots = [.. gated.OrderBy(s => s.Sample, StringComparer.Ordinal).First().Plots];
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Benchmark]
    public int OneSampleGatePlots()
    {
        var characters = 0;
        foreach (var plot in _plots)
        {
            characters += GatePlotRenderer.Render("S0001_CLL01_B12_UT_1_003", plot).Length;
        }

        return characters;
    }
}
