using System.Security.Cryptography;
using CytoViability.Core.Runs.Sharding;

namespace CytoViability.Core.Tests.Runs;

/// <summary>
/// A shard appends its samples' records to one file while it gates: a record counts only when it is there whole, so
/// a shard killed mid-write, or a machine that stopped before the bytes reached the disk, costs the samples cut short
/// and nothing else, and no other process can write the same shard at the same time.
/// </summary>
public sealed class ShardRecordsTests : IDisposable
{
    private const string Manifest = "3f2a9c";
    private readonly string _folder = Directory.CreateTempSubdirectory("cv-records-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Path => System.IO.Path.Combine(_folder, ShardRecords.FileName);

    /// <summary>A record as a shard writes it: header, the file's index, then a body of <paramref name="bytes"/> bytes derived from the index.</summary>
    private static void Write(BinaryWriter writer, int index, int bytes)
    {
        ShardBinary.WriteHeader(writer, ShardFiles.SampleMagic, Manifest);
        writer.Write7BitEncodedInt(index);
        writer.Write(Body(index, bytes));
    }

    private static byte[] Body(int index, int bytes) => [.. Enumerable.Range(0, bytes).Select(i => (byte)((i * 31) + index))];

    private void WriteThreeRecordsOfEqualSize()
    {
        using var records = ShardRecords.Append(Path, out _);
        for (var i = 0; i < 3; i++)
        {
            records.Add(writer => Write(writer, i, 100));
        }
    }

    private List<(int Index, byte[] Body)> ReadAll()
    {
        using var handle = ShardRecords.OpenToRead(Path);
        var found = new List<(int, byte[])>();
        byte[] buffer = [];
        foreach (var place in ShardRecords.Scan(handle).Records)
        {
            Assert.Equal(Manifest, place.ManifestId);
            using var stream = ShardRecords.Read(handle, place, ref buffer);
            using var reader = ShardBinary.Reader(stream);
            Assert.Equal(Manifest, ShardBinary.ReadHeader(reader, ShardFiles.SampleMagic, Path));
            Assert.Equal(place.Index, reader.Read7BitEncodedInt());
            found.Add((place.Index, reader.ReadBytes((int)(stream.Length - stream.Position))));
        }

        return found;
    }

    [Fact]
    public void RecordsAppendedFromManyThreads_AreEachReadBackWhole()
    {
        using (var records = ShardRecords.Append(Path, out var empty))
        {
            Assert.Empty(empty.Records);
            Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => records.Add(writer => Write(writer, i, 1 + (i * 37 % 5000))));
            records.Flush();
        }

        var found = ReadAll();

        Assert.Equal(Enumerable.Range(0, 200), found.Select(r => r.Index).Order());
        Assert.All(found, r => Assert.Equal(Body(r.Index, 1 + (r.Index * 37 % 5000)), r.Body));
    }

    [Fact]
    public void AFileCutAnywhereInItsLastRecord_KeepsEveryEarlierRecord_AndTheNextRunCutsTheRestOff()
    {
        WriteThreeRecordsOfEqualSize();

        var whole = File.ReadAllBytes(Path);
        Assert.Equal(0, whole.Length % 3);
        var third = whole.Length / 3 * 2;
        for (var cut = third; cut < whole.Length; cut++)
        {
            File.WriteAllBytes(Path, whole[..cut]);
            using (var handle = ShardRecords.OpenToRead(Path))
            {
                var scan = ShardRecords.Scan(handle);
                Assert.Equal([0, 1], scan.Records.Select(r => r.Index));
                Assert.Equal((third, (long)cut), (scan.WholeBytes, scan.FileBytes));
            }
        }

        using (var again = ShardRecords.Append(Path, out var found))
        {
            Assert.Equal(2, found.Records.Count);
            again.Add(writer => Write(writer, 2, 100));
        }

        Assert.Equal(whole, File.ReadAllBytes(Path));
    }

    [Fact]
    public void AByteChangedInARecord_FailsItsChecksum_AndEndsTheWholeRecordsThere()
    {
        WriteThreeRecordsOfEqualSize();

        var bytes = File.ReadAllBytes(Path);
        var recordBytes = bytes.Length / 3;
        bytes[recordBytes + 4 + 60] ^= 1;
        File.WriteAllBytes(Path, bytes);

        Assert.Equal([0], ReadAll().Select(r => r.Index));
    }

    [Fact]
    public void EachRecord_IsItsLength_ItsBytes_AndTheirSha256()
    {
        using (var records = ShardRecords.Append(Path, out _))
        {
            records.Add(writer => Write(writer, 7, 10));
        }

        var bytes = File.ReadAllBytes(Path);
        var length = BitConverter.ToInt32(bytes, 0);

        Assert.Equal(4 + length + 32, bytes.Length);
        Assert.Equal(SHA256.HashData(bytes.AsSpan(4, length)), bytes[(4 + length)..]);
    }

    [Fact]
    public void RecordsAreWrittenAQuarterMibAtATime_AndTheRestWhenTheShardStops()
    {
        using (var records = ShardRecords.Append(Path, out _))
        {
            records.Add(writer => Write(writer, 0, 1000));
            Assert.Equal(0, new FileInfo(Path).Length);

            for (var i = 1; i <= 300; i++)
            {
                records.Add(writer => Write(writer, i, 1000));
            }

            // Each record is about 1,050 bytes: the batches that reached a quarter MiB are on disk, the last one not yet.
            Assert.InRange(new FileInfo(Path).Length, 256 << 10, 2 * (256 << 10));
        }

        Assert.Equal(Enumerable.Range(0, 301), ReadAll().Select(r => r.Index).Order());
    }

    [Fact]
    public void ASecondWriterOfTheSameShard_IsRefusedWhileTheFirstHoldsIt()
    {
        using var first = ShardRecords.Append(Path, out _);

        Assert.ThrowsAny<IOException>(() => ShardRecords.Append(Path, out _));
    }
}
