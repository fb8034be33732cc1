using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

public sealed class ThresholdMethodTests
{
    private static readonly Mixture Unstained = new(new Component(1, 0.25, 0.05));

    [Fact]
    public void The_98th_percentile_of_a_population_is_within_one_bin_of_its_exact_order_statistic()
    {
        var values = Unstained.Sample(40_000, 51);

        var quantile = QuantileMethod.Find(Mixture.Of(values), new QuantileOptions(0.98));

        var exact = AxisHistogramTests.TypeSevenPercentile(values, 0.98);
        Assert.InRange(quantile.Position!.Value, exact - Mixture.BinWidth, exact + Mixture.BinWidth);
    }

    [Fact]
    public void A_quantile_beyond_the_axis_range_gives_no_position()
    {
        var histogram = new AxisHistogram(0, 0.3, 256);
        histogram.Add(Unstained.Sample(10_000, 52));

        var quantile = QuantileMethod.Find(histogram, new QuantileOptions(0.99));

        Assert.False(quantile.Succeeded);
        Assert.Equal("the 99 % quantile lies above the axis range (0.3)", quantile.Reason);
    }

    [Fact]
    public void The_99_5th_percentile_of_the_unstained_tube_is_within_one_bin_of_its_exact_order_statistic()
    {
        var values = Unstained.Sample(30_000, 53);

        var threshold = ControlMethod.Find(Mixture.Of(values), new ControlOptions(ControlStatistic.Percentile, 99.5));

        var exact = AxisHistogramTests.TypeSevenPercentile(values, 0.995);
        Assert.InRange(threshold.Position!.Value, exact - Mixture.BinWidth, exact + Mixture.BinWidth);
    }

    [Fact]
    public void Mean_plus_3_SD_of_the_no_antibody_well_agrees_with_the_direct_computation_to_a_bin()
    {
        var values = Unstained.Sample(30_000, 54);
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));

        var threshold = ControlMethod.Find(Mixture.Of(values), new ControlOptions(ControlStatistic.MeanPlusSd, 3));

        Assert.InRange(threshold.Position!.Value, mean + (3 * sd) - Mixture.BinWidth, mean + (3 * sd) + Mixture.BinWidth);
        Assert.InRange(threshold.Diagnostics["sd"], sd - (Mixture.BinWidth / 10), sd + (Mixture.BinWidth / 10));
    }

    [Fact]
    public void Mean_plus_SD_is_refused_when_the_control_runs_off_the_axis()
    {
        // An axis starting at 0.2, one SD below the mean, leaves 16 % of the unstained events below it.
        var histogram = new AxisHistogram(0.2, 1, 1024);
        histogram.Add(Unstained.Sample(10_000, 55));

        var threshold = ControlMethod.Find(histogram, new ControlOptions(ControlStatistic.MeanPlusSd, 3));

        Assert.False(threshold.Succeeded);
        Assert.EndsWith("of the control's events lie beyond the axis range, so its mean and SD are not known", threshold.Reason);
    }

    [Fact]
    public void A_control_with_fewer_than_200_events_gives_no_threshold()
    {
        var threshold = ControlMethod.Find(Unstained.Histogram(120, 56), new ControlOptions(ControlStatistic.Percentile, 99.5));

        Assert.Equal("fewer than 200 events (120)", threshold.Reason);
    }
}
