using CytoViability.Cli.Tests.Examples;

namespace CytoViability.Cli.Tests.Sharding;

/// <summary>
/// Every example experiment (the -day2 ones place their gates from pooled data, so their shards use the maps `plan` counted),
/// split into shards and merged, writes the same bytes as one `run` of the folder (see
/// <see cref="ShardCli.Differences(string, string)"/> for the fields that are timings or run ids). The single runs are
/// the example runs' (<see cref="ExampleRunFixture"/>: `run --threads 2` with the report, into another folder), so
/// each example is run once for both classes; run.json's output is checked to name each run's own folder.
/// </summary>
[Collection(ExampleRunsCollection.Name)]
public sealed class ShardedExampleRunTests(ExampleRunFixture examples) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cv-sharded-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the results stand.
        }
    }

    /// <summary>
    /// The README's test command splits each example once: 1 shard (everything in one), 2 (donors split between
    /// shards) or 7 (more shards than donors: empty shards), so that each count meets first-day and -day2 (pooled gates)
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
        var single = examples.Compensated(experiment);
        var merged = Path.Combine(_root, "merged");

        Assert.Equal(single.ExitCode, ShardCli.PlanRunMerge(ExampleRunFixture.ExampleFolder(experiment), shards, Path.Combine(_root, "plan"), merged, "--no-report"));
        Assert.Empty(ShardCli.DifferencesFromRunElsewhere(single.Folder, merged, mergedWithoutReport: true));
        Assert.True(File.Exists(Path.Combine(merged, "qc.csv")));
    }

    [Fact]
    public void WithTheReport_TheMergedReportIsTheSingleRunsToo()
    {
        const string experiment = "cd40l-mfi-day2";
        var single = examples.Compensated(experiment);
        Assert.Equal(0, single.ExitCode);
        var output = Path.Combine(_root, "merged");

        Assert.Equal(0, ShardCli.PlanRunMerge(ExampleRunFixture.ExampleFolder(experiment), 2, Path.Combine(_root, "plan"), output));

        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "plots"), "*.svg", SearchOption.AllDirectories));
        Assert.Empty(ShardCli.DifferencesFromRunElsewhere(single.Folder, output, mergedWithoutReport: false));
    }
}
