namespace CytoViability.Core.Templates;

/// <summary>An <c>ellipsoid</c> gate on 1 to 16 channels: center, covariance matrix and distance².</summary>
internal static class EllipsoidGateReader
{
    /// <summary>The keys this kind of gate takes besides <see cref="GateHeader"/>'s.</summary>
    public static readonly string[] Keys = ["channels", "center", "covariance", "distance_squared"];

    public static GateDefinition? Read(GateFields fields, YamlMapping mapping, GateHeader gate)
    {
        var (id, _, parent, displayName, units, position, what) = gate;
        var context = fields.Context;
        var channelsNode = context.Required(mapping, "channels", what);
        var names = channelsNode is null ? null : context.Sequence(channelsNode, "'channels' of " + what);
        if (names is null)
        {
            return null;
        }

        var dimensions = new List<string>();
        foreach (var item in names.Items)
        {
            var channel = fields.Channel(item, "'channels' of " + what);
            if (channel is null)
            {
                return null;
            }

            if (dimensions.Contains(channel))
            {
                context.Error(item.Position, what + ": channel '" + channel + "' appears twice");
                return null;
            }

            dimensions.Add(channel);
        }

        if (dimensions.Count is < 1 or > 16)
        {
            context.Error(names.Position, "'channels' of " + what + " must name 1 to 16 channels");
            return null;
        }

        var centerNode = context.Required(mapping, "center", what);
        var center = centerNode is null ? null : context.NumberList(centerNode, "'center' of " + what, dimensions.Count);
        var covarianceNode = context.Required(mapping, "covariance", what);
        var covariance = covarianceNode is null ? null : fields.ReadCovariance(covarianceNode, what, dimensions.Count);
        var d2 = fields.ReadDistanceSquared(mapping, what);
        return id is not null && center is not null && covariance is not null && d2 is not null
            ? new EllipsoidGateDefinition(id, parent, displayName, units, position, dimensions, center, covariance, d2.Value)
            : null;
    }
}
