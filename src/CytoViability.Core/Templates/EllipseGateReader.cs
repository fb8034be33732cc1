using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>An <c>ellipse</c> gate on x and y: a center with radii and angle, or with a covariance matrix and distance².</summary>
internal static class EllipseGateReader
{
    /// <summary>The keys this kind of gate takes besides <see cref="GateHeader"/>'s.</summary>
    public static readonly string[] Keys = ["x", "y", "center", "radii", "angle", "covariance", "distance_squared"];

    public static GateDefinition? Read(GateFields fields, YamlMapping mapping, GateHeader gate)
    {
        var (id, _, parent, displayName, units, position, what) = gate;
        var context = fields.Context;
        var (x, y) = fields.ReadAxes(mapping, what);
        var centerNode = context.Required(mapping, "center", what);
        var center = centerNode is null ? null : context.NumberList(centerNode, "'center' of " + what, 2);
        double[,]? covariance;
        double distanceSquared = 1;
        if (mapping["radii"] is { } radiiNode)
        {
            if (mapping["covariance"] is not null || mapping["distance_squared"] is not null)
            {
                context.Error(radiiNode.Position, what + ": give either 'radii' (and 'angle') or 'covariance' (and 'distance_squared'), not both");
                return null;
            }

            var radii = context.NumberList(radiiNode, "'radii' of " + what, 2);
            double angle = 0;
            if (mapping["angle"] is { } angleNode)
            {
                var value = context.Number(angleNode, "'angle' of " + what);
                if (value is null)
                {
                    return null;
                }

                angle = value.Value;
            }

            if (radii is null)
            {
                return null;
            }

            if (radii[0] <= 0 || radii[1] <= 0)
            {
                context.Error(radiiNode.Position, "'radii' of " + what + " must both be above 0");
                return null;
            }

            covariance = Covariance.FromRadii(radii[0], radii[1], angle);
        }
        else
        {
            if (mapping["angle"] is { } strayAngle)
            {
                context.Error(strayAngle.Position, what + ": 'angle' goes with 'radii'");
            }

            var covarianceNode = context.Required(mapping, "covariance", what + " (or 'radii')");
            covariance = covarianceNode is null ? null : fields.ReadCovariance(covarianceNode, what, 2);
            var d2 = fields.ReadDistanceSquared(mapping, what);
            if (d2 is null)
            {
                return null;
            }

            distanceSquared = d2.Value;
        }

        return id is not null && x is not null && y is not null && center is not null && covariance is not null
            ? new EllipsoidGateDefinition(id, parent, displayName, units, position, [x, y], center, covariance, distanceSquared)
            : null;
    }
}
