using System.Globalization;

namespace CytoViability.Core.Placement;

/// <summary>How a threshold is read off a control population.</summary>
internal enum ControlStatistic
{
    /// <summary>A percentile of the control's events, e.g. the 99.5th of the unstained tube.</summary>
    Percentile,

    /// <summary>The control's mean plus k standard deviations, on the transformed axis.</summary>
    MeanPlusSd,
}

/// <summary>Options of <see cref="ControlMethod"/>.</summary>
/// <param name="Statistic">Percentile or mean + k·SD.</param>
/// <param name="Value">The percentile (0..100) or k.</param>
/// <param name="MinimumEvents">Fewer finite control events and the method does not decide.</param>
internal sealed record ControlOptions(ControlStatistic Statistic, double Value, long MinimumEvents = 200);

/// <summary>
/// A threshold from a control population's density (the same population in the unstained or FMO tube, or in the
/// no-antibody well): openCyto's refGate idea, with the statistic named. A percentile counts every finite control
/// event (within one bin width of the exact percentile, as <see cref="AxisHistogram.Quantile"/>). Mean and SD are
/// of the transformed values in the histogram's range, each at its bin centre (the binning adds width²/12 to
/// the variance: negligible at 1,024 bins); when more than <see cref="MaximumOutsideFraction"/> of the control lies
/// beyond the range they would be biased and the method does not decide.
/// </summary>
internal static class ControlMethod
{
    /// <summary>Largest share of control events beyond the histogram's range that mean + k·SD tolerates.</summary>
    public const double MaximumOutsideFraction = 0.01;

    /// <summary>Reads the threshold off the control, or says why it cannot.</summary>
    public static PlacementResult Find(AxisHistogram controlDensity, ControlOptions options)
    {
        ArgumentNullException.ThrowIfNull(controlDensity);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new Dictionary<string, double>
        {
            ["events"] = controlDensity.Total,
            ["below"] = controlDensity.Below,
            ["above"] = controlDensity.Above,
        };
        if (PlacementResult.TooFewEvents(controlDensity.Total, options.MinimumEvents, diagnostics) is { } tooFew)
        {
            return tooFew;
        }

        if (options.Statistic == ControlStatistic.Percentile)
        {
            if (!(options.Value is >= 0 and <= 100))
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.Value, "a percentile lies in [0, 100]");
            }

            var what = options.Value.ToString("0.###", CultureInfo.InvariantCulture) + "th percentile of the control";
            return QuantileMethod.OnAxis(controlDensity, controlDensity.Quantile(options.Value / 100), what, diagnostics);
        }

        if (!double.IsFinite(options.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Value, "k of mean + k·SD is a finite number");
        }

        var outside = (double)(controlDensity.Below + controlDensity.Above) / controlDensity.Total;
        var (mean, sd) = controlDensity.InRangeMoments();
        diagnostics["mean"] = mean;
        diagnostics["sd"] = sd;
        if (outside > MaximumOutsideFraction)
        {
            return PlacementResult.Failed(
                PlacementResult.Percent(outside) + " of the control's events lie beyond the axis range, so its mean and SD are not known",
                diagnostics);
        }

        return PlacementResult.Found(mean + (options.Value * sd), diagnostics);
    }
}
