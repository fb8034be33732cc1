using System.Buffers.Binary;
using System.Security.Cryptography;
using CytoViability.Core.Fcs;

namespace CytoViability.Core.Tests.Fcs;

/// <summary>
/// `plan` hashes a whole file while it reads only the events placement counts: read ahead in slices, the scattered
/// reads still get the file's own bytes, and the hash is the sha256 of every byte of the file, each hashed once.
/// </summary>
public sealed class HashingReadAheadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cv-readahead-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Scattered_small_reads_return_the_files_bytes_and_the_hash_is_the_whole_files_sha256()
    {
        // 1,000,003 bytes of noise: reads of 60 bytes every 6,000 (as a sampled 1M-event file), one across the
        // 256 KiB slice boundary, one of bytes hashed long before, one larger than a read-ahead read, and the tail unread.
        var bytes = new byte[1_000_003];
        new Random(18).NextBytes(bytes);
        var path = Path.Combine(_folder, "noise.bin");
        File.WriteAllBytes(path, bytes);
        var reads = new List<(long Offset, int Length)>();
        for (long offset = 0; offset < 600_000; offset += 6_000)
        {
            reads.Add((offset, 60));
        }

        reads.Add(((256 * 1024) - 30, 60));
        reads.Add((1_000, 500));
        reads.Add((700_000, 100_000));
        reads.Add((900_000, 60));

        using var stream = File.OpenRead(path);
        using var source = new FcsHashingFileSource(stream.SafeFileHandle, stream.Length, readAhead: true);
        foreach (var (offset, length) in reads)
        {
            var read = new byte[length];
            source.Read(offset, read);
            Assert.Equal(bytes.AsSpan((int)offset, length).ToArray(), read);
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), source.Finish());
    }

    [Fact]
    public void A_sampled_read_with_read_ahead_decodes_the_same_events_as_a_plain_read_and_hashes_the_file()
    {
        // 300,000 events of two float32 channels, X = i and Y = 2i: a sample of at most 10,000 events is every 30th.
        const int events = 300_000;
        var data = new byte[events * 8];
        for (var i = 0; i < events; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(i * 8), i);
            BinaryPrimitives.WriteSingleBigEndian(data.AsSpan((i * 8) + 4), 2f * i);
        }

        var file = new HandBuiltFcs { Keywords = HandBuiltFcs.ListMode("F", "4,3,2,1", events, ("X", 32, "1048576"), ("Y", 32, "1048576")), Data = data }.Build();
        var path = Path.Combine(_folder, "sampled.fcs");
        File.WriteAllBytes(path, file);
        var options = new FcsReadOptions { SampledEvents = 10_000 };

        using var stream = File.OpenRead(path);
        using var source = new FcsHashingFileSource(stream.SafeFileHandle, stream.Length, readAhead: true);
        var sample = FcsReader.Read(source, "sampled.fcs", options).DataSets[0];

        Assert.Equal(30, sample.EventStride);
        Assert.Equal(10_000, sample.EventCount);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => 30.0 * i), sample.ScaleColumn(0));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => 60.0 * i), sample.ScaleColumn(1));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), source.Finish());
    }
}
