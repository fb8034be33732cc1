using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using CytoViability.Core.Csv;
using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;
using CytoViability.Core.Templates;

namespace CytoViability.Core.FlowJo;

/// <summary>
/// Writes a finished run (its run.json, template and populations.csv) as a FlowJo 10 workspace: each processed file
/// is a sample linked by a path relative to the workspace, with the template's transforms and compensation and the
/// gate tree as the run applied it (our counts stored as FlowJo's), plus the tree once more as the "All Samples"
/// group so FlowJo can apply it to new files. Gates are Gating-ML 2.0 elements as FlowJo writes them: rectangles and
/// polygons in data units, ellipses as foci and edge points in 256 display bins, quadrants as four one-sided
/// rectangles, boolean gates as And/Or/NotNode with slash-path operands, a band on a ratio channel as the wedge
/// polygon on its two channels (FlowJo cannot gate on a ratio channel).
/// </summary>
internal sealed class WorkspaceWriter
{
    private const string GroupName = "All Samples";
    private const int Resolution = 256;
    private const string CompensatedPrefix = "Comp-";
    /// <summary>
    /// gates.csv as the run applied it: per file, each (gate, dimension) coordinate in data units. Rows with no value
    /// (a sample that failed placement) are left out; such a sample is not among the processed inputs.
    /// </summary>
    private static Dictionary<string, Dictionary<(string Gate, string Dimension), double>> ReadApplied(string gatesCsv)
    {
        var applied = new Dictionary<string, Dictionary<(string, string), double>>(StringComparer.Ordinal);
        if (!File.Exists(gatesCsv))
        {
            return applied;
        }

        var table = CsvReader.ReadFile(gatesCsv);
        var (file, gate, dimension, value) = (table.RequireColumn("file"), table.RequireColumn("gate"), table.RequireColumn("dimension"), table.RequireColumn("value"));
        foreach (var row in table.Rows)
        {
            if (row[value].Length == 0)
            {
                continue;
            }

            if (!applied.TryGetValue(row[file], out var perFile))
            {
                applied[row[file]] = perFile = [];
            }

            perFile[(row[gate], row[dimension])] = double.Parse(row[value], NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return applied;
    }

    private static readonly XNamespace Gating = "http://www.isac-net.org/std/Gating-ML/v2.0/gating";
    private static readonly XNamespace Transforms = "http://www.isac-net.org/std/Gating-ML/v2.0/transformations";
    private static readonly XNamespace DataType = "http://www.isac-net.org/std/Gating-ML/v2.0/datatypes";

    private readonly GatingTemplate _template;
    private readonly List<string> _warnings;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>
    /// The group's coordinate where the template has no number (a computed position without a numeric fallback):
    /// the first processed sample's, so the group gate is one FlowJo can draw.
    /// </summary>
    private readonly Dictionary<(string Gate, string Dimension), double> _groupFallback = [];

    /// <summary>Coordinates the run applied alike to more than half of the processed samples: the group gate takes these first.</summary>
    private readonly Dictionary<(string Gate, string Dimension), double> _groupShared = [];

    private WorkspaceWriter(GatingTemplate template, List<string> warnings)
    {
        _template = template;
        _warnings = warnings;
    }

    /// <summary>Builds the workspace of the run in <paramref name="runFolder"/> for a file at <paramref name="workspacePath"/>.</summary>
    public static XDocument Write(string runFolder, string workspacePath, List<string> warnings)
    {
        var (experimentFolder, templatePath, inputs) = ReadManifest(runFolder);
        // A run with a shipped template records it as shipped:NAME; it is read from the tool, as the run read it.
        var loaded = templatePath.StartsWith(ShippedTemplates.SourcePrefix, StringComparison.Ordinal)
            ? ShippedTemplates.Load(templatePath[ShippedTemplates.SourcePrefix.Length..], experimentFolder)
            : TemplateLoader.LoadFile(templatePath);
        if (loaded.Template is not { } template)
        {
            throw new RunFolderException(templatePath + ": the run's template no longer loads: " + string.Join("; ", loaded.Problems));
        }

        var counts = ReadCounts(Path.Combine(runFolder, "populations.csv"));
        var applied = ReadApplied(Path.Combine(runFolder, "gates.csv"));
        var writer = new WorkspaceWriter(template, warnings);
        foreach (var (file, _) in inputs)
        {
            foreach (var (key, value) in applied.GetValueOrDefault(file) ?? [])
            {
                writer._groupFallback.TryAdd(key, value);
            }
        }

        // A coordinate most processed samples got alike (a position pooled over the run, perhaps overridden for a few)
        // is the group's own; the samples that differ from it become FlowJo custom sample gates.
        foreach (var key in writer._groupFallback.Keys)
        {
            var alike = inputs
                .Select(input => applied.GetValueOrDefault(input.File) is { } perFile && perFile.TryGetValue(key, out var value) ? value : (double?)null)
                .OfType<double>()
                .GroupBy(value => value)
                .OrderByDescending(values => values.Count())
                .First();
            if (2 * alike.Count() > inputs.Count)
            {
                writer._groupShared[key] = alike.Key;
            }
        }

        var workspaceFolder = Path.GetDirectoryName(Path.GetFullPath(workspacePath))!;
        var samples = new XElement("SampleList");
        var references = new XElement("SampleRefs");
        XElement? groupTree = null;
        var id = 0;
        foreach (var (file, events) in inputs)
        {
            var fullPath = Path.GetFullPath(Path.Combine(experimentFolder, file));
            if (!File.Exists(fullPath))
            {
                warnings.Add(file + ": not found any more in " + experimentFolder + "; left out of the workspace");
                continue;
            }

            var dataSet = FcsReader.ReadFile(fullPath).DataSets[0];
            id++;
            var sampleId = id.ToString(CultureInfo.InvariantCulture);
            var relative = Path.GetRelativePath(workspaceFolder, fullPath).Replace(Path.DirectorySeparatorChar, '/');
            var tree = writer.Tree(dataSet, counts.GetValueOrDefault(file) ?? [], file, applied.GetValueOrDefault(file) ?? []);
            groupTree ??= writer.Tree(dataSet, new Dictionary<string, long>(), file, null);
            var sample = new XElement(
                "Sample",
                new XElement("DataSet", new XAttribute("uri", string.Join('/', relative.Split('/').Select(Uri.EscapeDataString))), new XAttribute("sampleID", sampleId)),
                writer.Matrix(dataSet),
                writer.TransformationsOf(dataSet),
                Keywords(dataSet, Path.GetFileName(fullPath)),
                new XElement(
                    "SampleNode",
                    new XAttribute("name", Path.GetFileName(fullPath)),
                    new XAttribute("annotation", string.Empty),
                    new XAttribute("owningGroup", string.Empty),
                    new XAttribute("count", events),
                    new XAttribute("sampleID", sampleId),
                    tree));
            samples.Add(sample);
            references.Add(new XElement("SampleRef", new XAttribute("sampleID", sampleId)));
        }

        var root = new XElement(
            "Workspace",
            new XAttribute("version", "20.0"),
            new XAttribute("flowJoVersion", "10.8.1"),
            new XAttribute(XNamespace.Xmlns + "gating", Gating.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "transforms", Transforms.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "data-type", DataType.NamespaceName),
            new XElement(
                "Groups",
                new XElement(
                    "GroupNode",
                    new XAttribute("name", GroupName),
                    new XAttribute("annotation", string.Empty),
                    new XAttribute("owningGroup", GroupName),
                    new XAttribute("count", -1),
                    new XElement("Group", new XAttribute("name", GroupName), references),
                    groupTree is null ? null : Relabel(groupTree))),
            samples);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>A sample tree as the group's template: FlowJo stores group gates with count -1 (never computed).</summary>
    private static XElement Relabel(XElement tree)
    {
        foreach (var node in tree.DescendantsAndSelf().Where(element => element.Attribute("owningGroup") is not null))
        {
            node.SetAttributeValue("count", -1);
        }

        return tree;
    }

    private static (string Folder, string Template, List<(string File, long Events)> Inputs) ReadManifest(string runFolder)
    {
        var manifestPath = Path.Combine(runFolder, "run.json");
        if (!File.Exists(manifestPath))
        {
            throw new RunFolderException(runFolder + ": no run.json; not a finished run's output folder");
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var root = json.RootElement;
        var folder = root.GetProperty("folder").GetString() ?? throw new RunFolderException(manifestPath + ": no folder");
        var template = root.GetProperty("template").GetProperty("path").GetString() ?? throw new RunFolderException(manifestPath + ": no template path");
        if (!template.StartsWith(ShippedTemplates.SourcePrefix, StringComparison.Ordinal) && !Path.IsPathRooted(template) && !File.Exists(template))
        {
            template = Path.Combine(folder, template);
        }

        var inputs = new List<(string, long)>();
        foreach (var input in root.GetProperty("inputs").EnumerateArray())
        {
            if (input.GetProperty("status").GetString() == "processed")
            {
                inputs.Add((input.GetProperty("file").GetString()!, input.GetProperty("events").GetInt64()));
            }
        }

        return (folder, template, inputs);
    }

    private static Dictionary<string, Dictionary<string, long>> ReadCounts(string path)
    {
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return counts;
        }

        var table = CsvReader.ReadFile(path);
        var (file, population, count) = (table.RequireColumn("file"), table.RequireColumn("population"), table.RequireColumn("count"));
        foreach (var row in table.Rows)
        {
            if (!counts.TryGetValue(row[file], out var perFile))
            {
                counts[row[file]] = perFile = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            perFile[row[population]] = long.Parse(row[count], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static XElement Keywords(FcsDataSet dataSet, string fileName)
    {
        var keywords = new XElement("Keywords", Keyword("$FIL", fileName), Keyword("$TOT", dataSet.EventCount.ToString(CultureInfo.InvariantCulture)), Keyword("$PAR", dataSet.Parameters.Count.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < dataSet.Parameters.Count; i++)
        {
            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            keywords.Add(Keyword("$P" + number + "N", dataSet.Parameters[i].Name));
            keywords.Add(Keyword("$P" + number + "S", dataSet.Parameters[i].Stain ?? string.Empty));
        }

        return keywords;
    }

    private static XElement Keyword(string name, string value) => new("Keyword", new XAttribute("name", name), new XAttribute("value", value));

    /// <summary>The $PnN an alias resolves to in this file, or null.</summary>
    private static string? Channel(GatingTemplate template, string alias, FcsDataSet dataSet)
        => ChannelIndex(template, alias, dataSet) is var index and >= 0 ? dataSet.Parameters[index].Name : null;

    /// <summary>The parameter an alias resolves to in this file (<see cref="ChannelResolver"/>), or -1.</summary>
    private static int ChannelIndex(GatingTemplate template, string alias, FcsDataSet dataSet)
        => template.Channels.FirstOrDefault(candidate => candidate.Alias == alias) is { } channel ? ChannelResolver.Find(channel, dataSet.Parameters).Index : -1;

    private HashSet<string> CompensatedDetectors(FcsDataSet dataSet)
        => _template.Compensation.Source switch
        {
            CompensationSource.Matrix => new HashSet<string>(_template.Compensation.Matrix!.Detectors, StringComparer.OrdinalIgnoreCase),
            CompensationSource.File when dataSet.Spillover is { } spillover => new HashSet<string>(spillover.Channels, StringComparer.OrdinalIgnoreCase),
            _ => new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };

    /// <summary>FlowJo's parameter name for an alias: the $PnN, with Comp- when the template compensates it.</summary>
    private string? Parameter(string alias, FcsDataSet dataSet)
    {
        var channel = Channel(_template, alias, dataSet);
        return channel is null ? null : CompensatedDetectors(dataSet).Contains(channel) ? CompensatedPrefix + channel : channel;
    }

    private XElement? Matrix(FcsDataSet dataSet)
    {
        string name;
        IReadOnlyList<string> detectors;
        Func<int, int, double> value;
        if (_template.Compensation is { Source: CompensationSource.Matrix, Matrix: { } matrix })
        {
            (name, detectors, value) = (Path.GetFileNameWithoutExtension(matrix.Path), matrix.Detectors, (row, column) => matrix.Values[row, column]);
        }
        else if (_template.Compensation.Source == CompensationSource.File && dataSet.Spillover is { } spillover)
        {
            (name, detectors, value) = (WorkspaceMatrix.AcquisitionDefined, spillover.Channels, (row, column) => spillover[row, column]);
        }
        else
        {
            return null;
        }

        var element = new XElement(
            Transforms + "spilloverMatrix",
            new XAttribute("spectral", 0),
            new XAttribute("prefix", CompensatedPrefix),
            new XAttribute("name", name),
            new XAttribute("suffix", string.Empty),
            new XElement(DataType + "parameters", detectors.Select(detector => new XElement(DataType + "parameter", new XAttribute(DataType + "name", detector)))));
        for (var row = 0; row < detectors.Count; row++)
        {
            var spill = new XElement(Transforms + "spillover", new XAttribute(DataType + "parameter", detectors[row]));
            for (var column = 0; column < detectors.Count; column++)
            {
                spill.Add(new XElement(Transforms + "coefficient", new XAttribute(DataType + "parameter", detectors[column]), new XAttribute(Transforms + "value", Number(value(row, column)))));
            }

            element.Add(spill);
        }

        return element;
    }

    private XElement TransformationsOf(FcsDataSet dataSet)
    {
        var element = new XElement("Transformations");
        foreach (var (alias, transform) in _template.Transforms.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (Parameter(alias, dataSet) is not { } parameter)
            {
                continue;
            }

            var (kind, attributes) = transform.Kind switch
            {
                TransformKind.Linear => ("linear", new[] { ("minRange", -transform.A), ("maxRange", transform.T) }),
                TransformKind.Log => ("log", [("offset", transform.T / Math.Pow(10, transform.M)), ("decades", transform.M)]),
                TransformKind.Biex => ("biex", [("length", Resolution), ("maxRange", transform.T), ("neg", transform.A), ("width", transform.W), ("pos", transform.M)]),
                TransformKind.Asinh => ("fasinh", [("length", Resolution), ("maxRange", transform.T), ("T", transform.T), ("M", transform.M), ("A", transform.A)]),
                TransformKind.Hyperlog => ("hyperlog", [("length", Resolution), ("T", transform.T), ("W", transform.W), ("M", transform.M), ("A", transform.A)]),
                _ => ("logicle", [("length", Resolution), ("T", transform.T), ("W", transform.W), ("M", transform.M), ("A", transform.A)]),
            };
            var node = new XElement(Transforms + kind, attributes.Select(pair => new XAttribute(Transforms + pair.Item1, Number(pair.Item2))));
            node.Add(new XElement(DataType + "parameter", new XAttribute(DataType + "name", parameter)));
            element.Add(node);
        }

        return element;
    }

    /// <summary>
    /// The Subpopulations of one sample's tree, with the run's counts (-1 where it has none) and the coordinates the
    /// run applied to it (<paramref name="applied"/>; null for the group's tree). A gate at other coordinates than
    /// the group's is a FlowJo custom sample gate: owningGroup="".
    /// </summary>
    private XElement Tree(FcsDataSet dataSet, IReadOnlyDictionary<string, long> counts, string file, IReadOnlyDictionary<(string, string), double>? applied)
    {
        var children = _template.Gates.ToLookup(gate => gate.ParentId ?? GatingTemplate.AllEvents, StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var gateIds = new Dictionary<string, string>(StringComparer.Ordinal);

        XElement? Subpopulations(string parentId, string parentPath)
        {
            var container = new XElement("Subpopulations");

            // Boolean gates name their operands by path, so they follow their siblings whatever the template's order.
            foreach (var gate in children[parentId].OrderBy(gate => gate is BooleanGateDefinition ? 1 : 0))
            {
                foreach (var (name, id, gateElement, kind, custom) in Populations(gate, dataSet, paths, applied))
                {
                    if (gateElement is null && kind == "Population")
                    {
                        Warn(file, "gate '" + gate.Id + "' cannot be written for FlowJo; it and its subtree are left out");
                        continue;
                    }

                    var path = parentPath.Length == 0 ? name : parentPath + "/" + name;
                    paths[id] = path;
                    if (gateElement?.Name == "Gate")
                    {
                        // FlowJo (and FlowKit's reader) key gates by gating:id and link children by gating:parent_id.
                        gateIds[id] = "ID" + (gateIds.Count + 1).ToString(CultureInfo.InvariantCulture);
                        gateElement.SetAttributeValue(Gating + "id", gateIds[id]);
                        if (gateIds.TryGetValue(parentId, out var parentGate))
                        {
                            gateElement.SetAttributeValue(Gating + "parent_id", parentGate);
                        }
                    }

                    var node = new XElement(
                        kind,
                        new XAttribute("name", name),
                        new XAttribute("annotation", string.Empty),
                        new XAttribute("owningGroup", custom ? string.Empty : GroupName),
                        new XAttribute("count", counts.TryGetValue(id, out var count) ? count : -1),
                        gateElement);
                    node.Add(Subpopulations(id, path));
                    container.Add(node);
                }
            }

            return container.HasElements ? container : null;
        }

        return Subpopulations(GatingTemplate.AllEvents, string.Empty) ?? new XElement("Subpopulations");
    }

    private void Warn(string file, string message)
    {
        if (_warned.Add(message))
        {
            _warnings.Add(file + ": " + message);
        }
    }

    /// <summary>
    /// The FlowJo populations of one template gate (a quadrant gate gives one per named quadrant), at the coordinates
    /// applied to the sample, and whether they differ from the group's.
    /// </summary>
    private IEnumerable<(string Name, string Id, XElement? Gate, string Kind, bool Custom)> Populations(GateDefinition gate, FcsDataSet dataSet, IReadOnlyDictionary<string, string> paths, IReadOnlyDictionary<(string, string), double>? applied)
    {
        var name = gate.DisplayName ?? gate.Id;
        switch (gate)
        {
            case RectangleGateDefinition { Bounds: [var band] } when Ratio(band.Channel) is { } ratio:
                var moved = false;
                var low = Applied(gate.Id, band.Channel + " min", Data(band.Channel, gate.Units, band.Min), applied, ref moved);
                var high = Applied(gate.Id, band.Channel + " max", Data(band.Channel, gate.Units, band.Max), applied, ref moved);
                yield return (name, gate.Id, RatioBand(gate.Id, ratio, low, high, dataSet, countEdges: applied is not null), "Population", moved);
                break;
            case RectangleGateDefinition rectangle:
                var custom = false;
                var bounds = rectangle.Bounds.Select(bound => (
                    bound.Channel,
                    Applied(gate.Id, bound.Channel + " min", Data(bound.Channel, gate.Units, bound.Min), applied, ref custom),
                    Applied(gate.Id, bound.Channel + " max", Data(bound.Channel, gate.Units, bound.Max), applied, ref custom))).ToArray();
                yield return (name, gate.Id, Rectangle(bounds, dataSet), "Population", custom);
                break;
            case PolygonGateDefinition polygon:
                yield return (name, gate.Id, Polygon(polygon, dataSet), "Population", false);
                break;
            case EllipsoidGateDefinition ellipse:
                yield return (name, gate.Id, Ellipse(ellipse, dataSet), "Population", false);
                break;
            case QuadrantGateDefinition quadrant:
                var shifted = false;
                var x = Applied(gate.Id, quadrant.X, Data(quadrant.X, gate.Units, quadrant.XDivider), applied, ref shifted);
                var y = Applied(gate.Id, quadrant.Y, Data(quadrant.Y, gate.Units, quadrant.YDivider), applied, ref shifted);
                foreach (var named in quadrant.Quadrants)
                {
                    var sides = new[] { (quadrant.X, named.XPositive ? x : null, named.XPositive ? null : x), (quadrant.Y, named.YPositive ? y : null, named.YPositive ? null : y) };
                    yield return (named.Id, named.Id, Rectangle(sides, dataSet), "Population", shifted);
                }

                break;
            case BooleanGateDefinition boolean when boolean.Operands.All(operand => !operand.Complement && paths.ContainsKey(operand.PopulationId)):
                var kind = boolean.Operation switch
                {
                    BooleanOperation.And => "AndNode",
                    BooleanOperation.Or => "OrNode",
                    _ => "NotNode",
                };
                var dependents = new XElement("Dependents", boolean.Operands.Select(operand => new XElement("Dependent", new XAttribute("name", paths[operand.PopulationId]))));
                yield return (name, gate.Id, dependents, kind, false);
                break;
            default:
                yield return (name, gate.Id, null, "Population", false);
                break;
        }
    }

    /// <summary>
    /// One coordinate as the run applied it to the sample (gates.csv, data units), else the group's: the value most
    /// samples share, else the template's number, or where it has none the first sample's. <paramref name="custom"/> turns true when the two differ.
    /// </summary>
    private double? Applied(string gate, string dimension, double? template, IReadOnlyDictionary<(string, string), double>? applied, ref bool custom)
    {
        var group = _groupShared.TryGetValue((gate, dimension), out var shared) ? shared
            : template is { } number && double.IsFinite(number) ? number
            : _groupFallback.TryGetValue((gate, dimension), out var first) ? first : template;
        if (applied is null || !applied.TryGetValue((gate, dimension), out var value))
        {
            return group;
        }

        custom |= value != group;
        return value;
    }

    /// <summary>A coordinate in data units (FlowJo stores rectangles and polygons that way).</summary>
    private double? Data(string alias, GateUnits units, double? value)
        => value is { } v && units == GateUnits.Transformed && _template.Transforms.TryGetValue(alias, out var transform) ? TransformFactory.Create(transform).Inverse(v) : value;

    private XElement? Rectangle(IEnumerable<(string Alias, double? Min, double? Max)> bounds, FcsDataSet dataSet)
    {
        var shape = new XElement(Gating + "RectangleGate", new XAttribute("eventsInside", 1));
        foreach (var (alias, min, max) in bounds)
        {
            if (Parameter(alias, dataSet) is not { } parameter)
            {
                return null;
            }

            shape.Add(new XElement(
                Gating + "dimension",
                min is { } low ? new XAttribute(Gating + "min", Number(low)) : null,
                max is { } high ? new XAttribute(Gating + "max", Number(high)) : null,
                new XElement(DataType + "fcs-dimension", new XAttribute(DataType + "name", parameter))));
        }

        return new XElement("Gate", shape);
    }

    private RatioChannel? Ratio(string name) => _template.Ratios.FirstOrDefault(ratio => ratio.Name == name);

    /// <summary>
    /// A band lo ≤ A·N/D &lt; hi on a ratio channel, which FlowJo cannot take as a gate parameter (FlowJo's derived
    /// parameters have no published workspace format, and CytoML and FlowKit skip or refuse gates on them), written as the same region in the plane of the two
    /// channels: for D &gt; 0 the band is the wedge between the lines N = (lo/A)·D and N = (hi/A)·D through the
    /// origin, here clipped to the instrument range ($PnR of D and N). Events inside the range fall on the same side
    /// of each line in both forms; events beyond $PnR or with D ≤ 0 are what the two forms can disagree on, and each
    /// sample's count of such events is reported. Only a ratio without offsets (B = C = 0, A &gt; 0) on linear axes
    /// is a wedge with straight edges; anything else is not carried.
    /// </summary>
    private XElement? RatioBand(string gateId, RatioChannel ratio, double? low, double? high, FcsDataSet dataSet, bool countEdges)
    {
        var file = dataSet.Keywords["$FIL"] ?? "a sample";
        string? refusal = null;
        if (ratio.A <= 0 || ratio.B != 0 || ratio.C != 0)
        {
            refusal = "has offsets or a factor ≤ 0 (B = " + Number(ratio.B) + ", C = " + Number(ratio.C) + ", A = " + Number(ratio.A) + "), so its band is no wedge through the origin";
        }
        else if (low is not { } lo || high is not { } hi || !(lo >= 0 && lo < hi))
        {
            refusal = "band is not 0 ≤ min < max with both sides set (" + (low is { } l ? Number(l) : "open") + ", " + (high is { } h ? Number(h) : "open") + ")";
        }
        else if (new[] { ratio.Numerator, ratio.Denominator }.Any(alias => _template.Transforms.TryGetValue(alias, out var transform) && transform.Kind != TransformKind.Linear))
        {
            refusal = "numerator or denominator is displayed on a non-linear transform, where the band's edges are curves";
        }

        var (numerator, denominator) = (Parameter(ratio.Numerator, dataSet), Parameter(ratio.Denominator, dataSet));
        if (refusal is not null || numerator is null || denominator is null)
        {
            Warn(file, "gate '" + gateId + "' is a band on ratio channel '" + ratio.Name + "', which "
                + (refusal ?? "names a channel this sample does not have") + "; FlowJo cannot read a ratio channel");
            return null;
        }

        var (slopeLow, slopeHigh) = (low!.Value / ratio.A, high!.Value / ratio.A);
        var rangeD = dataSet.Parameters[ChannelIndex(_template, ratio.Denominator, dataSet)].Range;
        var rangeN = dataSet.Parameters[ChannelIndex(_template, ratio.Numerator, dataSet)].Range;
        var vertices = RatioWedge.Vertices(slopeLow, slopeHigh, rangeD, rangeN);
        var shape = new XElement(Gating + "PolygonGate", new XAttribute("eventsInside", 1), new XAttribute("quadId", -1), new XAttribute("gateResolution", Resolution), Dimension(denominator), Dimension(numerator));
        foreach (var (x, y) in vertices)
        {
            shape.Add(Vertex(x, y));
        }

        // The conversion is said once per band; a file with events the two forms disagree on is named on its own.
        var note = "gate '" + gateId + "' (" + Number(low.Value) + " ≤ " + ratio.Name + " < " + Number(high.Value) + ") is written as a polygon: "
            + numerator + " between " + Number(slopeLow) + "·" + denominator + " and " + Number(slopeHigh) + "·" + denominator + ", up to $PnR ("
            + denominator + " ≤ " + Number(rangeD) + ", " + numerator + " ≤ " + Number(rangeN) + "), because FlowJo cannot read a ratio channel; it holds the same events inside that range";
        if (_warned.Add(note))
        {
            _warnings.Add(note);
        }

        var disagreeing = countEdges ? RatioWedge.EventsOutsideRange(dataSet, ratio, Channel(_template, ratio.Numerator, dataSet)!, Channel(_template, ratio.Denominator, dataSet)!, low.Value, high.Value, rangeD, rangeN) : 0;
        if (disagreeing > 0)
        {
            _warnings.Add(file + ": " + disagreeing + " event(s) in the band of gate '" + gateId + "' lie beyond $PnR or at " + denominator + " ≤ 0; the polygon leaves them out, so FlowJo's count of this sample can be lower");
        }

        return new XElement("Gate", shape);
    }

    private XElement? Polygon(PolygonGateDefinition polygon, FcsDataSet dataSet)
    {
        if (Parameter(polygon.X, dataSet) is not { } x || Parameter(polygon.Y, dataSet) is not { } y)
        {
            return null;
        }

        var shape = new XElement(Gating + "PolygonGate", new XAttribute("eventsInside", 1), new XAttribute("quadId", -1), new XAttribute("gateResolution", Resolution), Dimension(x), Dimension(y));
        foreach (var (vx, vy) in polygon.Vertices)
        {
            shape.Add(Vertex(Data(polygon.X, polygon.Units, vx)!.Value, Data(polygon.Y, polygon.Units, vy)!.Value));
        }

        return new XElement("Gate", shape);
    }

    /// <summary>
    /// FlowJo's ellipse: two foci and four points on it (the ends of both axes) in display bins. Only an ellipse on
    /// two transformed axes maps onto FlowJo's display exactly.
    /// </summary>
    private XElement? Ellipse(EllipsoidGateDefinition ellipse, FcsDataSet dataSet)
    {
        if (ellipse.Dimensions.Count != 2 || ellipse.Units != GateUnits.Transformed || !ellipse.Dimensions.All(_template.Transforms.ContainsKey)
            || Parameter(ellipse.Dimensions[0], dataSet) is not { } x || Parameter(ellipse.Dimensions[1], dataSet) is not { } y)
        {
            return null;
        }

        var (p, q, r) = (ellipse.Covariance[0, 0] * ellipse.DistanceSquared, ellipse.Covariance[0, 1] * ellipse.DistanceSquared, ellipse.Covariance[1, 1] * ellipse.DistanceSquared);
        var half = Math.Sqrt((((p - r) / 2) * ((p - r) / 2)) + (q * q));
        var (major, minor) = (Math.Sqrt(((p + r) / 2) + half), Math.Sqrt(Math.Max(0, ((p + r) / 2) - half)));
        var angle = 0.5 * Math.Atan2(2 * q, p - r);
        var (ux, uy) = (Math.Cos(angle), Math.Sin(angle));
        var focal = Math.Sqrt(Math.Max(0, (major * major) - (minor * minor)));
        var (cx, cy) = (ellipse.Center[0], ellipse.Center[1]);
        (double, double) Display(double a, double b) => (a * Resolution, b * Resolution);
        var foci = new[] { Display(cx - (focal * ux), cy - (focal * uy)), Display(cx + (focal * ux), cy + (focal * uy)) };
        var edge = new[]
        {
            Display(cx - (major * ux), cy - (major * uy)), Display(cx + (major * ux), cy + (major * uy)),
            Display(cx + (minor * uy), cy - (minor * ux)), Display(cx - (minor * uy), cy + (minor * ux)),
        };
        var shape = new XElement(
            Gating + "EllipsoidGate",
            new XAttribute("eventsInside", 1),
            Dimension(x),
            Dimension(y),
            new XElement(Gating + "foci", foci.Select(point => Vertex(point.Item1, point.Item2))),
            new XElement(Gating + "edge", edge.Select(point => Vertex(point.Item1, point.Item2))));
        return new XElement("Gate", shape);
    }

    private static XElement Dimension(string parameter) => new(Gating + "dimension", new XElement(DataType + "fcs-dimension", new XAttribute(DataType + "name", parameter)));

    private static XElement Vertex(double x, double y)
        => new(Gating + "vertex", new XElement(Gating + "coordinate", new XAttribute(DataType + "value", Number(x))), new XElement(Gating + "coordinate", new XAttribute(DataType + "value", Number(y))));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
