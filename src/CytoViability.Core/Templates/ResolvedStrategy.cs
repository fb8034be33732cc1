using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Templates;

/// <summary>
/// A <see cref="CompiledTemplate"/>'s gates for files whose aliases resolve to the same $PnN names. Gate coordinates
/// in data units are kept in data units wherever that gives the same events: ranges, rectangles and quadrants
/// compare untransformed values (a strictly increasing transform keeps every comparison), so only polygons, and
/// gates on log axes (where x ≤ 0 has no value), pay for a transform.
/// </summary>
internal sealed class ResolvedStrategy
{
    private const string TemplateMatrixId = "template";

    private readonly Dictionary<string, GateDimension> _dataDimensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GateDimension> _plotDimensions = new(StringComparer.Ordinal);

    private ResolvedStrategy(GatingStrategy strategy)
    {
        Strategy = strategy;
    }

    public GatingStrategy Strategy { get; }

    /// <summary>The dimension of an alias or ratio in data units (compensated, untransformed): what statistics measure.</summary>
    public GateDimension DataDimension(string alias) => _dataDimensions[alias];

    /// <summary>The dimension of an alias or ratio on its display axis (compensated, then transformed when the template transforms it).</summary>
    public GateDimension PlotDimension(string alias) => _plotDimensions[alias];

    /// <param name="compiled">The run's compiled template, whose <see cref="CompiledTemplate.Template"/> holds the gates (positions applied).</param>
    /// <param name="channels">$PnN of every used alias in the files this strategy serves.</param>
    /// <param name="onlyGates">When given, only these gates (closed under parents and operands) are compiled.</param>
    internal static ResolvedStrategy Resolve(CompiledTemplate compiled, IReadOnlyDictionary<string, string> channels, IReadOnlySet<string>? onlyGates)
    {
        var template = compiled.Template;
        var compensation = template.Compensation.Source switch
        {
            CompensationSource.Uncompensated => CompensationReference.Uncompensated,
            CompensationSource.Matrix => CompensationReference.Matrix(TemplateMatrixId),
            _ => CompensationReference.File,
        };

        var ratios = new Dictionary<string, RatioTransform>(StringComparer.Ordinal);
        foreach (var ratio in template.Ratios)
        {
            if (channels.TryGetValue(ratio.Numerator, out var numerator) && channels.TryGetValue(ratio.Denominator, out var denominator))
            {
                ratios[ratio.Name] = new RatioTransform(numerator, denominator, ratio.A, ratio.B, ratio.C);
            }
        }

        var matrices = new Dictionary<string, CompensationMatrix>(StringComparer.Ordinal);
        if (template.Compensation.Matrix is { } matrix)
        {
            matrices[TemplateMatrixId] = CompensationMatrix.Square(TemplateMatrixId, matrix.Detectors, matrix.Values);
        }

        var builder = new GateBuilder(compiled, channels, compensation);
        var gates = new List<Gate>(template.Gates.Count);
        foreach (var gate in template.Gates)
        {
            if (onlyGates is null || onlyGates.Contains(gate.Id))
            {
                gates.Add(builder.Build(gate));
            }
        }

        var resolved = new ResolvedStrategy(new GatingStrategy(gates, compiled.Transforms, ratios, matrices));
        foreach (var name in channels.Keys.Concat(ratios.Keys))
        {
            resolved._dataDimensions[name] = builder.Dimension(name, transformed: false);
            resolved._plotDimensions[name] = builder.Dimension(name, transformed: true);
        }

        return resolved;
    }

    /// <summary>Turns template gates into gating-model gates for one set of channel names.</summary>
    private sealed class GateBuilder(CompiledTemplate compiled, IReadOnlyDictionary<string, string> channels, CompensationReference compensation)
    {
        private readonly IReadOnlyDictionary<string, ITransform> _transforms = compiled.Transforms;

        private static string? Parent(GateDefinition gate) => gate.ParentId is null or GatingTemplate.AllEvents ? null : gate.ParentId;

        public GateDimension Dimension(string alias, bool transformed)
        {
            var transformId = transformed && _transforms.ContainsKey(alias) ? alias : null;
            return channels.TryGetValue(alias, out var channel)
                ? new ChannelDimension(channel, compensation, transformId)
                : new RatioDimension(alias, compensation, transformId);
        }

