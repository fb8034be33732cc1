namespace CytoViability.Core.Placement;

/// <summary>Options of <see cref="SingletBand"/>.</summary>
/// <param name="K">Half-width of the band in robust SDs (1.4826·MAD).</param>
/// <param name="MinimumEvents">Fewer finite events and the method does not decide.</param>
internal sealed record SingletBandOptions(double K = 4, long MinimumEvents = 200);

/// <summary>
/// Singlets as a band around the FSC-H/FSC-A ridge: single cells have a height-to-area ratio set by the laser
/// spot and flow speed, doublets a lower one. The band is median ± K·1.4826·MAD of the ratio (a robust SD that
/// doublets and debris hardly move), like openCyto's singletGate but on the ratio axis. Median and MAD come from
/// the histogram with events spread evenly inside each bin, within about one bin width of the exact sample
/// values. Events beyond the histogram's range count in the median's ranks and as farther from it than any event
/// in range.
/// </summary>
internal static class SingletBand
{
    /// <summary>MAD × 1.4826 is the SD of a normal distribution.</summary>
    public const double NormalConsistency = 1.4826;

    /// <summary>The band's lower and upper bound on the ratio axis, or why there is none (the same reason twice).</summary>
    public static (PlacementResult Lower, PlacementResult Upper) Find(AxisHistogram heightToAreaRatio, SingletBandOptions options)
    {
        ArgumentNullException.ThrowIfNull(heightToAreaRatio);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.K > 0) || !double.IsFinite(options.K))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.K, "the band's half-width K is a positive number of robust SDs");
        }

        var histogram = heightToAreaRatio;
        var diagnostics = new Dictionary<string, double> { ["events"] = histogram.Total };
        if (PlacementResult.TooFewEvents(histogram.Total, options.MinimumEvents, diagnostics) is { } tooFew)
        {
            return (tooFew, tooFew);
        }

        var median = QuantileMethod.OnAxis(histogram, histogram.Quantile(0.5), "median ratio", diagnostics);
        if (median.Position is not { } centre)
        {
            return (median, median);
        }

        var mad = MedianAbsoluteDeviation(histogram, centre);
        diagnostics["median"] = centre;
        diagnostics["mad"] = mad;
        diagnostics["robust_sd"] = NormalConsistency * mad;
        if (double.IsNaN(mad))
        {
            var failed = PlacementResult.Failed("more than half of the events lie beyond the axis range", diagnostics);
            return (failed, failed);
        }

        var half = options.K * NormalConsistency * mad;
        return (PlacementResult.Found(centre - half, diagnostics), PlacementResult.Found(centre + half, diagnostics));
    }

    /// <summary>
    /// The distance d from <paramref name="centre"/> within which half of the finite events lie, solving
    /// G(d) = n/2 by bisection on the piecewise-linear G (events spread evenly in their bins); NaN when the events
    /// in range are fewer than half.
    /// </summary>
    internal static double MedianAbsoluteDeviation(AxisHistogram histogram, double centre)
    {
        var half = histogram.Total / 2.0;
        if (histogram.InRange < half)
        {
            return double.NaN;
        }

        var low = 0.0;
        var high = Math.Max(centre - histogram.Minimum, histogram.Maximum - centre);
        // Bisection to a thousandth of a bin: well below the half-bin resolution of the binned events.
        var resolution = histogram.BinWidth / 1000;
        while (high - low > resolution)
        {
            var middle = 0.5 * (low + high);
            if (EventsWithin(histogram, centre, middle) >= half)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return 0.5 * (low + high);
    }

    private static double EventsWithin(AxisHistogram histogram, double centre, double distance)
    {
        var from = centre - distance;
        var to = centre + distance;
        var width = histogram.BinWidth;
        var counts = histogram.Counts;
        var first = (int)Math.Max(0, Math.Floor((from - histogram.Minimum) / width));
        var last = (int)Math.Min(counts.Length - 1, Math.Floor((to - histogram.Minimum) / width));
        double within = 0;
        for (var bin = first; bin <= last; bin++)
        {
            var lower = histogram.Minimum + (bin * width);
            var covered = Math.Min(to, lower + width) - Math.Max(from, lower);
            if (covered > 0)
            {
                within += counts[bin] * Math.Min(1, covered / width);
            }
        }

        return within;
    }
}
