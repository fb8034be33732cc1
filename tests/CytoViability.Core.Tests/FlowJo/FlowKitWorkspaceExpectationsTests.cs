using System.Globalization;
using System.Xml.Linq;
using CytoViability.Core.FlowJo;
using CytoViability.Core.Runs;

namespace CytoViability.Core.Tests.FlowJo;

/// <summary>
/// What FlowKit's workspace reader (whitews/FlowKit, _utils/xml_common.py and _utils/wsp_utils.py, read through the
/// code search; FlowKit itself cannot be installed here) requires of a FlowJo 10 workspace, checked on the
/// workspaces we export. Each requirement is written from that reader's behaviour: where it raises or indexes a
/// missing element, the workspace must have it.
/// </summary>
public sealed class FlowKitWorkspaceExpectationsTests : IDisposable
{
    private static readonly XNamespace Gating = "http://www.isac-net.org/std/Gating-ML/v2.0/gating";
    private static readonly XNamespace Transforms = "http://www.isac-net.org/std/Gating-ML/v2.0/transformations";
    private static readonly XNamespace DataType = "http://www.isac-net.org/std/Gating-ML/v2.0/datatypes";

    private readonly string _root = FlowJoData.TemporaryFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Every FlowKit expectation the document breaks, one sentence each (empty: FlowKit can read it).</summary>
    private static List<string> Violations(XDocument document)
    {
        var problems = new List<string>();
        void Require(bool holds, string requirement)
        {
            if (!holds)
            {
                problems.Add(requirement);
            }
        }

        var root = document.Root!;

        // xml_common: a document that is not Gating-ML must be a workspace of FlowJo 10 or later, and the three
        // Gating-ML namespaces are looked up by prefix among the root element's own declarations.
        var version = (string?)root.Attribute("flowJoVersion");
        Require(version is not null && int.TryParse(version.Split('.')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) && major >= 10, "root flowJoVersion with major version ≥ 10");
        var declared = root.Attributes().Where(attribute => attribute.IsNamespaceDeclaration && attribute.Name.Namespace == XNamespace.Xmlns).Select(attribute => attribute.Value).ToHashSet(StringComparer.Ordinal);
        Require(declared.Contains(Gating.NamespaceName), "gating namespace declared with a prefix on the root");
        Require(declared.Contains(DataType.NamespaceName), "data-type namespace declared with a prefix on the root");
        Require(declared.Contains(Transforms.NamespaceName), "transforms namespace declared with a prefix on the root");

        // parse_wsp: Groups/GroupNode and SampleList/Sample under the root.
        var groups = root.Element("Groups")?.Elements("GroupNode").ToList();
        var samples = root.Element("SampleList")?.Elements("Sample").ToList();
        Require(groups is not null, "Groups element");
        Require(samples is not null, "SampleList element");
        var sampleIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples ?? [])
        {
            // _parse_wsp_samples: Transformations, Keywords, SampleNode (name, sampleID) and DataSet are read unconditionally.
            var node = sample.Element("SampleNode");
            Require(sample.Element("Transformations") is not null, "Sample/Transformations");
            Require(sample.Element("Keywords") is not null, "Sample/Keywords");
            Require(sample.Element("DataSet") is not null, "Sample/DataSet");
            Require(node?.Attribute("name") is not null && node.Attribute("sampleID") is not null, "Sample/SampleNode with name and sampleID");
            if (node?.Attribute("sampleID") is { } id)
            {
                sampleIds.Add(id.Value);
            }

            foreach (var keyword in sample.Element("Keywords")?.Elements() ?? [])
            {
                Require(keyword.Attribute("name") is not null && keyword.Attribute("value") is not null, "every Keyword has name and value");
            }

            foreach (var transform in sample.Element("Transformations")?.Elements() ?? [])
            {
                var kind = transform.Name.LocalName;
                Require(transform.Name.Namespace == Transforms, "transforms are in the transforms namespace");
                Require(transform.Element(DataType + "parameter")?.Attribute(DataType + "name") is not null, "each transform names its data-type:parameter");
                string[] attributes = kind switch
                {
                    "linear" => ["minRange", "maxRange"],
                    "log" => ["offset", "decades"],
                    "logicle" => ["T", "W", "M", "A"],
                    "biex" => ["neg", "width", "length", "maxRange", "pos"],
                    "fasinh" => ["T", "A", "M"],
                    _ => [],
                };
                Require(attributes.Length > 0, "transform type linear, log, logicle, biex or fasinh (not " + kind + ")");
                Require(attributes.All(name => double.TryParse((string?)transform.Attribute(Transforms + name), NumberStyles.Float, CultureInfo.InvariantCulture, out _)), kind + " carries its numeric attributes");
                Require(kind != "biex" || (string?)transform.Attribute(Transforms + "length") == "256", "biex length is 256");
            }

            // _parse_wsp_compensation: at most one spilloverMatrix, with name, prefix, suffix and spectral; detectors as
            // data-type:parameters; each spillover row's coefficients carry transforms:value.
            var matrices = sample.Elements(Transforms + "spilloverMatrix").ToList();
            Require(matrices.Count <= 1, "at most one spilloverMatrix per sample");
            foreach (var matrix in matrices)
            {
                Require(new[] { "name", "prefix", "suffix", "spectral" }.All(name => matrix.Attribute(name) is not null), "spilloverMatrix has name, prefix, suffix and spectral");
                Require((string?)matrix.Attribute("spectral") != "1" || matrix.Attribute("weightOptAlgorithmType") is not null, "a spectral matrix names its algorithm");
                var detectors = matrix.Element(DataType + "parameters")?.Elements(DataType + "parameter").ToList();
                Require(detectors is { Count: > 0 } && detectors.All(detector => detector.Attribute(DataType + "name") is not null), "spilloverMatrix lists its detectors");
                foreach (var coefficient in matrix.Elements(Transforms + "spillover").SelectMany(row => row.Elements(Transforms + "coefficient")))
                {
                    Require(double.TryParse((string?)coefficient.Attribute(Transforms + "value"), NumberStyles.Float, CultureInfo.InvariantCulture, out _), "every coefficient has a numeric transforms:value");
                }
            }

            CheckPopulations(node?.Element("Subpopulations"), Require);
        }

