namespace CytoViability.Core.Placement;

/// <summary>
/// Options of <see cref="ValleyMethod"/>, every length on the transformed axis.
/// </summary>
/// <param name="SearchMinimum">Modes and valley are looked for only from here up (null: the axis start).</param>
/// <param name="SearchMaximum">... and only up to here (null: the axis end).</param>
/// <param name="MinimumModeSeparation">The two modes must be at least this far apart; closer bumps are shoulders of one population.</param>
/// <param name="Bandwidth">Kernel standard deviation; null for Silverman's rule on the binned events.</param>
/// <param name="MinimumEvents">Fewer events in the histogram's range and the method does not decide.</param>
/// <param name="MaximumValleyRatio">The valley's density may be at most this fraction of the lower of the two peaks.</param>
internal sealed record ValleyOptions(
    double? SearchMinimum = null,
    double? SearchMaximum = null,
    double MinimumModeSeparation = 0.1,
    double? Bandwidth = null,
    long MinimumEvents = 200,
    double MaximumValleyRatio = 0.8);

/// <summary>
/// The density minimum between the two main modes of a one-dimensional distribution: openCyto's mindensity and
/// flowDensity's deGate, with the choices written down. The histogram is smoothed (<see cref="SmoothedDensity"/>);
/// its modes inside the search range are found, noise ripples dropped by their prominence; the main mode is the
/// highest, its partner the highest mode at least <see cref="ValleyOptions.MinimumModeSeparation"/> away; the
/// position is the lowest point of the smoothed density between the two, refined inside its bin.
/// </summary>
internal static class ValleyMethod
{
    /// <summary>Finds the valley, or says why there is none.</summary>
    public static PlacementResult Find(AxisHistogram density, ValleyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.MinimumModeSeparation >= 0) || !(options.MaximumValleyRatio is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options, "a valley needs a mode separation of 0 or more and a valley ratio in (0, 1]");
        }

        if (!ModeSearch.TryRun(density, options.MinimumEvents, options.Bandwidth, options.SearchMinimum, options.SearchMaximum, out var search, out var failure))
        {
            return failure;
        }

        var (smoothed, modes, diagnostics) = (search.Density, search.Modes, search.Diagnostics);
        var main = modes[0];
        DensityMode? partner = null;
        for (var m = 1; m < modes.Count && partner is null; m++)
        {
            if (Math.Abs(modes[m].Position - main.Position) >= options.MinimumModeSeparation)
            {
                partner = modes[m];
            }
        }

        if (partner is not { } second)
        {
            return PlacementResult.Failed(
                "one mode only " + RangeWords(density, options.SearchMinimum, options.SearchMaximum) + " (none other at least " +
                PlacementResult.Axis(options.MinimumModeSeparation) + " from the main mode at " + PlacementResult.Axis(main.Position) + ")",
                diagnostics);
        }

        var (lower, upper) = main.Bin < second.Bin ? (main, second) : (second, main);
        diagnostics["lower_mode"] = lower.Position;
        diagnostics["upper_mode"] = upper.Position;
        var valley = smoothed.LowestBetween(lower.Bin, upper.Bin);
        var ratio = smoothed.Values[valley] / Math.Min(lower.Height, upper.Height);
        diagnostics["valley_ratio"] = ratio;
        if (ratio > options.MaximumValleyRatio)
        {
            return PlacementResult.Failed(
                "no valley deeper than " + PlacementResult.Percent(1 - options.MaximumValleyRatio) + " of the lower peak between the modes at " +
                PlacementResult.Axis(lower.Position) + " and " + PlacementResult.Axis(upper.Position) + " (the lowest point is " + PlacementResult.Percent(ratio) + " of it)",
                diagnostics);
        }

        return PlacementResult.Found(smoothed.Position(valley), diagnostics);
    }

    /// <summary>"between 0.3 and 1" as the reasons say it.</summary>
    internal static string RangeWords(AxisHistogram density, double? minimum, double? maximum)
        => "between " + PlacementResult.Axis(minimum ?? density.Minimum) + " and " + PlacementResult.Axis(maximum ?? density.Maximum);
}
