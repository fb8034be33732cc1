using CytoViability.Core.Placement;
using CytoViability.Core.Templates;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// Runs a coordinate's method on a histogram of its parent population (docs/templates.md §1.8.2): translates the
/// template's data-unit search range and fractions of the axis into the method's options on the placement axis.
/// </summary>
internal static class CoordinatePlacer
{
    /// <summary>Default minimum distance of the valley's two modes, as a fraction of the axis.</summary>
    public const double DefaultSeparation = 0.1;

    /// <summary>The position on the placement axis, or why there is none.</summary>
    public static PlacementResult Place(GateCoordinate coordinate, AxisHistogram histogram, PlacementAxes axes)
    {
        var position = coordinate.Computed!;
        var width = histogram.Maximum - histogram.Minimum;
        var bandwidth = position.Bandwidth * width;
        var separation = (position.Separation ?? DefaultSeparation) * width;
        var valley = new ValleyOptions(MinimumModeSeparation: separation, Bandwidth: bandwidth, MinimumEvents: position.MinimumEvents, MaximumValleyRatio: position.ValleyRatio ?? 0.8);
        double? low = null;
        double? high = null;
        switch (position.Range.Kind)
        {
            case SearchRangeKind.Between:
                low = double.IsInfinity(position.Range.Minimum) ? null : axes.ToAxis(coordinate.Channel, position.Range.Minimum);
                high = double.IsInfinity(position.Range.Maximum) ? null : axes.ToAxis(coordinate.Channel, position.Range.Maximum);
                break;
            case SearchRangeKind.BelowMainCluster or SearchRangeKind.AboveMainCluster:
                var main = MainCluster.Mode(histogram, valley);
                if (main.Position is not { } mode)
                {
                    return PlacementResult.Failed("no main cluster to search " + position.Range + ": " + main.Reason, new Dictionary<string, double>(main.Diagnostics));
                }

                // A little past the mode, so the main cluster's own peak counts as a mode of the search range.
                var margin = 0.02 * width;
                (low, high) = position.Range.Kind == SearchRangeKind.BelowMainCluster ? ((double?)null, (double?)(mode + margin)) : (mode - margin, null);
                break;
        }

        valley = valley with { SearchMinimum = low, SearchMaximum = high };
        switch (position.Method)
        {
            case PlacementMethod.Valley:
                return ValleyMethod.Find(histogram, valley);
            case PlacementMethod.Quantile:
                return QuantileMethod.Find(histogram, new QuantileOptions(position.Probability, position.MinimumEvents));
            case PlacementMethod.Tail:
                return TailMethod.Find(histogram, new TailOptions(position.Tolerance, low, high, position.MinimumEvents, position.Above ? TailSide.Upper : TailSide.Lower, bandwidth));
            case PlacementMethod.Control:
                var control = position.Control!;
                var statistic = control.Summary == ControlSummary.Percentile ? ControlStatistic.Percentile : ControlStatistic.MeanPlusSd;
                return ControlMethod.Find(histogram, new ControlOptions(statistic, control.Value, position.MinimumEvents));
            case PlacementMethod.Band:
                var (lower, upper) = SingletBand.Find(histogram, new SingletBandOptions(position.K, position.MinimumEvents));
                return coordinate.Role == CoordinateRole.Max ? upper : lower;
            default:
                var cluster = MainCluster.Mode(histogram, valley);
                if (cluster.Position is not { } at)
                {
                    return cluster;
                }

                var diagnostics = new Dictionary<string, double>(cluster.Diagnostics) { ["mode"] = at };
                return PlacementResult.Found(axes.ToAxis(coordinate.Channel, axes.ToData(coordinate.Channel, at) * position.Times), diagnostics);
        }
    }
}
