using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Core.FlowJo;
using CytoViability.Core.Runs;

namespace CytoViability.Core.Tests.FlowJo;

/// <summary>
/// The second-day viability example gated with computed positions (an FSC-A valley per sample, DiOC6 and PI valleys
/// pooled over the run) and one sample's PI divider overridden by hand: the exported workspace carries every
/// sample's gates as the run applied them, as FlowJo custom sample gates.
/// </summary>
public sealed class FlowJoExportAppliedGatesTests : IDisposable
{
    // The shipped dioc6-pi-viability template without its singlet gate: FSC-H/FSC-A is a ratio channel, which a
    // FlowJo workspace cannot carry as a gate parameter.
    private const string Template = """
        name: viability on the second day
        channels:
          FSC-A: FSC-A
          DiOC6:
            marker: [DiOC6, "DiOC6(3)"]
            detector: FITC-A
          PI:
            marker: [PI, Propidium iodide]
            detector: [PE-A, PerCP-Cy5-5-A]
        compensation: file
        transforms:
          DiOC6: { type: logicle, T: 262144, W: 0.5, M: 4.5, A: 0 }
          PI: { type: logicle, T: 262144, W: 0.5, M: 4.5, A: 0 }
        units: data
        gates:
          - id: cells
            type: range
            channel: FSC-A
            min: { method: valley, scope: sample, allowed: [6000, 60000], fallback: group }
          - id: dioc6_pi
            parent: cells
            type: quadrant
            x: DiOC6
            y: PI
            at:
              - { method: valley, allowed: [500, 60000], fallback: 6000 }
              - { method: valley, allowed: [200, 40000], fallback: 3000 }
            quadrants:
              viable: [positive, negative]
              apoptotic: [negative, negative]
              dead_dioc6_high: [positive, positive]
              dead_dioc6_low: [negative, positive]
          - id: dead
            parent: cells
            type: or
            of: [dead_dioc6_high, dead_dioc6_low]
        statistics:
          populations: [cells, viable, apoptotic, dead_dioc6_high, dead_dioc6_low, dead]
        """;

    private const string OverriddenSample = "CLL02_CD40L_003";
    private const double OverriddenPi = 2750;

    private readonly string _root = FlowJoData.TemporaryFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Experiment(string folder)
    {
        Directory.CreateDirectory(folder);
        var example = Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "viability-day2");
        foreach (var input in Directory.GetFiles(example, "*.fcs").Append(Path.Combine(example, "samples.csv")))
        {
            File.Copy(input, Path.Combine(folder, Path.GetFileName(input)));
        }

