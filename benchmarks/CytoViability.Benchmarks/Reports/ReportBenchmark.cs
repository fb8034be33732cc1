using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;
using CytoViability.Reports;
using CytoViability.Reports.Plots;

namespace CytoViability.Benchmarks.Reports;

/// <summary>
/// report.html, the sample pages under report/ and plots/ for 100, 384 and 5,000 samples of the ADCC example (7 gate
/// plots each: beads, cells, singlets, targets, effectors, dead targets, targets on DDAO × PI; plus the condition and
/// killing charts), PNG
/// and SVG, on two threads. The example experiment is run once; its 64 samples' gate plots are reused under new names.
/// The size of the main page is printed at cleanup (it is what the 15 MB goal is about).
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmark
{
    private const int MostSamples = 5000;

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
            OnGated = sample =>
            {
                _template = sample.Template;
                gated.Add(GatePlotBuilder.Build(sample.Sample, sample.File, sample.Compiled, sample.Result, sample.PlottedValues, sample.Channels));
            },
        };
        BatchRun.Execute(request, SilentRunObserver.Instance);
        var example = gated.OrderBy(s => s.Sample, StringComparer.Ordinal).ToList();
        for (var i = 0; i < MostSamples; i++)
        {
            var source = example[i % example.Count];
            _samples.Add(source with { Sample = "S" + i.ToString("0000", CultureInfo.InvariantCulture) + "_" + source.Sample });
        }
    }

    [GlobalCleanup]
    public void Delete()
    {
        var report = new FileInfo(Path.Combine(_output, ReportBuilder.ReportFileName));
        if (report.Exists)
        {
            Console.WriteLine("// report.html of the last build: " + report.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
        }

        Directory.Delete(_root, recursive: true);
    }

    [Benchmark]
    public int Report100Samples() => Build(100);

    [Benchmark]
    public int Report384Samples() => Build(384);

    [Benchmark]
    public int Report5000Samples() => Build(5000);

    private int Build(int samples) => ReportBuilder.Build(_output, new ReportInputs(_samples[..samples], _template), threads: 2).Figures;

    internal static string RepositoryRoot()
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
