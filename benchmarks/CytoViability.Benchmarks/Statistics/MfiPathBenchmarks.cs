using BenchmarkDotNet.Attributes;
using CytoViability.Core.Statistics;

namespace CytoViability.Benchmarks.Statistics;

/// <summary>
/// The MFI step of one ADCC sample of 50,000 events: mfi.csv asks DDAO and PI on the targets, and the MFI fold asks
/// PI again. Before issue 12 each request narrowed the whole compensated float64 column into a new float array
/// (<c>CopyPerRequest</c>, the old <c>EvaluatedSample.Values</c>); now statistics read the column gating hands out
/// and narrow only the member values they gather (<c>SharedColumn</c>).
/// </summary>
[MemoryDiagnoser]
public class MfiPathBenchmarks
{
    private const int Events = 50_000;
    private readonly double[] _ddao = new double[Events];
    private readonly double[] _pi = new double[Events];
    private readonly ulong[] _targets = new ulong[(Events + 63) / 64];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Events; i++)
        {
            _ddao[i] = Math.Exp(6 + (1.5 * random.NextDouble())) - 200;
            _pi[i] = Math.Exp(5 + (2 * random.NextDouble())) - 150;
            if (random.Next(33) == 0)
            {
                _targets[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    [Benchmark(Baseline = true)]
    public double CopyPerRequest()
    {
        var ddao = ChannelStatistics.Compute(Narrow(_ddao), _targets, display: null);
        var pi = ChannelStatistics.Compute(Narrow(_pi), _targets, display: null);
        var fold = ChannelStatistics.Compute(Narrow(_pi), _targets, display: null);
        return ddao.Median + pi.Median + fold.GeometricMean;
    }

    [Benchmark]
    public double SharedColumn()
    {
        var ddao = ChannelStatistics.Compute(_ddao, _targets, display: null);
        var pi = ChannelStatistics.Compute(_pi, _targets, display: null);
        var fold = ChannelStatistics.Compute(_pi, _targets, display: null);
        return ddao.Median + pi.Median + fold.GeometricMean;
    }

    private static float[] Narrow(double[] values)
    {
        var result = GC.AllocateUninitializedArray<float>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (float)values[i];
        }

        return result;
    }
}
