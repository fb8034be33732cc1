using CytoViability.Core.Templates;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// The template's coordinates and the order computed ones are placed in: level 0 has no computed coordinate above
/// it in the gate tree, level k has one at level k − 1. For each level, the gates needed to gate the parents of its
/// coordinates (so the placement pass compiles only those).
/// </summary>
internal sealed class PlacementPlan
{
    private readonly Dictionary<string, GateDefinition> _gates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _gateOfPopulation = new(StringComparer.Ordinal);
    private readonly List<IReadOnlySet<string>> _gatesByLevel = [];

    public PlacementPlan(CompiledTemplate compiled)
    {
        var template = compiled.Template;
        Template = template;
        Axes = new PlacementAxes(compiled);
        Coordinates = GateCoordinate.Of(template);
        foreach (var gate in template.Gates)
        {
            _gates[gate.Id] = gate;
            if (gate is QuadrantGateDefinition quadrant)
            {
                foreach (var part in quadrant.Quadrants)
                {
                    _gateOfPopulation[part.Id] = gate.Id;
                }
            }
            else
            {
                _gateOfPopulation[gate.Id] = gate.Id;
            }
        }

        var computedGates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var coordinate in Coordinates)
        {
            if (coordinate.Computed is not null)
            {
                computedGates.Add(coordinate.GateId);
            }
        }

        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new List<List<GateCoordinate>>();
        foreach (var coordinate in Coordinates)
        {
            if (coordinate.Computed is null)
            {
                continue;
            }

            var level = 0;
            foreach (var ancestor in GatesAbove(coordinate.ParentId))
            {
                if (computedGates.Contains(ancestor))
                {
                    level = Math.Max(level, Depth(ancestor, computedGates, depths) + 1);
                }
            }

            while (levels.Count <= level)
            {
                levels.Add([]);
            }

            levels[level].Add(coordinate);
        }

        Levels = levels;
        foreach (var level in levels)
        {
            var needed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var coordinate in level)
            {
                needed.UnionWith(GatesAbove(coordinate.ParentId));
            }

            _gatesByLevel.Add(needed);
        }
    }

    public GatingTemplate Template { get; }

    public PlacementAxes Axes { get; }

    /// <summary>Every bound and divider of the template, in gate order.</summary>
    public IReadOnlyList<GateCoordinate> Coordinates { get; }

    /// <summary>Computed coordinates by level.</summary>
    public IReadOnlyList<IReadOnlyList<GateCoordinate>> Levels { get; }

    public bool HasComputed => Levels.Count > 0;

    /// <summary>The gates that define the parents of a level's coordinates, with everything they depend on.</summary>
    public IReadOnlySet<string> GatesFor(int level) => _gatesByLevel[level];

    /// <summary>The gates a population depends on: its own, its ancestors' and boolean operands', recursively.</summary>
    public HashSet<string> GatesAbove(string population)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(population);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current == GatingTemplate.AllEvents || !_gateOfPopulation.TryGetValue(current, out var gateId) || !result.Add(gateId))
            {
                continue;
            }

            var gate = _gates[gateId];
            pending.Push(gate.ParentId ?? GatingTemplate.AllEvents);
            if (gate is BooleanGateDefinition boolean)
            {
                foreach (var operand in boolean.Operands)
                {
                    pending.Push(operand.PopulationId);
                }
            }
        }

        return result;
    }

    private int Depth(string gateId, HashSet<string> computedGates, Dictionary<string, int> depths)
    {
        if (depths.TryGetValue(gateId, out var known))
        {
            return known;
        }

        var depth = 0;
        foreach (var ancestor in GatesAbove(_gates[gateId].ParentId ?? GatingTemplate.AllEvents))
        {
            if (computedGates.Contains(ancestor))
            {
                depth = Math.Max(depth, Depth(ancestor, computedGates, depths) + 1);
            }
        }

        depths[gateId] = depth;
        return depth;
    }
}
