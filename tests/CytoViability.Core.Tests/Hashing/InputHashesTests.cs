using System.Security.Cryptography;
using CytoViability.Core.Hashing;

namespace CytoViability.Core.Tests.Hashing;

/// <summary>
/// A run hashes its inputs sixteen at a time before reading them: every file hashed gets the sha256 of its bytes (as
/// .NET's SHA256 computes it), with the size and last-write time it had; files the lanes would not pay for, and files
/// that cannot be opened, are left without a hash for the readers to hash or report.
/// </summary>
public sealed class InputHashesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cv-hashes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Forty_files_of_every_awkward_size_get_their_own_sha256(int threads)
    {
        // Two to three slices (64 KiB each) and a rest around every padding edge, so lanes end, refill and pad at
        // every offset; sizes close enough for the lanes to pay.
        int[] rests = [0, 1, 55, 56, 63, 64, 65, 119, 120, 4096, InputHashes.SliceBytes - 1, InputHashes.SliceBytes - 64];
        var paths = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            paths.Add(Write("file" + i + ".fcs", (2 * InputHashes.SliceBytes) + rests[i % rests.Length] + (i / rests.Length), i));
        }

        var hashes = InputHashes.Compute(paths, File.OpenRead, threads);

        if (!InputHashes.IsSupported)
        {
            Assert.All(hashes, Assert.Null);
            return;
        }

        // 40 files a worker fill the lanes twice, 20 once (the rest are left to the readers).
        Assert.True(hashes.Count(h => h is not null) >= 32, "at least two rounds of the lanes: " + hashes.Count(h => h is not null));
        for (var i = 0; i < paths.Count; i++)
        {
            if (hashes[i] is { } hash)
            {
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(paths[i]))), hash.Sha256);
                Assert.Equal(new FileInfo(paths[i]).Length, hash.Bytes);
                Assert.Equal(File.GetLastWriteTimeUtc(paths[i]), hash.ModifiedUtc);
            }
        }
    }

    [Fact]
    public void A_file_that_cannot_be_opened_is_left_without_a_hash_and_the_others_are_hashed()
    {
        var paths = Enumerable.Range(0, 20).Select(i => Write("file" + i + ".fcs", 10_000, i)).ToList();
        var refused = paths[7];

        var hashes = InputHashes.Compute(paths, path => path == refused ? throw new IOException("refused") : File.OpenRead(path), 1);

        Assert.Null(hashes[7]);
        if (InputHashes.IsSupported)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(paths[8]))), hashes[8]?.Sha256);
        }
    }

    [Fact]
    public void Sixteen_equal_files_fill_the_lanes_and_five_are_left_to_the_readers()
    {
        var sizes = Enumerable.Repeat(1_000_000L, 16).ToArray();

        var lanes = InputHashes.Deal(Enumerable.Range(0, 16).ToList(), sizes);
        var few = InputHashes.Deal(Enumerable.Range(0, 5).ToList(), sizes);

        Assert.Equal(16, lanes.Count);
        Assert.All(lanes, lane => Assert.Single(lane));
        Assert.Empty(few);
    }

    [Fact]
    public void Twenty_equal_files_fill_the_lanes_once_and_leave_four_to_the_readers()
    {
        // A second round for four files would idle twelve lanes: hashing those four as they are read costs less.
        var sizes = Enumerable.Repeat(1_000_000L, 20).ToArray();

        var lanes = InputHashes.Deal(Enumerable.Range(0, 20).ToList(), sizes);

        Assert.Equal(16, lanes.Sum(lane => lane.Count));
        Assert.All(lanes, lane => Assert.Single(lane));
    }

    [Fact]
    public void One_file_much_larger_than_the_rest_is_left_to_its_reader()
    {
        // 1 GB beside 40 files of 1 MB: in a lane it would keep the other fifteen idle for most of the pass. The
        // 1 MB files fill the lanes twice; the last eight would fill half a round and are left to their readers too.
        var sizes = new List<long> { 1_000_000_000 };
        sizes.AddRange(Enumerable.Repeat(1_000_000L, 40));

        var lanes = InputHashes.Deal(Enumerable.Range(0, 41).ToList(), sizes);

        Assert.DoesNotContain(lanes, lane => lane.Contains(0));
        Assert.Equal(32, lanes.Sum(lane => lane.Count));
    }

    [Fact]
    public void A_file_changed_after_hashing_is_not_trusted()
    {
        var path = Write("changed.fcs", 1000, 1);
        var hash = new InputHash("00", 1000, File.GetLastWriteTimeUtc(path));
        using (var same = File.OpenRead(path))
        {
            Assert.Equal("00", hash.Unchanged(same));
        }

        File.SetLastWriteTimeUtc(path, hash.ModifiedUtc.AddSeconds(1));
        using var touched = File.OpenRead(path);

        Assert.Null(hash.Unchanged(touched));
    }

    private string Write(string name, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
