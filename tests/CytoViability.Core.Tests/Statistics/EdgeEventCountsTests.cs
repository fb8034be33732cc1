using CytoViability.Core.Statistics;

namespace CytoViability.Core.Tests.Statistics;

public sealed class EdgeEventCountsTests
{
    [Fact]
    public void A_floor_spread_over_every_lane_and_the_tail_is_counted_once_per_event()
    {
        // 1,003 events: not a multiple of eight, so the last three go through the scalar rule after the lanes.
        var values = new float[1003];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 100 + (i % 50);
        }

        // The floor −5 at events in five different lanes and in the tail; −0 and +0 above it; saturated events at
        // $PnR − 1 and above; NaN and ±∞ are no events at all (−∞ is below the floor but not finite).
        foreach (var floor in new[] { 3, 12, 17, 501, 998, 1002 })
        {
            values[floor] = -5;
        }

        values[40] = -0f;
        values[41] = 0f;
        values[7] = 262143;
        values[8] = 262143.5f;
        values[1001] = 300000;
        values[9] = float.NaN;
        values[10] = float.PositiveInfinity;
        values[11] = float.NegativeInfinity;
        values[1000] = float.NaN;

        var edges = EdgeEventCounts.Compute(values, range: 262144);

        Assert.Equal(1003 - 4, edges.EventCount);
        Assert.Equal(3, edges.AtMaximum);
        Assert.Equal(6, edges.AtMinimum);
    }

    [Fact]
    public void A_minimum_first_met_late_in_one_lane_resets_that_lane_s_count()
    {
        // Lane 0 sees 1 four times before 0 appears at event 64; the other lanes never go below 2.
        var values = new float[80];
        Array.Fill(values, 2f);
        values[0] = values[8] = values[16] = values[24] = 1;
        values[64] = 0;
        values[71] = 0;

        var edges = EdgeEventCounts.Compute(values, range: 1024);

        Assert.Equal(80, edges.EventCount);
        Assert.Equal(0, edges.AtMaximum);
        Assert.Equal(2, edges.AtMinimum);
    }

    [Fact]
    public void Saturation_is_judged_on_the_double_PnR_even_between_two_floats()
    {
        // $PnR − 1 = 16,777,217 has no float: 16,777,216 is below it, 16,777,218 at or above.
        float[] values = [16_777_216f, 16_777_218f, 16_777_216f, 16_777_216f, 16_777_216f, 16_777_216f, 16_777_216f, 16_777_216f, 16_777_218f];

        var edges = EdgeEventCounts.Compute(values, range: 16_777_218);

        Assert.Equal(2, edges.AtMaximum);
        Assert.Equal(7, edges.AtMinimum);
    }

    [Fact]
    public void Random_columns_with_ties_and_gaps_agree_with_a_plain_loop()
    {
        var random = new Random(15);
        foreach (var length in new[] { 0, 1, 7, 8, 9, 64, 1000, 4099 })
        {
            var values = new float[length];
            for (var i = 0; i < length; i++)
            {
                var draw = random.Next(100);
                values[i] = draw switch
                {
                    0 => float.NaN,
                    1 => float.PositiveInfinity,
                    2 => float.NegativeInfinity,
                    < 10 => 1023,
                    _ => random.Next(-3, 1100),
                };
            }

            var (events, atMaximum, atMinimum) = PlainLoop(values, 1024);
            var edges = EdgeEventCounts.Compute(values, 1024);
            Assert.Equal(events, edges.EventCount);
            Assert.Equal(atMaximum, edges.AtMaximum);
            Assert.Equal(atMinimum, edges.AtMinimum);
        }
    }

    [Fact]
    public void Non_finite_events_are_counted_per_channel_and_once_per_event()
    {
        var fsc = new float[1001];
        var ssc = new float[1001];
        var pi = new float[1001];
        fsc[5] = float.NaN;
        fsc[999] = float.PositiveInfinity;
        ssc[5] = float.NegativeInfinity;
        ssc[17] = float.NaN;
        ssc[1000] = float.NaN;
        var columns = new Dictionary<string, float[]> { ["FSC-A"] = fsc, ["SSC-A"] = ssc, ["PI"] = pi };

        string[] channels = ["FSC-A", "SSC-A", "PI"];
        var counts = NonFiniteEventCounts.Compute(channels, channel => columns[channel], [.. channels.Select(channel => (long)EdgeEventCounts.Compute(columns[channel], 262144).EventCount)]);

        Assert.Equal(1001, counts.EventCount);
        Assert.Equal([("FSC-A", 2L), ("SSC-A", 3L), ("PI", 0L)], counts.PerChannel);

        // Events 5, 17, 999 and 1000.
        Assert.Equal(4, counts.Events);
    }

    [Fact]
    public void Finite_events_are_what_the_edge_count_counts_as_events()
    {
        float[] values = [1, float.NaN, 3, float.PositiveInfinity, float.NegativeInfinity, 262143, 0, 0, 5, 6, float.NaN, 8, 9, 10, 11, 12, 13];

        Assert.Equal(values.Count(float.IsFinite), EdgeEventCounts.Compute(values, 262144).EventCount);
    }

    private static (long Events, long AtMaximum, long AtMinimum) PlainLoop(float[] values, double range)
    {
        var finite = values.Where(float.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return (0, 0, 0);
        }

        var minimum = finite.Min();
        return (finite.Length, finite.Count(v => v >= range - 1), finite.Count(v => v == minimum));
    }
}
