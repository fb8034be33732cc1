using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>
/// Fields more than one kind of gate reads — a channel alias, x and y, a min/max bound, a covariance matrix and
/// distance² — each checked and reported once, in the same words, whichever gate holds it.
/// </summary>
internal sealed class GateFields
{
    private readonly YamlReadContext _context;
    private readonly ISet<string> _channels;

    public GateFields(YamlReadContext context, ISet<string> channels)
    {
        _context = context;
        _channels = channels;
    }

    public YamlReadContext Context => _context;

    public string? Channel(YamlNode node, string what)
    {
        var name = _context.Identifier(node, what);
        if (name is null)
        {
            return null;
        }

        if (!_channels.Contains(name))
        {
            _context.Error(node.Position, "unknown channel alias '" + name + "' in " + what + " (define it under 'channels' or 'ratios'; known: " + string.Join(", ", _channels.Order(StringComparer.Ordinal)) + ")");
            return null;
        }

        return name;
    }

    public (string? X, string? Y) ReadAxes(YamlMapping mapping, string what)
    {
        var xNode = _context.Required(mapping, "x", what);
        var yNode = _context.Required(mapping, "y", what);
        var x = xNode is null ? null : Channel(xNode, "'x' of " + what);
        var y = yNode is null ? null : Channel(yNode, "'y' of " + what);
        if (x is not null && x == y)
        {
            _context.Error(yNode!.Position, what + ": 'x' and 'y' are the same channel");
            return (null, null);
        }

        return (x, y);
    }

    public DimensionBoundDefinition? ReadBound(YamlMapping mapping, string what, string channel)
    {
        double? min = null;
        double? max = null;
        ComputedPosition? computedMin = null;
        ComputedPosition? computedMax = null;
        var ok = true;
        var positions = new PositionParser(_context);
        if (mapping["min"] is { } minNode)
        {
            (min, computedMin, var read) = positions.Read(minNode, "'min' of " + what, "min");
            ok &= read;
        }

        if (mapping["max"] is { } maxNode)
        {
            (max, computedMax, var read) = positions.Read(maxNode, "'max' of " + what, "max");
            ok &= read;
        }

        if (!ok)
        {
            return null;
        }

        if (mapping["min"] is null && mapping["max"] is null)
        {
            _context.Error(mapping.Position, what + " needs 'min', 'max' or both");
            return null;
        }

        if (min is not null && max is not null && min >= max)
        {
            _context.Error(mapping.Position, what + ": 'min' (" + min + ") must be below 'max' (" + max + ")" + (computedMin is not null || computedMax is not null ? " (fallbacks)" : string.Empty));
            return null;
        }

        return new DimensionBoundDefinition(channel, min, max, computedMin, computedMax);
    }

    public double? ReadDistanceSquared(YamlMapping mapping, string what)
    {
        var node = _context.Required(mapping, "distance_squared", what);
        var value = node is null ? null : _context.Number(node, "'distance_squared' of " + what);
        if (value is <= 0)
        {
            _context.Error(node!.Position, "'distance_squared' of " + what + " must be above 0");
            return null;
        }

        return value;
    }

    public double[,]? ReadCovariance(YamlNode node, string what, int size)
    {
        var rows = _context.Sequence(node, "'covariance' of " + what);
        if (rows is null)
        {
            return null;
        }

        if (rows.Items.Count != size)
        {
            _context.Error(node.Position, "'covariance' of " + what + " must have " + size + " rows of " + size + " numbers");
            return null;
        }

        var matrix = new double[size, size];
        for (var i = 0; i < size; i++)
        {
            var row = _context.NumberList(rows.Items[i], "a row of 'covariance' of " + what, size);
            if (row is null)
            {
                return null;
            }

            for (var j = 0; j < size; j++)
            {
                matrix[i, j] = row[j];
            }
        }

        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Math.Abs(matrix[i, j] - matrix[j, i]) > 1e-9 * Math.Max(Math.Abs(matrix[i, j]), Math.Abs(matrix[j, i])))
                {
                    _context.Error(node.Position, "'covariance' of " + what + " must be symmetric (row " + (i + 1) + ", column " + (j + 1) + ")");
                    return null;
                }
            }
        }

        if (!Covariance.IsPositiveDefinite(matrix))
        {
            _context.Error(node.Position, "'covariance' of " + what + " must be positive definite (an ellipse with a real size)");
            return null;
        }

        return matrix;
    }
}
