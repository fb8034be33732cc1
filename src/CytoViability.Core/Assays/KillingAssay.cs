using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Templates;

namespace CytoViability.Core.Assays;

/// <summary>
/// Percent killing per donor and condition (killing.csv). Replicate wells are averaged within donor ×
/// condition first (% dead and live targets per reference), then each condition is compared with its
/// donor's matched control; control rows are kept with killing 0 so that a paired test against the control
/// is a test of killing itself. Negative killing is kept: clamping before averaging biases donor means up.
/// </summary>
internal static class KillingAssay
{
    public static KillingAnalysis Analyse(IReadOnlyList<string> conditionColumns, IReadOnlyList<TargetWell> wells, KillingOptions options)
    {
        ArgumentNullException.ThrowIfNull(conditionColumns);
        ArgumentNullException.ThrowIfNull(wells);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<AssayProblem>();
        var controlKnown = !ConditionSummaries.UnknownColumns(options.Control, conditionColumns, "killing control", QcStatus.Fail, problems);

        var groups = new Dictionary<DonorConditionKey, Group>(DonorConditionKey.Comparer);
        var order = new List<Group>();
        foreach (var well in wells)
        {
            var key = new DonorConditionKey(well.Donor, well.Conditions);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Group(key);
                groups.Add(key, group);
                order.Add(group);
            }

            group.Wells.Add(well);
        }

        var method = KillingMethodNames.Name(options.Method);
        var rows = new List<KillingRow>(order.Count);
        var percentDead = new List<DonorValue>(order.Count);
        var percentKilling = new List<DonorValue>(order.Count);
        foreach (var group in order)
        {
            var references = group.References();
            var isControl = controlKnown && options.Control.Matches(conditionColumns, group.Key.Conditions);
            Group? control = null;
            if (controlKnown)
            {
                groups.TryGetValue(
                    new DonorConditionKey(group.Key.Donor, options.Control.MatchedTo(conditionColumns, group.Key.Conditions)),
                    out control);
            }

            var killing = double.NaN;
            var controlDead = double.NaN;
            if (control is not null)
            {
                controlDead = control.PercentDead;
                killing = options.Method switch
                {
                    KillingMethod.Difference => KillingFormulas.Difference(group.PercentDead, controlDead),
                    KillingMethod.Specific => KillingFormulas.Specific(group.PercentDead, controlDead),
                    KillingMethod.Relative => KillingFormulas.Relative(group.PercentDead, controlDead),
                    KillingMethod.Count => KillingFormulas.Count(group.LiveTargets, control.LiveTargets),
                    _ => throw new ArgumentOutOfRangeException(nameof(options), options.Method, "unknown killing method"),
                };
            }
            else if (controlKnown)
            {
                problems.Add(new AssayProblem(
                    QcChecks.ControlMissing,
                    QcStatus.Fail,
                    group.Key.Donor,
                    group.Key.Conditions,
                    references,
                    null,
                    null,
                    "donor " + group.Key.Donor + ", " + string.Join("/", group.Key.Conditions) + ": no control well (" + options.Control +
                    ") with the same other conditions; percent killing not computed"));
            }

            if (isControl && group.PercentDead > options.MaximumControlPercentDead)
            {
                problems.Add(new AssayProblem(
                    QcChecks.ControlDeathHigh,
                    QcStatus.Warn,
                    group.Key.Donor,
                    group.Key.Conditions,
                    references,
                    group.PercentDead,
                    options.MaximumControlPercentDead,
                    "donor " + group.Key.Donor + ": " + group.PercentDead.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) +
                    " % of control targets dead; killing relative to the survivors is unreliable"));
            }

            var lowTargets = false;
            foreach (var well in group.Wells)
            {
                lowTargets |= well.TargetCount < options.MinimumTargetCount;
            }

            rows.Add(new KillingRow(
                group.Key.Donor,
                group.Key.Conditions,
                group.PercentDead,
                controlDead,
                killing,
                method,
                isControl,
                group.Wells.Count,
                group.TargetCount,
                AssayMetrics.BinomialStandardError(group.PercentDead, group.TargetCount),
                lowTargets));
            percentDead.Add(new DonorValue(group.Key.Donor, group.Key.Conditions, group.PercentDead, references, group.PercentDeadSpread));
            percentKilling.Add(new DonorValue(group.Key.Donor, group.Key.Conditions, killing, references, double.NaN));
        }

        return new KillingAnalysis(rows, percentDead, percentKilling, problems);
    }

    /// <summary>The replicate wells of one donor × condition and their averages.</summary>
    private sealed class Group(DonorConditionKey key)
    {
        private bool _averaged;
        private double _percentDead;
        private double _percentDeadSpread;
        private double _liveTargets;

        public DonorConditionKey Key { get; } = key;

        public List<TargetWell> Wells { get; } = [];

        public double PercentDead => Averaged()._percentDead;

        public double PercentDeadSpread => Averaged()._percentDeadSpread;

        public double LiveTargets => Averaged()._liveTargets;

        public long TargetCount
        {
            get
            {
                long total = 0;
                foreach (var well in Wells)
                {
                    total += well.TargetCount;
                }

                return total;
            }
        }

        public IReadOnlyList<WellReference> References() => Wells.ConvertAll(well => new WellReference(well.Sample, well.File));

        private Group Averaged()
        {
            if (!_averaged)
            {
                (_percentDead, _percentDeadSpread) = Replicates.MeanAndSpread(Wells.ConvertAll(well => well.PercentDead));
                (_liveTargets, _) = Replicates.MeanAndSpread(Wells.ConvertAll(well => well.LiveTargetsPerReference));
                _averaged = true;
            }

            return this;
        }
    }
}
