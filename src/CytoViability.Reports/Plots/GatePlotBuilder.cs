using CytoViability.Core.Gating;
using CytoViability.Core.Runs;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Reports.Plots;

/// <summary>
/// Turns one gated sample into its gate plots: for every template gate with axes, the parent's events binned on
/// the gate's channels (on the template's display transforms) and the gate outlined with each population's
/// percentage of the parent; for a killing assay, one more plot of the targets on their two channels, and for an MFI
/// fold the measured population's histogram on the measured channel. Called by the run while the events are in
/// memory; only the binned grids are kept.
/// </summary>
internal static class GatePlotBuilder
{
    private const int GridSize = 128;
    private const int HistogramBins = 128;
    private const int EllipseSegments = 96;

    /// <param name="plottedValues">
    /// A channel alias (or ratio name) to its value per event, compensated as the template says and transformed by
    /// the template's transform for that alias when it has one (data values otherwise).
    /// </param>
    /// <param name="channels">
    /// What the file says about each alias's channel (detector, marker, $PnR): axes are labelled "marker (detector)"
    /// and linear axes span the instrument's range, the same for every sample. Without it, axes are labelled with
    /// the alias and a linear axis spans the sample's own values.
    /// </param>
    /// <param name="compiled">The run's compiled template with the sample's gate positions: its gates and transforms.</param>
    public static SampleGatePlots Build(string sample, string file, CompiledTemplate compiled, GatingResult result, Func<string, double[]> plottedValues, IReadOnlyDictionary<string, PlotChannel>? channels = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plottedValues);
        var context = new SampleContext(compiled, result, plottedValues, channels ?? new Dictionary<string, PlotChannel>());
        var plots = new List<GatePlot>();
        foreach (var gate in compiled.Template.Gates)
        {
            if (context.Plot(gate) is { } plot)
            {
                plots.Add(plot);
            }
        }

        if (context.KillingTargets() is { } targets)
        {
            plots.Add(targets);
        }

        if (context.MeasuredChannel() is { } measured)
        {
            plots.Add(measured);
        }

