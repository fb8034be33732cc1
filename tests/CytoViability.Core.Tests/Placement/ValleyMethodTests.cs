using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

public sealed class ValleyMethodTests
{
    private const double TwoBins = 2 * Mixture.BinWidth;

    [Fact]
    public void Live_and_dead_cells_in_a_sharp_valley_are_split_within_two_bins_of_the_true_density_minimum()
    {
        // Populations 4.4 SD apart: a narrow valley whose lowest point 200,000 events pin down.
        var viability = new Mixture(new Component(0.6, 0.40, 0.05), new Component(0.4, 0.62, 0.05));
        var truth = viability.LowestBetween(0.40, 0.62);

        var valley = ValleyMethod.Find(viability.Histogram(200_000, 11), new ValleyOptions());

        Assert.True(valley.Succeeded, valley.Reason);
        Assert.InRange(valley.Position!.Value, truth - TwoBins, truth + TwoBins);
        Assert.InRange(valley.Diagnostics["lower_mode"], 0.40 - TwoBins, 0.40 + TwoBins);
        Assert.InRange(valley.Diagnostics["upper_mode"], 0.62 - TwoBins, 0.62 + TwoBins);
    }

    [Fact]
    public void Live_and_dead_cells_far_apart_read_the_same_percentage_as_at_the_true_density_minimum()
    {
        // A wide, almost empty valley: its lowest point is ill-defined, so the lab's number is the check: the
        // share of events below the computed position against the share below the true minimum.
        var viability = new Mixture(new Component(0.6, 0.35, 0.05), new Component(0.4, 0.75, 0.06));
        var truth = viability.LowestBetween(0.35, 0.75);

        var valley = ValleyMethod.Find(viability.Histogram(20_000, 12), new ValleyOptions());

        Assert.True(valley.Succeeded, valley.Reason);
        Assert.InRange(100 * viability.FractionBelow(valley.Position!.Value), (100 * viability.FractionBelow(truth)) - 0.05, (100 * viability.FractionBelow(truth)) + 0.05);
    }

    [Fact]
    public void A_well_with_4_percent_positive_cells_is_split_where_the_positive_share_is_read_right()
    {
        var purity = new Mixture(new Component(0.96, 0.30, 0.05), new Component(0.04, 0.58, 0.05));
        var truth = purity.LowestBetween(0.30, 0.58);

        var valley = ValleyMethod.Find(purity.Histogram(50_000, 13), new ValleyOptions());

        Assert.True(valley.Succeeded, valley.Reason);
        var positive = 100 * (1 - purity.FractionBelow(valley.Position!.Value));
        var truePositive = 100 * (1 - purity.FractionBelow(truth));
        Assert.InRange(positive, truePositive - 0.1, truePositive + 0.1);
        Assert.InRange(valley.Position.Value, truth - 0.02, truth + 0.02);
    }

    [Fact]
    public void A_search_range_chooses_which_pair_of_populations_is_split()
    {
        // Debris low on the axis outnumbers the dead cells: the two highest modes are debris and live cells.
        // Silverman's bandwidth from three populations smooths more than from two: 0.005 (0.02 decades) allowed.
        var withDebris = new Mixture(new Component(0.35, 0.10, 0.03), new Component(0.50, 0.35, 0.05), new Component(0.15, 0.57, 0.05));
        var histogram = withDebris.Histogram(200_000, 14);

        var anywhere = ValleyMethod.Find(histogram, new ValleyOptions());
        var aboveDebris = ValleyMethod.Find(histogram, new ValleyOptions(SearchMinimum: 0.25));

        Assert.InRange(anywhere.Position!.Value, withDebris.LowestBetween(0.10, 0.35) - 0.01, withDebris.LowestBetween(0.10, 0.35) + 0.01);
        Assert.InRange(aboveDebris.Position!.Value, withDebris.LowestBetween(0.35, 0.57) - 0.005, withDebris.LowestBetween(0.35, 0.57) + 0.005);
    }

    [Fact]
    public void A_search_range_that_holds_one_population_only_gives_no_valley()
    {
        var viability = new Mixture(new Component(0.6, 0.35, 0.05), new Component(0.4, 0.75, 0.06));

        var valley = ValleyMethod.Find(viability.Histogram(100_000, 15), new ValleyOptions(SearchMinimum: 0.6, SearchMaximum: 0.95));

        Assert.False(valley.Succeeded);
        Assert.StartsWith("one mode only between 0.6 and 0.95", valley.Reason);
    }

