using BenchmarkDotNet.Attributes;
using CytoViability.Core.Fcs;
using CytoViability.Core.Statistics;

namespace CytoViability.Benchmarks.Statistics;

/// <summary>
/// What `inspect --stats` does with a file on disk: 2,000,000 events × 12 little-endian float32 channels (96 MB of
/// DATA). Baseline: decode whole columns, then scan each (the path before issue 15's streaming); against it, DATA
/// streamed in 256 KiB slices through per-channel scanners, no column ever whole. Both give bit-identical extents.
/// </summary>
[MemoryDiagnoser]
public class InspectStatsBenchmarks
{
    private const int Events = 2_000_000;
    private const int Channels = 12;

    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile()
    {
        var random = new Random(20261201);
        var columns = new float[Channels][];
        var parameters = new FcsWriteParameter[Channels];
        for (var c = 0; c < Channels; c++)
        {
            columns[c] = new float[Events];
            for (var e = 0; e < Events; e++)
            {
                columns[c][e] = (float)(Math.Exp(2 + (10 * random.NextDouble())) - 200);
            }

            parameters[c] = new FcsWriteParameter($"Channel{c + 1}-A", null, 262144);
        }

        _path = Path.Combine(Path.GetTempPath(), $"cytoviability-inspect-benchmark-{Environment.ProcessId}.fcs");
        using var stream = File.Create(_path);
        FcsWriter.Write(stream, new FcsWriteDataSet(parameters, columns, []), new FcsWriterOptions());
    }

    [GlobalCleanup]
    public void DeleteFile() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public double WholeColumnsThenScan()
    {
        var dataSet = FcsReader.ReadFile(_path).DataSets[0];
        var total = 0.0;
        for (var c = 0; c < Channels; c++)
        {
            total += ColumnScan.Scan(dataSet.Column(c)).Mean;
        }

        return total;
    }

    [Benchmark]
    public double StreamedSlices()
    {
        var scans = new EventSliceScans();
        FcsReader.ReadFile(_path, new FcsReadOptions { EventSlices = scans });
        var total = 0.0;
        for (var c = 0; c < Channels; c++)
        {
            total += scans.Extent(0, c).Mean;
        }

        return total;
    }
}
