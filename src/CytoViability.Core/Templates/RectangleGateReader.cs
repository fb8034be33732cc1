namespace CytoViability.Core.Templates;

/// <summary>A <c>rectangle</c> gate: a min/max bound per channel under <c>bounds</c>.</summary>
internal static class RectangleGateReader
{
    /// <summary>The keys this kind of gate takes besides <see cref="GateHeader"/>'s.</summary>
    public static readonly string[] Keys = ["bounds"];

    public static GateDefinition? Read(GateFields fields, YamlMapping mapping, GateHeader gate)
    {
        var (id, _, parent, displayName, units, position, what) = gate;
        var context = fields.Context;
        var boundsNode = context.Required(mapping, "bounds", what);
        var boundsMap = boundsNode is null ? null : context.Mapping(boundsNode, "'bounds' of " + what);
        if (boundsMap is null)
        {
            return null;
        }

        if (boundsMap.Entries.Count == 0)
        {
            context.Error(boundsMap.Position, "'bounds' of " + what + " is empty");
            return null;
        }

        var bounds = new List<DimensionBoundDefinition>();
        var ok = true;
        foreach (var entry in boundsMap.Entries)
        {
            var channel = fields.Channel(entry.Key, "'bounds' of " + what);
            var limits = context.Mapping(entry.Value, "bounds of '" + entry.Key.Value + "' in " + what);
            if (limits is null)
            {
                ok = false;
                continue;
            }

            context.CheckKeys(limits, "bounds of '" + entry.Key.Value + "' in " + what, "min", "max");
            var bound = fields.ReadBound(limits, "bounds of '" + entry.Key.Value + "' in " + what, channel ?? string.Empty);
            if (channel is null || bound is null)
            {
                ok = false;
                continue;
            }

            bounds.Add(bound);
        }

        return ok && id is not null ? new RectangleGateDefinition(id, parent, displayName, units, position, bounds) : null;
    }
}