        // _parse_wsp_groups: GroupNode name; members as Group/SampleRefs/SampleRef@sampleID, each a sample's SampleNode id.
        foreach (var group in groups ?? [])
        {
            Require(group.Attribute("name") is not null, "GroupNode has a name");
            foreach (var reference in group.Element("Group")?.Element("SampleRefs")?.Elements("SampleRef") ?? [])
            {
                Require(reference.Attribute("sampleID") is { } id && sampleIds.Contains(id.Value), "every SampleRef names a sample's sampleID");
            }

            CheckPopulations(group.Element("Subpopulations"), Require);
        }

        return problems;
    }

    /// <summary>
    /// _recurse_wsp_sub_populations: Population (name, owningGroup, a Gate with exactly one gate element of a known
    /// type) and And/Or/NotNode (name, owningGroup, Dependents/Dependent@name), nested through Subpopulations.
    /// </summary>
    private static void CheckPopulations(XElement? subpopulations, Action<bool, string> require)
    {
        foreach (var child in subpopulations?.Elements() ?? [])
        {
            require(child.Attribute("name") is not null && child.Attribute("owningGroup") is not null, child.Name.LocalName + " has name and owningGroup");
            if (child.Name == "Population")
            {
                var shapes = child.Element("Gate")?.Elements().ToList() ?? [];
                require(shapes.Count == 1, "a Population's Gate holds exactly one gate element");
                foreach (var shape in shapes)
                {
                    require(shape.Name.Namespace == Gating && shape.Name.LocalName is "RectangleGate" or "PolygonGate" or "EllipsoidGate" or "QuadrantGate" or "BooleanGate", "gate element is a gating:RectangleGate, PolygonGate, EllipsoidGate, QuadrantGate or BooleanGate");
                    CheckShape(shape, require);
                }
            }
            else if (child.Name.LocalName is "AndNode" or "OrNode" or "NotNode")
            {
                var dependents = child.Element("Dependents")?.Elements("Dependent").ToList();
                require(dependents is { Count: > 0 } && dependents.All(dependent => dependent.Attribute("name") is not null), "a boolean node lists Dependents/Dependent@name");
            }

            CheckPopulations(child.Element("Subpopulations"), require);
        }
    }

    /// <summary>Gating-ML dimension and vertex parsing: fcs-dimension names, numeric bounds, two-coordinate vertices.</summary>
    private static void CheckShape(XElement shape, Action<bool, string> require)
    {
        foreach (var dimension in shape.Elements(Gating + "dimension"))
        {
            require(dimension.Element(DataType + "fcs-dimension")?.Attribute(DataType + "name") is not null, "every dimension names its data-type:fcs-dimension");
            foreach (var bound in new[] { "min", "max" })
            {
                require(dimension.Attribute(Gating + bound) is not { } value || double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _), "dimension bounds are numbers");
            }
        }

        if (shape.Name.LocalName == "PolygonGate")
        {
            require(shape.Elements(Gating + "dimension").Count() == 2 && shape.Elements(Gating + "vertex").Count() >= 3, "a polygon has two dimensions and at least three vertices");
        }

        if (shape.Name.LocalName == "EllipsoidGate")
        {
            require(shape.Element(Gating + "edge")?.Elements(Gating + "vertex").Count() == 4, "an ellipse has four edge vertices");
        }

        foreach (var vertex in shape.Descendants(Gating + "vertex"))
        {
            var coordinates = vertex.Elements(Gating + "coordinate").ToList();
            require(coordinates.Count == 2 && coordinates.All(coordinate => double.TryParse((string?)coordinate.Attribute(DataType + "value"), NumberStyles.Float, CultureInfo.InvariantCulture, out _)), "every vertex has two numeric coordinates");
        }
    }

    private string ExportedShippedRun()
    {
        var experiment = Path.Combine(_root, "viability-day2");
        Directory.CreateDirectory(experiment);
        foreach (var input in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "example-fcs", "viability-day2")))
        {
            File.Copy(input, Path.Combine(experiment, Path.GetFileName(input)));
        }

        var output = Path.Combine(_root, "run-out");
        Assert.Equal(RunStatus.Success, BatchRun.Execute(new RunRequest(experiment, null, null, output, 1), SilentRunObserver.Instance).Status);
        var workspace = Path.Combine(_root, "run.wsp");
        FlowJoInterop.Export(output, workspace);
        return workspace;
    }

    private string ExportedFacsPyRun()
    {
        var experiment = Path.Combine(_root, "facspy");
        Directory.CreateDirectory(experiment);
        foreach (var file in Directory.GetFiles(FlowJoData.Folder(FlowJoData.FacsPy), "*_unstained.fcs"))
        {
            File.Copy(file, Path.Combine(experiment, Path.GetFileName(file)));
        }

        var template = Path.Combine(experiment, "facspy.yaml");
        FlowJoInterop.Import(FlowJoData.Workspace(FlowJoData.FacsPy, "test_suite.wsp"), null, "file2_unstained.fcs", template);
        var output = Path.Combine(_root, "facspy-out");
        Assert.Equal(RunStatus.Success, BatchRun.Execute(new RunRequest(experiment, template, null, output, 1), SilentRunObserver.Instance).Status);
        var workspace = Path.Combine(_root, "facspy.wsp");
        FlowJoInterop.Export(output, workspace);
        return workspace;
    }

    [Fact]
    public void Workspaces_we_export_meet_every_requirement_of_FlowKits_reader()
    {
        // The shipped viability run (rectangles, quadrants, the singlet wedge polygon, an OR node, the file's matrix,
        // logicle axes) and FACSPy's tree (polygons, an ellipse, a user matrix, biex axes).
        foreach (var path in new[] { ExportedShippedRun(), ExportedFacsPyRun() })
        {
            var document = XDocument.Load(path);
            Assert.Empty(Violations(document));
            Assert.Contains(document.Descendants(Gating + "PolygonGate"), _ => true);
        }
    }

    [Fact]
    public void The_check_names_each_requirement_a_damaged_workspace_breaks()
    {
        var document = XDocument.Load(ExportedShippedRun());
        document.Root!.SetAttributeValue("flowJoVersion", "9.9.6");
        document.Root.Attributes().Single(attribute => attribute.IsNamespaceDeclaration && attribute.Value == Gating.NamespaceName).Remove();
        var sample = document.Root.Element("SampleList")!.Elements("Sample").First();
        sample.Element("Keywords")!.Elements().First().Attribute("value")!.Remove();
        sample.Element("Transformations")!.Elements().First().SetAttributeValue(Transforms + "T", null);
        sample.Add(new XElement(Transforms + "spilloverMatrix", new XAttribute("name", "second")));
        document.Root.Element("Groups")!.Descendants("SampleRef").First().SetAttributeValue("sampleID", "99");
        var wedge = sample.Descendants(Gating + "PolygonGate").First();
        wedge.Elements(Gating + "vertex").First().Remove();
        wedge.Elements(Gating + "vertex").First().Remove();

        var violations = Violations(document);
        Assert.Equal(
            new[]
            {
                "root flowJoVersion with major version ≥ 10",
                "gating namespace declared with a prefix on the root",
                "every Keyword has name and value",
                "logicle carries its numeric attributes",
                "at most one spilloverMatrix per sample",
                "spilloverMatrix has name, prefix, suffix and spectral",
                "spilloverMatrix lists its detectors",
                "a polygon has two dimensions and at least three vertices",
                "every SampleRef names a sample's sampleID",
            },
            violations.Distinct());
    }
}
