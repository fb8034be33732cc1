using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CytoViability.Core.Hashing;

namespace CytoViability.Benchmarks.Hashing;

/// <summary>
/// The sha256 of 64 files of 5.7 MB (366 MB, the size of issue 15's ADCC batch) from the page cache on one thread:
/// each file read in 256 KiB slices and hashed as read (OpenSSL's SHA instructions, what the gating pass does
/// without a hash pass), against the hash pass, which reads every file and hashes sixteen at a time in AVX-512 lanes
/// (where the runtime may use AVX-512; elsewhere it hashes nothing and returns at once).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class InputHashesBenchmarks
{
    private const int Files = 64;
    private const int FileBytes = 5_730_000;

    private readonly List<string> _paths = [];
    private readonly byte[] _slice = new byte[256 * 1024];
    private string _folder = string.Empty;

    [GlobalSetup]
    public void WriteFiles()
    {
        _folder = Directory.CreateTempSubdirectory("cytoviability-hash-benchmark-").FullName;
        var random = new Random(20261202);
        var bytes = new byte[FileBytes];
        for (var i = 0; i < Files; i++)
        {
            random.NextBytes(bytes);
            var path = Path.Combine(_folder, "well" + i + ".fcs");
            File.WriteAllBytes(path, bytes);
            _paths.Add(path);
        }
    }

    [GlobalCleanup]
    public void DeleteFiles() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public int OneFileAtATimeAsRead()
    {
        var total = 0;
        foreach (var path in _paths)
        {
            using var handle = File.OpenHandle(path);
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var length = RandomAccess.GetLength(handle);
            for (long offset = 0; offset < length;)
            {
                var read = RandomAccess.Read(handle, _slice, offset);
                sha256.AppendData(_slice.AsSpan(0, read));
                offset += read;
            }

            total += sha256.GetHashAndReset()[0];
        }

        return total;
    }

    [Benchmark]
    public int SixteenAtATimeInLanes()
    {
        var total = 0;
        foreach (var hash in InputHashes.Compute(_paths, File.OpenRead, threads: 1))
        {
            total += hash?.Sha256.Length ?? 0;
        }

        return total;
    }
}
