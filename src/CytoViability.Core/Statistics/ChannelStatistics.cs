using System.Buffers;
using System.Numerics;

namespace CytoViability.Core.Statistics;

/// <summary>Channel statistics (mfi.csv) over the member events of a population.</summary>
internal static class ChannelStatistics
{
    /// <summary>Events whose display values are computed at once: 2 KiB on the stack.</summary>
    private const int DisplayChunk = 256;

    /// <summary>
    /// Statistics of <paramref name="values"/> (one channel, one value per event, already compensated) over the
    /// events whose bit is set in <paramref name="membership"/>. Non-finite values (NaN, ±∞) are not events of a
    /// distribution and are skipped. <paramref name="display"/> is the channel's template transform, or null.
    /// </summary>
    public static ChannelSummary Compute(ReadOnlySpan<float> values, ReadOnlySpan<ulong> membership, IDisplayTransform? display)
        => Members(values, membership, display);

    /// <summary>
    /// The same statistics read straight from the compensated float64 column gating hands out (no copy of the
    /// column): each member value is narrowed to float as it is gathered, so the result equals
    /// <see cref="Compute(ReadOnlySpan{float}, ReadOnlySpan{ulong}, IDisplayTransform?)"/> on the narrowed column.
    /// Gating keeps float64 for its bounds (see <see cref="Compensation.CompensationTerms"/>); the statistics are
    /// defined on float, the FACSCanto's own precision.
    /// </summary>
    public static ChannelSummary Compute(ReadOnlySpan<double> values, ReadOnlySpan<ulong> membership, IDisplayTransform? display)
        => Members(values, membership, display);

    /// <summary>Gathers the finite member values, as float, into a pooled buffer and summarises them.</summary>
    private static ChannelSummary Members<T>(ReadOnlySpan<T> values, ReadOnlySpan<ulong> membership, IDisplayTransform? display)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var capacity = (int)Math.Min(values.Length, PopulationStatistics.Count(membership, values.Length));
        var rented = ArrayPool<float>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            var count = 0;
            var words = Math.Min(membership.Length, (values.Length + 63) >> 6);
            for (var w = 0; w < words; w++)
            {
                var bits = membership[w];
                while (bits != 0)
                {
                    var index = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    if (index >= values.Length)
                    {
                        break;
                    }

                    var value = float.CreateTruncating(values[index]);
                    if (float.IsFinite(value))
                    {
                        rented[count++] = value;
                    }
                }
            }

            return Summarise(rented.AsSpan(0, count), display);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Statistics over every event of the channel.</summary>
    public static ChannelSummary Compute(ReadOnlySpan<float> values, IDisplayTransform? display)
    {
        var rented = ArrayPool<float>.Shared.Rent(Math.Max(values.Length, 1));
        try
        {
            var count = 0;
            foreach (var value in values)
            {
                if (float.IsFinite(value))
                {
                    rented[count++] = value;
                }
            }

            return Summarise(rented.AsSpan(0, count), display);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Statistics of a set of finite values.</summary>
    internal static ChannelSummary Summarise(ReadOnlySpan<float> events, IDisplayTransform? display)
    {
        var n = events.Length;
        if (n == 0)
        {
            return new ChannelSummary(0, double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0;
        double transformedSum = 0;
        var logs = new LogSum();
        // The display values come a chunk at a time from the transform's column version, then are summed in event
        // order as before; one call per event cost more than the sums.
        Span<double> displayed = stackalloc double[DisplayChunk];
        for (var start = 0; start < n; start += DisplayChunk)
        {
            var part = events.Slice(start, Math.Min(DisplayChunk, n - start));
            var shown = displayed[..part.Length];
            if (display is not null)
            {
                for (var i = 0; i < part.Length; i++)
                {
                    shown[i] = part[i];
                }

                display.Forward(shown, shown);
            }

            for (var i = 0; i < part.Length; i++)
            {
                var value = part[i];
                sum += value;
                if (value > 0)
                {
                    logs.Add(value);
                }

                if (display is not null)
                {
                    transformedSum += shown[i];
                }
            }
        }

        var mean = sum / n;
        double squares = 0;
        foreach (var value in events)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        var sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
        var cv = mean == 0 ? double.NaN : 100.0 * sd / mean;
        var positives = logs.Count;
        var geometricMean = positives == 0 ? double.NaN : Math.Exp(logs.Total() / positives);
        var displayMean = display is null ? double.NaN : display.Inverse(transformedSum / n);

        var (lower, median, upper) = Percentiles.RobustSpread(events);
        var robustCv = median == 0 ? double.NaN : 100.0 * 0.5 * (upper - lower) / median;

        return new ChannelSummary(n, mean, median, geometricMean, n - positives, displayMean, cv, robustCv);
    }
}
