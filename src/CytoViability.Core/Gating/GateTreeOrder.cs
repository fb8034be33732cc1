namespace CytoViability.Core.Gating;

/// <summary>
/// The one home for ordering a gate tree, used by template validation (GateParser) and by the gating engine
/// (<see cref="GatingStrategy"/>) alike: every parent and boolean operand before the populations that use it, every
/// cycle found, and every population deeper than <see cref="MaximumDepth"/> reported. Iterative depth-first search,
/// so a chain of any length listed child first cannot overflow the stack, here or in anything walking the tree later.
/// </summary>
internal static class GateTreeOrder
{
    /// <summary>
    /// Longest chain of dependencies (parent, or boolean operand) from all events to a population. Real gating
    /// strategies are 5–15 deep; a limit far above them keeps every later walk of the tree short.
    /// </summary>
    public const int MaximumDepth = 256;

    /// <summary>
    /// Orders <paramref name="populations"/> (in the order given, each after its dependencies). Dependencies that
    /// <paramref name="dependencies"/> names but <paramref name="isPopulation"/> rejects (all events, unknown ids
    /// reported elsewhere) are treated as roots.
    /// </summary>
    public static GateTreeOrdering Order(IEnumerable<string> populations, Func<string, IReadOnlyList<string>> dependencies, Func<string, bool> isPopulation)
    {
        var order = new List<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var tooDeep = new List<string>();
        var reportedCycles = new HashSet<string>(StringComparer.Ordinal);

        // 1 = on the current path, 2 = ordered; depth only for ordered populations.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in populations)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var path = new List<string> { start };
            var next = new List<int> { 0 };
            state[start] = 1;
            while (path.Count > 0)
            {
                var current = path[^1];
                var needs = dependencies(current);
                if (next[^1] >= needs.Count)
                {
                    var own = 1;
                    foreach (var dependency in needs)
                    {
                        if (depth.TryGetValue(dependency, out var below))
                        {
                            own = Math.Max(own, below + 1);
                        }
                    }

                    depth[current] = own;
                    if (own == MaximumDepth + 1)
                    {
                        tooDeep.Add(current);
                    }

                    state[current] = 2;
                    order.Add(current);
                    path.RemoveAt(path.Count - 1);
                    next.RemoveAt(next.Count - 1);
                    continue;
                }

                var wanted = needs[next[^1]++];
                if (!isPopulation(wanted))
                {
                    continue;
                }

                state.TryGetValue(wanted, out var wantedState);
                if (wantedState == 0)
                {
                    state[wanted] = 1;
                    path.Add(wanted);
                    next.Add(0);
                }
                else if (wantedState == 1)
                {
                    var cycle = path.GetRange(path.IndexOf(wanted), path.Count - path.IndexOf(wanted));
                    if (reportedCycles.Add(string.Join(">", cycle.Order(StringComparer.Ordinal))))
                    {
                        cycles.Add(cycle);
                    }
                }
            }
        }

        return new GateTreeOrdering(order, cycles, tooDeep);
    }
}

/// <summary>
/// The populations in evaluation order; each cycle once (from the population it closes on, round to the one before
/// it); the populations sitting at depth <see cref="GateTreeOrder.MaximumDepth"/> + 1, where a chain passes the limit.
/// </summary>
internal sealed record GateTreeOrdering(IReadOnlyList<string> Order, IReadOnlyList<IReadOnlyList<string>> Cycles, IReadOnlyList<string> TooDeep);
