namespace CytoViability.Core.Gating;

/// <summary>
/// What a strategy found in one file: membership of every population (gate AND ancestors), and the file's dimension
/// values (compensated, then transformed) for statistics and plots, computed whole on request by its store.
/// </summary>
internal sealed class GatingResult
{
    private readonly DimensionStore _store;
    private readonly Dictionary<string, Bitset> _memberships;

    internal GatingResult(GatingStrategy strategy, DimensionStore store, Dictionary<string, Bitset> memberships)
    {
        Strategy = strategy;
        _store = store;
        _memberships = memberships;
    }

    /// <summary>The strategy evaluated.</summary>
    public GatingStrategy Strategy { get; }

    /// <summary>Number of events in the file.</summary>
    public int EventCount => _store.Events.EventCount;

    /// <summary>The events of population <paramref name="populationId"/>; do not modify the returned set.</summary>
    public Bitset Membership(string populationId) =>
        _memberships.TryGetValue(populationId, out var membership)
            ? membership
            : throw new GateReferenceException("no population '" + populationId + "' in the gating strategy");

    /// <summary>Number of events in population <paramref name="populationId"/>.</summary>
    public int Count(string populationId) => Membership(populationId).Count();

    /// <summary>
    /// Values of <paramref name="dimension"/> for every event (compensated, then transformed), computed once on the
    /// first request; gating's compensated values and ratios are the same columns, and its scale values are reused
    /// where the store kept them whole (files of at most <see cref="DimensionStore.WholeColumnEvents"/> events). Do
    /// not modify the returned array.
    /// </summary>
    public double[] Values(GateDimension dimension) => _store.Values(dimension);
}
