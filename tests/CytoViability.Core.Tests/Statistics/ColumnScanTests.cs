using System.Numerics;
using CytoViability.Core.Statistics;

namespace CytoViability.Core.Tests.Statistics;

public sealed class ColumnScanTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(1_000)]
    [InlineData(100_003)]
    public void Min_max_and_counts_of_a_channel_are_those_of_a_plain_loop_for_every_length(int length)
    {
        var column = CompensatedLookingChannel(length, seed: length, nonFiniteEvery: 37);

        var extent = ColumnScan.Scan(column);

        var (finite, nonFinite, min, max) = PlainLoop(column);
        Assert.Equal(finite, extent.FiniteCount);
        Assert.Equal(nonFinite, extent.NonFiniteCount);
        Assert.Equal(finite == 0 ? double.NaN : min, extent.Minimum);
        Assert.Equal(finite == 0 ? double.NaN : max, extent.Maximum);
    }

    [Fact]
    public void The_sum_of_a_million_events_is_within_a_few_units_in_the_last_place_of_the_exact_sum()
    {
        var column = CompensatedLookingChannel(1_000_003, seed: 11, nonFiniteEvery: 0);

        var extent = ColumnScan.Scan(column);

        var exact = ExactSum(column);
        Assert.True(Math.Abs(extent.Sum - exact) <= 4 * (Math.BitIncrement(Math.Abs(exact)) - Math.Abs(exact)),
            $"sum {extent.Sum:R} against exact {exact:R}");
    }

    [Fact]
    public void Large_values_that_cancel_do_not_swallow_small_ones()
    {
        // Each 1e30 swallows the small events added after it in a plain double sum; the compensation keeps them.
        // Whole vectors of one value, so the cancelling happens inside every lane as well as between lanes.
        var column = new float[4_096];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = (i / 8 % 4) switch { 0 => 1e30f, 1 => 0.5f, 2 => -1e30f, _ => 0.25f };
        }

        var extent = ColumnScan.Scan(column);

        Assert.Equal(column.Length / 4 * 0.75, extent.Sum);
    }

    [Fact]
    public void A_channel_of_only_nan_and_infinity_has_no_extent_and_counts_every_event()
    {
        float[] column = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN];

        var extent = ColumnScan.Scan(column);

        Assert.Equal(0, extent.FiniteCount);
        Assert.Equal(10, extent.NonFiniteCount);
        Assert.True(double.IsNaN(extent.Minimum) && double.IsNaN(extent.Maximum) && double.IsNaN(extent.Mean));
    }

    [Fact]
    public void Saturated_events_are_the_maximum_and_a_nan_event_is_counted_not_averaged()
    {
        var column = new float[64];
        column[5] = 262143f;
        column[6] = -0f;
        column[40] = -118.5f;
        column[41] = float.NaN;

        var extent = ColumnScan.Scan(column);

        Assert.Equal(262143.0, extent.Maximum);
        Assert.Equal(-118.5, extent.Minimum);
        Assert.Equal(63, extent.FiniteCount);
        Assert.Equal(1, extent.NonFiniteCount);
        Assert.Equal((262143.0 - 118.5) / 63, extent.Mean);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(4_099)]
    public void A_channel_fed_in_slices_has_bit_for_bit_the_extent_of_one_scan(int longestSlice)
    {
        var column = CompensatedLookingChannel(50_021, seed: longestSlice, nonFiniteEvery: 29);
        var random = new Random(longestSlice);
        var scanner = new ColumnScanner();

        for (var at = 0; at < column.Length;)
        {
            var length = Math.Min(random.Next(longestSlice + 1), column.Length - at);
            scanner.Add(column.AsSpan(at, length));
            at += length;
        }

        var whole = ColumnScan.Scan(column);
        var sliced = scanner.Extent();
        Assert.Equal(column.Length, scanner.Count);
        Assert.Equal((whole.FiniteCount, whole.NonFiniteCount), (sliced.FiniteCount, sliced.NonFiniteCount));
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Minimum), BitConverter.DoubleToInt64Bits(sliced.Minimum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Maximum), BitConverter.DoubleToInt64Bits(sliced.Maximum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Sum), BitConverter.DoubleToInt64Bits(sliced.Sum));
    }

    private static float[] CompensatedLookingChannel(int length, int seed, int nonFiniteEvery)
    {
        var random = new Random(seed);
        var column = new float[length];
        for (var i = 0; i < length; i++)
        {
            column[i] = (float)(Math.Exp(6 + (2 * random.NextDouble())) - 300);
            if (nonFiniteEvery > 0 && i % nonFiniteEvery == 3)
            {
                column[i] = (i / nonFiniteEvery % 3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
            }
        }

        return column;
    }

    private static (long Finite, long NonFinite, double Min, double Max) PlainLoop(float[] column)
    {
        long finite = 0, nonFinite = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in column)
        {
            if (!float.IsFinite(value))
            {
                nonFinite++;
                continue;
            }

            finite++;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return (finite, nonFinite, min, max);
    }

    /// <summary>Every finite float is an integer multiple of 2^-149, so the sum is exact as a BigInteger of those units.</summary>
    private static double ExactSum(float[] column)
    {
        var units = BigInteger.Zero;
        foreach (var value in column)
        {
            var bits = BitConverter.SingleToInt32Bits(value);
            var exponent = (bits >> 23) & 0xFF;
            var mantissa = bits & 0x7FFFFF;
            var significand = exponent == 0 ? mantissa : mantissa | 0x800000;
            var shift = Math.Max(exponent, 1) - 1;
            var magnitude = new BigInteger(significand) << shift;
            units += bits < 0 ? -magnitude : magnitude;
        }

        var scale = (int)Math.Max(0, (long)units.GetBitLength() - 60);
        return Math.ScaleB((double)(units >> scale), scale - 149);
    }
}
