using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

public sealed class BoundaryDensityTests
{
    private static readonly Mixture LiveAndDead = new(new Component(0.6, 0.35, 0.05), new Component(0.4, 0.75, 0.06));

    [Fact]
    public void A_divider_in_the_empty_valley_between_live_and_dead_cells_reads_near_0()
    {
        var valley = LiveAndDead.LowestBetween(0.35, 0.75);
        var truth = LiveAndDead.Pdf(valley) / LiveAndDead.Pdf(LiveAndDead.HighestBetween(0.6, 0.9));

        var ratio = BoundaryDensity.RatioAt(LiveAndDead.Histogram(100_000, 71), valley);

        Assert.InRange(truth, 0, 0.01);
        Assert.InRange(ratio, 0, truth + 0.01);
    }

    [Fact]
    public void A_density_smoothed_into_a_reused_array_is_the_density_smoothed_afresh()
    {
        var histogram = LiveAndDead.Histogram(20_000, 74);
        var reused = new double[histogram.BinCount];
        Array.Fill(reused, 123.0);

        var afresh = BoundaryDensity.Smooth(histogram)!;
        var into = BoundaryDensity.Smooth(histogram, into: reused)!;

        // The reused array held 123s; it now holds the density, value for value.
        Assert.Equal(afresh.Density.Values.ToArray(), reused);
        Assert.Equal(afresh.Modes, into.Modes);
        Assert.Equal(BoundaryDensity.RatioAt(afresh, 0.5), BoundaryDensity.RatioAt(into, 0.5));
        Assert.Throws<ArgumentException>(() => SmoothedDensity.Of(histogram, null, new double[histogram.BinCount - 1]));
    }

    [Fact]
    public void A_divider_through_the_live_peak_reads_1()
    {
        var ratio = BoundaryDensity.RatioAt(LiveAndDead.Histogram(100_000, 72), 0.35);

        Assert.InRange(ratio, 0.99, 1);
    }

    [Fact]
    public void A_divider_through_a_population_of_4_percent_reads_near_1()
    {
        var purity = new Mixture(new Component(0.96, 0.30, 0.05), new Component(0.04, 0.72, 0.05));

        var ratio = BoundaryDensity.RatioAt(purity.Histogram(50_000, 73), 0.72);

        Assert.InRange(ratio, 0.95, 1);
    }

    [Fact]
    public void A_divider_one_SD_above_the_last_population_reads_the_normal_densitys_fall_to_61_percent()
    {
        // Beyond the dead cells there is one neighbouring mode; one SD out, a normal density is e^(−1/2) of its peak.
        // With a 0.01 kernel the SD seen is √(0.06² + 0.01²).
        var smoothed = LiveAndDead.Smoothed(0.01);
        var position = 0.75 + Math.Sqrt((0.06 * 0.06) + (0.01 * 0.01));
        var truth = smoothed.Pdf(position) / smoothed.Pdf(smoothed.HighestBetween(0.6, 0.9));

        var ratio = BoundaryDensity.RatioAt(LiveAndDead.Histogram(200_000, 74), position, bandwidth: 0.01);

        Assert.InRange(truth, 0.58, 0.63);
        Assert.InRange(ratio, truth - 0.02, truth + 0.02);
    }

    [Fact]
    public void A_boundary_off_the_axis_or_over_no_events_cannot_be_judged()
    {
        Assert.True(double.IsNaN(BoundaryDensity.RatioAt(LiveAndDead.Histogram(10_000, 75), 1.2)));
        Assert.True(double.IsNaN(BoundaryDensity.RatioAt(new AxisHistogram(0, 1, 1024), 0.5)));
    }
}