        public Gate Build(GateDefinition gate) => gate switch
        {
            RectangleGateDefinition rectangle => Rectangle(rectangle),
            PolygonGateDefinition polygon => Polygon(polygon),
            EllipsoidGateDefinition ellipsoid => Ellipsoid(ellipsoid),
            QuadrantGateDefinition quadrant => Quadrant(quadrant),
            BooleanGateDefinition boolean => Boolean(boolean),
            _ => throw new ArgumentException("unknown gate definition " + gate.GetType().Name, nameof(gate)),
        };

        /// <summary>
        /// Whether an axis is compared in transformed units: always for transformed coordinates, and for data
        /// coordinates on a log axis, where values ≤ 0 must stay outside as they do on the plot.
        /// </summary>
        private bool Transformed(string alias, GateUnits units)
            => _transforms.ContainsKey(alias) && (units == GateUnits.Transformed || compiled.Template.Transforms[alias].Kind == TransformKind.Log);

        /// <summary>A data coordinate on an axis compared in transformed units.</summary>
        private double? Coordinate(string alias, GateUnits units, double? value)
            => value is { } v && Transformed(alias, units) ? compiled.OnPlot(alias, units, v) : value;

        private RectangleGate Rectangle(RectangleGateDefinition gate)
        {
            var bounds = new List<DimensionBound>(gate.Bounds.Count);
            foreach (var bound in gate.Bounds)
            {
                var transformed = Transformed(bound.Channel, gate.Units);
                bounds.Add(new DimensionBound(Dimension(bound.Channel, transformed), Coordinate(bound.Channel, gate.Units, bound.Min), Coordinate(bound.Channel, gate.Units, bound.Max)));
            }

            return new RectangleGate(gate.Id, Parent(gate), bounds);
        }

        private PolygonGate Polygon(PolygonGateDefinition gate)
        {
            var xTransformed = _transforms.ContainsKey(gate.X);
            var yTransformed = _transforms.ContainsKey(gate.Y);
            var vertices = new List<PolygonVertex>(gate.Vertices.Count);
            foreach (var (x, y) in gate.Vertices)
            {
                vertices.Add(new PolygonVertex(compiled.OnPlot(gate.X, gate.Units, x), compiled.OnPlot(gate.Y, gate.Units, y)));
            }

            return new PolygonGate(gate.Id, Parent(gate), Dimension(gate.X, xTransformed), Dimension(gate.Y, yTransformed), vertices);
        }

        private EllipsoidGate Ellipsoid(EllipsoidGateDefinition gate)
        {
            var axes = new List<GateDimension>(gate.Dimensions.Count);
            foreach (var alias in gate.Dimensions)
            {
                axes.Add(Dimension(alias, gate.Units == GateUnits.Transformed));
            }

            var n = gate.Dimensions.Count;
            var covariance = new List<IReadOnlyList<double>>(n);
            for (var i = 0; i < n; i++)
            {
                var row = new double[n];
                for (var j = 0; j < n; j++)
                {
                    row[j] = gate.Covariance[i, j];
                }

                covariance.Add(row);
            }

            return new EllipsoidGate(gate.Id, Parent(gate), axes, gate.Center, covariance, gate.DistanceSquared);
        }

        private QuadrantGate Quadrant(QuadrantGateDefinition gate)
        {
            string? Name(bool x, bool y)
            {
                foreach (var quadrant in gate.Quadrants)
                {
                    if (quadrant.XPositive == x && quadrant.YPositive == y)
                    {
                        return quadrant.Id;
                    }
                }

                return null;
            }

            var xTransformed = Transformed(gate.X, gate.Units);
            var yTransformed = Transformed(gate.Y, gate.Units);
            return QuadrantGate.TwoByTwo(
                gate.Id,
                Parent(gate),
                Dimension(gate.X, xTransformed),
                Coordinate(gate.X, gate.Units, gate.XDivider)!.Value,
                Dimension(gate.Y, yTransformed),
                Coordinate(gate.Y, gate.Units, gate.YDivider)!.Value,
                Name(false, false),
                Name(true, false),
                Name(false, true),
                Name(true, true));
        }

        private static BooleanGate Boolean(BooleanGateDefinition gate)
        {
            var operands = new List<BooleanOperand>(gate.Operands.Count);
            foreach (var operand in gate.Operands)
            {
                operands.Add(new BooleanOperand(operand.PopulationId, operand.Complement));
            }

            return new BooleanGate(gate.Id, Parent(gate), gate.Operation, operands);
        }
    }
}