    [Fact]
    public void A_search_range_with_no_events_in_it_says_so()
    {
        var viability = new Mixture(new Component(0.6, 0.35, 0.05), new Component(0.4, 0.75, 0.06));
        var histogram = new AxisHistogram(0, 2, 1024);
        histogram.Add(viability.Sample(10_000, 18));

        var valley = ValleyMethod.Find(histogram, new ValleyOptions(SearchMinimum: 1.5));

        Assert.Equal("no events between 1.5 and 2", valley.Reason);
    }

    [Theory]
    [InlineData(300, 21UL)]
    [InlineData(5_000, 22UL)]
    [InlineData(100_000, 23UL)]
    [InlineData(1_000_000, 24UL)]
    public void One_population_has_no_valley_whatever_the_number_of_events(int events, ulong seed)
    {
        var unstained = new Mixture(new Component(1, 0.25, 0.06));

        var valley = ValleyMethod.Find(unstained.Histogram(events, seed), new ValleyOptions());

        Assert.False(valley.Succeeded);
        Assert.StartsWith("one mode only", valley.Reason);
        Assert.Null(valley.Position);
    }

    [Fact]
    public void Two_populations_too_close_for_a_deep_valley_give_no_valley()
    {
        // Means 2.3 SD apart: the exact mixture dips to only about 90 % of its lower peak between them.
        var overlapping = new Mixture(new Component(0.5, 0.40, 0.05), new Component(0.5, 0.515, 0.05));
        var truth = overlapping.Pdf(overlapping.LowestBetween(0.40, 0.515)) / overlapping.Pdf(overlapping.HighestBetween(0.3, 0.45));
        Assert.InRange(truth, 0.85, 0.95);

        var valley = ValleyMethod.Find(overlapping.Histogram(400_000, 16), new ValleyOptions(MinimumModeSeparation: 0.05, Bandwidth: 0.005));

        Assert.False(valley.Succeeded);
        Assert.StartsWith("no valley deeper than 20 % of the lower peak", valley.Reason);
        Assert.InRange(valley.Diagnostics["valley_ratio"], truth - 0.03, truth + 0.03);
    }

    [Fact]
    public void Fewer_than_200_events_give_no_valley()
    {
        var viability = new Mixture(new Component(0.6, 0.35, 0.05), new Component(0.4, 0.75, 0.06));

        var valley = ValleyMethod.Find(viability.Histogram(150, 17), new ValleyOptions());

        Assert.False(valley.Succeeded);
        Assert.Equal("fewer than 200 events (150)", valley.Reason);
    }

    [Fact]
    public void A_pooled_run_gives_the_same_valley_bit_for_bit_in_any_merge_order()
    {
        // Three wells of one day, one with too few dead cells for a mode of its own, pooled as the run default.
        var wells = new[]
        {
            new Mixture(new Component(0.97, 0.30, 0.05), new Component(0.03, 0.72, 0.05)).Histogram(20_000, 31),
            new Mixture(new Component(0.90, 0.31, 0.05), new Component(0.10, 0.71, 0.05)).Histogram(15_000, 32),
            new Mixture(new Component(0.80, 0.29, 0.05), new Component(0.20, 0.73, 0.05)).Histogram(25_000, 33),
        };
        int[][] orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0]];

        var positions = new List<double>();
        foreach (var order in orders)
        {
            var pooled = new AxisHistogram(0, 1, Mixture.Bins);
            foreach (var well in order)
            {
                pooled.Merge(wells[well]);
            }

            var valley = ValleyMethod.Find(pooled, new ValleyOptions());
            Assert.True(valley.Succeeded, valley.Reason);
            positions.Add(valley.Position!.Value);
        }

        Assert.Equal(positions[0], positions[1]);
        Assert.Equal(positions[0], positions[2]);
    }

    [Fact]
    public void A_well_searched_right_after_another_on_the_same_thread_gets_the_valley_it_gets_alone()
    {
        // The placement pass searches well after well on one thread, each smoothed into the same space.
        var dim = new Mixture(new Component(0.7, 0.30, 0.05), new Component(0.3, 0.60, 0.05)).Histogram(20_000, 41);
        var bright = new Mixture(new Component(0.5, 0.45, 0.04), new Component(0.5, 0.85, 0.04)).Histogram(200_000, 42);

        var alone = ValleyMethod.Find(dim, new ValleyOptions());
        var brightValley = ValleyMethod.Find(bright, new ValleyOptions());
        var after = ValleyMethod.Find(dim, new ValleyOptions());

        Assert.True(alone.Succeeded, alone.Reason);
        Assert.True(brightValley.Succeeded, brightValley.Reason);
        Assert.NotEqual(alone.Position, brightValley.Position);
        Assert.Equal(alone.Position, after.Position);
        Assert.Equal(alone.Diagnostics, after.Diagnostics);
    }
}
