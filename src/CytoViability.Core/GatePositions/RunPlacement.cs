using System.Globalization;
using CytoViability.Core.Experiments;
using CytoViability.Core.Placement;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.GatePositions;

/// <summary>
/// The positions of a run, decided between the placement pass and the gating pass: for every computed coordinate
/// the histograms of its group's samples are added up (integer counts: any order, any shard split gives the same
/// sums) and its method runs once per group; then each sample gets its group's value, an override, or the fallback.
/// </summary>
internal sealed class RunPlacement
{
    /// <summary>Largest distance of a sample's own estimate from its group's, as a fraction of the placement axis.</summary>
    public const double SpreadThreshold = 0.1;

    /// <summary>A spread is reported only when at least this fraction of the sample's parent lies between the two positions.</summary>
    public const double SpreadEventFraction = 0.01;

    private readonly PlacementPlan _plan;
    private readonly ExperimentPlan _experiment;
    private readonly IReadOnlyList<GateOverride> _overrides;
    private readonly Dictionary<string, Dictionary<string, PlacementResult>> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlacementResult> _run = new(StringComparer.Ordinal);

    private RunPlacement(PlacementPlan plan, ExperimentPlan experiment, IReadOnlyList<GateOverride> overrides)
    {
        _plan = plan;
        _experiment = experiment;
        _overrides = overrides;
    }

    /// <summary>Every group's result by coordinate key then group key, for run.json.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, PlacementResult>> Groups => _groups;

    public IReadOnlyList<GateOverride> Overrides => _overrides;

    public PlacementPlan Plan => _plan;

    public static RunPlacement Decide(PlacementPlan plan, ExperimentPlan experiment, IReadOnlyList<GateOverride> overrides, IReadOnlyList<SamplePlacement?> samples)
        => FromSums(plan, experiment, overrides, Pool(plan, experiment, samples));

    /// <summary>
    /// Adds up the samples' histograms per computed coordinate: per group, and over the whole run (control samples
    /// only for a control-based coordinate). A shard pools its own samples; the shards' sums add up to the run's.
    /// </summary>
    public static PlacementSums Pool(PlacementPlan plan, ExperimentPlan experiment, IReadOnlyList<SamplePlacement?> samples)
    {
        var grouping = new RunPlacement(plan, experiment, []);
        var sums = PlacementSums.Empty(plan);
        foreach (var coordinate in plan.Coordinates)
        {
            if (coordinate.Computed is not { } position)
            {
                continue;
            }

            var pool = sums.Pools[coordinate.Key];
            foreach (var sample in samples)
            {
                if (sample is null || !sample.Histograms.TryGetValue(coordinate.Key, out var histogram))
                {
                    continue;
                }

                if (position.Control is not null && !grouping.Matches(position.Control.Where, sample.Metadata))
                {
                    continue;
                }

                pool.Run.Merge(histogram);
                var group = grouping.GroupOf(position, sample.Metadata);
                if (!pool.Groups.TryGetValue(group, out var sum))
                {
                    sum = plan.Axes.Histogram(coordinate.Channel);
                    pool.Groups[group] = sum;
                }

                sum.Merge(histogram);
            }
        }

        return sums;
    }

    /// <summary>Runs every computed coordinate's method once per group on the pooled histograms.</summary>
    public static RunPlacement FromSums(PlacementPlan plan, ExperimentPlan experiment, IReadOnlyList<GateOverride> overrides, PlacementSums sums)
    {
        var placement = new RunPlacement(plan, experiment, overrides);
        foreach (var level in plan.Levels)
        {
            foreach (var coordinate in level)
            {
                var pool = sums.Pools[coordinate.Key];
                var results = new Dictionary<string, PlacementResult>(StringComparer.Ordinal);
                foreach (var (group, histogram) in pool.Groups)
                {
                    results[group] = CoordinatePlacer.Place(coordinate, histogram, plan.Axes);
                }

                placement._groups[coordinate.Key] = results;
                placement._run[coordinate.Key] = CoordinatePlacer.Place(coordinate, pool.Run, plan.Axes);
            }
        }

        return placement;
    }

