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
        options ??= new ValleyOptions();
        if (!ModeSearch.TryRun(density, options.MinimumEvents, options.Bandwidth, options.SearchMinimum, options.SearchMaximum, out var search, out var failure))
        {
            return failure;
        }

        var (modes, diagnostics) = (search.Modes, search.Diagnostics);
        diagnostics["peak_density"] = modes[0].Height;
        return PlacementResult.Found(modes[0].Position, diagnostics);
    }
}
