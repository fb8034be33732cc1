using CytoViability.Core.Compensation;
using CytoViability.Core.Fcs;
using CytoViability.Core.Transforms;

namespace CytoViability.Core.Gating;

/// <summary>
/// A tree of gates with the transforms and compensation matrices they refer to by id: the one model that
/// Gating-ML documents and YAML templates both compile to. The constructor checks every reference (parents,
/// boolean operands, transforms, matrices; no cycles, unique population ids) so that <see cref="Evaluate(EventColumns, CompensationMatrix?)"/>
/// can only fail on the file (a missing channel).
/// </summary>
internal sealed class GatingStrategy
{
    private readonly Dictionary<string, ITransform> _transforms;
    private readonly Dictionary<string, RatioTransform> _ratios;
    private readonly Dictionary<string, CompensationMatrix> _matrices;
    private readonly Dictionary<string, Population> _populations = new(StringComparer.Ordinal);
    private readonly List<Population> _order = [];
    private readonly List<string> _populationIds = [];
    private HashSet<string>? _compensatedChannels;

    /// <summary>Builds and checks the strategy.</summary>
    public GatingStrategy(
        IEnumerable<Gate> gates,
        IReadOnlyDictionary<string, ITransform>? transforms = null,
        IReadOnlyDictionary<string, RatioTransform>? ratios = null,
        IReadOnlyDictionary<string, CompensationMatrix>? matrices = null)
    {
        ArgumentNullException.ThrowIfNull(gates);
        Gates = [.. gates];
        _transforms = transforms is null ? [] : new Dictionary<string, ITransform>(transforms, StringComparer.Ordinal);
        _ratios = ratios is null ? [] : new Dictionary<string, RatioTransform>(ratios, StringComparer.Ordinal);
        _matrices = matrices is null ? [] : new Dictionary<string, CompensationMatrix>(matrices, StringComparer.Ordinal);
        foreach (var gate in Gates)
        {
            AddPopulations(gate);
        }

        foreach (var population in _populations.Values)
        {
            CheckReferences(population);
        }

        Order();
    }

    /// <summary>The gates in the order given.</summary>
    public IReadOnlyList<Gate> Gates { get; }

    /// <summary>One-dimensional transforms by id.</summary>
    public IReadOnlyDictionary<string, ITransform> Transforms => _transforms;

    /// <summary>Ratio (fratio) dimensions by id.</summary>
    public IReadOnlyDictionary<string, RatioTransform> Ratios => _ratios;

    /// <summary>Compensation matrices by id.</summary>
    public IReadOnlyDictionary<string, CompensationMatrix> Matrices => _matrices;

    /// <summary>
    /// Every population id in gate order: each gate's id, except that a quadrant gate contributes its quadrants' ids.
    /// </summary>
    public IReadOnlyList<string> PopulationIds => _populationIds;

    /// <summary>Parent population of <paramref name="populationId"/> (null: all events).</summary>
    public string? ParentOf(string populationId) => Find(populationId).ParentId;

    /// <summary>The gate that defines <paramref name="populationId"/> (for a quadrant: its quadrant gate).</summary>
    public Gate GateOf(string populationId) => Find(populationId).Gate;

