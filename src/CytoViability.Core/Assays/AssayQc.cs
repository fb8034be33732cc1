using System.Globalization;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Assays;

/// <summary>The qc.csv rows an assay's analysis gives: replicate wells that disagree, and its <see cref="AssayProblem"/>s.</summary>
internal static class AssayQc
{
    /// <summary>
    /// One row per well of every donor × condition with two or more wells: the spread (max − min) of the metric
    /// over its wells against the allowed spread.
    /// </summary>
    public static IReadOnlyList<QcRow> Replicates(QcOptions options, string metric, IEnumerable<DonorValue> values)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(values);
        var rule = options.ReplicateSpread;
        var rows = new List<QcRow>();
        foreach (var value in values)
        {
            if (value.Wells.Count < 2 || !double.IsFinite(value.Spread))
            {
                continue;
            }

            var apart = value.Spread > rule.Threshold;
            var message = metric + ": " + value.Wells.Count.ToString(CultureInfo.InvariantCulture) + " wells of donor " + value.Donor + ", " +
                          string.Join("/", value.Conditions) + " differ by " + QcEvaluator.Format(value.Spread) + (apart ? ", more than " : ", within ") +
                          QcEvaluator.Format(rule.Threshold);
            foreach (var well in value.Wells)
            {
                rows.Add(new QcRow(well.Sample, well.File, QcChecks.ReplicateDisagreement, value.Spread, rule.Threshold, apart ? rule.Severity : QcStatus.Pass, message));
            }
        }

        return rows;
    }

    /// <summary>Assay problems as rows, one per well they concern (one row without a sample when they concern none).</summary>
    public static IReadOnlyList<QcRow> Problems(IEnumerable<AssayProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var rows = new List<QcRow>();
        foreach (var problem in problems)
        {
            if (problem.Wells.Count == 0)
            {
                rows.Add(new QcRow(string.Empty, string.Empty, problem.Check, problem.Value, problem.Threshold, problem.Status, problem.Message));
                continue;
            }

            foreach (var well in problem.Wells)
            {
                rows.Add(new QcRow(well.Sample, well.File, problem.Check, problem.Value, problem.Threshold, problem.Status, problem.Message));
            }
        }

        return rows;
    }
}