        return folder;
    }

    /// <summary>Runs the experiment with the computed gates and the override; exports the run as a workspace.</summary>
    private (string Experiment, string RunOutput, string Workspace) RunAndExport()
    {
        var experiment = Experiment(Path.Combine(_root, "viability-day2"));
        File.WriteAllText(Path.Combine(experiment, "experiment.yaml"), $"""
            template: viability.yaml
            samples: samples.csv
            conditions: [treatment]
            overrides:
              - {"{"} gate: dioc6_pi, dimension: PI, value: {OverriddenPi.ToString(CultureInfo.InvariantCulture)}, sample: {OverriddenSample} {"}"}
            """);
        var templatePath = Path.Combine(experiment, "viability.yaml");
        File.WriteAllText(templatePath, Template);
        var runOutput = Path.Combine(_root, "run-out");
        var outcome = BatchRun.Execute(new RunRequest(experiment, templatePath, null, runOutput, 1), SilentRunObserver.Instance);
        Assert.Equal(RunStatus.Success, outcome.Status);
        var workspacePath = Path.Combine(_root, "flowjo", "run.wsp");
        Assert.Empty(FlowJoInterop.Export(runOutput, workspacePath));
        return (experiment, runOutput, workspacePath);
    }

    private static Dictionary<(string File, string Gate, string Dimension), double> AppliedCoordinates(string runOutput)
    {
        var gates = CsvReader.ReadFile(Path.Combine(runOutput, "gates.csv"));
        var (file, gate, dimension, value) = (gates.RequireColumn("file"), gates.RequireColumn("gate"), gates.RequireColumn("dimension"), gates.RequireColumn("value"));
        return gates.Rows.ToDictionary(row => (row[file], row[gate], row[dimension]), row => double.Parse(row[value], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Each_sample_reopens_with_the_gate_positions_the_run_applied_and_the_audit_of_the_workspace_is_exact()
    {
        var (experiment, runOutput, workspacePath) = RunAndExport();
        var gates = CsvReader.ReadFile(Path.Combine(runOutput, "gates.csv"));
        var (file, gate, dimension, value, status) = (gates.RequireColumn("file"), gates.RequireColumn("gate"), gates.RequireColumn("dimension"), gates.RequireColumn("value"), gates.RequireColumn("status"));
        var applied = gates.Rows.ToDictionary(row => (row[file], row[gate], row[dimension]), row => double.Parse(row[value], CultureInfo.InvariantCulture));
        Assert.Equal(9 * 3, applied.Count);
        Assert.Contains(gates.Rows, row => row[status] == "computed");
        Assert.Equal(OverriddenPi, applied[(OverriddenSample + ".fcs", "dioc6_pi", "PI")]);

        // The FSC-A valley is found per sample, so the samples' cells gates differ from each other.
        Assert.True(gates.Rows.Where(row => row[gate] == "cells").Select(row => row[value]).Distinct().Count() > 1);

        var workspace = WorkspaceReader.ReadFile(workspacePath);
        Assert.Equal(9, workspace.Samples.Count);
        var group = Assert.Single(workspace.Groups).Root;
        double? GroupBound(string population, string parameter, bool min)
        {
            var cellsNode = group.Children.Single();
            var node = population == "cells" ? cellsNode : cellsNode.Children.Single(child => child.Name == population);
            var side = Assert.IsType<RectangleWorkspaceGate>(node.Gate).Dimensions.Single(dimension => dimension.Parameter.StartsWith(parameter, StringComparison.Ordinal));
            return min ? side.Min : side.Max;
        }

        // A sample gate at other coordinates than the group's is FlowJo's custom sample gate (owningGroup="").
        string Owner(double? sample, double? groupValue) => sample == groupValue ? "All Samples" : string.Empty;
        var custom = 0;
        foreach (var sample in workspace.Samples)
        {
            var name = sample.FileNameCandidates[0];
            var cells = Assert.Single(sample.Root.Children);
            var range = Assert.IsType<RectangleWorkspaceGate>(cells.Gate);
            var fsc = Assert.Single(range.Dimensions);
            Assert.Equal(applied[(name, "cells", "FSC-A min")], fsc.Min);
            Assert.Null(fsc.Max);
            Assert.Equal(Owner(fsc.Min, GroupBound("cells", "FSC-A", min: true)), cells.OwningGroup);
            custom += cells.OwningGroup.Length == 0 ? 1 : 0;

            // FlowJo stores a quadrant as four one-sided rectangles: each carries both dividers.
            var viable = cells.Children.Single(child => child.Name == "viable");
            var sides = Assert.IsType<RectangleWorkspaceGate>(viable.Gate).Dimensions;
            Assert.Equal(applied[(name, "dioc6_pi", "DiOC6")], sides.Single(side => side.Parameter == "Comp-FITC-A").Min);
            var pi = sides.Single(side => side.Parameter.StartsWith("Comp-P", StringComparison.Ordinal)).Max;
            Assert.Equal(applied[(name, "dioc6_pi", "PI")], pi);
            Assert.Equal(Owner(pi, GroupBound("viable", "Comp-P", min: false)), viable.OwningGroup);
            if (name == OverriddenSample + ".fcs")
            {
                Assert.Equal(string.Empty, viable.OwningGroup);
            }
        }

        Assert.True(custom >= 1, "no sample has its own FSC-A valley");

        var rows = FlowJoInterop.Audit(workspacePath, experiment, Path.Combine(_root, "audit"), binned: false);
        Assert.Equal(9 * 6, rows.Count(row => row.Population != "/"));
        Assert.All(rows, row => Assert.Equal("exact", row.Cause));
        Assert.All(rows, row => Assert.Equal(0L, row.Difference));
    }

    [Fact]
    public void Custom_sample_gates_that_differ_only_in_bounds_and_dividers_import_as_gate_overrides_that_regate_the_run()
    {
        var (_, runOutput, workspacePath) = RunAndExport();
        var again = Experiment(Path.Combine(_root, "again"));
        var written = FlowJoInterop.Import(workspacePath, null, null, Path.Combine(again, "viability.yaml"));

        // One template for the group and one overrides file: no sample needs a template of its own.
        Assert.Equal(2, written.Count);
        var overridesFile = written[1];
        Assert.Equal(Path.Combine(again, "viability.overrides.yaml"), overridesFile.Path);
        Assert.True(overridesFile.Overrides > 0);

        File.WriteAllText(Path.Combine(again, "experiment.yaml"), """
            template: viability.yaml
            samples: samples.csv
            conditions: [treatment]
            overrides: viability.overrides.yaml
            """);
        var rerun = Path.Combine(_root, "rerun");
        var outcome = BatchRun.Execute(new RunRequest(again, written[0].Path, null, rerun, 1), SilentRunObserver.Instance);
        Assert.Equal(RunStatus.Success, outcome.Status);

        // Every coordinate the first run applied, the second applies (as the template's number or as an override).
        var first = AppliedCoordinates(runOutput);
        var second = AppliedCoordinates(rerun);
        foreach (var ((file, gate, _), value) in first.Where(pair => pair.Key.Gate == "cells"))
        {
            Assert.Equal(value, second[(file, gate, "FSC-A min")]);
        }

        foreach (var ((file, _, dimension), value) in first.Where(pair => pair.Key.Gate == "dioc6_pi"))
        {
            // The quadrant comes back as four one-sided rectangles; viable is DiOC6 ≥ divider and PI < divider.
            var side = dimension == "DiOC6" ? "FITC-A min" : second.Keys.Single(key => key.File == file && key.Gate == "viable" && key.Dimension.EndsWith(" max", StringComparison.Ordinal)).Dimension;
            Assert.Equal(value, second[(file, "viable", side)]);
        }
    }
}
