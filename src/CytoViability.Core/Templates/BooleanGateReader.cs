using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>An <c>and</c>, <c>or</c> or <c>not</c> gate over populations named in <c>of</c> (an operand may be "not X").</summary>
internal static class BooleanGateReader
{
    /// <summary>The keys this kind of gate takes besides <see cref="GateHeader"/>'s.</summary>
    public static readonly string[] Keys = ["of"];

    public static GateDefinition? Read(GateFields fields, YamlMapping mapping, GateHeader gate)
    {
        var (id, type, parent, displayName, units, position, what) = gate;
        var context = fields.Context;
        var ofNode = context.Required(mapping, "of", what);
        var names = ofNode is null ? null : context.TextList(ofNode, "'of' of " + what);
        if (names is null)
        {
            return null;
        }

        var operands = new List<BooleanOperandDefinition>();
        var ok = true;
        foreach (var (value, itemPosition) in names)
        {
            var complement = value.StartsWith("not ", StringComparison.Ordinal);
            var name = complement ? value[4..].Trim() : value.Trim();
            if (!YamlReadContext.IsIdentifier(name))
            {
                context.Error(itemPosition, "'" + YamlReadContext.Shorten(value) + "' in 'of' of " + what + " is not a population id (or 'not' followed by one)");
                ok = false;
                continue;
            }

            operands.Add(new BooleanOperandDefinition(name, complement, itemPosition));
        }

        var op = type switch
        {
            "and" => BooleanOperation.And,
            "or" => BooleanOperation.Or,
            _ => BooleanOperation.Not,
        };
        if (ok && op == BooleanOperation.Not && operands.Count != 1)
        {
            context.Error(ofNode!.Position, what + ": 'not' takes exactly one population, not " + operands.Count);
            ok = false;
        }

        if (ok && op != BooleanOperation.Not && operands.Count < 2)
        {
            context.Error(ofNode!.Position, what + ": '" + type + "' needs at least two populations");
            ok = false;
        }

        return ok && id is not null ? new BooleanGateDefinition(id, parent, displayName, units, position, op, operands) : null;
    }
}
