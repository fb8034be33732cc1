using BenchmarkDotNet.Attributes;
using CytoViability.Core.Gating;
using CytoViability.Core.Placement;

namespace CytoViability.Benchmarks.Placement;

/// <summary>
/// Computed gate positions: filling a 1,024-bin histogram with 1,000,000 transformed values (a pooled run's
/// column; all events, and a population of about 70 % of them from the column binned once), and the methods reading a filled histogram of
/// 50,000 live and dead cells.
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private const int Events = 1_000_000;
    private readonly double[] _values = new double[Events];
    private readonly double[] _copy = new double[Events];
    private readonly Bitset _population = new(Events);
    private readonly ushort[] _codes = new ushort[Events];
    private readonly ushort[] _populationCodes = new ushort[Events];
    private readonly AxisHistogram _fill = new(0, 1, 1024);
    private readonly AxisHistogram _liveAndDead = new(0, 1, 1024);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Events; i++)
        {
            // Live cells near 0.35 and dead near 0.75 on a logicle axis, a few off-scale.
            _values[i] = random.NextDouble() < 0.6 ? 0.35 + (0.05 * Normal(random)) : 0.75 + (0.06 * Normal(random));
            if (random.NextDouble() < 0.7)
            {
                _population.Set(i);
            }
        }

        _liveAndDead.Add(_values.AsSpan(0, 50_000));
        AxisHistogram.Code(0, 1, 1024, _values, _populationCodes);
    }

    /// <summary>Copying the column once, for scale: what "memory speed" means on this machine.</summary>
    [Benchmark(Baseline = true)]
    public int CopyOneMillion()
    {
        _values.AsSpan().CopyTo(_copy);
        return _copy.Length;
    }

    [Benchmark]
    public long FillOneMillion()
    {
        var histogram = new AxisHistogram(0, 1, 1024);
        histogram.Add(_values);
        return histogram.InRange;
    }

    /// <summary>Binning the column once, as placement QC does per channel of a file.</summary>
    [Benchmark]
    public int CodeOneMillion()
    {
        AxisHistogram.Code(0, 1, 1024, _values, _codes);
        return _codes[^1];
    }

    /// <summary>Counting a population from the codes, as placement QC does per population of a file.</summary>
    [Benchmark]
    public long FillOneMillionPopulationFromCodes()
    {
        var histogram = new AxisHistogram(0, 1, 1024);
        histogram.AddCoded(_populationCodes, _population.Words, 1);
        return histogram.InRange;
    }

    [Benchmark]
    public void MergeTwoHistograms() => _fill.Merge(_liveAndDead);

    [Benchmark]
    public int SmoothDensity() => SmoothedDensity.Of(_liveAndDead, null).Values.Length;

    [Benchmark]
    public double? ValleyFind() => ValleyMethod.Find(_liveAndDead, new ValleyOptions()).Position;

    [Benchmark]
    public double? TailFind() => TailMethod.Find(_liveAndDead, new TailOptions(SearchMaximum: 0.55)).Position;

    [Benchmark]
    public double BoundaryRatio() => BoundaryDensity.RatioAt(_liveAndDead, 0.55);

    private static double Normal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
