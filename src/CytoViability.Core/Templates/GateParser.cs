using CytoViability.Core.Gating;

namespace CytoViability.Core.Templates;

/// <summary>
/// Reads the `gates` list and checks the tree: unique ids, known parents and operands, no cycles. The fields every
/// gate shares are read here into a <see cref="GateHeader"/>; each gate type has its own reader.
/// </summary>
internal sealed class GateParser
{
    private static readonly string[] CommonKeys = ["id", "type", "parent", "name", "units"];

    /// <summary>Each gate type and its reader, with the keys it takes besides <see cref="CommonKeys"/>.</summary>
    private static readonly Dictionary<string, (string[] Keys, Func<GateFields, YamlMapping, GateHeader, GateDefinition?> Read)> Kinds = new(StringComparer.Ordinal)
    {
        ["range"] = (RangeGateReader.Keys, RangeGateReader.Read),
        ["rectangle"] = (RectangleGateReader.Keys, RectangleGateReader.Read),
        ["polygon"] = (PolygonGateReader.Keys, PolygonGateReader.Read),
        ["ellipse"] = (EllipseGateReader.Keys, EllipseGateReader.Read),
        ["ellipsoid"] = (EllipsoidGateReader.Keys, EllipsoidGateReader.Read),
        ["quadrant"] = (QuadrantGateReader.Keys, QuadrantGateReader.Read),
        ["and"] = (BooleanGateReader.Keys, BooleanGateReader.Read),
        ["or"] = (BooleanGateReader.Keys, BooleanGateReader.Read),
        ["not"] = (BooleanGateReader.Keys, BooleanGateReader.Read),
    };

    private readonly YamlReadContext _context;
    private readonly GateFields _fields;
    private readonly GateUnits _defaultUnits;

    public GateParser(YamlReadContext context, ISet<string> channels, GateUnits defaultUnits)
    {
        _context = context;
        _fields = new GateFields(context, channels);
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

        var header = new GateHeader(id, type, parent, displayName, units, mapping.Position, what);
        if (!Kinds.TryGetValue(type, out var kind))
        {
            _context.Error(typeNode!.Position, "unknown gate type '" + YamlReadContext.Shorten(type) + "' of " + what + " (known: range, rectangle, polygon, ellipse, ellipsoid, quadrant, and, or, not)");
            return null;
        }

        _context.CheckKeys(mapping, what + " (" + type + ")", [.. CommonKeys, .. kind.Keys]);
        return kind.Read(_fields, mapping, header);
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
