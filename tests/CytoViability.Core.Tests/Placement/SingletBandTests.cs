using CytoViability.Core.Placement;

namespace CytoViability.Core.Tests.Placement;

public sealed class SingletBandTests
{
    [Fact]
    public void The_singlet_band_is_the_median_ratio_plus_and_minus_4_robust_SDs_computed_directly_from_the_events()
    {
        // FSC-H/FSC-A: single cells near 0.80, 12 % doublets lower, which the median and MAD hardly feel.
        var ratios = new Mixture(new Component(0.88, 0.80, 0.02), new Component(0.12, 0.55, 0.05)).Sample(50_000, 61);
        var histogram = new AxisHistogram(0, 1.5, 1024);
        histogram.Add(ratios);
        var median = AxisHistogramTests.TypeSevenPercentile(ratios, 0.5);
        var mad = AxisHistogramTests.TypeSevenPercentile(ratios.Select(r => Math.Abs(r - median)).ToArray(), 0.5);

        var (lower, upper) = SingletBand.Find(histogram, new SingletBandOptions());

        var bin = histogram.BinWidth;
        Assert.InRange(lower.Diagnostics["median"], median - bin, median + bin);
        Assert.InRange(lower.Diagnostics["mad"], mad - bin, mad + bin);
        var reach = bin * (1 + (4 * 1.4826));
        Assert.InRange(lower.Position!.Value, median - (4 * 1.4826 * mad) - reach, median - (4 * 1.4826 * mad) + reach);
        Assert.InRange(upper.Position!.Value, median + (4 * 1.4826 * mad) - reach, median + (4 * 1.4826 * mad) + reach);
    }

    [Fact]
    public void Too_few_events_give_neither_bound()
    {
        var histogram = new AxisHistogram(0, 1.5, 1024);
        histogram.Add(new Mixture(new Component(1, 0.8, 0.02)).Sample(50, 62));

        var (lower, upper) = SingletBand.Find(histogram, new SingletBandOptions());

        Assert.Equal("fewer than 200 events (50)", lower.Reason);
        Assert.Equal("fewer than 200 events (50)", upper.Reason);
    }
}
