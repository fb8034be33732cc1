namespace CytoViability.Core.Templates;

/// <summary>A <c>range</c> gate: min ≤ x &lt; max on one channel, read as a one-dimension <see cref="RectangleGateDefinition"/>.</summary>
internal static class RangeGateReader
{
    /// <summary>The keys this kind of gate takes besides <see cref="GateHeader"/>'s.</summary>
    public static readonly string[] Keys = ["channel", "min", "max"];

    public static GateDefinition? Read(GateFields fields, YamlMapping mapping, GateHeader gate)
    {
        var (id, _, parent, displayName, units, position, what) = gate;
        var context = fields.Context;
        var channelNode = context.Required(mapping, "channel", what);
        var channel = channelNode is null ? null : fields.Channel(channelNode, "'channel' of " + what);
        var bound = fields.ReadBound(mapping, what, channel ?? string.Empty);
        if (id is null || channel is null || bound is null)
        {
            return null;
        }

        return new RectangleGateDefinition(id, parent, displayName, units, position, [bound]);
    }
}
