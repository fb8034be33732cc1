using System.Globalization;
using System.Text;
using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;
using CytoViability.Core.Templates;

namespace CytoViability.Core.FlowJo;

/// <summary>
/// Converts one FlowJo gate tree (a sample's tree as applied, or a group's template tree) into a template draft.
/// Channels come from FlowJo's parameter names with the matrix prefix/suffix (`Comp-`, `FJComp-`, `&lt;…&gt;`)
/// removed; transforms from the sample's display transforms; compensation from the sample's matrix. Anything that
/// does not convert exactly becomes an <see cref="ImportProblem"/> naming its XML element.
/// </summary>
internal sealed class TemplateImporter
{
    private static readonly string[] CompensatedPrefixes = ["FJComp-", "Comp-"];

    private readonly WorkspaceSample? _context;
    private readonly List<ImportProblem> _problems = [];
    private readonly List<ChannelAlias> _channels = [];
    private readonly Dictionary<string, string> _aliasOfDetector = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _compensatedUse = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _parameterOfAlias = new(StringComparer.Ordinal);
    private readonly List<GateDefinition> _gates = [];
    private readonly List<ImportedPopulation> _populations = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal) { GatingTemplate.AllEvents };
    private readonly Dictionary<string, string> _idOfPath = new(StringComparer.Ordinal);

    private TemplateImporter(WorkspaceSample? context)
    {
        _context = context;
    }

    /// <summary>A sample's own tree, with every gate as FlowJo applied it to that sample (custom gates included).</summary>
    public static ImportedTemplate FromSample(Workspace workspace, WorkspaceSample sample, string matrixFileName)
        => new TemplateImporter(sample).Convert(workspace, sample.Root, "FlowJo sample " + sample.Name + " (sampleID " + sample.Id + ")", matrixFileName);

    /// <summary>A group's template tree; transforms and compensation come from the group's first sample.</summary>
    public static ImportedTemplate FromGroup(Workspace workspace, WorkspaceGroup group, string matrixFileName)
    {
        var sample = workspace.Samples.FirstOrDefault(candidate => group.SampleIds.Contains(candidate.Id)) ?? workspace.Samples.FirstOrDefault();
        return new TemplateImporter(sample).Convert(workspace, group.Root, "FlowJo group " + group.Name, matrixFileName);
    }

    /// <summary>Every population path of a tree ("/A/B"), for telling trees apart.</summary>
    public static IReadOnlyList<string> Paths(WorkspacePopulation root)
    {
        var paths = new List<string>();
        void Walk(WorkspacePopulation node, string path)
        {
            foreach (var child in node.Children)
            {
                var childPath = path + "/" + EscapeName(child.Name);
                paths.Add(childPath);
                Walk(child, childPath);
            }
        }

        Walk(root, string.Empty);
        return paths;
    }

    /// <summary>The population path as flowjo-counts.csv writes it: "/" inside a name becomes "\/".</summary>
    public static string EscapeName(string name) => name.Replace("/", "\\/", StringComparison.Ordinal);

    private ImportedTemplate Convert(Workspace workspace, WorkspacePopulation root, string origin, string matrixFileName)
    {
        foreach (var child in root.Children)
        {
            Population(child, null, string.Empty, null);
        }

        ResolveBooleans();
        var (compensation, matrixCsv) = Compensation();
        var transforms = Transforms();
        var notes = new List<string>
        {
            "Imported from " + Path.GetFileName(workspace.Source) + " (FlowJo " + (workspace.Generation == 10 ? "10" : "9") + ", workspace version " + workspace.Version + "), " + origin + ".",
            "Gate names are FlowJo's (name:); ids are the same names made safe for file names.",
        };
        if (_problems.Count == 0)
        {
            notes.Add("Every gate converted exactly.");
        }
        else
        {
            notes.Add(_problems.Count + " construct(s) did not convert exactly:");
            foreach (var problem in _problems)
            {
                notes.Add("  " + problem);
            }
        }

        var draft = new TemplateDraft(
            origin,
            null,
            _channels,
            compensation,
            compensation == CompensationSource.Matrix ? matrixFileName : null,
            transforms,
            _gates,
            notes);
        return new ImportedTemplate(draft, compensation == CompensationSource.Matrix ? matrixFileName : null, matrixCsv, _populations, _problems);
    }

    private void Population(WorkspacePopulation population, string? parentId, string parentPath, string? skippedBecause)
    {
        var path = parentPath + "/" + EscapeName(population.Name);
        string? notConverted = skippedBecause;
        string? id = null;
        var approximations = Approximation.None;
        if (notConverted is null)
        {
            id = UniqueId(population.Name, parentId);
            var gate = Gate(population, id, parentId, ref approximations, out var reason);
            if (gate is null)
            {
                notConverted = reason;
                id = null;
            }
            else
            {
                _ids.Add(id);
                _idOfPath[path] = id;
                if (gate is not BooleanGateDefinition)
                {
                    _gates.Add(gate);
                }
            }
        }

        _populations.Add(new ImportedPopulation(path, population, id, notConverted, approximations));
        foreach (var child in population.Children)
        {
            Population(child, id, path, notConverted is null ? null : "not converted because its parent '" + population.Name + "' was not converted");
        }
    }

    private GateDefinition? Gate(WorkspacePopulation population, string id, string? parentId, ref Approximation approximations, out string? reason)
    {
        reason = null;
        var display = population.Name;
        var position = new TextPosition(1, 1);
        switch (population.Gate)
        {
            case null:
                reason = "the population has no gate";
                _problems.Add(new ImportProblem(population.XmlPath, reason));
                return null;
            case UnsupportedWorkspaceGate unsupported:
                reason = unsupported.Reason;
                _problems.Add(new ImportProblem(unsupported.XmlPath, reason + "; the population and its subtree are not in the template"));
                return null;
            case RectangleWorkspaceGate rectangle:
                var bounds = new List<DimensionBoundDefinition>();
                foreach (var (parameter, min, max) in rectangle.Dimensions)
                {
                    var alias = Alias(parameter, rectangle.XmlPath, ref approximations);
                    if (alias is null || (min is { } a && !double.IsFinite(a)) || (max is { } b && !double.IsFinite(b)))
                    {
                        reason = "dimension '" + parameter + "' cannot be used";
                        _problems.Add(new ImportProblem(rectangle.XmlPath, reason));
                        return null;
                    }

                    bounds.Add(new DimensionBoundDefinition(alias, min, max));
                }

                if (rectangle.CurlyQuad)
                {
                    approximations |= Approximation.Shape;
                    _problems.Add(new ImportProblem(rectangle.XmlPath, "CurlyQuad imported as a straight quadrant (open-ended rectangle); FlowJo bends its lines beyond the crosshair, which the template language cannot express"));
                }

                return new RectangleGateDefinition(id, parentId, display, GateUnits.Data, position, bounds);
            case PolygonWorkspaceGate polygon:
                var x = Alias(polygon.X, polygon.XmlPath, ref approximations);
                var y = Alias(polygon.Y, polygon.XmlPath, ref approximations);
                if (x is null || y is null || polygon.Vertices.Count < 3 || polygon.Vertices.Any(vertex => !double.IsFinite(vertex.X) || !double.IsFinite(vertex.Y)))
                {
                    reason = "the polygon needs two known dimensions and three or more finite vertices";
                    _problems.Add(new ImportProblem(polygon.XmlPath, reason));
                    return null;
                }

                approximations |= DisplayApproximation(polygon.X) | DisplayApproximation(polygon.Y);
                return new PolygonGateDefinition(id, parentId, display, GateUnits.Data, position, x, y, polygon.Vertices);
            case EllipseWorkspaceGate ellipse:
                return Ellipse(ellipse, id, parentId, display, ref approximations, out reason);
            case BooleanWorkspaceGate boolean:
                // Operands may name populations converted later; resolved once the whole tree is known.
                _pendingBooleans.Add((population, id, parentId, boolean));
                return new BooleanGateDefinition(id, parentId, display, GateUnits.Data, position, boolean.Kind switch
                {
                    WorkspaceBooleanKind.And => BooleanOperation.And,
                    WorkspaceBooleanKind.Or => BooleanOperation.Or,
                    _ => BooleanOperation.Not,
                }, []);
            default:
                reason = "unknown gate";
                return null;
        }
    }

    private readonly List<(WorkspacePopulation Population, string Id, string? ParentId, BooleanWorkspaceGate Gate)> _pendingBooleans = [];

    private void ResolveBooleans()
    {
        foreach (var (population, id, parentId, gate) in _pendingBooleans)
        {
            var operands = new List<BooleanOperandDefinition>();
            var failed = false;
            foreach (var dependent in gate.Dependents)
            {
                var target = ResolveDependent(dependent);
                if (target is null)
                {
                    _problems.Add(new ImportProblem(gate.XmlPath, "operand '" + dependent + "' names no converted population; the boolean gate and its subtree are not in the template"));
                    failed = true;
                    break;
                }

                operands.Add(new BooleanOperandDefinition(target, false, new TextPosition(1, 1)));
            }

            if (!failed && gate.Kind == WorkspaceBooleanKind.Not && operands.Count != 1)
            {
                _problems.Add(new ImportProblem(gate.XmlPath, "a NotNode needs exactly one operand, has " + operands.Count));
                failed = true;
            }

            if (!failed && operands.Count == 0)
            {
                _problems.Add(new ImportProblem(gate.XmlPath, "the boolean gate has no operands"));
                failed = true;
            }

            var index = _populations.FindIndex(entry => entry.GateId == id);
            if (failed)
            {
                RemoveSubtree(index);
                continue;
            }

            var kind = gate.Kind switch
            {
                WorkspaceBooleanKind.And => BooleanOperation.And,
                WorkspaceBooleanKind.Or => BooleanOperation.Or,
                _ => BooleanOperation.Not,
            };
            var definition = new BooleanGateDefinition(id, parentId, population.Name, GateUnits.Data, new TextPosition(1, 1), kind, operands);
            var parentIndex = parentId is null ? -1 : _gates.FindIndex(existing => existing.Id == parentId);
            _gates.Insert(parentIndex + 1, definition);
        }
    }

    /// <summary>Marks a population and its converted descendants as not converted (their gates leave the template).</summary>
    private void RemoveSubtree(int index)
    {
        var entry = _populations[index];
        var prefix = entry.FlowJoPath + "/";
        for (var i = 0; i < _populations.Count; i++)
        {
            var candidate = _populations[i];
            if (i == index || candidate.FlowJoPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (candidate.GateId is { } gateId)
                {
                    _gates.RemoveAll(gate => gate.Id == gateId);
                    _idOfPath.Remove(candidate.FlowJoPath);
                }

                _populations[i] = candidate with { GateId = null, NotConverted = i == index ? "its operands could not be resolved" : "not converted because an ancestor was not converted" };
            }
        }
    }

    /// <summary>
    /// FlowJo names boolean operands by slash path; the path may start at the sample root or at a population, so
    /// the unique population whose path ends with it is taken.
    /// </summary>
    private string? ResolveDependent(string dependent)
    {
        var wanted = "/" + dependent.TrimStart('/');
        if (_idOfPath.TryGetValue(wanted, out var exact))
        {
            return exact;
        }

        var matches = _idOfPath.Where(pair => pair.Key.EndsWith(wanted, StringComparison.Ordinal)).Select(pair => pair.Value).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private GateDefinition? Ellipse(EllipseWorkspaceGate ellipse, string id, string? parentId, string display, ref Approximation approximations, out string? reason)
    {
        reason = null;
        var x = Alias(ellipse.X, ellipse.XmlPath, ref approximations);
        var y = Alias(ellipse.Y, ellipse.XmlPath, ref approximations);
        var xTransform = DisplayOf(ellipse.X);
        var yTransform = DisplayOf(ellipse.Y);
        if (x is null || y is null || xTransform is null || yTransform is null || ellipse.Edge.Count != 4)
        {
            reason = "the ellipse needs two dimensions with known display transforms and four edge points";
            _problems.Add(new ImportProblem(ellipse.XmlPath, reason));
            return null;
        }

        approximations |= DisplayApproximation(ellipse.X) | DisplayApproximation(ellipse.Y);
        double[] center;
        double[,] covariance;
        if (ellipse.InDisplayUnits)
        {
            // FlowJo 10: foci and four points on the ellipse, in display bins (0..resolution per axis).
            if (ellipse.Foci.Count != 2)
            {
                reason = "a FlowJo 10 ellipse needs two foci";
                _problems.Add(new ImportProblem(ellipse.XmlPath, reason));
                return null;
            }

            var scale = 1.0 / ellipse.Resolution;
            var (f1, f2) = (ellipse.Foci[0], ellipse.Foci[1]);
            var sum = 0.0;
            foreach (var point in ellipse.Edge)
            {
                sum += Distance(point, f1) + Distance(point, f2);
            }

            var major = sum / ellipse.Edge.Count / 2;
            var focal = Distance(f1, f2) / 2;
            var minorSquared = (major * major) - (focal * focal);
            if (!(minorSquared > 0))
            {
                reason = "the ellipse's edge points lie no farther apart than its foci";
                _problems.Add(new ImportProblem(ellipse.XmlPath, reason));
                return null;
            }

            var (ux, uy) = focal > 0 ? ((f2.X - f1.X) / (2 * focal), (f2.Y - f1.Y) / (2 * focal)) : (1.0, 0.0);
            center = [(f1.X + f2.X) / 2 * scale, (f1.Y + f2.Y) / 2 * scale];
            covariance = Covariance((ux * major * scale, uy * major * scale), (-uy * Math.Sqrt(minorSquared) * scale, ux * Math.Sqrt(minorSquared) * scale));
        }
        else
        {
            // FlowJo 9: the two ends of each axis, in data units, on the display axes.
            var xForward = Templates.TransformFactory.Create(Definition(xTransform));
            var yForward = Templates.TransformFactory.Create(Definition(yTransform));
            var points = ellipse.Edge.Select(point => (X: xForward.Forward(point.X), Y: yForward.Forward(point.Y))).ToArray();
            center = [(points[0].X + points[1].X + points[2].X + points[3].X) / 4, (points[0].Y + points[1].Y + points[2].Y + points[3].Y) / 4];
            covariance = Covariance(((points[1].X - points[0].X) / 2, (points[1].Y - points[0].Y) / 2), ((points[3].X - points[2].X) / 2, (points[3].Y - points[2].Y) / 2));
        }

        if (!double.IsFinite(center[0]) || !double.IsFinite(center[1]) || !(Determinant(covariance) > 0))
        {
            reason = "the ellipse is degenerate";
            _problems.Add(new ImportProblem(ellipse.XmlPath, reason));
            return null;
        }

        return new EllipsoidGateDefinition(id, parentId, display, GateUnits.Transformed, new TextPosition(1, 1), [x, y], center, covariance, 1);
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>The covariance whose unit-distance ellipse has the two given conjugate semi-axes.</summary>
    private static double[,] Covariance((double X, double Y) a, (double X, double Y) b)
        => new[,] { { (a.X * a.X) + (b.X * b.X), (a.X * a.Y) + (b.X * b.Y) }, { (a.X * a.Y) + (b.X * b.Y), (a.Y * a.Y) + (b.Y * b.Y) } };

    private static double Determinant(double[,] matrix) => (matrix[0, 0] * matrix[1, 1]) - (matrix[0, 1] * matrix[1, 0]);

    /// <summary>An axis whose FlowJo display the template can only approximate changes polygon and ellipse shapes.</summary>
    private Approximation DisplayApproximation(string parameter)
        => DisplayOf(parameter) is { } transform && !IsExact(transform) ? Approximation.Transform : Approximation.None;

    /// <summary>
    /// FlowJo's display of a gated parameter: FlowJo 10 lists compensated parameters under their own names,
    /// FlowJo 9 only under the detector's.
    /// </summary>
    private DisplayTransform? DisplayOf(string parameter)
        => _context is not { } sample ? null : sample.Transforms.GetValueOrDefault(parameter) ?? sample.Transforms.GetValueOrDefault(Detector(parameter).Detector);

    private static bool IsExact(DisplayTransform transform)
        => transform.Kind == DisplayKind.Table ? TableDeviation(transform) <= 1 : !(transform.Kind == DisplayKind.Linear && transform.A < 0);

    /// <summary>
    /// How far, in the table's own channels, the biex the template gates with places FlowJo 9's calibration-table
    /// values from their channels (the largest over the table); infinite when the workspace holds no readable table.
    /// The audit bins such an axis on the table itself, so within one channel (1/16 of a 256-bin display bin) the
    /// display is FlowJo's.
    /// </summary>
    internal static double TableDeviation(DisplayTransform display)
    {
        if (display.Table is not { } table)
        {
            return double.PositiveInfinity;
        }

        var curve = TransformFactory.Create(Definition(display));
        var worst = 0.0;
        for (var i = 0; i < table.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs((curve.Forward(table[i]) * (table.Length - 1)) - i));
        }

        return worst;
    }

    /// <summary>The alias of a FlowJo parameter name, creating it on first use; null when the name is empty.</summary>
    private string? Alias(string parameter, string xmlPath, ref Approximation approximations)
    {
        if (parameter.Length == 0)
        {
            return null;
        }

        var (detector, compensated) = Detector(parameter);
        if (_aliasOfDetector.TryGetValue(detector, out var existing))
        {
            if (_compensatedUse.TryGetValue(existing, out var before) && before != compensated)
            {
                approximations |= Approximation.Compensation;
                _problems.Add(new ImportProblem(xmlPath, "'" + detector + "' is gated both compensated and uncompensated in this tree; the template compensates both or neither"));
            }

            _parameterOfAlias.TryAdd(existing, parameter);
            return existing;
        }

        var alias = ChannelAlias.SafeName(detector);
        while (_channels.Any(channel => channel.Alias == alias))
        {
            alias += "_";
        }

        _aliasOfDetector[detector] = alias;
        _compensatedUse[alias] = compensated;
        _parameterOfAlias[alias] = parameter;
        _channels.Add(new ChannelAlias(alias, [detector], [], [], new TextPosition(1, 1)));
        if (_context is { } sample && sample.Parameters.Count > 0
            && !sample.Parameters.Any(p => ParameterLookup.Matches(p.Name, detector) || ParameterLookup.Matches(p.Stain, detector)))
        {
            _problems.Add(new ImportProblem(xmlPath, "parameter '" + parameter + "' (detector '" + detector + "') is neither a $PnN nor a $PnS of the sample's file"));
        }

        return alias;
    }

    /// <summary>The detector behind a FlowJo parameter name and whether FlowJo gated its compensated value.</summary>
    private (string Detector, bool Compensated) Detector(string parameter)
    {
        if (_context?.Matrix is { } matrix && (matrix.Prefix.Length > 0 || matrix.Suffix.Length > 0)
            && parameter.Length > matrix.Prefix.Length + matrix.Suffix.Length
            && parameter.StartsWith(matrix.Prefix, StringComparison.Ordinal) && parameter.EndsWith(matrix.Suffix, StringComparison.Ordinal))
        {
            return (parameter[matrix.Prefix.Length..^matrix.Suffix.Length], true);
        }

        foreach (var prefix in CompensatedPrefixes)
        {
            if (parameter.Length > prefix.Length && parameter.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (parameter[prefix.Length..], true);
            }
        }

        if (parameter.Length > 2 && parameter[0] == '<' && parameter[^1] == '>')
        {
            return (parameter[1..^1], true);
        }

        return (parameter, false);
    }

    private (CompensationSource Source, string? Csv) Compensation()
    {
        var compensated = _compensatedUse.Where(pair => pair.Value).Select(pair => pair.Key).ToList();
        if (compensated.Count == 0)
        {
            return (CompensationSource.Uncompensated, null);
        }

        if (_context?.Matrix is not { } matrix)
        {
            _problems.Add(new ImportProblem(_context?.XmlPath ?? "/Workspace", "gates use compensated parameters but the workspace records no matrix for the sample; the template uses each file's own spillover"));
            MarkAll(Approximation.Compensation);
            return (CompensationSource.File, null);
        }

        if (matrix.IsAcquisitionDefined)
        {
            return (CompensationSource.File, null);
        }

        foreach (var (alias, isCompensated) in _compensatedUse)
        {
            var detector = _channels.First(channel => channel.Alias == alias).Names[0];
            if (!isCompensated && matrix.Detectors.Contains(detector))
            {
                _problems.Add(new ImportProblem(_context.XmlPath, "'" + detector + "' is gated uncompensated but is in matrix '" + matrix.Name + "'; the template compensates it"));
            }
        }

        var csv = new StringBuilder();
        csv.Append(string.Join(",", new[] { string.Empty }.Concat(matrix.Detectors.Select(CsvCell)))).Append('\n');
        for (var row = 0; row < matrix.Detectors.Count; row++)
        {
            csv.Append(CsvCell(matrix.Detectors[row]));
            for (var column = 0; column < matrix.Detectors.Count; column++)
            {
                csv.Append(',').Append(matrix.Values[row, column].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return (CompensationSource.Matrix, csv.ToString());
    }

    private void MarkAll(Approximation approximation)
    {
        for (var i = 0; i < _populations.Count; i++)
        {
            if (_populations[i].GateId is not null)
            {
                _populations[i] = _populations[i] with { Approximations = _populations[i].Approximations | approximation };
            }
        }
    }

    private static string CsvCell(string text) => text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private List<KeyValuePair<string, TransformDefinition>> Transforms()
    {
        var transforms = new List<KeyValuePair<string, TransformDefinition>>();
        foreach (var channel in _channels)
        {
            var parameter = _parameterOfAlias[channel.Alias];
            if (DisplayOf(parameter) is not { } display)
            {
                continue;
            }

            var definition = Definition(display);
            try
            {
                TransformFactory.Create(definition);
            }
            catch (ArgumentException exception)
            {
                _problems.Add(new ImportProblem(display.XmlPath, "the display transform has parameters the template cannot take (" + exception.Message + "); the channel stays linear"));
                continue;
            }

            if (display.Kind == DisplayKind.Table)
            {
                var deviation = TableDeviation(display);
                _problems.Add(new ImportProblem(display.XmlPath, double.IsFinite(deviation)
                    ? "FlowJo 9 calibration-table display gated on biex (T " + Number(definition.T) + ", W −10, M 4.5, A 0), which places the table's values within " + Number(deviation) + " of its " + (display.Table!.Length - 1) + " channels" + (deviation <= 1 ? string.Empty : "; polygons and ellipses on this axis may differ from FlowJo beyond binning")
                    : "FlowJo 9 calibration-table display approximated by biex (T " + Number(definition.T) + ", W −10, M 4.5, A 0): the workspace holds no readable table for it; polygons and ellipses on this axis may differ from FlowJo beyond binning"));
            }
            else if (display.Kind == DisplayKind.Linear && display.A < 0)
            {
                _problems.Add(new ImportProblem(display.XmlPath, "linear display starting at " + Number(display.Bottom) + " (above 0) written as linear from 0; counts of polygons and rectangles do not change, ellipses drawn on this axis do"));
            }

            transforms.Add(new(channel.Alias, definition));
        }

        return transforms;
    }

    /// <summary>The template transform for a FlowJo display (FlowJo 9 calibration tables: FlowJo's default biex).</summary>
    internal static TransformDefinition Definition(DisplayTransform display)
    {
        var position = new TextPosition(1, 1);
        return display.Kind switch
        {
            DisplayKind.Linear => new TransformDefinition(TransformKind.Linear, display.T, 0, 0, Math.Max(0, display.A), position),
            DisplayKind.Log => new TransformDefinition(TransformKind.Log, display.T, 0, display.M, 0, position),
            DisplayKind.Biex => new TransformDefinition(TransformKind.Biex, display.T, display.W, display.M, display.A, position),
            DisplayKind.Logicle => new TransformDefinition(TransformKind.Logicle, display.T, display.W, display.M, display.A, position),
            DisplayKind.Hyperlog => new TransformDefinition(TransformKind.Hyperlog, display.T, display.W, display.M, display.A, position),
            DisplayKind.Asinh => new TransformDefinition(TransformKind.Asinh, display.T, 0, display.M, display.A, position),
            _ => new TransformDefinition(TransformKind.Biex, 262144, -10, 4.5, 0, position),
        };
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private string UniqueId(string name, string? parentId)
    {
        var id = ChannelAlias.SafeName(name);
        if (id == GatingTemplate.AllEvents)
        {
            id += "_";
        }

        if (_ids.Contains(id) && parentId is not null)
        {
            id = parentId + "." + id;
        }

        var candidate = id;
        for (var n = 2; _ids.Contains(candidate); n++)
        {
            candidate = id + "." + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

}
