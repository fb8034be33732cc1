namespace CytoViability.Core.Placement;

/// <summary>Which side of the main mode the tail gate looks at.</summary>
internal enum TailSide
{
    /// <summary>Above the main mode: a positive tail over a negative population.</summary>
    Upper,

    /// <summary>Below the main mode.</summary>
    Lower,
}

/// <summary>Options of <see cref="TailMethod"/>, lengths on the transformed axis.</summary>
/// <param name="Tolerance">The position is where the density has fallen to this fraction of the main mode's peak.</param>
/// <param name="SearchMinimum">The main mode and the tail are looked for only from here up (null: the axis start).</param>
/// <param name="SearchMaximum">... and only up to here (null: the axis end).</param>
/// <param name="MinimumEvents">Fewer events in the histogram's range and the method does not decide.</param>
/// <param name="Side">The tail above or below the main mode.</param>
/// <param name="Bandwidth">Kernel standard deviation; null for Silverman's rule on the binned events.</param>
internal sealed record TailOptions(
    double Tolerance = 0.01,
    double? SearchMinimum = null,
    double? SearchMaximum = null,
    long MinimumEvents = 200,
    TailSide Side = TailSide.Upper,
    double? Bandwidth = null);

/// <summary>
/// The edge of a one-mode distribution: walking away from the main (negative) mode, the first point where the
/// smoothed density falls below <see cref="TailOptions.Tolerance"/> × the mode's peak, interpolated between bin
/// centres. Like openCyto's tailgate, for a dim positive tail that never forms a mode of its own; unlike it, the
/// cut-off is a fraction of the peak, which reads directly ("where the negatives have thinned to 1 % of their
/// peak") and does not depend on the axis scale as a derivative tolerance does. For a Gaussian negative of
/// SD σ smoothed by bandwidth h that is mean + √(σ² + h²)·√(2 ln(1/Tolerance)): 3.03 SD at the default 1 %.
/// If the walk meets another mode before the density has fallen that far, the distribution is not one-mode
/// and the method does not decide (the valley method is the one to use).
/// </summary>
internal static class TailMethod
{
    /// <summary>Finds the tail point, or says why there is none.</summary>
    public static PlacementResult Find(AxisHistogram density, TailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Tolerance is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Tolerance, "a tail tolerance is a fraction of the peak between 0 and 1");
        }

        if (!ModeSearch.TryRun(density, options.MinimumEvents, options.Bandwidth, options.SearchMinimum, options.SearchMaximum, out var search, out var failure))
        {
            return failure;
        }

        var (modes, diagnostics) = (search.Modes, search.Diagnostics);
        var main = modes[0];
        var threshold = options.Tolerance * main.Height;
        var step = options.Side == TailSide.Upper ? 1 : -1;
        var end = options.Side == TailSide.Upper ? search.Last : search.First;
        var values = search.Density.Values;
        for (var bin = main.Bin + step; step > 0 ? bin <= end : bin >= end; bin += step)
        {
            if (values[bin] >= threshold)
            {
                continue;
            }

            var between = modes.Find(m => step > 0 ? m.Bin > main.Bin && m.Bin < bin : m.Bin < main.Bin && m.Bin > bin);
            if (between.Height > 0)
            {
                return PlacementResult.Failed(
                    "a second mode at " + PlacementResult.Axis(between.Position) + " before the density falls below " +
                    PlacementResult.Percent(options.Tolerance) + " of the main peak: not a one-mode distribution",
                    diagnostics);
            }

            // Linear between the last bin centre at or above the threshold and the first below it.
            var outer = values[bin - step];
            var fraction = (outer - threshold) / (outer - values[bin]);
            return PlacementResult.Found(density.BinCenter(bin - step) + (step * fraction * density.BinWidth), diagnostics);
        }

        return PlacementResult.Failed(
            "the density stays above " + PlacementResult.Percent(options.Tolerance) + " of the main peak (at " + PlacementResult.Axis(main.Position) +
            ") as far as " + PlacementResult.Axis(density.BinCenter(Math.Clamp(end, 0, density.BinCount - 1))),
            diagnostics);
    }
}
