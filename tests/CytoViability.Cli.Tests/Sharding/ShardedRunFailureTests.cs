using System.Text.Json.Nodes;
using CytoViability.Cli.Tests.Examples;
using CytoViability.Cli.Tests.Run;
using CytoViability.Core.Csv;

namespace CytoViability.Cli.Tests.Sharding;

/// <summary>
/// What a cluster throws at a sharded run: a shard run twice, a shard that never ran, a shard of another plan, an
/// input changed between `plan` and the shard, a missing map step. Each is named; nothing half-done is merged.
/// </summary>
public sealed class ShardedRunFailureTests : IDisposable
{
    private readonly RunFixture _fixture = new(eventsPerFile: 800);

    public void Dispose() => _fixture.Dispose();

    private string Plan(string name, int shards, string? folder = null)
    {
        var plan = _fixture.Output(name);
        ShardCli.AssertOk(ShardCli.Cli("plan", folder ?? _fixture.Folder, "--shards", shards.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", plan));
        return plan;
    }

    private static (int Exit, string Console) Shard(string plan, int shard, params string[] extra)
        => ShardCli.Cli(["run", "--manifest", ShardCli.Manifest(plan), "--shard", shard.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-report", .. extra]);

    [Fact]
    public void EachDonorsWellsGoToOneShard_AndPlanningAgainGivesTheSameManifest()
    {
        var plan = Plan("plan", 2);
        var first = File.ReadAllBytes(ShardCli.Manifest(plan));
        var files = JsonNode.Parse(first)!["files"]!.AsArray();

        Assert.Equal(_fixture.Wells.Count, files.Count);
        var shardOfDonor = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var well in _fixture.Wells)
        {
            var entry = files.Single(f => f!["file"]!.GetValue<string>() == well.File)!;
            var shard = entry["shard"]!.GetValue<int>();
            Assert.Equal(shard, shardOfDonor.TryAdd(well.Donor, shard) ? shard : shardOfDonor[well.Donor]);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_fixture.Folder, well.File)))), entry["sha256"]!.GetValue<string>());
        }

        // Three donors of equal size, each to the lightest shard: two donors on one shard, the third on the other.
        Assert.Equal([1, 2], shardOfDonor.Values.GroupBy(s => s).Select(g => g.Count()).Order());
        Assert.False(JsonNode.Parse(first)!["needs_map"]!.GetValue<bool>());

        ShardCli.AssertOk(ShardCli.Cli("plan", _fixture.Folder, "--shards", "2", "--out", plan));
        Assert.Equal(first, File.ReadAllBytes(ShardCli.Manifest(plan)));
    }

    [Fact]
    public void AFinishedShardRunAgain_IsNotRedone()
    {
        var plan = Plan("plan", 2);
        ShardCli.AssertOk(Shard(plan, 0));
        var records = Path.Combine(plan, "shards", "0", "records.bin");
        var (bytes, written) = (new FileInfo(records).Length, File.GetLastWriteTimeUtc(records));
        Assert.True(bytes > 0);
        Thread.Sleep(20);

        var again = Shard(plan, 0);

        Assert.Equal(0, again.Exit);
        Assert.Contains("already finished", again.Console, StringComparison.Ordinal);
        Assert.Equal((bytes, written), (new FileInfo(records).Length, File.GetLastWriteTimeUtc(records)));
    }

    [Fact]
    public void AShardKilledHalfway_KeepsItsFinishedSamples_AndMergesTheSameBytes()
    {
        var plan = RunSingleThenBothShards();

        // A kill while the last sample's record was being written: no shard.json, and records.bin ends mid-record.
        var shard = Path.Combine(plan, "shards", "1");
        File.Delete(Path.Combine(shard, "shard.json"));
        var records = Path.Combine(shard, "records.bin");
        var whole = File.ReadAllBytes(records);
        File.WriteAllBytes(records, whole[..^40]);
        var files = FilesOfShard(plan, 1);

        var rerun = Shard(plan, 1);

        Assert.Equal(0, rerun.Exit);
        Assert.Contains("the last " + (whole.Length - 40 - LastRecordStart(whole)) + " bytes were a sample record cut short", rerun.Console, StringComparison.Ordinal);
        Assert.Contains((files - 1) + " samples already done, 1 to go", rerun.Console, StringComparison.Ordinal);
        Assert.Equal(whole[..LastRecordStart(whole)], File.ReadAllBytes(records)[..LastRecordStart(whole)]);
        Directory.Move(_fixture.Output("single"), _fixture.Output("single-aside"));
        Assert.Equal(0, ShardCli.Cli("merge", plan, "--out", _fixture.Output("single"), "--no-report", "--threads", "2").Exit);
        Assert.Empty(ShardCli.Differences(_fixture.Output("single-aside"), _fixture.Output("single")));
    }

    [Fact]
    public void ARecordDamagedAfterItsShardFinished_IsNamedByMerge_AndTheShardRunAgainRedoesIt()
    {
        var plan = RunSingleThenBothShards();
        var records = Path.Combine(plan, "shards", "0", "records.bin");
        var bytes = File.ReadAllBytes(records);
        bytes[LastRecordStart(bytes) + 20] ^= 0x5a;
        File.WriteAllBytes(records, bytes);

        var refused = ShardCli.Cli("merge", plan, "--no-report");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("shard 0 is complete but the sample record of", refused.Console, StringComparison.Ordinal);
        Assert.Contains("shard.json and run the shard again", refused.Console, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(plan, "out")));

        File.Delete(Path.Combine(plan, "shards", "0", "shard.json"));
        var rerun = Shard(plan, 0);

        Assert.Contains((FilesOfShard(plan, 0) - 1) + " samples already done, 1 to go", rerun.Console, StringComparison.Ordinal);
        Directory.Move(_fixture.Output("single"), _fixture.Output("single-aside"));
        Assert.Equal(0, ShardCli.Cli("merge", plan, "--out", _fixture.Output("single"), "--no-report", "--threads", "2").Exit);
        Assert.Empty(ShardCli.Differences(_fixture.Output("single-aside"), _fixture.Output("single")));
    }

    [Fact]
    public void TheSameShardStartedTwiceAtOnce_IsRefusedWhileTheFirstWrites()
    {
        var plan = Plan("plan", 2);
        Directory.CreateDirectory(Path.Combine(plan, "shards", "1"));
        using (File.Open(Path.Combine(plan, "shards", "1", "records.bin"), FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            var second = Shard(plan, 1);

            Assert.Equal(1, second.Exit);
            Assert.Contains("is shard 1 running in another process?", second.Console, StringComparison.Ordinal);
        }

        ShardCli.AssertOk(Shard(plan, 1));
    }

    /// <summary>The single run (into "single") to compare with, then a plan of two shards, both run to the end.</summary>
    private string RunSingleThenBothShards()
    {
        Assert.Equal(0, _fixture.Run("single", "--threads", "2"));
        var plan = Plan("plan", 2);
        ShardCli.AssertOk(Shard(plan, 0));
        ShardCli.AssertOk(Shard(plan, 1));
        return plan;
    }

    private static int FilesOfShard(string plan, int shard)
        => JsonNode.Parse(File.ReadAllText(ShardCli.Manifest(plan)))!["files"]!.AsArray().Count(f => f!["shard"]!.GetValue<int>() == shard);

    /// <summary>Where the last record of a records.bin starts, walking its lengths (4 bytes, little-endian; then the record and its 32-byte SHA-256).</summary>
    private static int LastRecordStart(byte[] records)
    {
        var start = 0;
        var last = 0;
        while (start < records.Length)
        {
            last = start;
            start += 4 + BitConverter.ToInt32(records, start) + 32;
        }

        Assert.Equal(records.Length, start);
        return last;
    }

    [Fact]
    public void MergeWithAShardMissing_NamesIt_AndWritesNothing_UnlessPartial()
    {
        var plan = Plan("plan", 2);
        ShardCli.AssertOk(Shard(plan, 0));
        var output = Path.Combine(plan, "out");

        var refused = ShardCli.Cli("merge", plan, "--no-report");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("shard 1 is missing", refused.Console, StringComparison.Ordinal);
        Assert.Contains("--shard 1", refused.Console, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));

        var partial = ShardCli.Cli("merge", plan, "--no-report", "--partial");

        Assert.Equal(2, partial.Exit);
        var manifest = JsonNode.Parse(File.ReadAllText(ShardCli.Manifest(plan)))!["files"]!.AsArray();
        var missing = manifest.Where(f => f!["shard"]!.GetValue<int>() == 1).Select(f => f!["file"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var qc = CsvReader.ReadFile(Path.Combine(output, "qc.csv"));
        var rows = qc.Rows.Where(r => r[qc.RequireColumn("check")] == "shard_missing").ToList();
        Assert.Equal(missing, rows.Select(r => r[qc.RequireColumn("file")]).Order(StringComparer.Ordinal).ToList());
        Assert.All(rows, r => Assert.Equal("fail", r[qc.RequireColumn("status")]));
        var populations = CsvReader.ReadFile(Path.Combine(output, "populations.csv"));
        Assert.DoesNotContain(populations.Rows, r => missing.Contains(r[populations.RequireColumn("file")]));
    }

    [Fact]
    public void AShardOfAnotherPlan_IsRefusedByTheShardAndByMerge()
    {
        var plan = Plan("plan", 2);
        var other = Plan("other", 3);
        ShardCli.AssertOk(Shard(other, 0));
        ShardCli.AssertOk(Shard(plan, 1));
        var otherId = JsonNode.Parse(File.ReadAllText(ShardCli.Manifest(other)))!["manifest_id"]!.GetValue<string>();
        Directory.CreateDirectory(Path.Combine(plan, "shards"));
        Directory.Move(Path.Combine(other, "shards", "0"), Path.Combine(plan, "shards", "0"));

        var shard = Shard(plan, 0);
        var merge = ShardCli.Cli("merge", plan, "--no-report");

        Assert.Equal(1, shard.Exit);
        Assert.Contains("holds shard 0 of manifest " + otherId, shard.Console, StringComparison.Ordinal);
        Assert.Equal(1, merge.Exit);
        Assert.Contains("holds shard 0 of manifest " + otherId, merge.Console, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(plan, "out")));
    }

    [Fact]
    public void AnInputChangedAfterPlanning_IsRefusedWithItsName()
    {
        var plan = Plan("plan", 1);
        var changed = _fixture.Wells[3];
        var path = Path.Combine(_fixture.Folder, changed.File);
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x01; // one bit of one event
        File.WriteAllBytes(path, bytes);

        var shard = Shard(plan, 0);

        Assert.Equal(1, shard.Exit);
        Assert.Contains(path + ": error: changed since `plan`", shard.Console, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(plan, "shards", "0", "shard.json")));
    }

    [Fact]
    public void AnInputRewrittenWithItsSizeAndTimeKept_IsTakenAsPlanned_UnlessTheShardRehashes()
    {
        var plan = Plan("plan", 1);
        var path = Path.Combine(_fixture.Folder, _fixture.Wells[3].File);
        var bytes = File.ReadAllBytes(path);
        var planned = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var modified = File.GetLastWriteTimeUtc(path);
        bytes[^40] ^= 0x01; // one bit of one event, the size and last-write time as `plan` saw them
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, modified);

        var rehashed = Shard(plan, 0, "--rehash", "--out", Path.Combine(plan, "rehashed"));

        Assert.Equal(1, rehashed.Exit);
        Assert.Contains(path + ": error: changed since `plan` (sha256 " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) + ", planned " + planned + ")", rehashed.Console, StringComparison.Ordinal);

        ShardCli.AssertOk(Shard(plan, 0));
        ShardCli.AssertOk(ShardCli.Cli("merge", plan, "--no-report"));
        var inputs = JsonNode.Parse(File.ReadAllText(Path.Combine(plan, "out", "run.json")))!["inputs"]!.AsArray();
        Assert.Equal(planned, inputs.Single(i => i!["file"]!.GetValue<string>() == _fixture.Wells[3].File)!["sha256"]!.GetValue<string>());
    }

    [Fact]
    public void PlanningAgainBeforeAnyShardRan_ReplacesThePreviousPlansMaps_ButNotOnceAShardHasRun()
    {
        var experiment = ExampleRunFixture.ExampleFolder("cd40l-mfi-day2");
        var plan = Plan("replanned", 3, experiment);
        var first = JsonNode.Parse(File.ReadAllText(ShardCli.Manifest(plan)))!["manifest_id"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(plan, "maps", "2", "pooled.bin")));

        ShardCli.AssertOk(ShardCli.Cli("plan", experiment, "--shards", "2", "--out", plan));

        Assert.NotEqual(first, JsonNode.Parse(File.ReadAllText(ShardCli.Manifest(plan)))!["manifest_id"]!.GetValue<string>());
        Assert.Equal(["0", "1"], Directory.GetDirectories(Path.Combine(plan, "maps")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        ShardCli.AssertOk(Shard(plan, 0));
        var again = ShardCli.Cli("plan", experiment, "--shards", "3", "--out", plan);
        Assert.Equal(1, again.Exit);
        Assert.Contains("this folder holds the shards of another plan", again.Console, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(plan, "maps", "1", "pooled.bin")));
    }

    [Fact]
    public void PooledPositions_NeedEveryShardsMap_ThePlanCountsThem_AndAFileChangedBeforeAMapIsRebuiltIsRefused()
    {
        var experiment = Path.Combine(_fixture.Root, "cd40l-mfi-day2");
        Directory.CreateDirectory(experiment);
        foreach (var file in Directory.GetFiles(ExampleRunFixture.ExampleFolder("cd40l-mfi-day2")))
        {
            File.Copy(file, Path.Combine(experiment, Path.GetFileName(file)));
        }

        var plan = Plan("pooled", 3, experiment);
        Assert.True(ShardCli.NeedsMap(plan));
        var counted = Path.Combine(_fixture.Root, "pooled-maps-as-planned");
        Directory.Move(Path.Combine(plan, "maps"), counted);
        Directory.CreateDirectory(Path.Combine(plan, "maps"));
        ShardCli.AssertOk(Shard(plan, 1, "--map"));

        // The map step reads only the counted events, without hashing: the same counts as plan's hashing read.
        foreach (var name in new[] { "pooled.bin", "samples.bin" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(counted, "1", name)), File.ReadAllBytes(Path.Combine(plan, "maps", "1", name)));
        }

        var unmapped = Shard(plan, 1);

        Assert.Equal(1, unmapped.Exit);
        Assert.Contains("the map of shards 0, 2 is missing", unmapped.Console, StringComparison.Ordinal);

        var manifest = JsonNode.Parse(File.ReadAllText(ShardCli.Manifest(plan)))!["files"]!.AsArray();
        var changed = Path.Combine(experiment, manifest.First(f => f!["shard"]!.GetValue<int>() == 0)!["file"]!.GetValue<string>());
        var bytes = File.ReadAllBytes(changed);
        bytes[^40] ^= 0x01;
        File.WriteAllBytes(changed, bytes);

        var map = Shard(plan, 0, "--map");

        Assert.Equal(1, map.Exit);
        Assert.Contains(changed + ": error: changed since `plan`", map.Console, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(plan, "maps", "0")));
    }
}
