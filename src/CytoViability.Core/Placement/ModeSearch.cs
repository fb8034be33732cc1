using System.Diagnostics.CodeAnalysis;

namespace CytoViability.Core.Placement;

/// <summary>
/// The start the density methods (valley, tail, main cluster) share: enough events, the smoothed density, and its
/// modes inside the search range, highest first; or the reason the method cannot go on. The diagnostics begin
/// with the events, the bandwidth and the number of modes. The density is smoothed into this thread's space for its
/// binning and holds until the thread's next search: each method reads it only before it returns.
/// </summary>
internal sealed record ModeSearch(SmoothedDensity Density, List<DensityMode> Modes, int First, int Last, Dictionary<string, double> Diagnostics)
{
    /// <summary>
    /// This thread's smoothing space, by number of bins. Made anew for every search, the densities were a ninth of
    /// what the 384-file benchmark allocated (12 MB a run): the placement pass searches each sample's histograms.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<int, double[]>? t_space;

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

        var smoothed = SmoothedDensity.Of(histogram, bandwidth, into: Space(histogram.BinCount));
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

    private static double[] Space(int bins)
    {
        t_space ??= [];
        if (!t_space.TryGetValue(bins, out var space))
        {
            space = new double[bins];
            t_space[bins] = space;
        }

        return space;
    }
}