    /// <summary>The group a sample belongs to for a coordinate: "" for the run, else the group's name.</summary>
    public string GroupOf(ComputedPosition position, SampleMetadata metadata)
    {
        if (position.Method == PlacementMethod.Control)
        {
            return position.Control!.SameDonor ? "donor=" + metadata.Donor : "run";
        }

        return position.Scope.Kind switch
        {
            PlacementScopeKind.Run => "run",
            PlacementScopeKind.Sample => "sample=" + metadata.Sample,
            _ => position.Scope.Column + "=" + ColumnValue(metadata, position.Scope.Column!),
        };
    }

    private string ColumnValue(SampleMetadata metadata, string column)
    {
        switch (column)
        {
            case SampleSheet.DonorColumn:
                return metadata.Donor;
            case SampleSheet.ReplicateColumn:
                return metadata.Replicate;
            case "sample":
                return metadata.Sample;
        }

        for (var i = 0; i < _experiment.Columns.Count; i++)
        {
            if (_experiment.Columns[i] == column)
            {
                return metadata.Values[i];
            }
        }

        return string.Empty;
    }

    private bool Matches(IReadOnlyList<ConditionValue> where, SampleMetadata metadata)
    {
        foreach (var condition in where)
        {
            if (!string.Equals(ColumnValue(metadata, condition.Column), condition.Value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The coordinates one sample is gated with (placement is null when the pass could not read it).</summary>
    public SamplePositions For(SampleMetadata metadata, SamplePlacement? placement)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var rows = new List<PositionRow>(_plan.Coordinates.Count);
        var qc = new List<QcRow>();
        foreach (var coordinate in _plan.Coordinates)
        {
            if (Override(coordinate, metadata) is { } fixedByLab)
            {
                values[coordinate.Key] = _plan.Axes.ToGateUnits(coordinate.Channel, coordinate.Units, fixedByLab.Value);
                rows.Add(new PositionRow(coordinate, fixedByLab.Value, "override", fixedByLab.Scope, "override"));
                continue;
            }

            if (coordinate.Computed is not { } position)
            {
                var data = _plan.Axes.FromGateUnits(coordinate.Channel, coordinate.Units, coordinate.Fixed!.Value);
                rows.Add(new PositionRow(coordinate, data, "fixed", "template", "fixed"));
                continue;
            }

            var group = GroupOf(position, metadata);
            var scope = position.Method == PlacementMethod.Control ? "control " + group : group;
            var method = position.Describe();
            _groups.TryGetValue(coordinate.Key, out var groups);
            PlacementResult? result = null;
            groups?.TryGetValue(group, out result);
            var (value, reason) = Accept(coordinate, result ?? PlacementResult.Failed("no sample of the group '" + group + "' had events for it", []));
            if (value is { } computed)
            {
                values[coordinate.Key] = _plan.Axes.ToGateUnits(coordinate.Channel, coordinate.Units, computed);
                rows.Add(new PositionRow(coordinate, computed, method, scope, "computed"));
                if (position.Scope.Kind != PlacementScopeKind.Sample && position.Method != PlacementMethod.Control
                    && placement is not null && placement.Own.TryGetValue(coordinate.Key, out var own) && own.Position is { } ownAxis)
                {
                    var groupAxis = _plan.Axes.ToAxis(coordinate.Channel, computed);
                    var distance = Math.Abs(ownAxis - groupAxis);
                    var (minimum, maximum, _) = _plan.Axes.Binning(coordinate.Channel);
                    var threshold = SpreadThreshold * (maximum - minimum);

                    // Two positions in the same empty valley differ without consequence: only a difference that
                    // moves at least 1 % of the sample's parent events from one side to the other is reported. (The
                    // histogram is read only then: a shard decodes it from its map when asked.)
                    if (distance > threshold && FractionBetween(placement.Histograms[coordinate.Key], ownAxis, groupAxis) >= SpreadEventFraction)
                    {
                        qc.Add(new QcRow(metadata.Sample, metadata.File, QcChecks.GateSpread, Math.Round(distance, 4), threshold, QcStatus.Warn,
                            "gate '" + coordinate.GateId + "' " + coordinate.Dimension + ": this sample alone would put it at " + Data(_plan.Axes.ToData(coordinate.Channel, ownAxis)) + ", its group (" + group + ") at " + Data(computed)));
                    }
                }

                continue;
            }

            var fallback = position.Fallback;
            var fallbackFrom = "the template's fallback";
            if (fallback is null)
            {
                var (groupValue, groupReason) = Accept(coordinate, _run[coordinate.Key]);
                fallback = groupValue;
                fallbackFrom = "the whole run's position";
                if (groupValue is null)
                {
                    reason += "; the whole run's position too: " + groupReason;
                }
            }

            if (fallback is { } used)
            {
                values[coordinate.Key] = _plan.Axes.ToGateUnits(coordinate.Channel, coordinate.Units, used);
                rows.Add(new PositionRow(coordinate, used, method, scope, "fallback"));
                qc.Add(new QcRow(metadata.Sample, metadata.File, QcChecks.GatePlacement, used, null, QcStatus.Warn,
                    "gate '" + coordinate.GateId + "' " + coordinate.Dimension + " (" + method + ", " + scope + "): " + reason + "; " + fallbackFrom + " " + Data(used) + " was used"));
            }
            else
            {
                rows.Add(new PositionRow(coordinate, double.NaN, method, scope, "fallback"));
                qc.Add(new QcRow(metadata.Sample, metadata.File, QcChecks.GatePlacement, null, null, QcStatus.Fail,
                    "gate '" + coordinate.GateId + "' " + coordinate.Dimension + " (" + method + ", " + scope + ") could not be placed: " + reason));
                values[coordinate.Key] = double.NaN;
            }
        }

        return new SamplePositions(values, rows, qc);
    }

    /// <summary>The method's position as a data value when it decided and lies inside 'allowed'; else why not.</summary>
    private (double? Value, string Reason) Accept(GateCoordinate coordinate, PlacementResult result)
    {
        if (result.Position is not { } axis)
        {
            return (null, result.Reason ?? "the method did not decide");
        }

        var data = _plan.Axes.ToData(coordinate.Channel, axis);
        if (coordinate.Computed!.Allowed is { } allowed && (data < allowed.Minimum || data > allowed.Maximum || double.IsNaN(data)))
        {
            return (null, "the position found, " + Data(data) + ", lies outside 'allowed' [" + Data(allowed.Minimum) + ", " + Data(allowed.Maximum) + "]");
        }

        return double.IsFinite(data) ? (data, string.Empty) : (null, "the position found is not a finite data value");
    }

    private GateOverride? Override(GateCoordinate coordinate, SampleMetadata metadata)
    {
        GateOverride? best = null;
        foreach (var candidate in _overrides)
        {
            if (candidate.Gate != coordinate.GateId || candidate.Dimension != coordinate.Dimension)
            {
                continue;
            }

            var applies = candidate.Sample is { } sample ? sample == metadata.Sample : Matches(candidate.Where, metadata);
            if (applies && (best is null || candidate.Specificity >= best.Specificity))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Fraction of the histogram's events in the bins between two axis positions (whole bins).</summary>
    private static double FractionBetween(AxisHistogram histogram, double a, double b)
    {
        if (histogram.Total == 0)
        {
            return 0;
        }

        var first = (int)Math.Clamp(Math.Floor((Math.Min(a, b) - histogram.Minimum) / histogram.BinWidth), 0, histogram.BinCount - 1);
        var last = (int)Math.Clamp(Math.Floor((Math.Max(a, b) - histogram.Minimum) / histogram.BinWidth), 0, histogram.BinCount - 1);
        long between = 0;
        var counts = histogram.Counts;
        for (var bin = first; bin <= last; bin++)
        {
            between += counts[bin];
        }

        return (double)between / histogram.Total;
    }

    internal static string Data(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
