namespace CytoViability.Core.Templates;

/// <summary>A <c>quadrant</c> gate: x and y cut at one divider each (a number or a placement method); its named quadrants are the populations.</summary>
internal static class QuadrantGateReader
{
    /// <summary>The keys this kind of gate takes besides <see cref="GateHeader"/>'s.</summary>
    public static readonly string[] Keys = ["x", "y", "at", "quadrants"];

    public static GateDefinition? Read(GateFields fields, YamlMapping mapping, GateHeader gate)
    {
        var (id, _, parent, displayName, units, position, what) = gate;
        var context = fields.Context;
        var (x, y) = fields.ReadAxes(mapping, what);
        var atNode = context.Required(mapping, "at", what);
        var at = atNode is null ? null : ReadDividers(context, atNode, what);
        var quadrantsNode = context.Required(mapping, "quadrants", what);
        var quadrantsMap = quadrantsNode is null ? null : context.Mapping(quadrantsNode, "'quadrants' of " + what);
        if (quadrantsMap is null)
        {
            return null;
        }

        var quadrants = new List<QuadrantDefinition>();
        var ok = true;
        var seen = new HashSet<(bool, bool)>();
        foreach (var entry in quadrantsMap.Entries)
        {
            var name = context.Identifier(entry.Key, "quadrant name in " + what);
            var sides = context.Sequence(entry.Value, "quadrant '" + entry.Key.Value + "' ([x side, y side])");
            if (name is null || sides is null)
            {
                ok = false;
                continue;
            }

            if (sides.Items.Count != 2)
            {
                context.Error(sides.Position, "quadrant '" + name + "' must be [x side, y side], each positive or negative");
                ok = false;
                continue;
            }

            var xSide = Side(context, sides.Items[0], name);
            var ySide = Side(context, sides.Items[1], name);
            if (xSide is null || ySide is null)
            {
                ok = false;
                continue;
            }

            if (!seen.Add((xSide.Value, ySide.Value)))
            {
                context.Error(entry.Key.Position, "quadrant '" + name + "' repeats the sides of another quadrant of " + what);
                ok = false;
                continue;
            }

            quadrants.Add(new QuadrantDefinition(name, xSide.Value, ySide.Value, entry.Key.Position));
        }

        if (ok && quadrants.Count == 0)
        {
            context.Error(quadrantsMap.Position, "'quadrants' of " + what + " names no quadrant");
            ok = false;
        }

        return ok && id is not null && x is not null && y is not null && at is not null
            ? new QuadrantGateDefinition(id, parent, displayName, units, position, x, y, at.Value.X.Fixed ?? double.NaN, at.Value.Y.Fixed ?? double.NaN, quadrants)
            {
                ComputedX = at.Value.X.Computed,
                ComputedY = at.Value.Y.Computed,
            }
            : null;
    }

    /// <summary>`at: [x, y]`, each a number or a method block.</summary>
    private static ((double? Fixed, ComputedPosition? Computed) X, (double? Fixed, ComputedPosition? Computed) Y)? ReadDividers(YamlReadContext context, YamlNode node, string what)
    {
        var label = "'at' of " + what + " ([x divider, y divider])";
        var sequence = context.Sequence(node, label);
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count != 2)
        {
            context.Error(node.Position, label + " must hold 2 dividers, not " + sequence.Items.Count);
            return null;
        }

        var positions = new PositionParser(context);
        var (xFixed, xComputed, xOk) = positions.Read(sequence.Items[0], "the x divider of " + what, "divider");
        var (yFixed, yComputed, yOk) = positions.Read(sequence.Items[1], "the y divider of " + what, "divider");
        return xOk && yOk ? ((xFixed, xComputed), (yFixed, yComputed)) : null;
    }

    private static bool? Side(YamlReadContext context, YamlNode node, string quadrant)
    {
        var text = context.Text(node, "a side of quadrant '" + quadrant + "'");
        switch (text)
        {
            case null:
                return null;
            case "positive" or "pos" or "+":
                return true;
            case "negative" or "neg" or "-":
                return false;
            default:
                context.Error(node.Position, "a side of quadrant '" + quadrant + "' must be positive or negative, not '" + YamlReadContext.Shorten(text) + "'");
                return null;
        }
    }
}
