namespace CytoViability.Core.Placement;

/// <summary>
/// The position of the main mode of a distribution, the highest mode of the smoothed density inside the search
/// range (see <see cref="SmoothedDensity"/>), refined inside its bin: where the bulk of the cells sits, so that a
/// scatter region can move with the main cell cluster when scatter gains change.
/// </summary>
internal static class MainCluster
{
    /// <summary>The main mode, or why there is none; of <paramref name="options"/> only the search range, bandwidth and minimum events apply.</summary>
    public static PlacementResult Mode(AxisHistogram density, ValleyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(density);
        options ??= new ValleyOptions();
        var diagnostics = new Dictionary<string, double> { ["events"] = density.InRange };
        if (PlacementResult.TooFewEvents(density.InRange, options.MinimumEvents, diagnostics) is { } tooFew)
        {
            return tooFew;
        }

        var smoothed = SmoothedDensity.Of(density, options.Bandwidth);
        diagnostics["bandwidth"] = smoothed.Bandwidth;
        var (first, last) = smoothed.BinsWithin(options.SearchMinimum, options.SearchMaximum);
        var modes = smoothed.Modes(first, last);
        diagnostics["modes"] = modes.Count;
        if (modes.Count == 0)
        {
            return PlacementResult.Failed("no events " + ValleyMethod.RangeWords(density, options.SearchMinimum, options.SearchMaximum), diagnostics);
        }

        diagnostics["peak_density"] = modes[0].Height;
        return PlacementResult.Found(modes[0].Position, diagnostics);
    }
}