    /// <summary>
    /// Evaluates every population on the scale values of <paramref name="dataSet"/>. <see cref="CompensationReference.File"/>
    /// means <paramref name="spilloverOverride"/> when given, else the file's own spillover (read only if a gate uses it).
    /// </summary>
    public GatingResult Evaluate(FcsDataSet dataSet, SpilloverMatrix? spilloverOverride = null)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var spillover = spilloverOverride ?? (UsesFileSpillover ? dataSet.Spillover : null);
        return Evaluate(EventColumns.FromDataSet(dataSet), spillover is null ? null : CompensationMatrix.FromSpillover(spillover));
    }

    /// <summary>Channel names read under some compensation (directly or as a ratio's numerator or denominator).</summary>
    internal IReadOnlyCollection<string> CompensatedChannels => _compensatedChannels ??= FindCompensatedChannels();

    /// <summary>Whether some dimension is compensated with the file's own spillover.</summary>
    public bool UsesFileSpillover => Gates.Any(gate => gate.Dimensions.Any(dimension => dimension.Compensation.Source == CompensationSource.File));

    /// <summary>
    /// Evaluates every population on <paramref name="events"/>. <paramref name="fileSpillover"/> is what
    /// <see cref="CompensationReference.File"/> means for this file (null: the file has none, so such dimensions are
    /// uncompensated). Each dimension is computed once; membership of a population is gate AND parent.
    /// </summary>
    /// <param name="events">The events to gate.</param>
    /// <param name="fileSpillover">The file's spillover, if any.</param>
    /// <param name="gated">
    /// Populations already gated on these events by the same gates (the placement pass's earlier levels): their
    /// memberships are taken as they are, and only the other populations are gated.
    /// </param>
    public GatingResult Evaluate(EventColumns events, CompensationMatrix? fileSpillover = null, IReadOnlyDictionary<string, Bitset>? gated = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var store = new DimensionStore(this, events, fileSpillover);
        var count = events.EventCount;
        var memberships = new Dictionary<string, Bitset>(StringComparer.Ordinal);
        var toGate = new List<Population>(_order.Count);
        foreach (var population in _order)
        {
            if (gated is not null && gated.TryGetValue(population.Id, out var known))
            {
                if (known.Length != count)
                {
                    throw new ArgumentException("population '" + population.Id + "' was gated on " + known.Length + " events, not these " + count, nameof(gated));
                }

                memberships[population.Id] = known;
                continue;
            }

            memberships[population.Id] = new Bitset(count);
            toGate.Add(population);
        }

        // The whole tree one block of events at a time, so each block's values stay in cache from the first gate
        // that reads them to the last. A file without events still gets one (empty) block, so that a channel the
        // file lacks is reported whatever the event count.
        for (var first = 0; first == 0 || first < count; first += DimensionStore.BlockEvents)
        {
            var length = Math.Min(DimensionStore.BlockEvents, count - first);
            store.StartBlock(first, length);
            var firstWord = first >> 6;
            var words = Bitset.WordCount(length);
            foreach (var population in toGate)
            {
                var region = memberships[population.Id].Bits.AsSpan(firstWord, words);
                if (population.ParentId is { } parent)
                {
                    memberships[parent].Words.Slice(firstWord, words).CopyTo(region);
                }
                else
                {
                    region.Fill(ulong.MaxValue);
                    if ((length & 63) != 0)
                    {
                        region[^1] = (1UL << length) - 1;
                    }
                }

                population.Apply(store, memberships, region);
            }
        }

        return new GatingResult(this, store, memberships);
    }

    internal ITransform Transform(string id) =>
        _transforms.TryGetValue(id, out var transform) ? transform : throw new GateReferenceException("no transform '" + id + "' in the gating strategy");

    /// <summary>Every dimension <paramref name="populationId"/> reads, through boolean operands too.</summary>
    internal HashSet<GateDimension> DimensionsRead(string populationId)
    {
        var dimensions = new HashSet<GateDimension>();
        var pending = new Stack<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        pending.Push(populationId);
        while (pending.Count > 0)
        {
            var population = _populations[pending.Pop()];
            if (!seen.Add(population.Id))
            {
                continue;
            }

            if (population.Gate is BooleanGate boolean)
            {
                foreach (var operand in boolean.Operands)
                {
                    pending.Push(operand.PopulationId);
                }
            }
            else
            {
                dimensions.UnionWith(population.Dimensions());
            }
        }

        return dimensions;
    }

    internal RatioTransform Ratio(string id) =>
        _ratios.TryGetValue(id, out var ratio) ? ratio : throw new GateReferenceException("no ratio '" + id + "' in the gating strategy");

    internal CompensationMatrix Matrix(string id) =>
        _matrices.TryGetValue(id, out var matrix) ? matrix : throw new GateReferenceException("no compensation matrix '" + id + "' in the gating strategy");

    private HashSet<string> FindCompensatedChannels()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var dimension in Gates.SelectMany(gate => gate.Dimensions))
        {
            if (dimension.Compensation.Source == CompensationSource.Uncompensated)
            {
                continue;
            }

            if (dimension is ChannelDimension channel)
            {
                names.Add(channel.Channel);
            }
            else if (dimension is RatioDimension ratio && _ratios.TryGetValue(ratio.RatioId, out var definition))
            {
                names.Add(definition.Numerator);
                names.Add(definition.Denominator);
            }
        }

        return names;
    }

    private Population Find(string populationId) =>
        _populations.TryGetValue(populationId, out var population)
            ? population
            : throw new GateReferenceException("no population '" + populationId + "' in the gating strategy");

    private void AddPopulations(Gate gate)
    {
        if (string.IsNullOrEmpty(gate.Id))
        {
            throw new GateReferenceException("a " + gate.GetType().Name + " has no id");
        }

        if (gate is QuadrantGate quadrants)
        {
            CheckQuadrantGate(quadrants);
            foreach (var quadrant in quadrants.Quadrants)
            {
                Add(new Population(quadrant.Id, quadrants.ParentId, gate, quadrant));
            }
        }
        else
        {
            Add(new Population(gate.Id, gate.ParentId, gate, null));
        }
    }

    private void Add(Population population)
    {
        if (!_populations.TryAdd(population.Id, population))
        {
            throw new GateReferenceException("population id '" + population.Id + "' is used twice");
        }

        _populationIds.Add(population.Id);
    }

    private static void CheckQuadrantGate(QuadrantGate gate)
    {
        foreach (var divider in gate.Dividers)
        {
            for (var i = 1; i < divider.Values.Count; i++)
            {
                if (!(divider.Values[i] > divider.Values[i - 1]))
                {
                    throw new GateReferenceException("quadrant gate '" + gate.Id + "': divider '" + divider.Id + "' values must ascend");
                }
            }
        }

        foreach (var quadrant in gate.Quadrants)
        {
            foreach (var position in quadrant.Positions)
            {
                var divider = gate.Dividers.FirstOrDefault(d => d.Id == position.DividerId)
                    ?? throw new GateReferenceException("quadrant '" + quadrant.Id + "' refers to divider '" + position.DividerId + "', which gate '" + gate.Id + "' does not have");
                if (position.Interval < 0 || position.Interval > divider.Values.Count)
                {
                    throw new GateReferenceException("quadrant '" + quadrant.Id + "': interval " + position.Interval + " does not exist on divider '" + divider.Id + "'");
                }
            }
        }
    }

    private void CheckReferences(Population population)
    {
        var gate = population.Gate;
        if (population.ParentId is { } parent && !_populations.ContainsKey(parent))
        {
            throw new GateReferenceException("gate '" + gate.Id + "' has parent '" + parent + "', which is not a population of the strategy");
        }

        foreach (var dimension in gate.Dimensions)
        {
            CheckDimension(gate, dimension);
        }

        switch (gate)
        {
            case BooleanGate boolean:
                if (boolean.Operands.Count == 0 || (boolean.Operation == BooleanOperation.Not && boolean.Operands.Count != 1))
                {
                    throw new GateReferenceException("boolean gate '" + gate.Id + "': " + boolean.Operation.ToString().ToLowerInvariant() + " needs "
                        + (boolean.Operation == BooleanOperation.Not ? "exactly one operand" : "at least one operand"));
                }

                foreach (var operand in boolean.Operands)
                {
                    if (!_populations.ContainsKey(operand.PopulationId))
                    {
                        throw new GateReferenceException("boolean gate '" + gate.Id + "' refers to '" + operand.PopulationId + "', which is not a population of the strategy");
                    }
                }

                break;
            case PolygonGate polygon when polygon.Vertices.Count < 3:
                throw new GateReferenceException("polygon gate '" + gate.Id + "' needs at least 3 vertices, has " + polygon.Vertices.Count);
            case EllipsoidGate ellipsoid:
                CheckEllipsoid(ellipsoid);
                break;
            case RectangleGate rectangle when rectangle.Bounds.Count == 0:
                throw new GateReferenceException("rectangle gate '" + gate.Id + "' has no dimension");
        }
    }

    private static void CheckEllipsoid(EllipsoidGate gate)
    {
        var n = gate.Axes.Count;
        if (n == 0 || gate.Mean.Count != n || gate.Covariance.Count != n || gate.Covariance.Any(row => row.Count != n))
        {
            throw new GateReferenceException("ellipsoid gate '" + gate.Id + "': " + n + " dimensions need a mean of " + n + " and a " + n + "×" + n + " covariance matrix");
        }
    }

    private void CheckDimension(Gate gate, GateDimension dimension)
    {
        if (dimension.TransformId is { } transform && !_transforms.ContainsKey(transform))
        {
            throw new GateReferenceException("gate '" + gate.Id + "' uses transform '" + transform + "', which the strategy does not define");
        }

        if (dimension.Compensation.Source == CompensationSource.Matrix && !_matrices.ContainsKey(dimension.Compensation.MatrixId!))
        {
            throw new GateReferenceException("gate '" + gate.Id + "' uses compensation '" + dimension.Compensation.MatrixId + "', which the strategy does not define");
        }

        if (dimension is RatioDimension ratio && !_ratios.ContainsKey(ratio.RatioId))
        {
            throw new GateReferenceException("gate '" + gate.Id + "' uses ratio '" + ratio.RatioId + "', which the strategy does not define");
        }
    }

    /// <summary>Every parent and operand before its users (<see cref="GateTreeOrder"/>); rejects cycles and over-deep chains.</summary>
    private void Order()
    {
        var ordering = GateTreeOrder.Order(_populationIds, id => _populations[id].Dependencies, _populations.ContainsKey);
        if (ordering.Cycles.Count > 0)
        {
            var cycle = ordering.Cycles[0];
            throw new GateReferenceException("gates refer to each other in a cycle: " + string.Join(" → ", cycle) + " → " + cycle[0]);
        }

        if (ordering.TooDeep.Count > 0)
        {
            throw new GateReferenceException("population '" + ordering.TooDeep[0] + "' is nested deeper than " + GateTreeOrder.MaximumDepth + " levels (parents and boolean operands)");
        }

        foreach (var id in ordering.Order)
        {
            _order.Add(_populations[id]);
        }
    }
}
