using System.Globalization;
using CytoViability.Core.Csv;
using CytoViability.Core.Fcs;
using CytoViability.Core.FlowJo;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.FlowJo;

/// <summary>
/// The second-day viability example run as the lab runs it, with the shipped DiOC6/PI template: single cells are a
/// band on the FSC-H/FSC-A ratio, which FlowJo cannot read, so the workspace carries the band as the wedge between
/// two lines through the origin on FSC-A × FSC-H. FlowJo gets the same single cells, and the tree under them.
/// </summary>
public sealed class FlowJoRatioGateExportTests : IDisposable
{
    private readonly string _root = FlowJoData.TemporaryFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A copy of the example folder, its experiment.yaml naming the shipped template.</summary>
    private string Experiment(string name)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        var example = Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "viability-day2");
        foreach (var input in Directory.GetFiles(example))
        {
            File.Copy(input, Path.Combine(folder, Path.GetFileName(input)));
        }

        return folder;
    }

    private static string Run(string experiment, string? template, string output)
    {
        var outcome = BatchRun.Execute(new RunRequest(experiment, template, null, output, 1), SilentRunObserver.Instance);
        Assert.Equal(RunStatus.Success, outcome.Status);
        return output;
    }

    private static Dictionary<(string File, string Gate, string Dimension), double> Applied(string runOutput)
    {
        var gates = CsvReader.ReadFile(Path.Combine(runOutput, "gates.csv"));
        var (file, gate, dimension, value) = (gates.RequireColumn("file"), gates.RequireColumn("gate"), gates.RequireColumn("dimension"), gates.RequireColumn("value"));
        return gates.Rows.ToDictionary(row => (row[file], row[gate], row[dimension]), row => double.Parse(row[value], CultureInfo.InvariantCulture));
    }

    /// <summary>populations.csv as file → population → count.</summary>
    private static Dictionary<(string File, string Population), long> Counts(string runOutput)
    {
        var table = CsvReader.ReadFile(Path.Combine(runOutput, "populations.csv"));
        var (file, population, count) = (table.RequireColumn("file"), table.RequireColumn("population"), table.RequireColumn("count"));
        return table.Rows.ToDictionary(row => (row[file], row[population]), row => long.Parse(row[count], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_singlet_band_becomes_the_wedge_between_two_lines_through_the_origin_and_the_audit_is_exact_on_every_row()
    {
        var experiment = Experiment("viability-day2");
        var runOutput = Run(experiment, null, Path.Combine(_root, "run-out"));
        var workspacePath = Path.Combine(_root, "flowjo", "run.wsp");
        var warnings = FlowJoInterop.Export(runOutput, workspacePath);

        // The conversion is said once, and no gate is left out.
        var note = Assert.Single(warnings);
        Assert.Contains("gate 'singlets'", note, StringComparison.Ordinal);
        Assert.Contains("written as a polygon", note, StringComparison.Ordinal);

        var applied = Applied(runOutput);
        var workspace = WorkspaceReader.ReadFile(workspacePath);
        Assert.Equal(9, workspace.Samples.Count);
        foreach (var sample in workspace.Samples)
        {
            var file = sample.FileNameCandidates[0];
            var (low, high, cellsMin) = (applied[(file, "singlets", "FSC-H_per_A min")], applied[(file, "singlets", "FSC-H_per_A max")], applied[(file, "cells", "FSC-A min")]);
            var dataSet = FcsReader.ReadFile(Path.Combine(experiment, file)).DataSets[0];
            var (a, h) = (dataSet.FindParameter("FSC-A"), dataSet.FindParameter("FSC-H"));
            var (rangeA, rangeH) = (dataSet.Parameters[a].Range, dataSet.Parameters[h].Range);
            Assert.True(high * rangeA <= rangeH);

            // Both lines leave the FACSCanto's range through its right side (FSC-A = $PnR): a triangle.
            var singlets = Assert.Single(sample.Root.Children).Children.Single(child => child.Name == "Single cells");
            var polygon = Assert.IsType<PolygonWorkspaceGate>(singlets.Gate);
            Assert.Equal(("FSC-A", "FSC-H"), (polygon.X, polygon.Y));
            Assert.Equal(new[] { (0.0, 0.0), (rangeA, low * rangeA), (rangeA, high * rangeA) }, polygon.Vertices);
            Assert.Equal(4, singlets.Children.Count(child => child.Name is "viable" or "apoptotic" or "dead_dioc6_high" or "dead_dioc6_low"));
            Assert.Contains(singlets.Children, child => child.Name == "Dead (PI+)");

            // By hand on the file: cells whose FSC-H/FSC-A lies in the band, and cells inside the triangle.
            var (fscA, fscH) = (dataSet.ScaleColumn(a), dataSet.ScaleColumn(h));
            long byRatio = 0, byTriangle = 0;
            for (var i = 0; i < fscA.Length; i++)
            {
                if (fscA[i] < cellsMin)
                {
                    continue;
                }

                var ratio = fscH[i] / fscA[i];
                byRatio += ratio >= low && ratio < high ? 1 : 0;
                byTriangle += fscA[i] <= rangeA && fscH[i] >= low * fscA[i] && fscH[i] <= high * fscA[i] ? 1 : 0;
            }

            Assert.Equal(byRatio, byTriangle);
            Assert.Equal(byRatio, singlets.Count);
        }

        // The audit of the workspace against the run's folder: every population of every sample the run counted
        // (the template reports all but the two dead quadrants, which the workspace stores as never computed), exact.
        var rows = FlowJoInterop.Audit(workspacePath, experiment, Path.Combine(_root, "audit"), binned: false);
        Assert.Equal(9 * 7, rows.Count(row => row.Population != "/"));
        var counted = rows.Where(row => !row.Population.EndsWith("/dead_dioc6_high", StringComparison.Ordinal) && !row.Population.EndsWith("/dead_dioc6_low", StringComparison.Ordinal)).ToList();
        Assert.Equal(9 * 6, counted.Count);
        Assert.All(counted, row => Assert.Equal(("exact", 0L), (row.Cause, row.Difference)));
        Assert.All(rows.Except(counted), row => Assert.Equal("no_stored_count", row.Cause));
    }

    [Fact]
    public void Import_export_import_keeps_the_wedge_and_regating_with_the_imported_template_gives_the_same_counts()
    {
        var first = Run(Experiment("viability-day2"), null, Path.Combine(_root, "run-out"));
        var firstWorkspace = Path.Combine(_root, "flowjo", "run.wsp");
        FlowJoInterop.Export(first, firstWorkspace);

        // Import: one template, the wedge a polygon on FSC-A × FSC-H. Every position of the shipped template is pooled
        // over the run, so all samples share the group's gates: no overrides, no per-sample template.
        var again = Experiment("again");
        File.Delete(Path.Combine(again, "experiment.yaml"));
        var imported = FlowJoInterop.Import(firstWorkspace, null, null, Path.Combine(again, "viability.yaml"));
        Assert.Equal("viability.yaml", Path.GetFileName(Assert.Single(imported).Path));
        var template = TemplateLoader.LoadFile(imported[0].Path).Template!;
        var wedge = Assert.IsType<PolygonGateDefinition>(template.Gates.Single(gate => gate.DisplayName == "Single cells"));
        Assert.Equal(3, wedge.Vertices.Count);

        File.WriteAllText(Path.Combine(again, "experiment.yaml"), """
            template: viability.yaml
            samples: samples.csv
            conditions: [treatment]
            """);
        var second = Run(again, imported[0].Path, Path.Combine(_root, "rerun"));

        // The same events in every population of every sample (the populations the first run reports, by FlowJo name).
        var (before, after) = (Counts(first), Counts(second));
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["cells"] = "Cells", ["singlets"] = "Single cells", ["viable"] = "viable", ["apoptotic"] = "apoptotic", ["dead"] = "Dead (PI+)" };
        var ids = template.Gates.ToDictionary(gate => gate.DisplayName ?? gate.Id, gate => gate.Id, StringComparer.Ordinal);
        var compared = 0;
        foreach (var ((file, population), count) in before.Where(pair => names.ContainsKey(pair.Key.Population)))
        {
            Assert.Equal(count, after[(file, ids[names[population]])]);
            compared++;
        }

        Assert.Equal(9 * 5, compared);

        // Export the second run and import it again: the same template, coordinates included.
        var secondWorkspace = Path.Combine(_root, "flowjo", "rerun.wsp");
        Assert.Empty(FlowJoInterop.Export(second, secondWorkspace));
        var thirdFolder = Path.Combine(_root, "third");
        Directory.CreateDirectory(thirdFolder);
        var reimported = FlowJoInterop.Import(secondWorkspace, null, null, Path.Combine(thirdFolder, "viability.yaml"));
        var third = TemplateLoader.LoadFile(reimported[0].Path).Template!;
        Assert.Equal(template.Gates.Select(gate => (gate.Id, gate.ParentId, gate.GetType())), third.Gates.Select(gate => (gate.Id, gate.ParentId, gate.GetType())));
        Assert.Equal(wedge.Vertices, Assert.IsType<PolygonGateDefinition>(third.Gates.Single(gate => gate.Id == wedge.Id)).Vertices);
        Assert.Single(reimported);

        var rows = FlowJoInterop.Audit(secondWorkspace, again, Path.Combine(_root, "audit"), binned: false);
        Assert.All(rows, row => Assert.Equal("exact", row.Cause));
    }
}
