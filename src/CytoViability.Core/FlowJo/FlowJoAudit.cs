using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using CytoViability.Core.Gating;
using CytoViability.Core.Templates;

namespace CytoViability.Core.FlowJo;

/// <summary>
/// Gates every sample of a workspace with its own imported template (the project's gating engine) and compares
/// each population with the count FlowJo stored. Beside the exact count it evaluates each polygon and ellipse three
/// more ways on FlowJo's display bins: surely inside (every point within 1.5 bins of the event's bin inside), possibly
/// inside (any such point inside), and the bin-centre rule FlowJo 9.9 is known to use. Inner and outer sets are
/// carried down the tree (AND/OR keep the order, NOT swaps them), so a FlowJo count between them is explained by
/// display binning, which is then the recognised cause.
/// </summary>
internal static class FlowJoAudit
{
    private const double BandRadius = 1.5;
    private const int BandPoints = 16;

    /// <param name="outputFolder">where the per-sample templates go (the audit's staged output)</param>
    /// <param name="excluded">the audit's output folder, never searched for FCS files</param>
    public static List<ParityRow> Run(Workspace workspace, string folder, string outputFolder, string excluded, bool binned)
    {
        var files = FcsFiles(folder, excluded, outputFolder);
        var rows = new List<ParityRow>();
        foreach (var sample in workspace.Samples)
        {
            var fcsPath = FindFcs(sample, files);
            var label = fcsPath is null ? sample.FileNameCandidates.FirstOrDefault() ?? sample.Name : Path.GetFileName(fcsPath);
            var stem = ChannelAlias.SafeName(Path.GetFileNameWithoutExtension(label)) + "." + ChannelAlias.SafeName(sample.Id);
            try
            {
                var imported = TemplateImporter.FromSample(workspace, sample, stem + ".matrix.csv");
                var templatePath = Path.Combine(outputFolder, "templates", stem + ".yaml");
                imported.WriteTo(templatePath);
                rows.AddRange(Sample(sample, label, fcsPath, imported, templatePath, binned));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A sample that trips an unforeseen fault is one error row; the other samples are still audited.
                rows.Add(new ParityRow(label, sample.Id, "/", exception.GetType().Name + ": " + exception.Message, sample.Root.Count, null, "error", null, null));
            }
        }

        return rows;
    }

