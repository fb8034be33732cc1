using System.Xml.Linq;
using CytoViability.Core.Csv;
using CytoViability.Core.FlowJo;
using CytoViability.Core.Fcs;
using CytoViability.Core.GatingMl;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Tests.FlowJo;

/// <summary>
/// FACSPy's file2_unstained tree (polygons, a rectangle on Comp-BUV496-A, an ellipse, a user matrix, biex axes):
/// imported, run, exported as a workspace and imported again; and the same template through Gating-ML.
/// </summary>
public sealed class FlowJoRoundTripTests : IDisposable
{
    private readonly string _root = FlowJoData.TemporaryFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (string Experiment, string Template) ImportedExperiment()
    {
        var experiment = Path.Combine(_root, "experiment");
        Directory.CreateDirectory(experiment);
        foreach (var file in Directory.GetFiles(FlowJoData.Folder(FlowJoData.FacsPy), "*_unstained.fcs"))
        {
            File.Copy(file, Path.Combine(experiment, Path.GetFileName(file)));
        }

        var template = Path.Combine(experiment, "facspy.yaml");
        FlowJoInterop.Import(FlowJoData.Workspace(FlowJoData.FacsPy, "test_suite.wsp"), null, "file2_unstained.fcs", template);
        return (experiment, template);
    }

