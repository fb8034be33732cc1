using CytoViability.Core.Placement;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// The pooled placement histograms of a set of samples, per computed coordinate: one per group and one over the
/// whole run. Counts are integers, so the sums of any split of the samples (shards) add up to exactly the sums of the
/// whole run, and the positions computed from them are the same bit for bit.
/// </summary>
internal sealed class PlacementSums
{
    private readonly Dictionary<string, Pool> _pools = new(StringComparer.Ordinal);

    private PlacementSums()
    {
    }

    /// <summary>Pools by coordinate key, for every computed coordinate of the plan.</summary>
    public IReadOnlyDictionary<string, Pool> Pools => _pools;

    /// <summary>Sums of no sample: empty histograms on every computed coordinate's axis, no group.</summary>
    public static PlacementSums Empty(PlacementPlan plan)
    {
        var sums = new PlacementSums();
        foreach (var coordinate in plan.Coordinates)
        {
            if (coordinate.Computed is not null)
            {
                sums._pools[coordinate.Key] = new Pool(plan.Axes.Histogram(coordinate.Channel), new SortedDictionary<string, AxisHistogram>(StringComparer.Ordinal));
            }
        }

        return sums;
    }

    /// <summary>Adds another set of samples' sums (the same plan) to these.</summary>
    public void Merge(PlacementSums other)
    {
        foreach (var (key, theirs) in other._pools)
        {
            if (!_pools.TryGetValue(key, out var pool))
            {
                throw new ArgumentException("placement sums of another template: coordinate '" + key + "' is not in this run", nameof(other));
            }

            pool.Run.Merge(theirs.Run);
            foreach (var (group, histogram) in theirs.Groups)
            {
                if (pool.Groups.TryGetValue(group, out var sum))
                {
                    sum.Merge(histogram);
                }
                else
                {
                    var copy = AxisHistogram.Restore(histogram.Minimum, histogram.Maximum, histogram.Counts, histogram.Below, histogram.Above, histogram.NonFinite);
                    pool.Groups[group] = copy;
                }
            }
        }
    }

    /// <summary>Puts a pool read back from a shard's summary in place (<see cref="Sharding.ShardBinary"/>).</summary>
    internal void Set(string key, Pool pool)
    {
        if (!_pools.TryGetValue(key, out var existing) || !existing.Run.SameBinning(pool.Run))
        {
            throw new InvalidDataException("placement summary of coordinate '" + key + "' does not fit this template");
        }

        _pools[key] = pool;
    }

    /// <summary>One coordinate's sums: over the whole run (control samples only for a control method) and per group.</summary>
    internal sealed record Pool(AxisHistogram Run, SortedDictionary<string, AxisHistogram> Groups);
}
