using CytoViability.Core.Templates;

namespace CytoViability.Core.GatePositions;

internal enum CoordinateRole
{
    Min,
    Max,
    Divider,
}

/// <summary>
/// One number of a gate that a run reports in gates.csv and may compute or override: a bound of a range or
/// rectangle, or a quadrant divider. <see cref="Fixed"/> is the template's number in the gate's units (for a
/// computed coordinate its fallback; null: the group's value).
/// </summary>
internal sealed record GateCoordinate(string GateId, string Channel, CoordinateRole Role, string ParentId, GateUnits Units, double? Fixed, ComputedPosition? Computed)
{
    /// <summary>As gates.csv writes it: the channel alias for a divider, "alias min" / "alias max" for a bound.</summary>
    public string Dimension => Role switch
    {
        CoordinateRole.Min => Channel + " min",
        CoordinateRole.Max => Channel + " max",
        _ => Channel,
    };

    public string Key => GateId + "|" + Dimension;

    /// <summary>Every coordinate of the template's ranges, rectangles and quadrants, in gate order.</summary>
    public static List<GateCoordinate> Of(GatingTemplate template)
    {
        var coordinates = new List<GateCoordinate>();
        foreach (var gate in template.Gates)
        {
            var parent = gate.ParentId ?? GatingTemplate.AllEvents;
            switch (gate)
            {
                case RectangleGateDefinition rectangle:
                    foreach (var bound in rectangle.Bounds)
                    {
                        if (bound.Min is not null || bound.ComputedMin is not null)
                        {
                            coordinates.Add(new(gate.Id, bound.Channel, CoordinateRole.Min, parent, gate.Units, bound.Min, bound.ComputedMin));
                        }

                        if (bound.Max is not null || bound.ComputedMax is not null)
                        {
                            coordinates.Add(new(gate.Id, bound.Channel, CoordinateRole.Max, parent, gate.Units, bound.Max, bound.ComputedMax));
                        }
                    }

                    break;
                case QuadrantGateDefinition quadrant:
                    coordinates.Add(new(gate.Id, quadrant.X, CoordinateRole.Divider, parent, gate.Units, double.IsNaN(quadrant.XDivider) ? null : quadrant.XDivider, quadrant.ComputedX));
                    coordinates.Add(new(gate.Id, quadrant.Y, CoordinateRole.Divider, parent, gate.Units, double.IsNaN(quadrant.YDivider) ? null : quadrant.YDivider, quadrant.ComputedY));
                    break;
            }
        }

        return coordinates;
    }

    /// <summary>
    /// The template with <paramref name="positions"/> (coordinate key → value in the gate's units) written into its
    /// gates: what the gating engine compiles and the report draws for one sample. Coordinates not given keep the
    /// template's number.
    /// </summary>
    public static GatingTemplate Apply(GatingTemplate template, IReadOnlyDictionary<string, double> positions)
    {
        if (positions.Count == 0)
        {
            return template;
        }

        double? Value(string gate, string dimension, double? template) => positions.TryGetValue(gate + "|" + dimension, out var value) ? value : template;
        var gates = new List<GateDefinition>(template.Gates.Count);
        foreach (var gate in template.Gates)
        {
            switch (gate)
            {
                case RectangleGateDefinition rectangle:
                    var bounds = new List<DimensionBoundDefinition>(rectangle.Bounds.Count);
                    foreach (var bound in rectangle.Bounds)
                    {
                        bounds.Add(bound with { Min = Value(gate.Id, bound.Channel + " min", bound.Min), Max = Value(gate.Id, bound.Channel + " max", bound.Max) });
                    }

                    gates.Add(rectangle with { Bounds = bounds });
                    break;
                case QuadrantGateDefinition quadrant:
                    gates.Add(quadrant with
                    {
                        XDivider = Value(gate.Id, quadrant.X, quadrant.XDivider) ?? double.NaN,
                        YDivider = Value(gate.Id, quadrant.Y, quadrant.YDivider) ?? double.NaN,
                    });
                    break;
                default:
                    gates.Add(gate);
                    break;
            }
        }

        return template.WithGates(gates);
    }
}
