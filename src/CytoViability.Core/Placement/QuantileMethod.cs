namespace CytoViability.Core.Placement;

/// <summary>Options of <see cref="QuantileMethod"/>.</summary>
/// <param name="Probability">Fraction of the events below the position, 0..1.</param>
/// <param name="MinimumEvents">Fewer finite events and the method does not decide.</param>
internal sealed record QuantileOptions(double Probability, long MinimumEvents = 200);

/// <summary>
/// The value below which a given fraction of the population's events lie (openCyto's quantileGate), from the
/// histogram by <see cref="AxisHistogram.Quantile"/>: within one bin width of the sample's exact percentile. All
/// finite events count, including those beyond the histogram's range; a quantile that falls among those has no
/// position on the axis and the method does not decide.
/// </summary>
internal static class QuantileMethod
{
    /// <summary>Finds the quantile, or says why it cannot.</summary>
    public static PlacementResult Find(AxisHistogram density, QuantileOptions options)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Probability, "a quantile's probability lies in [0, 1]");
        }

        var diagnostics = new Dictionary<string, double> { ["events"] = density.Total };
        return PlacementResult.TooFewEvents(density.Total, options.MinimumEvents, diagnostics)
            ?? OnAxis(density, density.Quantile(options.Probability), PlacementResult.Percent(options.Probability) + " quantile", diagnostics);
    }

    /// <summary>A quantile as a result: failed when it lies beyond the histogram's range.</summary>
    internal static PlacementResult OnAxis(AxisHistogram density, double quantile, string what, Dictionary<string, double> diagnostics)
    {
        if (double.IsNegativeInfinity(quantile))
        {
            return PlacementResult.Failed("the " + what + " lies below the axis range (" + PlacementResult.Axis(density.Minimum) + ")", diagnostics);
        }

        return double.IsPositiveInfinity(quantile)
            ? PlacementResult.Failed("the " + what + " lies above the axis range (" + PlacementResult.Axis(density.Maximum) + ")", diagnostics)
            : PlacementResult.Found(quantile, diagnostics);
    }
}
