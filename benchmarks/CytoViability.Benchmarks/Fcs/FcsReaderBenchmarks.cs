using BenchmarkDotNet.Attributes;
using CytoViability.Core.Fcs;

namespace CytoViability.Benchmarks.Fcs;

/// <summary>
/// Decoding a FACSDiva-style file: 1,000,000 events × 12 channels of big-endian float32 (48 MB of DATA),
/// from a byte array already in memory and from disk. Throughput = 48,000,000 bytes / mean time.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class FcsReaderBenchmarks
{
    private const int Events = 1_000_000;
    private const int Channels = 12;

    private byte[] _file = [];
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile()
    {
        var random = new Random(20261129);
        var columns = new float[Channels][];
        var parameters = new FcsWriteParameter[Channels];
        for (var c = 0; c < Channels; c++)
        {
            columns[c] = new float[Events];
            for (var e = 0; e < Events; e++)
            {
                columns[c][e] = (float)((random.NextDouble() * 262_400) - 256);
            }

            parameters[c] = new FcsWriteParameter($"Channel{c + 1}-A", null, 262144);
        }

        using var stream = new MemoryStream();
        FcsWriter.Write(stream, new FcsWriteDataSet(parameters, columns, []), new FcsWriterOptions { FacsDivaLayout = true });
        _file = stream.ToArray();
        _path = Path.Combine(Path.GetTempPath(), $"cytoviability-benchmark-{Environment.ProcessId}.fcs");
        File.WriteAllBytes(_path, _file);
    }

    [GlobalCleanup]
    public void DeleteFile() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public object InMemory() => FcsReader.Read(_file, "benchmark.fcs");

    [Benchmark]
    public object FromDisk() => FcsReader.ReadFile(_path);
}
