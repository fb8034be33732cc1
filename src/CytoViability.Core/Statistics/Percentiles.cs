namespace CytoViability.Core.Statistics;

/// <summary>
/// Percentiles by linear interpolation between order statistics (Hyndman and Fan type 7, the convention of
/// numpy's default, R's default and Excel's PERCENTILE.INC): for n sorted values x₀…xₙ₋₁ and fraction p,
/// h = (n − 1)·p and P = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). The median is P(0.5).
/// Selection rather than a full sort keeps a population of 50,000 events linear in time.
/// </summary>
internal static class Percentiles
{
    /// <summary>Robust CV's lower percentile: the normal distribution's mean − 1 SD.</summary>
    public const double LowerSigma = 0.1587;

    /// <summary>Robust CV's upper percentile: the normal distribution's mean + 1 SD.</summary>
    public const double UpperSigma = 0.8413;

    /// <summary>Type-7 percentile of <paramref name="values"/>; reorders the span. NaN when it is empty.</summary>
    public static double Compute(Span<float> values, double fraction)
    {
        if (fraction is < 0 or > 1 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a percentile fraction lies in [0, 1]");
        }

        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var h = (values.Length - 1) * fraction;
        var lowerRank = (int)Math.Floor(h);
        var weight = h - lowerRank;
        var lower = (double)Select(values, lowerRank);
        if (weight == 0 || lowerRank + 1 >= values.Length)
        {
            return lower;
        }

        // After selection everything right of lowerRank is ≥ it, so the next order statistic is their minimum.
        var upper = float.PositiveInfinity;
        foreach (var value in values[(lowerRank + 1)..])
        {
            if (value < upper)
            {
                upper = value;
            }
        }

        return lower + (weight * (upper - lower));
    }

    /// <summary>
    /// Puts the k-th smallest value at index k, smaller-or-equal values left and greater-or-equal right
    /// (Hoare partition with a median-of-three pivot; falls back to sorting the remaining range if the
    /// partitions keep coming out lopsided, so adversarial input cannot make it quadratic).
    /// </summary>
    internal static float Select(Span<float> values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        var budget = 2 * (64 - ulong.LeadingZeroCount((ulong)values.Length));
        while (right > left)
        {
            if (budget-- == 0)
            {
                values[left..(right + 1)].Sort();
                return values[k];
            }

            var middle = left + ((right - left) >> 1);
            OrderPair(values, left, middle);
            OrderPair(values, left, right);
            OrderPair(values, middle, right);
            var pivot = values[middle];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static void OrderPair(Span<float> values, int a, int b)
    {
        if (values[b] < values[a])
        {
            (values[a], values[b]) = (values[b], values[a]);
        }
    }
}
