using System.Collections.Concurrent;
using CytoViability.Cli.Tests.Examples;

namespace CytoViability.Cli.Tests.Sharding;

/// <summary>
/// Every example experiment (the -day2 ones place their gates from pooled data, so they go through the map step),
/// split into shards and merged, writes the same bytes as one `run` of the folder (see
/// <see cref="ShardCli.Differences"/> for the fields that are timings or run ids).
/// </summary>
public sealed class ShardedExampleRunTests(ShardedExampleRunTests.SingleRuns singles) : IClassFixture<ShardedExampleRunTests.SingleRuns>
{
    /// <summary>
    /// The README's test command splits each example once: 1 shard (everything in one), 2 (donors split between
    /// shards) or 7 (more shards than donors: empty shards), so that each count meets first-day and -day2 (map step)
    /// examples, and each design, the killing ones included, is split two ways over its two days. The long budget
    /// (<see cref="LongChecks"/>) splits every example 1, 2 and 7 ways.
    /// </summary>
    private static readonly Dictionary<string, int> ShardsOf = new(StringComparer.Ordinal)
    {
        ["viability"] = 1, ["viability-day2"] = 7,
        ["fasl-trail"] = 2, ["fasl-trail-day2"] = 1,
        ["adcc"] = 7, ["adcc-day2"] = 2,
        ["gamma-delta"] = 2, ["gamma-delta-day2"] = 7,
        ["purity"] = 7, ["purity-day2"] = 1,
        ["cd40l-mfi"] = 1, ["cd40l-mfi-day2"] = 2,
    };

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var experiment in ExampleRunFixture.Experiments)
        {
            foreach (var shards in LongChecks.Enabled ? new[] { 1, 2, 7 } : [ShardsOf[experiment]])
            {
                cases.Add(experiment, shards);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AShardedRunMergesIntoTheBytesOfASingleRun(string experiment, int shards)
    {
        var (single, singleExit) = singles.Of(experiment);
        var plan = Path.Combine(singles.Root, experiment + "-plan-" + shards);
        var merged = singles.OutputPath(experiment);

        // merge writes where the single run wrote (that folder was moved aside), so run.json's "output" must match too.
        Assert.Equal(singleExit, ShardCli.PlanRunMerge(ExampleRunFixture.ExampleFolder(experiment), shards, plan, merged, "--no-report"));
        try
        {
            Assert.Empty(ShardCli.Differences(single, merged));
            Assert.True(File.Exists(Path.Combine(merged, "qc.csv")));
        }
        finally
        {
            Directory.Delete(merged, recursive: true);
        }
    }

    [Fact]
    public void WithTheReport_TheMergedReportIsTheSingleRunsToo()
    {
        const string experiment = "cd40l-mfi-day2";
        var folder = ExampleRunFixture.ExampleFolder(experiment);
        var output = Path.Combine(singles.Root, "report", "out");
        var (exit, console) = ShardCli.Cli("run", folder, "--out", output, "--threads", "2");
        Assert.True(exit == 0, console);
        var single = Path.Combine(singles.Root, "report", "single");
        Directory.Move(output, single);

        Assert.Equal(0, ShardCli.PlanRunMerge(folder, 2, Path.Combine(singles.Root, "report", "plan"), output));

        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "plots"), "*.svg", SearchOption.AllDirectories));
        Assert.Empty(ShardCli.Differences(single, output));
    }

    /// <summary>One single `run --no-report --threads 2` per example, moved aside so that merges can write to its path.</summary>
    public sealed class SingleRuns : IDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<(string Folder, int Exit)>> _runs = new(StringComparer.Ordinal);

        public string Root { get; } = Directory.CreateTempSubdirectory("cv-sharded-").FullName;

        public string OutputPath(string experiment) => Path.Combine(Root, experiment, "out");

        public (string Folder, int Exit) Of(string experiment) => _runs.GetOrAdd(experiment, name => new Lazy<(string Folder, int Exit)>(() =>
        {
            var output = OutputPath(name);
            var (exit, console) = ShardCli.Cli("run", ExampleRunFixture.ExampleFolder(name), "--out", output, "--no-report", "--threads", "2");
            Assert.True(exit is 0 or 2, console);
            var aside = Path.Combine(Root, name, "single");
            Directory.Move(output, aside);
            return (aside, exit);
        })).Value;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; the results stand.
            }
        }
    }
}
