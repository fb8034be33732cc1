using CytoViability.Core.Examples;
using CytoViability.Core.Qc;
using CytoViability.Core.Runs;

namespace CytoViability.Core.Tests.Runs;

/// <summary>
/// A viability experiment (3 donors × 3 treatments, generated on the reference set-up) run with the shipped
/// DiOC6/PI template: what gates.csv says about every coordinate, overrides from experiment.yaml, a method that
/// cannot decide, and the same bytes for any thread count. The generator's design values (DiOC6 of apoptotic cells
/// about 1,500 and of viable ones about 25,000; PI about 40,000 on dead cells; debris FSC-A about 10,000 and dead
/// cells about 45,000; single cells' FSC-H/FSC-A about 0.87, doublets' about 0.5) are the independent reference.
/// </summary>
public sealed class GatePositionRunTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cv-positions-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Gates_csv_lists_every_coordinate_of_every_sample_placed_between_the_populations_it_separates()
    {
        var (folder, template) = Experiment();
        var output = Run(folder, template, threads: 2);
        var gates = Rows(output, "gates.csv");
        Assert.Equal(9 * 5, gates.Count);
        Assert.All(gates, g => Assert.Equal(("computed", "run"), (g["status"], g["scope"])));
        foreach (var coordinate in gates.GroupBy(g => g["gate"] + " " + g["dimension"]))
        {
            Assert.Single(coordinate.Select(g => g["value"]).Distinct());
        }

        double Value(string gate, string dimension) => Number(gates.First(g => g["gate"] == gate && g["dimension"] == dimension)["value"]);
        Assert.InRange(Value("cells", "FSC-A min"), 10000, 45000);
        Assert.InRange(Value("singlets", "FSC-H_per_A min"), 0.55, 0.87);
        Assert.InRange(Value("singlets", "FSC-H_per_A max"), 0.87, 1.2);
        Assert.InRange(Value("dioc6_pi", "DiOC6"), 1500, 25000);
        Assert.InRange(Value("dioc6_pi", "PI"), 300, 40000);
        Assert.Equal("valley", gates.First(g => g["dimension"] == "DiOC6")["method"]);
        Assert.Equal("band 4 robust sd", gates.First(g => g["dimension"] == "FSC-H_per_A min")["method"]);
    }

    [Fact]
    public void Overrides_in_experiment_yaml_fix_a_coordinate_for_the_run_for_a_group_and_for_one_sample()
    {
        var (folder, template) = Experiment();
        File.AppendAllText(Path.Combine(folder, "experiment.yaml"), """

            overrides:
              - { gate: dioc6_pi, dimension: PI, value: 3500 }
              - { gate: dioc6_pi, dimension: DiOC6, value: 5000, where: { treatment: CD40L } }
              - { gate: dioc6_pi, dimension: DiOC6, value: 300000, sample: CLL01_CD40L_003 }
            """);
        var output = Run(folder, template, threads: 2);
        var gates = Rows(output, "gates.csv");
        var pi = gates.Where(g => g["dimension"] == "PI").ToList();
        Assert.All(pi, g => Assert.Equal(("3500", "override", "override", "run"), (g["value"], g["status"], g["method"], g["scope"])));
        var dioc6 = gates.Where(g => g["dimension"] == "DiOC6").ToDictionary(g => g["sample"]);
        Assert.Equal(("300000", "sample"), (dioc6["CLL01_CD40L_003"]["value"], dioc6["CLL01_CD40L_003"]["scope"]));
        Assert.Equal(("5000", "treatment=CD40L"), (dioc6["CLL02_CD40L_003"]["value"], dioc6["CLL02_CD40L_003"]["scope"]));
        Assert.Equal("computed", dioc6["CLL02_Untreated_001"]["status"]);

        // A DiOC6 divider above the largest value the cytometer writes (262,143) leaves no cell viable.
        var viable = Rows(output, "populations.csv").Where(r => r["population"] == "viable").ToDictionary(r => r["sample"]);
        Assert.Equal("0", viable["CLL01_CD40L_003"]["count"]);
        Assert.NotEqual("0", viable["CLL02_CD40L_003"]["count"]);
        Assert.Contains("\"gate_overrides\"", File.ReadAllText(Path.Combine(output, "run.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_of_a_gate_the_template_does_not_have_stops_the_run_before_any_file_is_read()
    {
        var (folder, template) = Experiment();
        File.AppendAllText(Path.Combine(folder, "experiment.yaml"), "\noverrides:\n  - { gate: dioc6_pi, dimension: PI max, value: 3500 }\n");
        var outcome = BatchRun.Execute(new RunRequest(folder, template, OutputPath: Path.Combine(_root, "refused")), SilentRunObserver.Instance);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("override: gate 'dioc6_pi' has no coordinate 'PI max' (it has 'DiOC6', 'PI')", problem.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "refused")));
    }

    [Fact]
    public void A_well_with_one_mode_falls_back_to_the_template_value_with_a_warn_row_naming_gate_sample_and_reason()
    {
        var (folder, shipped) = Experiment();
        var template = Path.Combine(_root, "violet.yaml");
        var text = File.ReadAllText(shipped)
            .Replace("channels:\n", "channels:\n  Violet: V450-A\n", StringComparison.Ordinal)
            .Replace("\nstatistics:\n", """

              # V450 carries no stain in this panel: one mode of autofluorescence, no valley in any sample.
              - id: violet_bright
                parent: singlets
                type: range
                channel: Violet
                min: { method: valley, scope: sample, fallback: 5000 }

            statistics:

            """, StringComparison.Ordinal);
        File.WriteAllText(template, text);
        var output = Run(folder, template, threads: 2);
        var rows = Rows(output, "gates.csv").Where(g => g["gate"] == "violet_bright").ToList();
        Assert.Equal(9, rows.Count);
        Assert.All(rows, g => Assert.Equal(("5000", "fallback", "valley"), (g["value"], g["status"], g["method"])));
        Assert.All(rows, g => Assert.Equal("sample=" + g["sample"], g["scope"]));
        var warnings = Rows(output, "qc.csv").Where(r => r["check"] == QcChecks.GatePlacement).ToList();
        Assert.Equal(9, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("warn", w["status"]));
        Assert.All(warnings, w => Assert.StartsWith("gate 'violet_bright' Violet min (valley, sample=" + w["sample"] + "): one mode only", w["message"], StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.EndsWith("the template's fallback 5000 was used", w["message"], StringComparison.Ordinal));
    }

    [Fact]
    public void A_control_position_comes_from_the_same_donors_control_well_only()
    {
        var (folder, shipped) = Experiment();
        var template = Path.Combine(_root, "control.yaml");
        var text = File.ReadAllText(shipped);
        const string PiDivider = "- { method: valley, allowed: [200, 40000], fallback: 3000 }";
        Assert.Contains(PiDivider, text, StringComparison.Ordinal);
        File.WriteAllText(template, text.Replace(PiDivider, "- { method: control, control: { where: { treatment: untreated }, match: donor, statistic: percentile 50 }, fallback: 3000 }", StringComparison.Ordinal));
        var output = Run(folder, template, threads: 2);
        var pi = Rows(output, "gates.csv").Where(g => g["dimension"] == "PI").ToList();
        Assert.Equal(9, pi.Count);
        Assert.All(pi, g => Assert.Equal(("computed", "control percentile 50", "control donor=" + g["sample"][..5]), (g["status"], g["method"], g["scope"])));
        var byDonor = pi.GroupBy(g => g["scope"]).ToList();
        Assert.Equal(3, byDonor.Count);
        Assert.All(byDonor, donor => Assert.Single(donor.Select(g => g["value"]).Distinct()));
        Assert.Equal(3, byDonor.Select(d => d.First()["value"]).Distinct().Count());

        // The median single cell of an untreated well is PI-negative: autofluorescence, far below dead cells' 40,000.
        Assert.All(pi, g => Assert.InRange(Number(g["value"]), -500, 1000));
    }

    [Fact]
    public void Positions_and_every_table_are_the_same_bytes_on_one_thread_and_on_four()
    {
        var (folder, template) = Experiment();
        var one = Run(folder, template, threads: 1);
        var four = Run(folder, template, threads: 4);
        foreach (var table in new[] { "gates.csv", "populations.csv", "qc.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, table)), File.ReadAllBytes(Path.Combine(four, table)));
        }
    }

    [Fact]
    public void With_gates_placed_on_the_data_run_json_records_each_file_s_own_sha256()
    {
        // The placement pass reads sampled events without hashing; the gating pass hashes the whole file as it reads.
        var (folder, template) = Experiment();
        var runJson = File.ReadAllText(Path.Combine(Run(folder, template, threads: 2), "run.json"));
        foreach (var file in Directory.GetFiles(folder, "*.fcs", SearchOption.AllDirectories))
        {
            Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), runJson, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private (string Folder, string Template) Experiment()
    {
        var options = new ExampleOptions { Seed = 7, Events = 2000, SecondSetup = null, Experiments = ["viability"] };
        ExampleExperiments.Write(_root, options);
        return (Path.Combine(_root, "viability"), Path.Combine(TestPaths.RepositoryRoot, "gating-templates", "dioc6-pi-viability.yaml"));
    }

    private string Run(string folder, string template, int threads)
    {
        var output = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N"));
        var request = new RunRequest(folder, template, OutputPath: output, Threads: threads);
        var outcome = BatchRun.Execute(request, SilentRunObserver.Instance);
        Assert.True(outcome.Status == RunStatus.Success, outcome.Status + ": " + string.Join("; ", outcome.Problems));
        return output;
    }

    private static List<Dictionary<string, string>> Rows(string folder, string file) => OutputRows.Read(folder, file);

    private static double Number(string text) => OutputRows.Number(text);
}
