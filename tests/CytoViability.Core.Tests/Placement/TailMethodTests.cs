using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

public sealed class TailMethodTests
{
    private const double TwoBins = 2 * Mixture.BinWidth;

    // Where a normal density of SD s has fallen to 1 % of its peak: s·√(2 ln 100) from the mean.
    private static readonly double OnePercentPoint = Math.Sqrt(2 * Math.Log(100));

    [Fact]
    public void The_tail_of_an_unstained_population_ends_where_the_smoothed_normal_falls_to_1_percent_of_its_peak()
    {
        // With a 0.01 kernel the estimated density is the normal with SD √(0.05² + 0.01²).
        var unstained = new Mixture(new Component(1, 0.30, 0.05));

        var tail = TailMethod.Find(unstained.Histogram(200_000, 41), new TailOptions(Bandwidth: 0.01));

        var truth = 0.30 + (Math.Sqrt((0.05 * 0.05) + (0.01 * 0.01)) * OnePercentPoint);
        Assert.True(tail.Succeeded, tail.Reason);
        Assert.InRange(tail.Position!.Value, truth - TwoBins, truth + TwoBins);
    }

    [Fact]
    public void With_the_default_bandwidth_the_tail_point_is_within_two_bins_of_the_populations_own_1_percent_point()
    {
        var unstained = new Mixture(new Component(1, 0.30, 0.05));

        var tail = TailMethod.Find(unstained.Histogram(200_000, 42), new TailOptions());

        var truth = 0.30 + (0.05 * OnePercentPoint);
        Assert.InRange(tail.Position!.Value, truth - TwoBins, truth + TwoBins);
    }

    [Fact]
    public void The_lower_tail_is_found_below_the_main_mode()
    {
        var bright = new Mixture(new Component(1, 0.70, 0.04));

        var tail = TailMethod.Find(bright.Histogram(200_000, 43), new TailOptions(Side: TailSide.Lower, Bandwidth: 0.01));

        var truth = 0.70 - (Math.Sqrt((0.04 * 0.04) + (0.01 * 0.01)) * OnePercentPoint);
        Assert.InRange(tail.Position!.Value, truth - TwoBins, truth + TwoBins);
    }

    [Fact]
    public void A_second_population_before_the_tail_ends_means_the_tail_method_does_not_decide()
    {
        var twoPopulations = new Mixture(new Component(0.7, 0.30, 0.05), new Component(0.3, 0.50, 0.05));

        var tail = TailMethod.Find(twoPopulations.Histogram(100_000, 44), new TailOptions());

        Assert.False(tail.Succeeded);
        Assert.StartsWith("a second mode at 0.5", tail.Reason);
    }

    [Fact]
    public void A_search_range_that_ends_inside_the_tail_gives_no_position()
    {
        var unstained = new Mixture(new Component(1, 0.30, 0.05));

        var tail = TailMethod.Find(unstained.Histogram(50_000, 45), new TailOptions(SearchMaximum: 0.4));

        Assert.False(tail.Succeeded);
        Assert.StartsWith("the density stays above 1 % of the main peak", tail.Reason);
    }

    [Fact]
    public void Fewer_than_200_events_give_no_tail()
    {
        var tail = TailMethod.Find(new Mixture(new Component(1, 0.30, 0.05)).Histogram(199, 46), new TailOptions());

        Assert.Equal("fewer than 200 events (199)", tail.Reason);
    }
}
