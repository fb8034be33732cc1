using BenchmarkDotNet.Attributes;
using CytoViability.Core.Statistics;

namespace CytoViability.Benchmarks.Statistics;

/// <summary>
/// `inspect --stats` over one channel of a 10,000,000-event file: the vector scan against the scalar loop it
/// replaced (min, max and mean of the finite values, one value at a time).
/// </summary>
[MemoryDiagnoser]
public class ColumnScanBenchmarks
{
    private const int Events = 10_000_000;
    private readonly float[] _values = new float[Events];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var i = 0; i < Events; i++)
        {
            _values[i] = (float)(Math.Exp(6 + (2 * random.NextDouble())) - 300);
        }
    }

    [Benchmark(Baseline = true)]
    public double ScalarLoop()
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        var count = 0;
        foreach (var value in _values)
        {
            if (!float.IsFinite(value))
            {
                continue;
            }

            min = Math.Min(min, value);
            max = Math.Max(max, value);
            sum += value;
            count++;
        }

        return min + max + (sum / count);
    }

    [Benchmark]
    public double VectorScan()
    {
        var extent = ColumnScan.Scan(_values);
        return extent.Minimum + extent.Maximum + extent.Mean;
    }
}
