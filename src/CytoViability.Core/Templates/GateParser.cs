using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>Reads the `gates` list and checks the tree: unique ids, known parents and operands, no cycles.</summary>
internal sealed class GateParser
{
    private static readonly string[] CommonKeys = ["id", "type", "parent", "name", "units"];

    private readonly YamlReadContext _context;
    private readonly ISet<string> _channels;
    private readonly GateUnits _defaultUnits;

    public GateParser(YamlReadContext context, ISet<string> channels, GateUnits defaultUnits)
    {
        _context = context;
        _channels = channels;
        _defaultUnits = defaultUnits;
    }

    public List<GateDefinition> Gates { get; } = [];

    /// <summary>Population ids (gates and quadrants, not quadrant containers) and where each is defined.</summary>
    public Dictionary<string, TextPosition> PopulationPositions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Parents { get; } = new(StringComparer.Ordinal);

    public List<string> OrderedPopulations { get; } = [];

    /// <summary>Ids of gates that had their own problems: references to them are not reported again.</summary>
    public HashSet<string> BrokenIds { get; } = new(StringComparer.Ordinal);

    public void Read(YamlNode node)
    {
        var sequence = _context.Sequence(node, "'gates'");
        if (sequence is null)
        {
            return;
        }

        if (sequence.Items.Count == 0)
        {
            _context.Error(node.Position, "'gates' is empty; a template needs at least one gate");
            return;
        }

        var containers = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        foreach (var item in sequence.Items)
        {
            var gate = ReadGate(item);
            if (gate is null)
            {
                if (item is YamlMapping { } broken && broken["id"] is YamlScalar { IsNull: false } brokenId)
                {
                    BrokenIds.Add(brokenId.Value);
                    if (broken["quadrants"] is YamlMapping brokenQuadrants)
                    {
                        foreach (var entry in brokenQuadrants.Entries)
                        {
                            BrokenIds.Add(entry.Key.Value);
                        }
                    }
                }

                continue;
            }

            if (!Claim(gate.Id, gate.Position, containers))
            {
                continue;
            }

            Gates.Add(gate);
            if (gate is QuadrantGateDefinition quadrant)
            {
                containers[quadrant.Id] = quadrant.Position;
                foreach (var part in quadrant.Quadrants)
                {
                    if (Claim(part.Id, part.Position, containers))
                    {
                        PopulationPositions[part.Id] = part.Position;
                        Parents[part.Id] = quadrant.ParentId ?? GatingTemplate.AllEvents;
                    }
                }
            }
            else
            {
                PopulationPositions[gate.Id] = gate.Position;
                Parents[gate.Id] = gate.ParentId ?? GatingTemplate.AllEvents;
            }
        }

        CheckReferences(containers);
        OrderTree();
    }

    private bool Claim(string id, TextPosition position, Dictionary<string, TextPosition> containers)
    {
        if (id == GatingTemplate.AllEvents)
        {
            _context.Error(position, "'all' is reserved for all events; choose another id");
            return false;
        }

        if (PopulationPositions.TryGetValue(id, out var first) || containers.TryGetValue(id, out first))
        {
            _context.Error(position, "duplicate id '" + id + "' (first defined at line " + first.Line + ")");
            return false;
        }

        return true;
    }

