namespace CytoViability.Core.Placement;

/// <summary>
/// Gate-placement QC: how dense the events are where a boundary lies. The ratio is the smoothed density at the
/// boundary divided by the lower of the peaks of the two modes either side of it (the one mode when the boundary
/// lies beyond all modes), capped at 1. 0 means the boundary sits in an empty valley; 1 means there is no valley
/// between the boundary and a neighbouring mode: it cuts through a population. The lower peak is the measure, as
/// in <see cref="ValleyMethod"/>'s depth test (a valley found with ratio r reads r here), so that a boundary
/// through a small population (4 % dead cells) reads 1 rather than 4 %. Modes are those of
/// <see cref="SmoothedDensity.Modes"/> over the whole axis.
/// </summary>
internal static class BoundaryDensity
{
    /// <summary>The ratio at <paramref name="position"/>; NaN with no events in range or a position outside the axis range.</summary>
    public static double RatioAt(AxisHistogram density, double position, double? bandwidth = null) => RatioAt(Smooth(density, bandwidth), position);

    /// <summary>
    /// The histogram smoothed and its modes, for the ratios of several boundaries on one histogram (a range's two
    /// bounds, a divider of two gates): each is then a lookup, not another smoothing. Null with no events in range.
    /// <paramref name="into"/>, one value per bin, holds the smoothed density when given (see <see cref="SmoothedDensity.Of"/>).
    /// </summary>
    public static Smoothed? Smooth(AxisHistogram density, double? bandwidth = null, double[]? into = null)
    {
        ArgumentNullException.ThrowIfNull(density);
        if (density.InRange == 0)
        {
            return null;
        }

        var smoothed = SmoothedDensity.Of(density, bandwidth, into);
        return new Smoothed(smoothed, smoothed.Modes(0, density.BinCount - 1));
    }

    /// <summary>The ratio at <paramref name="position"/> on a histogram already smoothed; NaN for null or a position outside the axis range.</summary>
    public static double RatioAt(Smoothed? smoothed, double position)
    {
        if (smoothed is null)
        {
            return double.NaN;
        }

        var at = smoothed.Density.ValueAt(position);
        if (double.IsNaN(at))
        {
            return double.NaN;
        }

        double? below = null;
        double? above = null;
        var belowDistance = double.PositiveInfinity;
        var aboveDistance = double.PositiveInfinity;
        foreach (var mode in smoothed.Modes)
        {
            var distance = mode.Position - position;
            if (distance <= 0 && -distance < belowDistance)
            {
                belowDistance = -distance;
                below = mode.Height;
            }
            else if (distance > 0 && distance < aboveDistance)
            {
                aboveDistance = distance;
                above = mode.Height;
            }
        }

        var peak = Math.Min(below ?? double.PositiveInfinity, above ?? double.PositiveInfinity);
        return Math.Min(1, at / peak);
    }

    /// <summary>A smoothed histogram with its modes over the whole axis.</summary>
    internal sealed record Smoothed(SmoothedDensity Density, IReadOnlyList<DensityMode> Modes);
}
