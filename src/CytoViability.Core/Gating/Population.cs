namespace CytoViability.Core.Gating;

/// <summary>
/// One population of a strategy: a gate, or one quadrant of a quadrant gate. Knows what it depends on and how to
/// cut its parent's events down to its own.
/// </summary>
internal sealed class Population
{
    // Derived on first use and then shared by every block and evaluation; each is immutable, so threads
    // evaluating the same strategy at worst build the same value twice.
    private GateDimension[]? _ownDimensions;
    private GateDimension[]? _readDimensions;
    private PolygonEdges? _edges;
    private double[,]? _inverseCovariance;
    private string[]? _dependencies;

    public Population(string id, string? parentId, Gate gate, Quadrant? quadrant)
    {
        Id = id;
        ParentId = parentId;
        Gate = gate;
        Quadrant = quadrant;
    }

    public string Id { get; }

    public string? ParentId { get; }

    public Gate Gate { get; }

    public Quadrant? Quadrant { get; }

    /// <summary>Populations that must be evaluated first: the parent and boolean operands.</summary>
    public IReadOnlyList<string> Dependencies => _dependencies ??= FindDependencies();

    /// <summary>The dimensions this population's own gate reads (a quadrant: only its dividers).</summary>
    public IEnumerable<GateDimension> Dimensions()
    {
        if (Gate is QuadrantGate quadrants && Quadrant is { } quadrant)
        {
            foreach (var position in quadrant.Positions)
            {
                yield return quadrants.Dividers.First(d => d.Id == position.DividerId).Dimension;
            }

            yield break;
        }

        foreach (var dimension in Gate.Dimensions)
        {
            yield return dimension;
        }
    }

    /// <summary>
    /// Clears from <paramref name="region"/> (the parent's events, as the words of the store's current block) every
    /// event outside this population's gate.
    /// </summary>
    public void Apply(DimensionStore store, IReadOnlyDictionary<string, Bitset> memberships, Span<ulong> region)
    {
        switch (Gate)
        {
            case RectangleGate rectangle:
                foreach (var bound in rectangle.Bounds)
                {
                    store.Range(bound.Dimension, bound.Min, bound.Max, region);
                }

                break;
            case QuadrantGate quadrants:
                ApplyQuadrant(quadrants, store, region);
                break;
            case PolygonGate polygon:
                ApplyPolygon(polygon, store, region);
                break;
            case EllipsoidGate ellipsoid:
                ApplyEllipsoid(ellipsoid, store, region);
                break;
            case BooleanGate boolean:
                ApplyBoolean(boolean, store, memberships, region);
                break;
            default:
                throw new GateReferenceException("gate '" + Gate.Id + "' is a " + Gate.GetType().Name + ", which the evaluator does not know");
        }

        if (Gate is RectangleGate or QuadrantGate or PolygonGate)
        {
            foreach (var dimension in OwnDimensions())
            {
                store.KeptFinite(dimension, region);
            }
        }
    }

    private GateDimension[] OwnDimensions() => _ownDimensions ??= [.. Dimensions()];

    private string[] FindDependencies()
    {
        var dependencies = new List<string>();
        if (ParentId is { } parent)
        {
            dependencies.Add(parent);
        }

        if (Gate is BooleanGate boolean)
        {
            foreach (var operand in boolean.Operands)
            {
                dependencies.Add(operand.PopulationId);
            }
        }

        return [.. dependencies];
    }

    private void ApplyPolygon(PolygonGate gate, DimensionStore store, Span<ulong> region)
    {
        var edges = _edges ??= new PolygonEdges(gate.Vertices);
        if (!store.NeedsTransform(gate.X) && !store.NeedsTransform(gate.Y))
        {
            GateKernels.Polygon(store.Block(gate.X).Span, store.Block(gate.Y).Span, edges, region);
            return;
        }

        var (xs, ys) = store.Gather(gate.X, gate.Y, region);
        GateKernels.PolygonOnMembers(xs.Span, ys.Span, edges, region);
    }

    private void ApplyQuadrant(QuadrantGate gate, DimensionStore store, Span<ulong> region)
    {
        // region still holds the parent's events here, so the dividers' split can be shared by all quadrants.
        var intervals = new ulong[gate.Dividers.Count][];
        for (var d = 0; d < intervals.Length; d++)
        {
            var divider = gate.Dividers[d];
            var split = store.Intervals(gate, divider, region);

            // Every quadrant excludes events that are not finite on any divider of its gate.
            var position = Quadrant!.Positions.FirstOrDefault(p => p.DividerId == divider.Id);
            intervals[d] = position is null ? split[^1] : split[position.Interval];
        }

        foreach (var interval in intervals)
        {
            for (var i = 0; i < region.Length; i++)
            {
                region[i] &= interval[i];
            }
        }
    }

    private void ApplyEllipsoid(EllipsoidGate gate, DimensionStore store, Span<ulong> region)
    {
        var n = gate.Axes.Count;
        var columns = new ReadOnlyMemory<double>[n];
        var mean = new double[n];
        for (var i = 0; i < n; i++)
        {
            columns[i] = store.Block(gate.Axes[i]);
            mean[i] = gate.Mean[i];
        }

        GateKernels.Ellipsoid(columns, mean, _inverseCovariance ??= InverseCovariance(gate), gate.DistanceSquare, region);
    }

    private static double[,] InverseCovariance(EllipsoidGate gate)
    {
        var n = gate.Axes.Count;
        var covariance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                covariance[i, j] = gate.Covariance[i][j];
            }
        }

        return Covariance.Inverse(covariance) ?? throw new GateReferenceException("ellipsoid gate '" + gate.Id + "' has a singular covariance matrix");
    }

    private void ApplyBoolean(BooleanGate gate, DimensionStore store, IReadOnlyDictionary<string, Bitset> memberships, Span<ulong> region)
    {
        // Bits past the last event may be set in a complement; region never has them, so the AND clears them.
        var first = store.BlockWord;
        var or = gate.Operation == BooleanOperation.Or;
        Span<ulong> combined = stackalloc ulong[region.Length];
        combined.Fill(or ? 0 : ulong.MaxValue);
        foreach (var operand in gate.Operands)
        {
            var words = memberships[operand.PopulationId].Words.Slice(first, region.Length);
            var flip = operand.Complement ? ulong.MaxValue : 0;
            for (var i = 0; i < combined.Length; i++)
            {
                combined[i] = or ? combined[i] | (words[i] ^ flip) : combined[i] & (words[i] ^ flip);
            }
        }

        var not = gate.Operation == BooleanOperation.Not ? ulong.MaxValue : 0;
        for (var i = 0; i < region.Length; i++)
        {
            region[i] &= combined[i] ^ not;
        }

        // Applied to the region itself rather than as a whole-column mask: the kernel skips words already empty,
        // so only events still in the boolean's result, and not already known finite, are tested.
        foreach (var dimension in _readDimensions ??= [.. store.Strategy.DimensionsRead(Id)])
        {
            store.Finite(dimension, region);
        }
    }
}
