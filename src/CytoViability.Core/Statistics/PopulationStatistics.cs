using System.Numerics;

namespace CytoViability.Core.Statistics;

/// <summary>Counts of gated populations from membership bitsets (one bit per event, 64 events per word).</summary>
internal static class PopulationStatistics
{
    /// <summary>Number of member events among the first <paramref name="eventCount"/> events.</summary>
    public static long Count(ReadOnlySpan<ulong> membership, int eventCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        var fullWords = Math.Min(eventCount >> 6, membership.Length);
        long count = 0;
        for (var i = 0; i < fullWords; i++)
        {
            count += BitOperations.PopCount(membership[i]);
        }

        var tailBits = eventCount & 63;
        if (tailBits != 0 && fullWords < membership.Length)
        {
            // Bits past the last event are always clear (Bitset keeps them so); masking them keeps a caller's words safe too.
            count += BitOperations.PopCount(membership[fullWords] & ((1UL << tailBits) - 1));
        }

        return count;
    }

    /// <summary>Count, parent count and sample total of a population; a root population passes no parent.</summary>
    public static PopulationCounts Compute(ReadOnlySpan<ulong> population, ReadOnlySpan<ulong> parent, int eventCount)
        => new(Count(population, eventCount), Count(parent, eventCount), eventCount);

    /// <summary>Counts of a population whose parent is the whole sample.</summary>
    public static PopulationCounts Compute(ReadOnlySpan<ulong> population, int eventCount)
        => new(Count(population, eventCount), eventCount, eventCount);
}
