using BenchmarkDotNet.Attributes;
using CytoViability.Core.Statistics;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Benchmarks.Statistics;

/// <summary>
/// mfi.csv statistics of one channel over one population of a 50,000-event well (the size of the run
/// benchmark's files), with half of the events in the population.
/// </summary>
[MemoryDiagnoser]
public class ChannelStatisticsBenchmarks
{
    private const int Events = 50_000;
    private readonly float[] _values = new float[Events];
    private readonly ulong[] _membership = new ulong[(Events + 63) / 64];
    // The display scale as a run gives it: a template's fasinh transform, with its column version.
    private readonly IDisplayTransform _asinh = new TemplateDisplay(new AsinhTransform(262_144, 4.5, 0));

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Events; i++)
        {
            // Log-normal staining with compensation spread below zero, as in DiVa -A channels.
            _values[i] = (float)(Math.Exp(6 + (1.5 * Normal(random))) - 200);
            if (random.Next(2) == 0)
            {
                _membership[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    [Benchmark(Baseline = true)]
    public object WithoutDisplayTransform() => ChannelStatistics.Compute(_values, _membership, display: null);

    [Benchmark]
    public object WithAsinhDisplayTransform() => ChannelStatistics.Compute(_values, _membership, _asinh);

    [Benchmark]
    public long PopulationCount() => PopulationStatistics.Count(_membership, Events);

    private static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
