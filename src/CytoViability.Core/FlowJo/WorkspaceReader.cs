using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CytoViability.Core.GatingMl;

namespace CytoViability.Core.FlowJo;

/// <summary>
/// Reads a FlowJo 10 `.wsp` or FlowJo 9 Mac `.xml` workspace. FlowJo 10 writes its own structure elements without a
/// namespace and the gate shapes as Gating-ML 2.0 elements; FlowJo 9 writes neither namespace nor Gating-ML
/// (populations nest directly, shapes sit in a PolygonGate wrapper). Gates the reader cannot interpret are kept as
/// <see cref="UnsupportedWorkspaceGate"/> so the converter can report them by XML path.
/// </summary>
internal static class WorkspaceReader
{
    private const long MaximumBytes = 256L << 20;
    private static readonly XNamespace Gating = "http://www.isac-net.org/std/Gating-ML/v2.0/gating";
    private static readonly XNamespace Transforms = "http://www.isac-net.org/std/Gating-ML/v2.0/transformations";
    private static readonly XNamespace DataType = "http://www.isac-net.org/std/Gating-ML/v2.0/datatypes";

    public static Workspace ReadFile(string path)
        => XmlDocumentLoader.ReadFile(path, MaximumBytes, "larger than 256 MB; not a FlowJo workspace", "workspace not found", Read);

