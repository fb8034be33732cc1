using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;
using CytoViability.Reports;
using CytoViability.Reports.Plots;

namespace CytoViability.Benchmarks.Reports;

/// <summary>
/// report.html and plots/ for 100 samples of the ADCC example (5 gate plots each: cells, singlets, targets, effectors,
/// dead targets; plus the condition and killing charts), PNG and SVG, on two threads. The example experiment is run
/// once; its 66 samples' gate plots are reused under new names to make 100.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmark
{
    private const int Samples = 100;

    private string _root = string.Empty;
    private string _output = string.Empty;
    private List<SampleGatePlots> _samples = [];
    private GatingTemplate? _template;

    [GlobalSetup]
    public void RunExample()
    {
        _root = Directory.CreateTempSubdirectory("cv-bench-report-").FullName;
        _output = Path.Combine(_root, "out");
        var repository = RepositoryRoot();
        var gated = new ConcurrentBag<SampleGatePlots>();
        var request = new RunRequest(Path.Combine(repository, "example-fcs", "adcc"), OutputPath: _output, Threads: 2)
        {
            ShippedTemplatesFolder = Path.Combine(repository, "gating-templates"),
            OnGated = sample =>
            {
                _template = sample.Template;
                gated.Add(GatePlotBuilder.Build(sample.Sample, sample.File, sample.Template, sample.Result, sample.PlottedValues, sample.Channels));
            },
        };
        BatchRun.Execute(request, SilentRunObserver.Instance);
        var example = gated.OrderBy(s => s.Sample, StringComparer.Ordinal).ToList();
        for (var i = 0; i < Samples; i++)
        {
            var source = example[i % example.Count];
            _samples.Add(source with { Sample = "S" + i.ToString("000", CultureInfo.InvariantCulture) + "_" + source.Sample });
        }
    }

    [GlobalCleanup]
    public void Delete() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public int Report100Samples() => ReportBuilder.Build(_output, new ReportInputs(_samples, _template), threads: 2).Figures;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CytoViability.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("CytoViability.sln not found above " + AppContext.BaseDirectory);
    }
}