    [Fact]
    public void Import_run_export_import_gives_the_same_template_and_a_workspace_whose_counts_the_audit_reproduces()
    {
        var (experiment, templatePath) = ImportedExperiment();
        var runOutput = Path.Combine(_root, "run-out");
        var outcome = BatchRun.Execute(new RunRequest(experiment, templatePath, null, runOutput, 1), SilentRunObserver.Instance);
        Assert.Equal(RunStatus.Success, outcome.Status);

        var workspacePath = Path.Combine(_root, "flowjo", "run.wsp");
        var warnings = FlowJoInterop.Export(runOutput, workspacePath);
        Assert.Empty(warnings);

        // Samples are linked relative to the workspace, never by an absolute path.
        var uris = XDocument.Load(workspacePath).Descendants("DataSet").Select(dataSet => (string)dataSet.Attribute("uri")!).ToList();
        Assert.Equal(3, uris.Count);
        Assert.All(uris, uri => Assert.StartsWith("../experiment/", uri, StringComparison.Ordinal));

        // Gates are keyed as FlowJo keys them: every Gate has a gating:id, every nested one its parent's.
        XNamespace gating = "http://www.isac-net.org/std/Gating-ML/v2.0/gating";
        var gates = XDocument.Load(workspacePath).Descendants("Gate").ToList();
        Assert.All(gates, gate => Assert.NotNull(gate.Attribute(gating + "id")));
        Assert.All(gates.Where(gate => gate.Parent!.Ancestors("Population").Any()), gate => Assert.NotNull(gate.Attribute(gating + "parent_id")));

        var reimported = FlowJoInterop.Import(workspacePath, null, null, Path.Combine(_root, "again", "again.yaml"));
        var again = Assert.Single(reimported);
        Assert.Empty(again.Warnings);
        AssertSameTemplate(TemplateLoader.LoadFile(templatePath).Template!, TemplateLoader.LoadFile(again.Path).Template!);

        // The audit gates the files afresh with the re-imported gates; the workspace holds the run's counts.
        var rows = FlowJoInterop.Audit(workspacePath, experiment, Path.Combine(_root, "audit"), binned: false);
        var populations = CsvReader.ReadFile(Path.Combine(runOutput, "populations.csv"));
        var (file, population, count) = (populations.RequireColumn("file"), populations.RequireColumn("population"), populations.RequireColumn("count"));
        var runCount = populations.Rows.Where(row => row[population] == "gate_for_three_samples").ToDictionary(row => row[file], row => long.Parse(row[count], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(24, rows.Count);
        Assert.All(rows, row => Assert.Equal("exact", row.Cause));
        Assert.All(rows.Where(row => row.Population.EndsWith("/gate_for_three_samples", StringComparison.Ordinal)), row => Assert.Equal(runCount[row.Sample], row.OurCount));
    }

    [Fact]
    public void A_template_through_Gating_ML_and_back_counts_the_same_events_as_the_template()
    {
        var (experiment, templatePath) = ImportedExperiment();
        var document = Path.Combine(_root, "gates.xml");
        TemplateGatingMl.Export(templatePath, document);
        var reimportedPath = Path.Combine(_root, "from-gatingml", "gates.yaml");
        var warnings = TemplateGatingMl.Import(document, reimportedPath);
        Assert.Empty(warnings);
        var reimported = TemplateLoader.LoadFile(reimportedPath);
        Assert.True(reimported.Template is not null, string.Join("\n", reimported.Problems));

        // FlowJo's stored counts bound both: our exact counts from the FlowJo audit are the reference here.
        var audit = FlowJoInterop.Audit(FlowJoData.Workspace(FlowJoData.FacsPy, "test_suite.wsp"), experiment, Path.Combine(_root, "audit"), binned: false)
            .Where(row => row.Sample == "file2_unstained.fcs" && row.Population != "/")
            .ToDictionary(row => row.Population[(row.Population.LastIndexOf('/') + 1)..], row => row.OurCount!.Value);
        var strategy = GatingMlReader.ReadFile(document);
        var result = strategy.Evaluate(FcsReader.ReadFile(Path.Combine(experiment, "file2_unstained.fcs")).DataSets[0]);
        foreach (var (id, expected) in audit)
        {
            Assert.Equal(expected, result.Count(id));
        }

        Assert.Equal(TemplateLoader.LoadFile(templatePath).Template!.Populations, reimported.Template!.Populations);
    }

    private static void AssertSameTemplate(GatingTemplate expected, GatingTemplate actual)
    {
        Assert.Equal(expected.Populations, actual.Populations);
        Assert.Equal(expected.Parents.OrderBy(pair => pair.Key), actual.Parents.OrderBy(pair => pair.Key));
        Assert.Equal(expected.Channels.Select(channel => (channel.Alias, string.Join("|", channel.Names))), actual.Channels.Select(channel => (channel.Alias, string.Join("|", channel.Names))));
        Assert.Equal(expected.Transforms.OrderBy(pair => pair.Key).Select(pair => pair.Value with { Position = default! }), actual.Transforms.OrderBy(pair => pair.Key).Select(pair => pair.Value with { Position = default! }));
        Assert.Equal(expected.Compensation.Source, actual.Compensation.Source);
        Assert.Equal(expected.Compensation.Matrix!.Detectors, actual.Compensation.Matrix!.Detectors);
        Assert.Equal(expected.Compensation.Matrix.Values.Cast<double>(), actual.Compensation.Matrix.Values.Cast<double>());
        foreach (var (before, after) in expected.Gates.Zip(actual.Gates))
        {
            Assert.Equal((before.Id, before.ParentId, before.DisplayName, before.Units, before.GetType()), (after.Id, after.ParentId, after.DisplayName, after.Units, after.GetType()));
            switch (before, after)
            {
                case (PolygonGateDefinition p, PolygonGateDefinition q):
                    Assert.Equal((p.X, p.Y), (q.X, q.Y));
                    Assert.Equal(p.Vertices, q.Vertices);
                    break;
                case (RectangleGateDefinition p, RectangleGateDefinition q):
                    Assert.Equal(p.Bounds, q.Bounds);
                    break;
                case (EllipsoidGateDefinition p, EllipsoidGateDefinition q):
                    Assert.Equal(p.Dimensions, q.Dimensions);
                    Assert.Equal(p.Center, q.Center);
                    // Foci and edge points are recomputed from the covariance: equal to a few units in the last place.
                    for (var i = 0; i < 2; i++)
                    {
                        for (var j = 0; j < 2; j++)
                        {
                            Assert.Equal(p.Covariance[i, j], q.Covariance[i, j], 1e-13);
                        }
                    }

                    break;
            }
        }
    }
}