    public static Workspace Read(Stream stream, string source)
    {
        var document = XmlDocumentLoader.Load(stream, source, ignoreDoctype: true);

        var root = document.Root;
        if (root is null || root.Name.LocalName != "Workspace")
        {
            throw new GatingMlException(source, 1, 1, "the root element is not a FlowJo <Workspace>");
        }

        var version = (string?)root.Attribute("version") ?? string.Empty;
        var generation = double.TryParse(version, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 10 ? 10 : 9;
        return new Reader(generation).Workspace(root, version, source);
    }

    private sealed class Reader(int generation)
    {
        private readonly List<WorkspaceMatrix> _fj9Matrices = [];

        /// <summary>FlowJo 9's CalibrationTables in document order (calibrationIndex counts from 1): the value at each channel.</summary>
        private readonly List<(string Name, double[] Values)> _fj9Tables = [];

        public Workspace Workspace(XElement root, string version, string source)
        {
            if (generation == 9)
            {
                var matrices = root.Element("CompensationMatrices");
                if (matrices is not null)
                {
                    foreach (var matrix in matrices.Elements("CompensationMatrix"))
                    {
                        _fj9Matrices.Add(Fj9Matrix(matrix));
                    }
                }

                foreach (var table in root.Element("CalibrationTables")?.Elements("Table") ?? [])
                {
                    _fj9Tables.Add(((string?)table.Attribute("name") ?? string.Empty, CalibrationValues(table.Value)));
                }
            }

            var samples = new List<WorkspaceSample>();
            var sampleList = root.Element("SampleList") ?? root.Element("Samples");
            var listPath = "/Workspace/" + (sampleList?.Name.LocalName ?? "SampleList");
            if (sampleList is not null)
            {
                foreach (var sample in sampleList.Elements("Sample"))
                {
                    samples.Add(Sample(sample, listPath));
                }
            }

            var groups = new List<WorkspaceGroup>();
            if (root.Element("Groups") is { } groupsElement)
            {
                foreach (var node in groupsElement.Elements("GroupNode"))
                {
                    var name = NodeName(node);
                    var path = "/Workspace/Groups/GroupNode[@name='" + name + "']";
                    var ids = node.Element("Group")?.Element("SampleRefs")?.Elements("SampleRef").Select(reference => (string?)reference.Attribute("sampleID") ?? string.Empty).ToArray() ?? [];
                    groups.Add(new WorkspaceGroup(name, ids, new WorkspacePopulation(name, null, name, null, Children(node, path), path), path));
                }
            }

            return new Workspace(source, version, generation, samples, groups);
        }

        private WorkspaceSample Sample(XElement sample, string listPath)
        {
            var dataSet = sample.Element("DataSet");
            var node = sample.Element("SampleNode");
            var id = (string?)dataSet?.Attribute("sampleID") ?? (string?)sample.Attribute("sampleID") ?? (string?)node?.Attribute("sampleID") ?? string.Empty;
            var path = listPath + "/Sample[@sampleID='" + id + "']";
            var keywords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var keyword in sample.Element("Keywords")?.Elements("Keyword") ?? [])
            {
                if ((string?)keyword.Attribute("name") is { } name)
                {
                    keywords.TryAdd(name.Trim(), ((string?)keyword.Attribute("value") ?? string.Empty).Trim());
                }
            }

            var transforms = new Dictionary<string, DisplayTransform>(StringComparer.Ordinal);
            WorkspaceMatrix? matrix;
            if (generation == 10)
            {
                foreach (var element in sample.Element("Transformations")?.Elements() ?? [])
                {
                    var parameter = element.Element(DataType + "parameter");
                    if ((string?)parameter?.Attribute(DataType + "name") is { } name && Fj10Transform(element, path + "/Transformations/transforms:" + element.Name.LocalName + "[@name='" + name + "']") is { } transform)
                    {
                        transforms[name] = transform;
                    }
                }

                var spillover = sample.Element(Transforms + "spilloverMatrix");
                matrix = spillover is null ? null : Fj10Matrix(spillover);
            }
            else
            {
                foreach (var parameter in sample.Elements("Parameter"))
                {
                    if ((string?)parameter.Attribute("name") is { } name)
                    {
                        transforms[name] = Fj9Transform(parameter, path + "/Parameter[@name='" + name + "']", _fj9Tables);
                    }
                }

                var index = (int?)Number(sample.Attribute("compensationID")) ?? 0;
                matrix = index >= 1 && index <= _fj9Matrices.Count ? _fj9Matrices[index - 1] : null;
            }

            var nodePath = path + "/SampleNode";
            var rootPopulation = node is null
                ? new WorkspacePopulation(string.Empty, null, string.Empty, null, [], nodePath)
                : new WorkspacePopulation(NodeName(node), Count(node), string.Empty, null, Children(node, nodePath), nodePath);
            return new WorkspaceSample(id, rootPopulation.Name, (string?)dataSet?.Attribute("uri"), (string?)dataSet?.Attribute("MacAlias"), keywords, transforms, matrix, rootPopulation, path);
        }

        private IReadOnlyList<WorkspacePopulation> Children(XElement node, string path)
        {
            var children = new List<WorkspacePopulation>();
            var container = node.Element("Subpopulations");
            var containerPath = container is null ? path : path + "/Subpopulations";
            foreach (var child in (container ?? node).Elements())
            {
                var kind = child.Name.LocalName;
                if (kind is not ("Population" or "AndNode" or "OrNode" or "NotNode"))
                {
                    continue;
                }

                var name = NodeName(child);
                var childPath = containerPath + "/" + kind + "[@name='" + name + "']";
                var gate = kind == "Population" ? Gate(child, childPath) : Boolean(child, kind, childPath);
                children.Add(new WorkspacePopulation(name, Count(child), (string?)child.Attribute("owningGroup") ?? string.Empty, gate, Children(child, childPath), childPath));
            }

            return children;
        }

        private static WorkspaceGate Boolean(XElement node, string kind, string path)
        {
            var dependents = node.Element("Dependents")?.Elements("Dependent").Select(dependent => (string?)dependent.Attribute("name") ?? string.Empty).ToArray() ?? [];
            var operation = kind switch
            {
                "AndNode" => WorkspaceBooleanKind.And,
                "OrNode" => WorkspaceBooleanKind.Or,
                _ => WorkspaceBooleanKind.Not,
            };
            return new BooleanWorkspaceGate(path, operation, dependents);
        }

        private WorkspaceGate? Gate(XElement population, string path)
        {
            if (generation == 10)
            {
                var gate = population.Element("Gate");
                var shape = gate?.Elements().FirstOrDefault(element => element.Name.Namespace == Gating);
                if (gate is null || shape is null)
                {
                    return gate is null ? null : new UnsupportedWorkspaceGate(path + "/Gate", "Gate", "the Gate element holds no Gating-ML shape");
                }

                var shapePath = path + "/Gate/gating:" + shape.Name.LocalName;
                if ((string?)shape.Attribute("eventsInside") == "0")
                {
                    return new UnsupportedWorkspaceGate(shapePath, shape.Name.LocalName, "the gate keeps the events outside its shape (eventsInside=\"0\")");
                }

                return shape.Name.LocalName switch
                {
                    "RectangleGate" => new RectangleWorkspaceGate(shapePath, RectangleDimensions(shape), CurlyQuad: false),
                    "CurlyQuad" => new RectangleWorkspaceGate(shapePath, RectangleDimensions(shape), CurlyQuad: true),
                    "PolygonGate" => new PolygonWorkspaceGate(shapePath, DimensionName(shape, 0), DimensionName(shape, 1), Vertices(shape.Elements(Gating + "vertex")), Resolution(shape)),
                    "EllipsoidGate" => new EllipseWorkspaceGate(
                        shapePath,
                        DimensionName(shape, 0),
                        DimensionName(shape, 1),
                        Vertices(shape.Element(Gating + "foci")?.Elements(Gating + "vertex") ?? []),
                        Vertices(shape.Element(Gating + "edge")?.Elements(Gating + "vertex") ?? []),
                        InDisplayUnits: true,
                        Resolution(shape)),
                    _ => new UnsupportedWorkspaceGate(shapePath, shape.Name.LocalName, "FlowJo gate type gating:" + shape.Name.LocalName + " is not converted"),
                };
            }

            var wrapper = population.Element("PolygonGate");
            if (wrapper is null)
            {
                var other = population.Elements().FirstOrDefault(element => element.Name.LocalName.EndsWith("Gate", StringComparison.Ordinal));
                return other is null ? null : new UnsupportedWorkspaceGate(path + "/" + other.Name.LocalName, other.Name.LocalName, "FlowJo 9 gate " + other.Name.LocalName + " is not converted");
            }

            var fj9Shape = wrapper.Elements().FirstOrDefault(element => element.Name.LocalName is "Polygon" or "PolyRect" or "Range" or "Ellipse");
            if (fj9Shape is null)
            {
                return new UnsupportedWorkspaceGate(path + "/PolygonGate", "PolygonGate", "the PolygonGate holds no Polygon, PolyRect, Range or Ellipse");
            }

            var fj9Path = path + "/PolygonGate/" + fj9Shape.Name.LocalName;
            var x = (string?)fj9Shape.Attribute("xAxisName") ?? string.Empty;
            var y = (string?)fj9Shape.Attribute("yAxisName") ?? string.Empty;
            var vertices = fj9Shape.Element("Polygon")?.Elements("Vertex").Select(vertex => (Number(vertex.Attribute("x")) ?? double.NaN, Number(vertex.Attribute("y")) ?? double.NaN)).ToArray() ?? [];
            switch (fj9Shape.Name.LocalName)
            {
                case "Range":
                    if (vertices.Length != 2)
                    {
                        return new UnsupportedWorkspaceGate(fj9Path, "Range", "a Range needs two vertices, has " + vertices.Length);
                    }

                    return new RectangleWorkspaceGate(fj9Path, [(x, Math.Min(vertices[0].Item1, vertices[1].Item1), Math.Max(vertices[0].Item1, vertices[1].Item1))], CurlyQuad: false);
                case "Ellipse":
                    return new EllipseWorkspaceGate(fj9Path, x, y, [], vertices, InDisplayUnits: false, 256);
                default:
                    return new PolygonWorkspaceGate(fj9Path, x, y, vertices, 256);
            }
        }

        private static IReadOnlyList<(string, double?, double?)> RectangleDimensions(XElement shape)
            => shape.Elements(Gating + "dimension").Select(dimension => (
                (string?)dimension.Element(DataType + "fcs-dimension")?.Attribute(DataType + "name") ?? string.Empty,
                Number(dimension.Attribute(Gating + "min")),
                Number(dimension.Attribute(Gating + "max")))).ToArray();

        private static string DimensionName(XElement shape, int index)
            => (string?)shape.Elements(Gating + "dimension").ElementAtOrDefault(index)?.Element(DataType + "fcs-dimension")?.Attribute(DataType + "name") ?? string.Empty;

        private static (double X, double Y)[] Vertices(IEnumerable<XElement> vertices)
            => vertices.Select(vertex =>
            {
                var coordinates = vertex.Elements(Gating + "coordinate").Select(coordinate => Number(coordinate.Attribute(DataType + "value")) ?? double.NaN).ToArray();
                return coordinates.Length == 2 ? (coordinates[0], coordinates[1]) : (double.NaN, double.NaN);
            }).ToArray();

        private static int Resolution(XElement shape) => (int?)Number(shape.Attribute("gateResolution")) is { } resolution and > 0 ? resolution : 256;

        private static DisplayTransform? Fj10Transform(XElement element, string path)
        {
            double Value(string name, double fallback) => Number(element.Attribute(Transforms + name)) ?? fallback;
            var length = (int)Value("length", 256);
            return element.Name.LocalName switch
            {
                "linear" => new DisplayTransform(DisplayKind.Linear, Value("maxRange", 262144), 0, 0, -Value("minRange", 0), Value("minRange", 0), length, path),
                "log" => new DisplayTransform(DisplayKind.Log, Value("offset", 1) * Math.Pow(10, Value("decades", 4.5)), 0, Value("decades", 4.5), 0, Value("offset", 1), length, path),
                "biex" => new DisplayTransform(DisplayKind.Biex, Value("maxRange", 262144), Value("width", -10), Value("pos", 4.5), Value("neg", 0), 0, length, path),
                "logicle" => new DisplayTransform(DisplayKind.Logicle, Value("T", 262144), Value("W", 0.5), Value("M", 4.5), Value("A", 0), 0, length, path),
                "hyperlog" => new DisplayTransform(DisplayKind.Hyperlog, Value("T", 262144), Value("W", 0.5), Value("M", 4.5), Value("A", 0), 0, length, path),
                "fasinh" => new DisplayTransform(DisplayKind.Asinh, Value("T", 262144), 0, Value("M", 4.5), Value("A", 0), 0, length, path),
                _ => null,
            };
        }

        /// <summary>
        /// A calibration table's text, "channel,value,channel,value,…" for channels 0 to n: the values, in channel
        /// order; empty when it is not that (then the display stays approximated).
        /// </summary>
        private static double[] CalibrationValues(string text)
        {
            var parts = text.Split(',');
            var values = new double[parts.Length / 2];
            for (var i = 0; i < values.Length; i++)
            {
                if (!double.TryParse(parts[(2 * i) + 1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                    || !double.TryParse(parts[2 * i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var channel) || channel != i
                    || (i > 0 && !(values[i] > values[i - 1])))
                {
                    return [];
                }
            }

            return values.Length >= 2 ? values : [];
        }

        /// <summary>A FlowJo 9 parameter's display; a calibration-table axis carries the table its calibrationIndex names.</summary>
        private static DisplayTransform Fj9Transform(XElement parameter, string path, List<(string Name, double[] Values)> tables)
        {
            var low = Number(parameter.Attribute("lowValue")) ?? 0;
            var high = Number(parameter.Attribute("highValue")) ?? 262144;
            var decades = Number(parameter.Attribute("decades")) ?? 0;
            if ((string?)parameter.Attribute("log") != "1")
            {
                return new DisplayTransform(DisplayKind.Linear, high, 0, 0, -low, low, 256, path);
            }

            if (parameter.Attribute("calibrationIndex") is null)
            {
                return new DisplayTransform(DisplayKind.Log, high, 0, decades, 0, low, 256, path);
            }

            var index = (int?)Number(parameter.Attribute("calibrationIndex")) ?? 0;
            var table = index >= 1 && index <= tables.Count ? tables[index - 1].Values : [];
            return new DisplayTransform(DisplayKind.Table, high, 0, decades, 0, low, 256, path) { Table = table.Length > 0 ? table : null };
        }

        private static WorkspaceMatrix Fj10Matrix(XElement element)
        {
            var detectors = element.Element(DataType + "parameters")?.Elements(DataType + "parameter").Select(parameter => (string?)parameter.Attribute(DataType + "name") ?? string.Empty).ToList() ?? [];
            var values = new double[detectors.Count, detectors.Count];
            foreach (var row in element.Elements(Transforms + "spillover"))
            {
                var from = detectors.IndexOf((string?)row.Attribute(DataType + "parameter") ?? string.Empty);
                foreach (var coefficient in row.Elements(Transforms + "coefficient"))
                {
                    var to = detectors.IndexOf((string?)coefficient.Attribute(DataType + "parameter") ?? string.Empty);
                    if (from >= 0 && to >= 0)
                    {
                        values[from, to] = Number(coefficient.Attribute(Transforms + "value")) ?? 0;
                    }
                }
            }

            return new WorkspaceMatrix((string?)element.Attribute("name") ?? string.Empty, (string?)element.Attribute("prefix") ?? string.Empty, (string?)element.Attribute("suffix") ?? string.Empty, detectors, values);
        }

        private static WorkspaceMatrix Fj9Matrix(XElement element)
        {
            var channels = element.Elements("Channel").ToList();
            var detectors = channels.Select(channel => (string?)channel.Attribute("name") ?? string.Empty).ToList();
            var values = new double[detectors.Count, detectors.Count];
            for (var from = 0; from < channels.Count; from++)
            {
                foreach (var value in channels[from].Elements("ChannelValue"))
                {
                    var to = detectors.IndexOf((string?)value.Attribute("name") ?? string.Empty);
                    if (to >= 0)
                    {
                        values[from, to] = Number(value.Attribute("value")) ?? 0;
                    }
                }
            }

            return new WorkspaceMatrix((string?)element.Attribute("name") ?? string.Empty, (string?)element.Attribute("prefix") ?? string.Empty, (string?)element.Attribute("suffix") ?? string.Empty, detectors, values);
        }

        private static string NodeName(XElement node) => (string?)node.Attribute("name") ?? (string?)node.Attribute("nodeName") ?? string.Empty;

        /// <summary>FlowJo's stored count; -1 (never computed) and a missing attribute are both "no count".</summary>
        private static long? Count(XElement node)
            => long.TryParse((string?)node.Attribute("count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0 ? count : null;

        private static double? Number(XAttribute? attribute)
            => attribute is not null && double.TryParse(attribute.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
