namespace CytoViability.Core.Templates;

/// <summary>A <c>polygon</c> gate: x, y and at least three vertices.</summary>
internal static class PolygonGateReader
{
    /// <summary>The keys this kind of gate takes besides <see cref="GateHeader"/>'s.</summary>
    public static readonly string[] Keys = ["x", "y", "vertices"];

    public static GateDefinition? Read(GateFields fields, YamlMapping mapping, GateHeader gate)
    {
        var (id, _, parent, displayName, units, position, what) = gate;
        var context = fields.Context;
        var (x, y) = fields.ReadAxes(mapping, what);
        var verticesNode = context.Required(mapping, "vertices", what);
        var list = verticesNode is null ? null : context.Sequence(verticesNode, "'vertices' of " + what);
        if (list is null)
        {
            return null;
        }

        var vertices = new List<(double, double)>();
        var ok = true;
        foreach (var item in list.Items)
        {
            var pair = context.NumberList(item, "a vertex [x, y] of " + what, 2);
            if (pair is null)
            {
                ok = false;
                continue;
            }

            vertices.Add((pair[0], pair[1]));
        }

        if (ok && vertices.Count < 3)
        {
            context.Error(list.Position, what + " needs at least 3 vertices, not " + vertices.Count);
            ok = false;
        }

        return ok && id is not null && x is not null && y is not null
            ? new PolygonGateDefinition(id, parent, displayName, units, position, x, y, vertices)
            : null;
    }
}
