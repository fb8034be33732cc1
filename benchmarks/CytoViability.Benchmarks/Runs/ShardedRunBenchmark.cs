using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CytoViability.Core.Runs;
using CytoViability.Core.Runs.Sharding;

namespace CytoViability.Benchmarks.Runs;

/// <summary>
/// What sharding costs: one `run` of 50,000-event files with the shipped ADCC template (its gate positions are
/// computed from pooled data: `plan` counts the shards' maps as it hashes the files) against `plan` +
/// 4 × `run --shard K` + `merge` of the same folder, in one process. Everything runs on one thread, so the time is
/// the CPU time: the ratio is the CPU that sharding adds (the target: less than 10 %). 96 files is a small
/// experiment, where each shard's fixed part (settling the experiment again, reading the maps, a fresh processor's
/// first file) weighs most; 480 files (30 donors, 1.4 GB) is nearer what a facility shards.
/// </summary>
[MemoryDiagnoser]
public class ShardedRunBenchmark
{
    private const int Shards = 4;

    private string _root = string.Empty;
    private string _folder = string.Empty;
    private string _template = string.Empty;
    private string _plan = string.Empty;

    [Params(96, 480)]
    public int Files { get; set; } = 96;

    [GlobalSetup]
    public void WriteExperiment()
    {
        _root = Directory.CreateTempSubdirectory("cv-bench-shards-").FullName;
        _folder = Path.Combine(_root, "adcc");
        Directory.CreateDirectory(_folder);
        _template = WholeRunBenchmark.FindShippedTemplate("adcc-killing.yaml");
        var sheet = new StringBuilder("file,donor,replicate,antibody,treatment\n");
        var antibodies = new[] { "none", "b12", "rituximab", "ofatumumab", "daratumumab", "none", "rituximab", "ofatumumab" };
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < Files; i++)
        {
            var donor = "D" + ((i / 16) + 1).ToString("00", CultureInfo.InvariantCulture);
            var antibody = antibodies[i % antibodies.Length];
            var treatment = (i / 8) % 2 == 0 ? "untreated" : "lenalidomide";
            var file = donor + "/" + donor + "_" + i.ToString("000", CultureInfo.InvariantCulture) + ".fcs";
            WholeRunBenchmark.WriteFile(Path.Combine(_folder, file), antibody == "none" ? 0.15 : 0.45, ref state);
            sheet.Append(file).Append(',').Append(donor).Append(",1,").Append(antibody).Append(',').Append(treatment).Append('\n');
        }

        File.WriteAllText(Path.Combine(_folder, "samples.csv"), sheet.ToString());
    }

    [GlobalCleanup]
    public void DeleteExperiment() => Directory.Delete(_root, recursive: true);

    [IterationSetup(Target = nameof(PlanShardsMerge))]
    public void NewPlanFolder() => _plan = Path.Combine(_root, "plan-" + Guid.NewGuid().ToString("N"));

    [IterationCleanup(Target = nameof(PlanShardsMerge))]
    public void DeletePlanFolder() => Directory.Delete(_plan, recursive: true);

    [Benchmark(Baseline = true)]
    public object SingleRun()
    {
        var request = new RunRequest(_folder, _template, Path.Combine(_folder, "samples.csv"), Path.Combine(_root, "single"), Threads: 1);
        return BatchRun.Execute(request, SilentRunObserver.Instance).Status;
    }

    [Benchmark]
    public object PlanShardsMerge()
    {
        var problems = new List<Core.Templates.ConfigurationProblem>();
        var request = new RunRequest(_folder, _template, Path.Combine(_folder, "samples.csv"), null, Threads: 1);
        var planned = ShardPlanner.Plan(request, Shards, _plan, problems) ?? throw new InvalidOperationException(string.Join("\n", problems));
        if (!ShardPlanner.Write(planned, _plan, problems))
        {
            throw new InvalidOperationException(string.Join("\n", problems));
        }

        var path = Path.Combine(_plan, ShardManifest.FileName);
        for (var shard = 0; shard < Shards; shard++)
        {
            var outcome = ShardRun.Execute(new ShardRunRequest(path, shard, Threads: 1), SilentRunObserver.Instance);
            if (outcome.Status != ShardStatus.Done)
            {
                throw new InvalidOperationException(string.Join("\n", outcome.Problems));
            }
        }

        return ShardMerge.Execute(new MergeRequest(_plan, new RunRequest(_plan, OutputPath: Path.Combine(_plan, "out"), Threads: 1), Partial: false), SilentRunObserver.Instance).Status;
    }
}
