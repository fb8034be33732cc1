namespace CytoViability.Cli.Tests.Examples;

/// <summary>
/// Runs `cytoviability run` once on every committed example experiment (each with its experiment.yaml and
/// shipped template), and once more with compensation switched off for the experiments whose dyes overlap.
/// Outputs go to a temporary folder; the committed examples are only read.
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
        foreach (var experiment in Experiments)
        {
            _compensated[experiment] = Run(experiment, Path.Combine(_root, experiment), template: null);
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
            _uncompensated[experiment] = Run(experiment, Path.Combine(_root, "uncompensated-" + experiment), uncompensated);
        }

        foreach (var (experiment, template) in new[] { ("adcc", "adcc-killing.yaml"), ("gamma-delta", "gamma-delta-killing.yaml") })
        {
            var shipped = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "gating-templates", template));
            var method = Array.FindIndex(shipped, line => line.TrimStart().StartsWith("method: specific", StringComparison.Ordinal));
            Assert.True(method > 0, template + " names no specific method");
            var counted = shipped.Take(method).Concat(["    method: count", "    live: live_targets", "    per: beads"]).Concat(shipped.Skip(method + 1));
            var path = Path.Combine(_root, "count-" + template);
            File.WriteAllLines(path, counted);
            _countMethod[experiment] = Run(experiment, Path.Combine(_root, "count-" + experiment), path);
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

    private static RunOutputs Run(string experiment, string output, string? template)
    {
        var args = new List<string> { "run", ExampleFolder(experiment), "--out", output };
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
