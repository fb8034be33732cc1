using System.Diagnostics.CodeAnalysis;

namespace CytoViability.Core.Placement;

/// <summary>
/// The start the density methods (valley, tail, main cluster) share: enough events, the smoothed density, and its
/// modes inside the search range, highest first; or the reason the method cannot go on. The diagnostics begin
/// with the events, the bandwidth and the number of modes.
/// </summary>
internal sealed record ModeSearch(SmoothedDensity Density, List<DensityMode> Modes, int First, int Last, Dictionary<string, double> Diagnostics)
{
    /// <summary>Searches; false with the reason (too few events, no mode in the range) in <paramref name="failure"/>.</summary>
    public static bool TryRun(
        AxisHistogram histogram,
        long minimumEvents,
        double? bandwidth,
        double? searchMinimum,
        double? searchMaximum,
        [NotNullWhen(true)] out ModeSearch? search,
        [NotNullWhen(false)] out PlacementResult? failure)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        search = null;
        var diagnostics = new Dictionary<string, double> { ["events"] = histogram.InRange };
        failure = PlacementResult.TooFewEvents(histogram.InRange, minimumEvents, diagnostics);
        if (failure is not null)
        {
            return false;
        }

        var smoothed = SmoothedDensity.Of(histogram, bandwidth);
        diagnostics["bandwidth"] = smoothed.Bandwidth;
        var (first, last) = smoothed.BinsWithin(searchMinimum, searchMaximum);
        var modes = smoothed.Modes(first, last);
        diagnostics["modes"] = modes.Count;
        if (modes.Count == 0)
        {
            failure = PlacementResult.Failed("no events " + ValleyMethod.RangeWords(histogram, searchMinimum, searchMaximum), diagnostics);
            return false;
        }

        diagnostics["main_mode"] = modes[0].Position;
        search = new ModeSearch(smoothed, modes, first, last, diagnostics);
        return true;
    }
}
