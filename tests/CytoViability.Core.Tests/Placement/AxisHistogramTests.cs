using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

public sealed class AxisHistogramTests
{
    private static readonly Mixture LiveAndDead = new(new Component(0.6, 0.35, 0.05), new Component(0.4, 0.75, 0.06));

    [Fact]
    public void Events_fall_in_the_bin_of_their_value_and_outliers_are_counted_beside_the_bins()
    {
        var histogram = new AxisHistogram(0, 1, 4);

        histogram.Add([0.0, 0.1, 0.25, 0.49, 0.99, -0.01, 1.0, 7, double.NaN, double.PositiveInfinity, double.NegativeInfinity]);

        Assert.Equal([2L, 2, 0, 1], histogram.Counts.ToArray());
        Assert.Equal(1, histogram.Below);
        Assert.Equal(2, histogram.Above);
        Assert.Equal(3, histogram.NonFinite);
        Assert.Equal(5, histogram.InRange);
        Assert.Equal(8, histogram.Total);
        Assert.Equal(0.125, histogram.BinCenter(0));
        Assert.Equal(0.25, histogram.BinWidth);
    }

    [Fact]
    public void Codes_name_the_bin_or_the_side_each_value_is_counted_on()
    {
        double[] values = [0.0, 0.1, 0.25, 0.49, 0.99, -0.01, 1.0, 7, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        var codes = new ushort[values.Length];

        AxisHistogram.Code(0, 1, 4, values, codes);

        // Bins 0-3, then 4 below, 5 above, 6 not finite: the first example's events, one by one.
        Assert.Equal([0, 0, 1, 1, 3, 4, 5, 5, 6, 6, 6], codes.Select(c => (int)c));
    }

    [Theory]
    [InlineData(1, 10_000, 512)]
    [InlineData(5, 50_000, 1024)]
    [InlineData(7, 1_003, 1024)]
    [InlineData(3, 130, 512)]
    public void Counting_codes_for_a_population_equals_adding_its_every_kth_member_value(int stride, int events, int bins)
    {
        var random = new Random((stride * 7919) + events);
        var values = new double[events];
        for (var i = 0; i < events; i++)
        {
            values[i] = random.Next(10) switch
            {
                0 => double.NaN,
                1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                2 => -random.NextDouble(),
                3 => 1 + random.NextDouble(),
                4 => random.Next(3) switch { 0 => 0.0, 1 => 1.0, _ => Math.BitDecrement(1.0) },
                _ => random.NextDouble(),
            };
        }

        var membership = new ulong[(events + 63) / 64];
        for (var i = 0; i < events; i++)
        {
            // Runs of members, runs of others and mixed stretches, so dense, empty and mixed words all occur.
            if (((i / 300) % 3) switch { 0 => true, 1 => false, _ => random.Next(2) == 0 })
            {
                membership[i >> 6] |= 1UL << (i & 63);
            }
        }

        var counted = new double[((events - 1) / stride) + 1];
        for (var j = 0; j < counted.Length; j++)
        {
            counted[j] = values[j * stride];
        }

        var codes = new ushort[counted.Length];
        AxisHistogram.Code(0, 1, bins, counted, codes);
        var fromCodes = new AxisHistogram(0, 1, bins);
        fromCodes.AddCoded(codes, membership, stride);

        var oneByOne = new AxisHistogram(0, 1, bins);
        for (var i = 0; i < events; i += stride)
        {
            if ((membership[i >> 6] & (1UL << (i & 63))) != 0)
            {
                oneByOne.Add(values[i]);
            }
        }

        Assert.True(oneByOne.InRange > 0 && oneByOne.Below > 0 && oneByOne.Above > 0 && oneByOne.NonFinite > 0);
        Assert.Equal(oneByOne.Counts.ToArray(), fromCodes.Counts.ToArray());
        Assert.Equal((oneByOne.Below, oneByOne.Above, oneByOne.NonFinite, oneByOne.InRange), (fromCodes.Below, fromCodes.Above, fromCodes.NonFinite, fromCodes.InRange));
    }

    [Fact]
    public void Codes_of_another_binning_or_too_few_membership_bits_are_refused()
    {
        var histogram = new AxisHistogram(0, 1, 4);

        // 7 is "not finite" on 5 bins, past this histogram's slots.
        Assert.Throws<IndexOutOfRangeException>(() => histogram.AddCoded([7], [1UL], 1));
        Assert.Throws<ArgumentException>(() => histogram.AddCoded([0, 1], [ulong.MaxValue], 64));
        histogram.AddCoded([0, 1], [ulong.MaxValue], 63);
        Assert.Equal([1L, 1, 0, 0], histogram.Counts.ToArray());
    }

    [Fact]
    public void A_cleared_histogram_counts_a_new_sample_as_a_new_histogram_would()
    {
        var reused = new AxisHistogram(0, 1, 4);
        reused.Add([0.1, 0.3, 0.6, -5, 9, double.NaN, 0.9, 0.95]);

        reused.Clear();
        Assert.Equal([0L, 0, 0, 0], reused.Counts.ToArray());
        Assert.Equal((0L, 0L, 0L, 0L), (reused.Below, reused.Above, reused.NonFinite, reused.InRange));

        double[] sample = [0.0, 0.1, 0.25, 0.49, 0.99, -0.01, 1.0, double.NaN];
        reused.Add(sample);
        Assert.Equal([2L, 2, 0, 1], reused.Counts.ToArray());
        Assert.Equal((1L, 1L, 1L, 5L, 7L), (reused.Below, reused.Above, reused.NonFinite, reused.InRange, reused.Total));
        var fresh = new AxisHistogram(0, 1, 4);
        fresh.Add(sample);
        Assert.Equal(fresh.Quantile(0.5), reused.Quantile(0.5));
    }

    [Fact]
    public void One_event_at_a_time_counts_the_same_as_a_whole_column()
    {
        var values = LiveAndDead.Sample(10_000, 1);
        values[17] = double.NaN;
        values[99] = -3;
        var column = Mixture.Of(values);
        var oneByOne = new AxisHistogram(0, 1, Mixture.Bins);
        foreach (var value in values)
        {
            oneByOne.Add(value);
        }

        Assert.Equal(column.Counts.ToArray(), oneByOne.Counts.ToArray());
        Assert.Equal((column.Below, column.Above, column.NonFinite), (oneByOne.Below, oneByOne.Above, oneByOne.NonFinite));
    }

    [Fact]
    public void Two_halves_merged_in_either_order_equal_the_whole_run()
    {
        var values = LiveAndDead.Sample(20_001, 3);
        values[10] = double.NegativeInfinity;
        values[20_000] = 1.5;
        var whole = Mixture.Of(values);
        var first = Mixture.Of(values.AsSpan(0, 7_000));
        var second = Mixture.Of(values.AsSpan(7_000));

        var firstThenSecond = new AxisHistogram(0, 1, Mixture.Bins);
        firstThenSecond.Merge(first);
        firstThenSecond.Merge(second);
        var secondThenFirst = Mixture.Of(values.AsSpan(7_000));
        secondThenFirst.Merge(first);

        foreach (var merged in new[] { firstThenSecond, secondThenFirst })
        {
            Assert.Equal(whole.Counts.ToArray(), merged.Counts.ToArray());
            Assert.Equal((whole.Below, whole.Above, whole.NonFinite, whole.InRange), (merged.Below, merged.Above, merged.NonFinite, merged.InRange));
        }
    }

    [Theory]
    [InlineData(1, 1, 10)]
    [InlineData(1, 0, 10)]
    [InlineData(0, double.PositiveInfinity, 10)]
    [InlineData(double.NaN, 1, 10)]
    public void An_axis_without_a_finite_width_is_refused(double minimum, double maximum, int bins)
    {
        Assert.Throws<ArgumentException>(() => new AxisHistogram(minimum, maximum, bins));
    }

    [Fact]
    public void An_axis_without_bins_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AxisHistogram(0, 1, 0));
    }

    [Fact]
    public void Histograms_binned_differently_cannot_be_pooled()
    {
        var histogram = new AxisHistogram(0, 1, 1024);

        Assert.Throws<ArgumentException>(() => histogram.Merge(new AxisHistogram(0, 1, 512)));
        Assert.Throws<ArgumentException>(() => histogram.Merge(new AxisHistogram(-0.1, 1, 1024)));
        Assert.Throws<ArgumentException>(() => histogram.Merge(new AxisHistogram(0, 1.2, 1024)));
    }

    [Theory]
    [InlineData(0.005)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.995)]
    public void A_quantile_lies_within_one_bin_of_the_exact_sample_percentile(double q)
    {
        var values = LiveAndDead.Sample(30_000, 4);

        var quantile = Mixture.Of(values).Quantile(q);

        Assert.InRange(quantile, TypeSevenPercentile(values, q) - Mixture.BinWidth, TypeSevenPercentile(values, q) + Mixture.BinWidth);
    }

    [Fact]
    public void A_quantile_among_events_beyond_the_range_has_no_position_on_the_axis()
    {
        var histogram = new AxisHistogram(0, 1, 10);
        histogram.Add([-5, -4, 0.55, 0.55, 3]);

        Assert.Equal(double.NegativeInfinity, histogram.Quantile(0.3));
        Assert.Equal(0.55, histogram.Quantile(0.6), 12);
        Assert.Equal(double.PositiveInfinity, histogram.Quantile(0.9));
        Assert.True(double.IsNaN(new AxisHistogram(0, 1, 10).Quantile(0.5)));
    }

    /// <summary>Hyndman–Fan type 7 (R's and numpy's default) on the sorted raw values.</summary>
    internal static double TypeSevenPercentile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var h = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }
}
