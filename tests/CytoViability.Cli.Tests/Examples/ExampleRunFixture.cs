namespace CytoViability.Cli.Tests.Examples;

/// <summary>
/// Runs `cytoviability run --threads 2` once on every committed example experiment (each with its experiment.yaml and
/// shipped template), and once more with compensation switched off for the experiments whose dyes overlap.
/// Outputs go to a temporary folder; the committed examples are only read. Each example's run also writes its report
/// (exit 0 then says the report of every experiment design builds); the variant runs, whose tests read only tables,
/// skip it. The classes of the <see cref="ExampleRunsCollection"/> read these runs (ADCC's is the two-thread run of
/// SameRunSameBytesTests; each example's is the single run its sharded runs must match in ShardedExampleRunTests).
/// </summary>
public sealed class ExampleRunFixture : IDisposable
{
    public static readonly string[] Experiments =
    [
        "viability", "fasl-trail", "adcc", "gamma-delta", "purity", "cd40l-mfi",
        "viability-day2", "fasl-trail-day2", "adcc-day2", "gamma-delta-day2", "purity-day2", "cd40l-mfi-day2",
    ];

    private static readonly Dictionary<string, string> TemplateOf = new(StringComparer.Ordinal)
    {
        ["viability"] = "dioc6-pi-viability.yaml",
        ["purity"] = "cd5-cd19-purity.yaml",
        ["cd40l-mfi"] = "cd40l-mfi.yaml",
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cv-example-runs-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, RunOutputs> _compensated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunOutputs> _uncompensated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunOutputs> _countMethod = new(StringComparer.Ordinal);

    public ExampleRunFixture()
    {
        Directory.CreateDirectory(_root);
        var runs = new List<(Dictionary<string, RunOutputs> Into, string Experiment, string Output, string? Template, bool Report)>();
        foreach (var experiment in Experiments)
        {
            runs.Add((_compensated, experiment, Path.Combine(_root, experiment), null, true));
        }

        // Compensation is shown to matter with the round-one templates, whose gates sit at fixed coordinates: the
        // shipped templates compute their dividers from the data, and a valley follows a population that spill has
        // moved, which hides much of the damage these tests demonstrate.
        foreach (var (experiment, template) in TemplateOf)
        {
            var shipped = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "data", "fixed-templates", template));
            Assert.Contains("\ncompensation: file\n", shipped, StringComparison.Ordinal);
            var uncompensated = Path.Combine(_root, "uncompensated-" + template);
            File.WriteAllText(uncompensated, shipped.Replace("\ncompensation: file\n", "\ncompensation: none\n", StringComparison.Ordinal));
            runs.Add((_uncompensated, experiment, Path.Combine(_root, "uncompensated-" + experiment), uncompensated, false));
        }

        foreach (var (experiment, template) in new[] { ("adcc", "adcc-killing.yaml"), ("gamma-delta", "gamma-delta-killing.yaml") })
        {
            var shipped = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", template));
            var method = Array.FindIndex(shipped, line => line.TrimStart().StartsWith("method: specific", StringComparison.Ordinal));
            Assert.True(method > 0, template + " names no specific method");
            var counted = shipped.Take(method).Concat(["    method: count", "    live: live_targets", "    per: beads"]).Concat(shipped.Skip(method + 1));
            var path = Path.Combine(_root, "count-" + template);
            File.WriteAllLines(path, counted);
            runs.Add((_countMethod, experiment, Path.Combine(_root, "count-" + experiment), path, false));
        }

        // The runs are independent (own output folders, examples only read); two at a time keep both cores busy
        // through each run's serial steps (template, sample sheet, tables, report).
        var outputs = new RunOutputs[runs.Count];
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => outputs[i] = Run(runs[i].Experiment, runs[i].Output, runs[i].Template, runs[i].Report));
        for (var i = 0; i < runs.Count; i++)
        {
            runs[i].Into[runs[i].Experiment] = outputs[i];
        }
    }

    public static string ExampleFolder(string experiment) => Path.Combine(TestPaths.RepositoryRoot, "example-fcs", experiment);

    internal RunOutputs Compensated(string experiment) => _compensated[experiment];

    internal RunOutputs Uncompensated(string experiment) => _uncompensated[experiment];

    /// <summary>The killing experiments run with `method: count` (live targets per counting bead).</summary>
    internal RunOutputs CountMethod(string experiment) => _countMethod[experiment];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the test result stands.
        }
    }

    private static RunOutputs Run(string experiment, string output, string? template, bool report)
    {
        var args = new List<string> { "run", ExampleFolder(experiment), "--out", output, "--threads", "2" };
        if (!report)
        {
            args.Add("--no-report");
        }

        if (template is not null)
        {
            args.Add("--template");
            args.Add(template);
        }

        var log = new StringWriter();
        var exitCode = CliApp.Run([.. args], log, log);
        return new RunOutputs(output, exitCode, log.ToString());
    }
}

/// <summary>The classes reading <see cref="ExampleRunFixture"/> (they run one after the other, sharing its runs).</summary>
[CollectionDefinition(Name)]
public sealed class ExampleRunsCollection : ICollectionFixture<ExampleRunFixture>
{
    public const string Name = "example runs";
}