    private GateDefinition? ReadGate(YamlNode node)
    {
        var mapping = _context.Mapping(node, "a gate");
        if (mapping is null)
        {
            return null;
        }

        var idNode = _context.Required(mapping, "id", "a gate");
        var id = idNode is null ? null : _context.Identifier(idNode, "gate id");
        var what = "gate '" + (id ?? "?") + "'";
        var typeNode = _context.Required(mapping, "type", what);
        var type = typeNode is null ? null : _context.Text(typeNode, "'type' of " + what);
        string? parent = null;
        if (mapping["parent"] is { } parentNode)
        {
            parent = _context.Identifier(parentNode, "'parent' of " + what);
        }

        string? displayName = null;
        if (mapping["name"] is { } nameNode)
        {
            displayName = _context.Text(nameNode, "'name' of " + what);
        }

        var units = _defaultUnits;
        if (mapping["units"] is { } unitsNode)
        {
            units = ReadUnits(unitsNode, _context) ?? _defaultUnits;
        }

        if (type is null)
        {
            _context.CheckKeys(mapping, what, [.. CommonKeys, "channel", "min", "max", "bounds", "x", "y", "vertices", "center", "radii", "angle", "covariance", "distance_squared", "channels", "at", "quadrants", "of"]);
            return null;
        }

        var position = mapping.Position;
        GateDefinition? gate;
        switch (type)
        {
            case "range":
                _context.CheckKeys(mapping, what + " (range)", [.. CommonKeys, "channel", "min", "max"]);
                gate = ReadRange(mapping, what, id, parent, displayName, units, position);
                break;
            case "rectangle":
                _context.CheckKeys(mapping, what + " (rectangle)", [.. CommonKeys, "bounds"]);
                gate = ReadRectangle(mapping, what, id, parent, displayName, units, position);
                break;
            case "polygon":
                _context.CheckKeys(mapping, what + " (polygon)", [.. CommonKeys, "x", "y", "vertices"]);
                gate = ReadPolygon(mapping, what, id, parent, displayName, units, position);
                break;
            case "ellipse":
                _context.CheckKeys(mapping, what + " (ellipse)", [.. CommonKeys, "x", "y", "center", "radii", "angle", "covariance", "distance_squared"]);
                gate = ReadEllipse(mapping, what, id, parent, displayName, units, position);
                break;
            case "ellipsoid":
                _context.CheckKeys(mapping, what + " (ellipsoid)", [.. CommonKeys, "channels", "center", "covariance", "distance_squared"]);
                gate = ReadEllipsoid(mapping, what, id, parent, displayName, units, position);
                break;
            case "quadrant":
                _context.CheckKeys(mapping, what + " (quadrant)", [.. CommonKeys, "x", "y", "at", "quadrants"]);
                gate = ReadQuadrant(mapping, what, id, parent, displayName, units, position);
                break;
            case "and" or "or" or "not":
                _context.CheckKeys(mapping, what + " (" + type + ")", [.. CommonKeys, "of"]);
                gate = ReadBoolean(mapping, what, type, id, parent, displayName, units, position);
                break;
            default:
                _context.Error(typeNode!.Position, "unknown gate type '" + YamlReadContext.Shorten(type) + "' of " + what + " (known: range, rectangle, polygon, ellipse, ellipsoid, quadrant, and, or, not)");
                return null;
        }

        return gate;
    }

    internal static GateUnits? ReadUnits(YamlNode node, YamlReadContext context)
    {
        var text = context.Text(node, "'units'");
        switch (text)
        {
            case null:
                return null;
            case "data":
                return GateUnits.Data;
            case "transformed":
                return GateUnits.Transformed;
            default:
                context.Error(node.Position, "'units' must be 'data' or 'transformed', not '" + YamlReadContext.Shorten(text) + "'");
                return null;
        }
    }

    private string? Channel(YamlNode node, string what)
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

    private GateDefinition? ReadRange(YamlMapping mapping, string what, string? id, string? parent, string? displayName, GateUnits units, TextPosition position)
    {
        var channelNode = _context.Required(mapping, "channel", what);
        var channel = channelNode is null ? null : Channel(channelNode, "'channel' of " + what);
        var bound = ReadBound(mapping, what, channel ?? string.Empty);
        if (id is null || channel is null || bound is null)
        {
            return null;
        }

        return new RectangleGateDefinition(id, parent, displayName, units, position, [bound]);
    }

    private DimensionBoundDefinition? ReadBound(YamlMapping mapping, string what, string channel)
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

    private GateDefinition? ReadRectangle(YamlMapping mapping, string what, string? id, string? parent, string? displayName, GateUnits units, TextPosition position)
    {
        var boundsNode = _context.Required(mapping, "bounds", what);
        var boundsMap = boundsNode is null ? null : _context.Mapping(boundsNode, "'bounds' of " + what);
        if (boundsMap is null)
        {
            return null;
        }

        if (boundsMap.Entries.Count == 0)
        {
            _context.Error(boundsMap.Position, "'bounds' of " + what + " is empty");
            return null;
        }

        var bounds = new List<DimensionBoundDefinition>();
        var ok = true;
        foreach (var entry in boundsMap.Entries)
        {
            var channel = Channel(entry.Key, "'bounds' of " + what);
            var limits = _context.Mapping(entry.Value, "bounds of '" + entry.Key.Value + "' in " + what);
            if (limits is null)
            {
                ok = false;
                continue;
            }

            _context.CheckKeys(limits, "bounds of '" + entry.Key.Value + "' in " + what, "min", "max");
            var bound = ReadBound(limits, "bounds of '" + entry.Key.Value + "' in " + what, channel ?? string.Empty);
            if (channel is null || bound is null)
            {
                ok = false;
                continue;
            }

            bounds.Add(bound);
        }

        return ok && id is not null ? new RectangleGateDefinition(id, parent, displayName, units, position, bounds) : null;
    }

