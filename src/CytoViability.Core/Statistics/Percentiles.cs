using System.Buffers;

namespace CytoViability.Core.Statistics;

/// <summary>
/// Percentiles by linear interpolation between order statistics (Hyndman and Fan type 7, the convention of
/// numpy's default, R's default and Excel's PERCENTILE.INC): for n sorted values x₀…xₙ₋₁ and fraction p,
/// h = (n − 1)·p and P = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). The median is P(0.5).
/// The order statistics come from a radix selection rather than a sort: one counting pass over the top 16 bits
/// of each value's order-preserving integer key finds the few buckets that hold the wanted ranks, a second
/// pass collects those buckets, and only they are sorted. That keeps a 50,000-event population near two
/// linear passes, where a comparison sort or quickselect pays for a branch misprediction per comparison.
/// </summary>
internal static class Percentiles
{
    /// <summary>Robust CV's lower percentile: the normal distribution's mean − 1 SD.</summary>
    public const double LowerSigma = 0.1587;

    /// <summary>Robust CV's upper percentile: the normal distribution's mean + 1 SD.</summary>
    public const double UpperSigma = 0.8413;

    private const int BucketBits = 16;
    private const int BucketCount = 1 << BucketBits;

    /// <summary>Type-7 percentile of finite <paramref name="values"/>; NaN when there are none.</summary>
    public static double Compute(ReadOnlySpan<float> values, double fraction)
    {
        if (fraction is < 0 or > 1 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a percentile fraction lies in [0, 1]");
        }

        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var (rank, weight) = Rank(values.Length - 1, fraction);
        Span<int> ranks = [rank, Math.Min(rank + 1, values.Length - 1)];
        Span<float> found = stackalloc float[2];
        OrderStatistics(values, ranks, found);
        return Interpolate(found[0], found[1], weight);
    }

    /// <summary>P15.87, the median and P84.13 of finite values in one selection; NaN for all three when empty.</summary>
    public static (double Lower, double Median, double Upper) RobustSpread(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        var last = values.Length - 1;
        var (lowerRank, lowerWeight) = Rank(last, LowerSigma);
        var (middleRank, middleWeight) = Rank(last, 0.5);
        var (upperRank, upperWeight) = Rank(last, UpperSigma);
        Span<int> ranks =
        [
            lowerRank, Math.Min(lowerRank + 1, last),
            middleRank, Math.Min(middleRank + 1, last),
            upperRank, Math.Min(upperRank + 1, last),
        ];
        Span<float> found = stackalloc float[6];
        OrderStatistics(values, ranks, found);
        return (
            Interpolate(found[0], found[1], lowerWeight),
            Interpolate(found[2], found[3], middleWeight),
            Interpolate(found[4], found[5], upperWeight));
    }

    /// <summary>
    /// Writes the <paramref name="ranks"/>-th smallest values (0-based, ascending order of rank not required)
    /// of finite <paramref name="values"/> into <paramref name="results"/>; the input is not modified.
    /// </summary>
    internal static void OrderStatistics(ReadOnlySpan<float> values, ReadOnlySpan<int> ranks, Span<float> results)
    {
        var counts = ArrayPool<int>.Shared.Rent(BucketCount);
        try
        {
            var histogram = counts.AsSpan(0, BucketCount);
            histogram.Clear();
            foreach (var value in values)
            {
                histogram[(int)(SortableKey(value) >> (32 - BucketBits))]++;
            }

            // Walk the histogram once, meeting the wanted ranks in ascending order, to find each rank's bucket
            // and the rank of that bucket's first value.
            Span<int> order = stackalloc int[ranks.Length];
            for (var r = 0; r < ranks.Length; r++)
            {
                var at = r;
                while (at > 0 && ranks[order[at - 1]] > ranks[r])
                {
                    order[at] = order[at - 1];
                    at--;
                }

                order[at] = r;
            }

            Span<int> rankBucket = stackalloc int[ranks.Length];
            Span<int> bucketFirstRank = stackalloc int[ranks.Length];
            var before = 0;
            var current = 0;
            foreach (var r in order)
            {
                while (before + histogram[current] <= ranks[r])
                {
                    before += histogram[current];
                    current++;
                }

                rankBucket[r] = current;
                bucketFirstRank[r] = before;
            }

            // Give each distinct wanted bucket a segment of one buffer, then reuse the histogram as a
            // bucket → segment map (0 = not wanted) for the collecting pass.
            Span<int> segmentBucket = stackalloc int[ranks.Length];
            Span<int> segmentStart = stackalloc int[ranks.Length + 1];
            var segments = 0;
            var collected = 0;
            foreach (var bucket in rankBucket)
            {
                if (segmentBucket[..segments].Contains(bucket))
                {
                    continue;
                }

                segmentBucket[segments] = bucket;
                segmentStart[segments] = collected;
                collected += histogram[bucket];
                segments++;
            }

            segmentStart[segments] = collected;
            histogram.Clear();
            for (var s = 0; s < segments; s++)
            {
                histogram[segmentBucket[s]] = s + 1;
            }

            var buffer = ArrayPool<float>.Shared.Rent(collected);
            try
            {
                Span<int> fill = stackalloc int[segments];
                segmentStart[..segments].CopyTo(fill);
                foreach (var value in values)
                {
                    var segment = histogram[(int)(SortableKey(value) >> (32 - BucketBits))];
                    if (segment != 0)
                    {
                        buffer[fill[segment - 1]++] = value;
                    }
                }

                for (var s = 0; s < segments; s++)
                {
                    buffer.AsSpan(segmentStart[s], segmentStart[s + 1] - segmentStart[s]).Sort();
                }

                for (var r = 0; r < ranks.Length; r++)
                {
                    var segment = segmentBucket[..segments].IndexOf(rankBucket[r]);
                    results[r] = buffer[segmentStart[segment] + (ranks[r] - bucketFirstRank[r])];
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>
    /// An unsigned key that orders like the float: positive values get the sign bit set, negative values have
    /// every bit flipped so that larger magnitudes sort lower.
    /// </summary>
    private static uint SortableKey(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var flip = (uint)((int)bits >> 31) | 0x8000_0000u;
        return bits ^ flip;
    }

    private static (int Rank, double Weight) Rank(int last, double fraction)
    {
        var h = last * fraction;
        var rank = (int)Math.Floor(h);
        return (rank, h - rank);
    }

    private static double Interpolate(float lower, float upper, double weight)
        => weight == 0 ? lower : lower + (weight * ((double)upper - lower));
}
