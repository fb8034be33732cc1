using CytoViability.Core.Compensation;
using CytoViability.Core.Gating;
using CytoViability.Core.Statistics;
using CytoViability.Core.Templates;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Runs;

/// <summary>
/// A template compiled to the gating model for files whose aliases resolve to the same $PnN names. Gate coordinates
/// in data units are kept in data units wherever that gives the same events: ranges, rectangles and quadrants
/// compare untransformed values (a strictly increasing transform keeps every comparison), so only polygons, and
/// gates on log axes (where x ≤ 0 has no value), pay for a transform.
/// </summary>
internal sealed class CompiledTemplate
{
    private const string TemplateMatrixId = "template";

    private readonly Dictionary<string, GateDimension> _dataDimensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GateDimension> _plotDimensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDisplayTransform> _displays = new(StringComparer.Ordinal);

    private CompiledTemplate(GatingStrategy strategy)
    {
        Strategy = strategy;
    }

    public GatingStrategy Strategy { get; }

    /// <param name="channels">$PnN of every used alias in the files this compilation serves.</param>
    /// <param name="onlyGates">When given, only these gates (closed under parents and operands) are compiled.</param>
    /// <param name="transforms">
    /// The template's transforms already built (<see cref="Transforms"/>): a logicle table takes milliseconds to
    /// build, and a run compiles once per sample when positions differ between samples.
    /// </param>
    public static CompiledTemplate Compile(GatingTemplate template, IReadOnlyDictionary<string, string> channels, IReadOnlySet<string>? onlyGates = null, IReadOnlyDictionary<string, ITransform>? transforms = null)
    {
        var compensation = template.Compensation.Kind switch
        {
            CompensationKind.None => CompensationReference.Uncompensated,
            CompensationKind.Matrix => CompensationReference.Matrix(TemplateMatrixId),
            _ => CompensationReference.File,
        };
        transforms ??= Transforms(template);

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

        var builder = new GateBuilder(template, channels, compensation, transforms);
        var gates = new List<Gate>(template.Gates.Count);
        foreach (var gate in template.Gates)
        {
            if (onlyGates is null || onlyGates.Contains(gate.Id))
            {
                gates.Add(builder.Build(gate));
            }
        }

        var compiled = new CompiledTemplate(new GatingStrategy(gates, transforms, ratios, matrices));
        foreach (var name in channels.Keys.Concat(ratios.Keys))
        {
            compiled._dataDimensions[name] = builder.Dimension(name, transformed: false);
            compiled._plotDimensions[name] = builder.Dimension(name, transformed: true);
        }

        foreach (var (alias, transform) in transforms)
        {
            compiled._displays[alias] = new DisplayTransform(transform.Forward, transform.Inverse);
        }

        return compiled;
    }

    /// <summary>The template's transforms by alias, built once (immutable, shared by every thread).</summary>
    public static Dictionary<string, ITransform> Transforms(GatingTemplate template)
    {
        var transforms = new Dictionary<string, ITransform>(StringComparer.Ordinal);
        foreach (var (alias, definition) in template.Transforms)
        {
            transforms[alias] = TransformFactory.Create(definition);
        }

        return transforms;
    }

    public EvaluatedSample Evaluate(EventColumns events, CompensationMatrix? fileSpillover)
        => new(Strategy.Evaluate(events, fileSpillover), _dataDimensions, _plotDimensions, _displays);

    /// <summary>Turns template gates into gating-model gates for one set of channel names.</summary>
    private sealed class GateBuilder(GatingTemplate template, IReadOnlyDictionary<string, string> channels, CompensationReference compensation, IReadOnlyDictionary<string, ITransform> transforms)
    {
        private static string? Parent(GateDefinition gate) => gate.ParentId is null or GatingTemplate.AllEvents ? null : gate.ParentId;

        public GateDimension Dimension(string alias, bool transformed)
        {
            var transformId = transformed && transforms.ContainsKey(alias) ? alias : null;
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
            => transforms.ContainsKey(alias) && (units == GateUnits.Transformed || template.Transforms[alias].Kind == TransformKind.Log);

        /// <summary>A data coordinate on an axis compared in transformed units.</summary>
        private double? Coordinate(string alias, GateUnits units, double? value)
            => value is { } v && units == GateUnits.Data && Transformed(alias, units) ? transforms[alias].Forward(v) : value;

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
            var xTransformed = transforms.ContainsKey(gate.X);
            var yTransformed = transforms.ContainsKey(gate.Y);
            var vertices = new List<PolygonVertex>(gate.Vertices.Count);
            foreach (var (x, y) in gate.Vertices)
            {
                var toX = xTransformed && gate.Units == GateUnits.Data ? transforms[gate.X].Forward(x) : x;
                var toY = yTransformed && gate.Units == GateUnits.Data ? transforms[gate.Y].Forward(y) : y;
                vertices.Add(new PolygonVertex(toX, toY));
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
            var operands = new List<GateReference>(gate.Operands.Count);
            foreach (var operand in gate.Operands)
            {
                operands.Add(new GateReference(operand.PopulationId, operand.Complement));
            }

            var operation = gate.Operator switch
            {
                BooleanOperator.And => BooleanOperation.And,
                BooleanOperator.Or => BooleanOperation.Or,
                _ => BooleanOperation.Not,
            };
            return new BooleanGate(gate.Id, Parent(gate), operation, operands);
        }
    }
}