    private static IEnumerable<ParityRow> Sample(WorkspaceSample sample, string label, string? fcsPath, ImportedTemplate imported, string templatePath, bool binned)
    {
        ParityRow Row(string population, string gate, long? flowJo, long? ours, string cause, long? low = null, long? high = null)
            => new(label, sample.Id, population, gate, flowJo, ours, cause, low, high);

        IEnumerable<ParityRow> Every(string cause, long? rootCount)
        {
            yield return Row("/", "SampleNode", sample.Root.Count, rootCount, sample.Root.Count is null ? "no_stored_count" : cause);
            foreach (var population in imported.Populations)
            {
                var reason = population.Population.Count is null ? "no_stored_count" : population.GateId is null ? "not_converted" : cause;
                yield return Row(population.FlowJoPath, GateName(population.Population), population.Population.Count, null, reason);
            }
        }

        if (fcsPath is null)
        {
            return Every("missing_fcs", null);
        }

        var loaded = TemplateLoader.LoadFile(templatePath);
        if (loaded.Template is not { } template)
        {
            return Every("not_converted", null);
        }

        FcsDataSet dataSet;
        try
        {
            var file = FcsReader.ReadFile(fcsPath);
            if (file.DataSets.Count == 0)
            {
                return Every("missing_fcs", null);
            }

            dataSet = file.DataSets[0];
        }
        catch (Exception exception) when (exception is FcsFormatException or IOException or UnauthorizedAccessException)
        {
            return Every("unreadable_fcs", null);
        }

        var resolution = ChannelResolver.Resolve(template, ChannelResolver.UsedAliases(template), dataSet);
        if (resolution.Unresolved.Count > 0)
        {
            return Every("channel_missing", dataSet.EventCount);
        }

        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, index) in resolution.Indexes)
        {
            channels[alias] = dataSet.Parameters[index].Name;
        }

        var names = dataSet.Parameters.Select(parameter => parameter.Name).ToArray();
        var stains = dataSet.Parameters.Select(parameter => parameter.Stain).ToArray();
        EvaluatedSample evaluated;
        try
        {
            CompensationMatrix? spillover = null;
            if (template.Compensation.Source == CompensationSource.File && dataSet.Spillover is { } fileSpillover)
            {
                spillover = FileSpilloverChannels.Map(fileSpillover, dataSet.Parameters, out _, out var problem);
                if (problem is not null)
                {
                    return Every("compensation", dataSet.EventCount);
                }
            }

            var compiled = CompiledTemplate.Compile(template);
            evaluated = EvaluatedSample.Evaluate(compiled, compiled.Resolve(channels), new EventColumns(dataSet.EventCount, names, stains, dataSet.ScaleColumn, dataSet.ScaleBlock, dataSet.WidenedColumn), spillover);
        }
        catch (Exception exception) when (exception is CompensationException or GateReferenceException)
        {
            return Every("compensation", dataSet.EventCount);
        }

        var sets = new Bands(sample, imported, template, evaluated).Evaluate();
        var rows = new List<ParityRow>
        {
            Row("/", "SampleNode", sample.Root.Count, dataSet.EventCount, sample.Root.Count is null ? "no_stored_count" : sample.Root.Count == dataSet.EventCount ? "exact" : "event_count"),
        };
        foreach (var population in imported.Populations)
        {
            var flowJo = population.Population.Count;
            var gate = GateName(population.Population);
            if (population.GateId is not { } id)
            {
                rows.Add(Row(population.FlowJoPath, gate, flowJo, null, flowJo is null ? "no_stored_count" : "not_converted"));
                continue;
            }

            var band = sets[id];
            var ours = binned ? Count(band.Binned) : evaluated.Count(id);
            var low = Count(band.Inner);
            var high = Count(band.Outer);
            string cause;
            if (flowJo is null)
            {
                cause = "no_stored_count";
            }
            else if (flowJo == ours)
            {
                cause = "exact";
            }
            else if (flowJo >= low && flowJo <= high && low < high)
            {
                cause = population.Population.Gate?.BinnedByFlowJo == true ? "binning" : "parent_binning";
            }
            else if (population.Approximations.HasFlag(Approximation.Compensation))
            {
                cause = "compensation";
            }
            else if (population.Approximations.HasFlag(Approximation.Transform))
            {
                cause = "transform";
            }
            else if (population.Approximations.HasFlag(Approximation.Shape))
            {
                cause = "curlyquad";
            }
            else
            {
                cause = "unexplained";
            }

            rows.Add(Row(population.FlowJoPath, gate, flowJo, ours, cause, low, high));
        }

        return rows;
    }

    private static long Count(bool[] set)
    {
        long count = 0;
        foreach (var inside in set)
        {
            count += inside ? 1 : 0;
        }

        return count;
    }

    /// <summary>The FlowJo element of a population's gate (PolygonGate, RectangleGate, AndNode, PolygonGate:Range…).</summary>
    private static string GateName(WorkspacePopulation population)
    {
        var path = population.Gate?.XmlPath ?? population.XmlPath;
        var segments = path.Split('/');
        string Clean(string segment) => (segment.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? segment[..bracket] : segment).Replace("gating:", string.Empty, StringComparison.Ordinal);
        var last = Clean(segments[^1]);
        return segments.Length > 1 && Clean(segments[^2]) == "PolygonGate" ? "PolygonGate:" + last : last;
    }

    private static List<string> FcsFiles(string folder, params string[] excluded)
    {
        var outputs = excluded.Select(path => Path.GetFullPath(path) + Path.DirectorySeparatorChar).ToArray();
        return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(file => (file.EndsWith(".fcs", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".lmd", StringComparison.OrdinalIgnoreCase))
                && !outputs.Any(output => Path.GetFullPath(file).StartsWith(output, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The FCS file of a sample: by URI file name, $FIL or node name; failing those, the file whose name ends
    /// FlowJo 9's MacAlias path (which runs folder and file name together).
    /// </summary>
    internal static string? FindFcs(WorkspaceSample sample, IReadOnlyList<string> files)
    {
        foreach (var candidate in sample.FileNameCandidates)
        {
            var match = files.FirstOrDefault(file => string.Equals(Path.GetFileName(file), candidate, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        if (sample.MacAlias is { Length: > 0 } alias)
        {
            return files.Where(file => alias.EndsWith(Path.GetFileName(file), StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(file => Path.GetFileName(file).Length)
                .FirstOrDefault();
        }

        return null;
    }

    /// <summary>Inner, outer and bin-centre membership of every population of one gated sample.</summary>
    private sealed class Bands(WorkspaceSample sample, ImportedTemplate imported, GatingTemplate template, EvaluatedSample evaluated)
    {
        private readonly Dictionary<string, (bool[] Inner, bool[] Outer, bool[] Binned)> _sets = new(StringComparer.Ordinal);
        private readonly int _events = (int)evaluated.Count(GatingTemplate.AllEvents);

        public Dictionary<string, (bool[] Inner, bool[] Outer, bool[] Binned)> Evaluate()
        {
            var all = new bool[_events];
            Array.Fill(all, true);
            _sets[GatingTemplate.AllEvents] = (all, all, all);
            var gates = template.Gates.ToDictionary(gate => gate.Id, StringComparer.Ordinal);
            var workspaceGates = imported.Populations.Where(population => population.GateId is not null).ToDictionary(population => population.GateId!, population => population.Population.Gate, StringComparer.Ordinal);
            foreach (var id in template.Populations)
            {
                if (id == GatingTemplate.AllEvents || !gates.TryGetValue(id, out var gate))
                {
                    continue;
                }

                var parent = _sets[template.Parents[id]];
                _sets[id] = gate switch
                {
                    BooleanGateDefinition boolean => Boolean(boolean, parent),
                    _ => Shape(gate, workspaceGates.GetValueOrDefault(id), parent),
                };
            }

            return _sets;
        }

        private (bool[], bool[], bool[]) Boolean(BooleanGateDefinition gate, (bool[] Inner, bool[] Outer, bool[] Binned) parent)
        {
            var inner = new bool[_events];
            var outer = new bool[_events];
            var binned = new bool[_events];
            for (var e = 0; e < _events; e++)
            {
                bool Combine(Func<(bool[] Inner, bool[] Outer, bool[] Binned), bool, bool> pick)
                {
                    var and = gate.Operation != BooleanOperation.Or;
                    var result = and;
                    foreach (var operand in gate.Operands)
                    {
                        var value = pick(_sets[operand.PopulationId], operand.Complement || gate.Operation == BooleanOperation.Not);
                        result = and ? result && value : result || value;
                    }

                    return result;
                }

                // A complemented operand's lower bound is the complement of its upper bound, and the other way round.
                inner[e] = parent.Inner[e] && Combine((set, complement) => complement ? !set.Outer[e] : set.Inner[e]);
                outer[e] = parent.Outer[e] && Combine((set, complement) => complement ? !set.Inner[e] : set.Outer[e]);
                binned[e] = parent.Binned[e] && Combine((set, complement) => complement ? !set.Binned[e] : set.Binned[e]);
            }

            return (inner, outer, binned);
        }

        private (bool[], bool[], bool[]) Shape(GateDefinition gate, WorkspaceGate? workspaceGate, (bool[] Inner, bool[] Outer, bool[] Binned) parent)
        {
            var inner = new bool[_events];
            var outer = new bool[_events];
            var binned = new bool[_events];
            Func<double, double, bool>? inside = null;
            double[]? xs = null;
            double[]? ys = null;
            Func<double, double>? binX = null;
            Func<double, double>? binY = null;
            Func<double, double>? centreX = null;
            Func<double, double>? centreY = null;
            switch (gate)
            {
                case RectangleGateDefinition rectangle:
                    var columns = rectangle.Bounds.Select(bound => evaluated.DataValues(bound.Channel)).ToArray();
                    for (var e = 0; e < _events; e++)
                    {
                        var within = true;
                        for (var b = 0; b < columns.Length && within; b++)
                        {
                            var value = columns[b][e];
                            var bound = rectangle.Bounds[b];
                            within = !double.IsNaN(value) && (bound.Min is not { } min || value >= min) && (bound.Max is not { } max || value < max);
                        }

                        inner[e] = parent.Inner[e] && within;
                        outer[e] = parent.Outer[e] && within;
                        binned[e] = parent.Binned[e] && within;
                    }

                    return (inner, outer, binned);
                case PolygonGateDefinition polygon when workspaceGate is PolygonWorkspaceGate flowJo && Display(flowJo.X, flowJo.Resolution) is { } dx && Display(flowJo.Y, flowJo.Resolution) is { } dy:
                    var vertices = polygon.Vertices.Select(vertex => (dx.Position(vertex.X), dy.Position(vertex.Y))).ToArray();
                    inside = (x, y) => InPolygon(vertices, x, y);
                    xs = evaluated.DataValues(polygon.X);
                    ys = evaluated.DataValues(polygon.Y);
                    (binX, binY, centreX, centreY) = (dx.Position, dy.Position, dx.BinCentre, dy.BinCentre);
                    break;
                case EllipsoidGateDefinition { Dimensions.Count: 2 } ellipse when workspaceGate is EllipseWorkspaceGate flowJoEllipse:
                    var resolution = flowJoEllipse.Resolution;
                    var (cx, cy) = (ellipse.Center[0] * resolution, ellipse.Center[1] * resolution);
                    var c = ellipse.Covariance;
                    var scale = (double)resolution * resolution;
                    var determinant = ((c[0, 0] * c[1, 1]) - (c[0, 1] * c[1, 0])) * scale * scale;
                    var (i00, i01, i11) = (c[1, 1] * scale / determinant, -c[0, 1] * scale / determinant, c[0, 0] * scale / determinant);
                    var limit = ellipse.DistanceSquared;
                    inside = (x, y) =>
                    {
                        var (u, v) = (x - cx, y - cy);
                        return (u * u * i00) + (2 * u * v * i01) + (v * v * i11) <= limit;
                    };
                    var plotX = ellipse.Units == GateUnits.Transformed ? evaluated.PlotValues(ellipse.Dimensions[0]) : evaluated.DataValues(ellipse.Dimensions[0]);
                    var plotY = ellipse.Units == GateUnits.Transformed ? evaluated.PlotValues(ellipse.Dimensions[1]) : evaluated.DataValues(ellipse.Dimensions[1]);
                    xs = plotX;
                    ys = plotY;
                    binX = value => value * resolution;
                    binY = value => value * resolution;
                    centreX = value => Math.Clamp(Math.Floor(value * resolution), 0, resolution - 1) + 0.5;
                    centreY = value => Math.Clamp(Math.Floor(value * resolution), 0, resolution - 1) + 0.5;
                    break;
            }

            var exact = evaluated.Membership(gate.Id);
            if (inside is null || xs is null || ys is null)
            {
                // No known display for this gate: only the exact answer, on every bound.
                for (var e = 0; e < _events; e++)
                {
                    var member = (exact[e >> 6] & (1UL << (e & 63))) != 0;
                    (inner[e], outer[e], binned[e]) = (member, member, member);
                }

                return (inner, outer, binned);
            }

            for (var e = 0; e < _events; e++)
            {
                if (!parent.Outer[e] && !parent.Binned[e])
                {
                    continue;
                }

                var (x, y) = (binX!(xs[e]), binY!(ys[e]));
                var anyInside = false;
                var allInside = true;
                if (double.IsFinite(x) && double.IsFinite(y))
                {
                    var centre = inside(x, y);
                    anyInside = centre;
                    allInside = centre;
                    for (var k = 0; k < BandPoints; k++)
                    {
                        var angle = 2 * Math.PI * k / BandPoints;
                        var point = inside(x + (BandRadius * Math.Cos(angle)), y + (BandRadius * Math.Sin(angle)));
                        anyInside |= point;
                        allInside &= point;
                    }
                }
                else
                {
                    // Off the display (x ≤ 0 on a log axis): FlowJo piles it into the first bin; either answer is possible.
                    anyInside = true;
                    allInside = false;
                }

                inner[e] = parent.Inner[e] && allInside;
                outer[e] = parent.Outer[e] && anyInside;
                binned[e] = parent.Binned[e] && inside(centreX!(xs[e]), centreY!(ys[e]));
            }

            return (inner, outer, binned);
        }

        private DisplayBins? Display(string parameter, int resolution)
        {
            var transform = sample.Transforms.GetValueOrDefault(parameter);
            if (transform is null)
            {
                foreach (var prefix in new[] { "FJComp-", "Comp-" })
                {
                    if (parameter.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        transform ??= sample.Transforms.GetValueOrDefault(parameter[prefix.Length..]);
                    }
                }

                if (transform is null && parameter.Length > 2 && parameter[0] == '<' && parameter[^1] == '>')
                {
                    transform = sample.Transforms.GetValueOrDefault(parameter[1..^1]);
                }
            }

            return transform is null ? null : new DisplayBins(transform, resolution);
        }

        /// <summary>Even-odd point in polygon.</summary>
        private static bool InPolygon((double X, double Y)[] vertices, double x, double y)
        {
            var inside = false;
            for (int i = 0, j = vertices.Length - 1; i < vertices.Length; j = i++)
            {
                var (xi, yi) = vertices[i];
                var (xj, yj) = vertices[j];
                if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
                {
                    inside = !inside;
                }
            }

            return inside;
        }
    }
}
