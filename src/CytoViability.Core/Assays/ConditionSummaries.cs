using CytoViability.Core.Output;
using CytoViability.Core.Qc;
using CytoViability.Core.Statistics;

namespace CytoViability.Core.Assays;

/// <summary>
/// Mean, SD, s.e.m. and n over donors per condition (summary.csv), and a paired t-test of each condition against
/// its matched reference condition (same donor, same other condition columns), paired over the donors that have
/// both. The input is already replicate-averaged (<see cref="Replicates.Average"/>), so a donor counts once.
/// </summary>
internal static class ConditionSummaries
{
    public static SummaryAnalysis Summarise(
        string metric,
        IReadOnlyList<string> conditionColumns,
        IReadOnlyList<DonorValue> values,
        ConditionSelector? reference)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(conditionColumns);
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<AssayProblem>();
        if (reference is not null && UnknownColumns(reference, conditionColumns, metric + " reference", QcStatus.Warn, problems))
        {
            reference = null;
        }

        var byCondition = new Dictionary<IReadOnlyList<string>, List<DonorValue>>(ConditionComparer.Instance);
        var order = new List<IReadOnlyList<string>>();
        foreach (var value in values)
        {
            if (!byCondition.TryGetValue(value.Conditions, out var donors))
            {
                donors = [];
                byCondition.Add(value.Conditions, donors);
                order.Add(value.Conditions);
            }

            donors.Add(value);
        }

        var rows = new List<SummaryRow>(order.Count);
        foreach (var conditions in order)
        {
            var donors = byCondition[conditions];
            var finite = new List<double>(donors.Count);
            foreach (var donor in donors)
            {
                if (double.IsFinite(donor.Value))
                {
                    finite.Add(donor.Value);
                }
            }

            var statistics = DonorStatistics.Compute(finite.ToArray());
            double? p = double.NaN;
            var paired = 0;
            if (reference is not null)
            {
                if (reference.Matches(conditionColumns, conditions))
                {
                    p = null;
                }
                else
                {
                    var referenceConditions = reference.MatchedTo(conditionColumns, conditions);
                    if (byCondition.TryGetValue(referenceConditions, out var referenceDonors))
                    {
                        (p, paired) = Paired(donors, referenceDonors);
                    }
                    else
                    {
                        problems.Add(new AssayProblem(
                            QcChecks.ReferenceMissing,
                            QcStatus.Warn,
                            string.Empty,
                            conditions,
                            [.. donors.SelectMany(donor => donor.Wells)],
                            null,
                            null,
                            metric + ": no reference condition (" + reference + ") for " + string.Join("/", conditions) + "; no p-value"));
                    }
                }
            }

            rows.Add(new SummaryRow(metric, conditions, statistics.Count, statistics.Mean, statistics.Sd, statistics.Sem, p, paired));
        }

        return new SummaryAnalysis(rows, problems);
    }

    internal static bool UnknownColumns(ConditionSelector selector, IReadOnlyList<string> columns, string context, QcStatus status, List<AssayProblem> problems)
    {
        var unknown = selector.UnknownColumns(columns);
        if (unknown.Count == 0)
        {
            return false;
        }

        problems.Add(new AssayProblem(
            QcChecks.UnknownConditionColumn,
            status,
            string.Empty,
            [],
            [],
            null,
            null,
            context + ": '" + selector + "' names condition column(s) " + string.Join(", ", unknown) +
            " that the samples do not have (columns: " + string.Join(", ", columns) + ")"));
        return true;
    }

    private static (double P, int Paired) Paired(List<DonorValue> condition, List<DonorValue> reference)
    {
        var x = new List<double>();
        var y = new List<double>();
        foreach (var donor in condition)
        {
            if (!double.IsFinite(donor.Value))
            {
                continue;
            }

            foreach (var match in reference)
            {
                if (string.Equals(match.Donor, donor.Donor, StringComparison.OrdinalIgnoreCase) && double.IsFinite(match.Value))
                {
                    x.Add(donor.Value);
                    y.Add(match.Value);
                    break;
                }
            }
        }

        return (PairedTTest.TwoSidedP(x.ToArray(), y.ToArray()), x.Count);
    }
}