    private (string? X, string? Y) ReadAxes(YamlMapping mapping, string what)
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

    private GateDefinition? ReadPolygon(YamlMapping mapping, string what, string? id, string? parent, string? displayName, GateUnits units, TextPosition position)
    {
        var (x, y) = ReadAxes(mapping, what);
        var verticesNode = _context.Required(mapping, "vertices", what);
        var list = verticesNode is null ? null : _context.Sequence(verticesNode, "'vertices' of " + what);
        if (list is null)
        {
            return null;
        }

        var vertices = new List<(double, double)>();
        var ok = true;
        foreach (var item in list.Items)
        {
            var pair = _context.NumberList(item, "a vertex [x, y] of " + what, 2);
            if (pair is null)
            {
                ok = false;
                continue;
            }

            vertices.Add((pair[0], pair[1]));
        }

        if (ok && vertices.Count < 3)
        {
            _context.Error(list.Position, what + " needs at least 3 vertices, not " + vertices.Count);
            ok = false;
        }

        return ok && id is not null && x is not null && y is not null
            ? new PolygonGateDefinition(id, parent, displayName, units, position, x, y, vertices)
            : null;
    }

    private GateDefinition? ReadEllipse(YamlMapping mapping, string what, string? id, string? parent, string? displayName, GateUnits units, TextPosition position)
    {
        var (x, y) = ReadAxes(mapping, what);
        var centerNode = _context.Required(mapping, "center", what);
        var center = centerNode is null ? null : _context.NumberList(centerNode, "'center' of " + what, 2);
        double[,]? covariance;
        double distanceSquared = 1;
        if (mapping["radii"] is { } radiiNode)
        {
            if (mapping["covariance"] is not null || mapping["distance_squared"] is not null)
            {
                _context.Error(radiiNode.Position, what + ": give either 'radii' (and 'angle') or 'covariance' (and 'distance_squared'), not both");
                return null;
            }

            var radii = _context.NumberList(radiiNode, "'radii' of " + what, 2);
            double angle = 0;
            if (mapping["angle"] is { } angleNode)
            {
                var value = _context.Number(angleNode, "'angle' of " + what);
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
                _context.Error(radiiNode.Position, "'radii' of " + what + " must both be above 0");
                return null;
            }

            covariance = CovarianceFromRadii(radii[0], radii[1], angle);
        }
        else
        {
            if (mapping["angle"] is { } strayAngle)
            {
                _context.Error(strayAngle.Position, what + ": 'angle' goes with 'radii'");
            }

            var covarianceNode = _context.Required(mapping, "covariance", what + " (or 'radii')");
            covariance = covarianceNode is null ? null : ReadCovariance(covarianceNode, what, 2);
            var d2 = ReadDistanceSquared(mapping, what);
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

    private double? ReadDistanceSquared(YamlMapping mapping, string what)
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

    private GateDefinition? ReadEllipsoid(YamlMapping mapping, string what, string? id, string? parent, string? displayName, GateUnits units, TextPosition position)
    {
        var channelsNode = _context.Required(mapping, "channels", what);
        var names = channelsNode is null ? null : _context.Sequence(channelsNode, "'channels' of " + what);
        if (names is null)
        {
            return null;
        }

        var dimensions = new List<string>();
        foreach (var item in names.Items)
        {
            var channel = Channel(item, "'channels' of " + what);
            if (channel is null)
            {
                return null;
            }

            if (dimensions.Contains(channel))
            {
                _context.Error(item.Position, what + ": channel '" + channel + "' appears twice");
                return null;
            }

            dimensions.Add(channel);
        }

        if (dimensions.Count is < 1 or > 16)
        {
            _context.Error(names.Position, "'channels' of " + what + " must name 1 to 16 channels");
            return null;
        }

        var centerNode = _context.Required(mapping, "center", what);
        var center = centerNode is null ? null : _context.NumberList(centerNode, "'center' of " + what, dimensions.Count);
        var covarianceNode = _context.Required(mapping, "covariance", what);
        var covariance = covarianceNode is null ? null : ReadCovariance(covarianceNode, what, dimensions.Count);
        var d2 = ReadDistanceSquared(mapping, what);
        return id is not null && center is not null && covariance is not null && d2 is not null
            ? new EllipsoidGateDefinition(id, parent, displayName, units, position, dimensions, center, covariance, d2.Value)
            : null;
    }

    private double[,]? ReadCovariance(YamlNode node, string what, int size)
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

        if (!IsPositiveDefinite(matrix))
        {
            _context.Error(node.Position, "'covariance' of " + what + " must be positive definite (an ellipse with a real size)");
            return null;
        }

        return matrix;
    }

    /// <summary>Cholesky succeeds only for a symmetric positive definite matrix.</summary>
    private static bool IsPositiveDefinite(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        return true;
    }

    /// <summary>C = R diag(rx², ry²) Rᵀ, R the rotation by the angle: the ellipse with these half-axes at d² = 1.</summary>
    internal static double[,] CovarianceFromRadii(double radiusX, double radiusY, double angleDegrees)
    {
        var radians = angleDegrees * Math.PI / 180;
        var cos = Math.Cos(radians);
        var sin = Math.Sin(radians);
        var a = radiusX * radiusX;
        var b = radiusY * radiusY;
        var covariance = new double[2, 2];
        covariance[0, 0] = (a * cos * cos) + (b * sin * sin);
        covariance[1, 1] = (a * sin * sin) + (b * cos * cos);
        covariance[0, 1] = (a - b) * sin * cos;
        covariance[1, 0] = covariance[0, 1];
        return covariance;
    }

    private GateDefinition? ReadQuadrant(YamlMapping mapping, string what, string? id, string? parent, string? displayName, GateUnits units, TextPosition position)
    {
        var (x, y) = ReadAxes(mapping, what);
        var atNode = _context.Required(mapping, "at", what);
        var at = atNode is null ? null : ReadDividers(atNode, what);
        var quadrantsNode = _context.Required(mapping, "quadrants", what);
        var quadrantsMap = quadrantsNode is null ? null : _context.Mapping(quadrantsNode, "'quadrants' of " + what);
        if (quadrantsMap is null)
        {
            return null;
        }

        var quadrants = new List<QuadrantDefinition>();
        var ok = true;
        var seen = new HashSet<(bool, bool)>();
        foreach (var entry in quadrantsMap.Entries)
        {
            var name = _context.Identifier(entry.Key, "quadrant name in " + what);
            var sides = _context.Sequence(entry.Value, "quadrant '" + entry.Key.Value + "' ([x side, y side])");
            if (name is null || sides is null)
            {
                ok = false;
                continue;
            }

            if (sides.Items.Count != 2)
            {
                _context.Error(sides.Position, "quadrant '" + name + "' must be [x side, y side], each positive or negative");
                ok = false;
                continue;
            }

            var xSide = Side(sides.Items[0], name);
            var ySide = Side(sides.Items[1], name);
            if (xSide is null || ySide is null)
            {
                ok = false;
                continue;
            }

            if (!seen.Add((xSide.Value, ySide.Value)))
            {
                _context.Error(entry.Key.Position, "quadrant '" + name + "' repeats the sides of another quadrant of " + what);
                ok = false;
                continue;
            }

            quadrants.Add(new QuadrantDefinition(name, xSide.Value, ySide.Value, entry.Key.Position));
        }

        if (ok && quadrants.Count == 0)
        {
            _context.Error(quadrantsMap.Position, "'quadrants' of " + what + " names no quadrant");
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
    private ((double? Fixed, ComputedPosition? Computed) X, (double? Fixed, ComputedPosition? Computed) Y)? ReadDividers(YamlNode node, string what)
    {
        var label = "'at' of " + what + " ([x divider, y divider])";
        var sequence = _context.Sequence(node, label);
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count != 2)
        {
            _context.Error(node.Position, label + " must hold 2 dividers, not " + sequence.Items.Count);
            return null;
        }

        var positions = new PositionParser(_context);
        var (xFixed, xComputed, xOk) = positions.Read(sequence.Items[0], "the x divider of " + what, "divider");
        var (yFixed, yComputed, yOk) = positions.Read(sequence.Items[1], "the y divider of " + what, "divider");
        return xOk && yOk ? ((xFixed, xComputed), (yFixed, yComputed)) : null;
    }

    private bool? Side(YamlNode node, string quadrant)
    {
        var text = _context.Text(node, "a side of quadrant '" + quadrant + "'");
        switch (text)
        {
            case null:
                return null;
            case "positive" or "pos" or "+":
                return true;
            case "negative" or "neg" or "-":
                return false;
            default:
                _context.Error(node.Position, "a side of quadrant '" + quadrant + "' must be positive or negative, not '" + YamlReadContext.Shorten(text) + "'");
                return null;
        }
    }

    private GateDefinition? ReadBoolean(YamlMapping mapping, string what, string type, string? id, string? parent, string? displayName, GateUnits units, TextPosition position)
    {
        var ofNode = _context.Required(mapping, "of", what);
        var names = ofNode is null ? null : _context.TextList(ofNode, "'of' of " + what);
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
                _context.Error(itemPosition, "'" + YamlReadContext.Shorten(value) + "' in 'of' of " + what + " is not a population id (or 'not' followed by one)");
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
            _context.Error(ofNode!.Position, what + ": 'not' takes exactly one population, not " + operands.Count);
            ok = false;
        }

        if (ok && op != BooleanOperation.Not && operands.Count < 2)
        {
            _context.Error(ofNode!.Position, what + ": '" + type + "' needs at least two populations");
            ok = false;
        }

        return ok && id is not null ? new BooleanGateDefinition(id, parent, displayName, units, position, op, operands) : null;
    }

    private void CheckReferences(Dictionary<string, TextPosition> containers)
    {
        foreach (var gate in Gates)
        {
            if (gate.ParentId is { } parent)
            {
                CheckPopulation(parent, gate.Position, "parent '" + parent + "' of gate '" + gate.Id + "'", containers);
            }

            if (gate is BooleanGateDefinition boolean)
            {
                foreach (var operand in boolean.Operands)
                {
                    CheckPopulation(operand.PopulationId, operand.Position, "population '" + operand.PopulationId + "' in 'of' of gate '" + gate.Id + "'", containers);
                }
            }
        }
    }

    private void CheckPopulation(string id, TextPosition position, string what, Dictionary<string, TextPosition> containers)
    {
        if (id == GatingTemplate.AllEvents || PopulationPositions.ContainsKey(id) || BrokenIds.Contains(id))
        {
            return;
        }

        if (containers.ContainsKey(id))
        {
            _context.Error(position, what + " is a quadrant gate, not a population; use one of its quadrants");
            return;
        }

        _context.Error(position, "unknown " + what + " (known: " + string.Join(", ", new[] { GatingTemplate.AllEvents }.Concat(PopulationPositions.Keys)) + ")");
    }

    /// <summary>
    /// Orders populations so that parents and boolean operands come first, and reports every cycle once and every
    /// chain deeper than <see cref="GateTreeOrder.MaximumDepth"/> (the one orderer the gating engine uses too).
    /// </summary>
    private void OrderTree()
    {
        var dependencies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (population, parent) in Parents)
        {
            dependencies[population] = [parent];
        }

        foreach (var gate in Gates)
        {
            if (gate is BooleanGateDefinition boolean && dependencies.TryGetValue(gate.Id, out var list))
            {
                foreach (var operand in boolean.Operands)
                {
                    list.Add(operand.PopulationId);
                }
            }
        }

        var ordering = GateTreeOrder.Order(PopulationPositions.Keys, id => dependencies.TryGetValue(id, out var d) ? d : [], PopulationPositions.ContainsKey);
        foreach (var cycle in ordering.Cycles)
        {
            _context.Error(PopulationPositions[cycle[0]], "gates form a cycle: " + string.Join(" -> ", cycle) + " -> " + cycle[0] + " (each depends on the next through 'parent' or 'of')");
        }

        foreach (var id in ordering.TooDeep)
        {
            _context.Error(PopulationPositions[id], "gate '" + id + "' is nested deeper than " + GateTreeOrder.MaximumDepth + " levels of parents and 'of' operands; no gating strategy needs that many");
        }

        OrderedPopulations.Add(GatingTemplate.AllEvents);
        OrderedPopulations.AddRange(ordering.Order);
    }
}
