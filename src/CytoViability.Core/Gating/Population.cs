using System.Buffers;

namespace CytoViability.Core.Gating;

/// <summary>
/// One population of a strategy: a gate, or one quadrant of a quadrant gate. Knows what it depends on and how to
/// cut its parent's events down to its own.
/// </summary>
internal sealed class Population
{
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
    public IEnumerable<string> Dependencies()
    {
        if (ParentId is { } parent)
        {
            yield return parent;
        }

        if (Gate is BooleanGate boolean)
        {
            foreach (var operand in boolean.Operands)
            {
                yield return operand.PopulationId;
            }
        }
    }

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

    /// <summary>Clears from <paramref name="region"/> (the parent's events) every event outside this population's gate.</summary>
    public void Apply(DimensionStore store, IReadOnlyDictionary<string, Bitset> memberships, Bitset region)
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
            foreach (var dimension in Dimensions())
            {
                store.KeptFinite(dimension, region);
            }
        }
    }

    private static void ApplyPolygon(PolygonGate gate, DimensionStore store, Bitset region)
    {
        if (!store.NeedsTransform(gate.X) && !store.NeedsTransform(gate.Y))
        {
            GateKernels.Polygon(store.Values(gate.X), store.Values(gate.Y), gate.Vertices, region);
            return;
        }

        // An axis still to be transformed is transformed for the parent's events only, gathered into buffers that
        // live for this call alone.
        var count = region.Count();
        var xs = ArrayPool<double>.Shared.Rent(count);
        var ys = ArrayPool<double>.Shared.Rent(count);
        try
        {
            store.Gather(gate.X, region, xs.AsSpan(0, count));
            store.Gather(gate.Y, region, ys.AsSpan(0, count));
            GateKernels.PolygonOnMembers(xs.AsSpan(0, count), ys.AsSpan(0, count), gate.Vertices, region);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(xs);
            ArrayPool<double>.Shared.Return(ys);
        }
    }

    private void ApplyQuadrant(QuadrantGate gate, DimensionStore store, Bitset region)
    {
        // region still holds the parent's events here, so the dividers' split can be shared by all quadrants.
        var intervals = new Bitset[gate.Dividers.Count];
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
            region.AndWith(interval);
        }
    }

    private static void ApplyEllipsoid(EllipsoidGate gate, DimensionStore store, Bitset region)
    {
        var n = gate.Axes.Count;
        var columns = new double[n][];
        var mean = new double[n];
        var covariance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            columns[i] = store.Values(gate.Axes[i]);
            mean[i] = gate.Mean[i];
            for (var j = 0; j < n; j++)
            {
                covariance[i, j] = gate.Covariance[i][j];
            }
        }

        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(covariance);
        if (matrix.Determinant() == 0)
        {
            throw new GateReferenceException("ellipsoid gate '" + gate.Id + "' has a singular covariance matrix");
        }

        GateKernels.Ellipsoid(columns, mean, matrix.Inverse().ToArray(), gate.DistanceSquare, region);
    }

    private void ApplyBoolean(BooleanGate gate, DimensionStore store, IReadOnlyDictionary<string, Bitset> memberships, Bitset region)
    {
        Bitset combined;
        if (gate.Operation == BooleanOperation.Or)
        {
            combined = new Bitset(region.Length);
            foreach (var operand in gate.Operands)
            {
                combined.OrWith(Operand(operand, memberships));
            }
        }
        else
        {
            combined = Bitset.All(region.Length);
            foreach (var operand in gate.Operands)
            {
                combined.AndWith(Operand(operand, memberships));
            }

            if (gate.Operation == BooleanOperation.Not)
            {
                combined = combined.Not();
            }
        }

        region.AndWith(combined);

        // Applied to the region itself rather than as a whole-column mask: the kernel skips words already empty,
        // so only events still in the boolean's result, and not already known finite, are tested.
        foreach (var dimension in store.Strategy.DimensionsRead(Id))
        {
            store.Finite(dimension, region);
        }
    }

    private static Bitset Operand(GateReference operand, IReadOnlyDictionary<string, Bitset> memberships) =>
        operand.Complement ? memberships[operand.PopulationId].Not() : memberships[operand.PopulationId];
}