        return new SampleGatePlots(sample, file, plots);
    }

    private sealed class SampleContext(CompiledTemplate compiled, GatingResult result, Func<string, double[]> plottedValues, IReadOnlyDictionary<string, PlotChannel> channels)
    {
        private readonly GatingTemplate _template = compiled.Template;
        private readonly Dictionary<string, double[]> _values = new(StringComparer.Ordinal);
        private Bitset? _all;

        public GatePlot? Plot(GateDefinition gate)
        {
            var parent = gate.ParentId ?? GatingTemplate.AllEvents;
            return gate switch
            {
                PolygonGateDefinition polygon => TwoDimensional(gate.Id, parent, polygon.X, polygon.Y, (x, y) =>
                [
                    Outline(polygon.Id, Label(polygon), [.. polygon.Vertices.Select(v => new PlotPoint(Coordinate(polygon.X, polygon.Units, v.X), Coordinate(polygon.Y, polygon.Units, v.Y)))], x, y),
                ]),
                RectangleGateDefinition { Bounds.Count: 1 } range => Histogram(range, parent),
                RectangleGateDefinition rectangle => TwoDimensional(gate.Id, parent, rectangle.Bounds[0].Channel, rectangle.Bounds[1].Channel, (x, y) =>
                [
                    Outline(rectangle.Id, Label(rectangle), Box(
                        Coordinate(rectangle.Bounds[0].Channel, rectangle.Units, rectangle.Bounds[0].Min) ?? x.Minimum,
                        Coordinate(rectangle.Bounds[0].Channel, rectangle.Units, rectangle.Bounds[0].Max) ?? x.Maximum,
                        Coordinate(rectangle.Bounds[1].Channel, rectangle.Units, rectangle.Bounds[1].Min) ?? y.Minimum,
                        Coordinate(rectangle.Bounds[1].Channel, rectangle.Units, rectangle.Bounds[1].Max) ?? y.Maximum), x, y),
                ]),
                QuadrantGateDefinition quadrant => TwoDimensional(gate.Id, parent, quadrant.X, quadrant.Y, (x, y) => Quadrants(quadrant, x, y)),
                EllipsoidGateDefinition { Dimensions.Count: >= 2 } ellipse => TwoDimensional(gate.Id, parent, ellipse.Dimensions[0], ellipse.Dimensions[1], (x, y) =>
                [
                    Outline(ellipse.Id, Label(ellipse), Ellipse(ellipse), x, y),
                ]),
                _ => null,
            };
        }

        /// <summary>
        /// A killing assay's targets as the lab looks at them: the targets' parent (singlets) on the targets' channel
        /// (DDAO) against the dead gate's channel (PI), the targets' band outlined with its % of the parent and the dead
        /// targets' box within it with its % of targets. Null unless both are one-channel ranges on two channels and
        /// the dead gate's parent is the targets (the ADCC and γδ-T templates).
        /// </summary>
        public GatePlot? KillingTargets()
        {
            if (_template.Assays.Killing is not { } killing
                || Find(killing.Of) is not RectangleGateDefinition { Bounds.Count: 1 } targets
                || Find(killing.Dead) is not RectangleGateDefinition { Bounds.Count: 1 } dead
                || dead.ParentId != targets.Id
                || targets.Bounds[0].Channel == dead.Bounds[0].Channel)
            {
                return null;
            }

            var across = targets.Bounds[0];
            var up = dead.Bounds[0];
            var parent = targets.ParentId ?? GatingTemplate.AllEvents;
            return TwoDimensional(targets.Id + "_" + across.Channel + "_" + up.Channel, parent, across.Channel, up.Channel, (x, y) =>
            {
                var left = Coordinate(across.Channel, targets.Units, across.Min) ?? x.Minimum;
                var right = Coordinate(across.Channel, targets.Units, across.Max) ?? x.Maximum;
                var bottom = Coordinate(up.Channel, dead.Units, up.Min) ?? y.Minimum;
                var top = Coordinate(up.Channel, dead.Units, up.Max) ?? y.Maximum;
                return
                [
                    // Labels in the right-hand corners, apart: the targets' below, the dead targets' above.
                    new GateOutline(targets.Id, Label(targets), Percent(targets.Id, parent), Box(left, right, y.Minimum, y.Maximum), new PlotPoint(x.Maximum, y.Minimum)),
                    new GateOutline(dead.Id, Label(dead), Percent(dead.Id, targets.Id), Box(left, right, bottom, top), new PlotPoint(x.Maximum, y.Maximum)),
                ];
            });
        }

        /// <summary>
        /// The MFI fold's population on its channel (live cells' CD40L-PE): a histogram without a gate, named
        /// POPULATION_CHANNEL, which the report overlays per condition.
        /// </summary>
        public GatePlot? MeasuredChannel()
        {
            if (compiled.Template.Assays.MfiFold is not { } fold || (fold.Population != GatingTemplate.AllEvents && Find(fold.Population) is null))
            {
                return null;
            }

            var members = Members(fold.Population);
            var values = Values(fold.Channel);
            var axis = Axis(fold.Channel, values, []);
            return new GatePlot(fold.Population + "_" + fold.Channel, fold.Population, axis, null, DensityGrid.Histogram(values, members.Words, axis, HistogramBins), members.Count(), []);
        }

        private GateDefinition? Find(string id)
        {
            foreach (var gate in _template.Gates)
            {
                if (gate.Id == id)
                {
                    return gate;
                }
            }

            return null;
        }

        private static string Label(GateDefinition gate) => gate.DisplayName ?? gate.Id;

        private GatePlot TwoDimensional(string id, string parent, string xAlias, string yAlias, Func<PlotAxis, PlotAxis, List<GateOutline>> outlines)
        {
            var members = Members(parent);
            var xValues = Values(xAlias);
            var yValues = Values(yAlias);
            var provisionalX = Axis(xAlias, xValues, []);
            var provisionalY = Axis(yAlias, yValues, []);
            // Outlines twice: open sides end at the axis limits, and the limits must take in the closed sides.
            var provisional = outlines(provisionalX, provisionalY);
            var xAxis = Axis(xAlias, xValues, [.. provisional.SelectMany(o => o.Vertices.Select(v => v.X))]);
            var yAxis = Axis(yAlias, yValues, [.. provisional.SelectMany(o => o.Vertices.Select(v => v.Y))]);
            var drawn = outlines(xAxis, yAxis);

            var density = DensityGrid.Bin(xValues, yValues, members.Words, xAxis, yAxis, GridSize, GridSize);
            return new GatePlot(id, parent, xAxis, yAxis, density, members.Count(), drawn);
        }

        private GatePlot Histogram(RectangleGateDefinition range, string parent)
        {
            var bound = range.Bounds[0];
            var members = Members(parent);
            var values = Values(bound.Channel);
            var low = Coordinate(bound.Channel, range.Units, bound.Min);
            var high = Coordinate(bound.Channel, range.Units, bound.Max);
            var axis = Axis(bound.Channel, values, [.. new[] { low, high }.Where(v => v is not null).Select(v => v!.Value)]);
            var left = low ?? axis.Minimum;
            var right = high ?? axis.Maximum;
            var outline = new GateOutline(range.Id, Label(range), Percent(range.Id, parent), [new PlotPoint(left, 0), new PlotPoint(right, 0)], new PlotPoint((left + right) / 2, 1));
            var density = DensityGrid.Histogram(values, members.Words, axis, HistogramBins);
            return new GatePlot(range.Id, parent, axis, null, density, members.Count(), [outline]);
        }

        private List<GateOutline> Quadrants(QuadrantGateDefinition gate, PlotAxis x, PlotAxis y)
        {
            var xDivider = Coordinate(gate.X, gate.Units, gate.XDivider);
            var yDivider = Coordinate(gate.Y, gate.Units, gate.YDivider);
            var parent = gate.ParentId ?? GatingTemplate.AllEvents;
            var outlines = new List<GateOutline>(gate.Quadrants.Count);
            foreach (var quadrant in gate.Quadrants)
            {
                var left = quadrant.XPositive ? xDivider : x.Minimum;
                var right = quadrant.XPositive ? x.Maximum : xDivider;
                var bottom = quadrant.YPositive ? yDivider : y.Minimum;
                var top = quadrant.YPositive ? y.Maximum : yDivider;
                var corner = new PlotPoint(quadrant.XPositive ? x.Maximum : x.Minimum, quadrant.YPositive ? y.Maximum : y.Minimum);
                outlines.Add(new GateOutline(quadrant.Id, quadrant.Id, Percent(quadrant.Id, parent), Box(left, right, bottom, top), corner));
            }

            return outlines;
        }

        private GateOutline Outline(string population, string label, IReadOnlyList<PlotPoint> vertices, PlotAxis x, PlotAxis y)
        {
            var left = double.PositiveInfinity;
            var top = double.NegativeInfinity;
            foreach (var vertex in vertices)
            {
                left = Math.Min(left, vertex.X);
                top = Math.Max(top, vertex.Y);
            }

            var at = new PlotPoint(Math.Clamp(left, x.Minimum, x.Maximum), Math.Clamp(top, y.Minimum, y.Maximum));
            return new GateOutline(population, label, Percent(population, ParentOf(population)), vertices, at);
        }

        private string ParentOf(string population) => _template.Parents.TryGetValue(population, out var parent) ? parent : GatingTemplate.AllEvents;

        private static PlotPoint[] Box(double left, double right, double bottom, double top) =>
            [new(left, bottom), new(right, bottom), new(right, top), new(left, top)];

        /// <summary>The ellipse x = c + √d² · L (cos t, sin t) with L L^T the covariance, mapped onto the plotted scale.</summary>
        private List<PlotPoint> Ellipse(EllipsoidGateDefinition gate)
        {
            var a = gate.Covariance[0, 0];
            var b = gate.Covariance[1, 0];
            var c = gate.Covariance[1, 1];
            var l11 = Math.Sqrt(a);
            var l21 = b / l11;
            var l22 = Math.Sqrt(Math.Max(c - (l21 * l21), 0));
            var radius = Math.Sqrt(gate.DistanceSquared);
            var points = new List<PlotPoint>(EllipseSegments);
            for (var i = 0; i < EllipseSegments; i++)
            {
                var t = 2 * Math.PI * i / EllipseSegments;
                var u = radius * Math.Cos(t);
                var v = radius * Math.Sin(t);
                var x = gate.Center[0] + (l11 * u);
                var y = gate.Center[1] + (l21 * u) + (l22 * v);
                points.Add(new PlotPoint(Coordinate(gate.Dimensions[0], gate.Units, x), Coordinate(gate.Dimensions[1], gate.Units, y)));
            }

            return points;
        }

        private double Percent(string population, string parent)
        {
            var parentCount = parent == GatingTemplate.AllEvents ? result.EventCount : result.Count(parent);
            return parentCount == 0 ? double.NaN : 100.0 * result.Count(population) / parentCount;
        }

        private Bitset Members(string population) => population == GatingTemplate.AllEvents
            ? _all ??= Bitset.All(result.EventCount)
            : result.Membership(population);

        private double[] Values(string alias)
        {
            if (!_values.TryGetValue(alias, out var values))
            {
                values = plottedValues(alias);
                if (values.Length != result.EventCount)
                {
                    throw new ArgumentException("values of '" + alias + "' have " + values.Length + " entries for " + result.EventCount + " events", nameof(plottedValues));
                }

                _values[alias] = values;
            }

            return values;
        }

        private ITransform? Transform(string alias) => compiled.Transform(alias);

        /// <summary>A gate coordinate on the plotted scale (<see cref="CompiledTemplate.OnPlot"/>).</summary>
        private double Coordinate(string alias, GateUnits units, double value) => compiled.OnPlot(alias, units, value);

        private double? Coordinate(string alias, GateUnits units, double? value)
            => value is { } present ? Coordinate(alias, units, present) : null;

        /// <summary>
        /// A transformed channel shows its whole 0–1 display scale. A linear one runs from 0 to the instrument's range
        /// ($PnR), so every sample shows it on the same axis; without a known range, to the sample's highest value.
        /// Gate coordinates beyond those limits widen them, so a gate drawn at the edge of the scale stays visible.
        /// </summary>
        private PlotAxis Axis(string alias, double[] values, double[] gateCoordinates)
        {
            var channel = channels.TryGetValue(alias, out var known) ? known : null;
            var label = channel?.Label ?? alias;
            if (Transform(alias) is { } transform && _template.Transforms[alias].Kind != TransformKind.Linear)
            {
                return new PlotAxis(label, 0, 1, AxisTicks.Decades(transform, 0, 1));
            }

            var low = 0.0;
            var high = double.NegativeInfinity;
            if (channel is { Range: > 0 } instrument)
            {
                high = Transform(alias) is { } scale ? scale.Forward(instrument.Range) : instrument.Range;
            }
            else
            {
                foreach (var value in values)
                {
                    if (double.IsFinite(value))
                    {
                        low = Math.Min(low, value);
                        high = Math.Max(high, value);
                    }
                }
            }

            foreach (var coordinate in gateCoordinates)
            {
                if (double.IsFinite(coordinate))
                {
                    low = Math.Min(low, coordinate);
                    high = Math.Max(high, coordinate);
                }
            }

            if (!(high > low))
            {
                high = low + 1;
            }

            if (low < 0)
            {
                // A little room below a negative edge, so a gate drawn along it does not vanish into the frame.
                low -= 0.02 * (high - low);
            }

            if (Transform(alias) is { } linear)
            {
                return new PlotAxis(label, low, high, AxisTicks.Linear(linear.Forward, linear.Inverse(low), linear.Inverse(high)));
            }

            return new PlotAxis(label, low, high, AxisTicks.Linear(value => value, low, high));
        }
    }
}
