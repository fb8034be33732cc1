using CytoViability.Core.Output;
using CytoViability.Core.Qc;

namespace CytoViability.Core.Assays;

/// <summary>
/// log2 fold of the geometric MFI against the donor's matched reference condition (e.g. CD40L-PE on live cells,
/// stimulated over unstimulated). Replicate wells' geometric means are averaged arithmetically within donor ×
/// condition first, as for every other per-well quantity. Reference rows are kept (log2 fold 0), so summarising
/// log2_fold with the same reference gives the paired t-test on log2 MFI that fold changes call for.
/// </summary>
internal static class MfiFold
{
    public static MfiFoldAnalysis Analyse(IReadOnlyList<string> conditionColumns, IReadOnlyList<WellValue> wellGeometricMeans, ConditionSelector reference)
    {
        ArgumentNullException.ThrowIfNull(conditionColumns);
        ArgumentNullException.ThrowIfNull(wellGeometricMeans);
        ArgumentNullException.ThrowIfNull(reference);
        var problems = new List<AssayProblem>();
        var referenceKnown = !ConditionSummaries.UnknownColumns(reference, conditionColumns, "MFI fold reference", QcStatus.Fail, problems);
        var averaged = Replicates.Average(wellGeometricMeans);
        var byKey = new Dictionary<DonorConditionKey, DonorValue>(DonorConditionKey.Comparer);
        foreach (var value in averaged)
        {
            byKey[new DonorConditionKey(value.Donor, value.Conditions)] = value;
        }

        var rows = new List<MfiFoldRow>(averaged.Count);
        var folds = new List<DonorValue>(averaged.Count);
        foreach (var value in averaged)
        {
            var referenceMean = double.NaN;
            if (referenceKnown
                && byKey.TryGetValue(new DonorConditionKey(value.Donor, reference.MatchedTo(conditionColumns, value.Conditions)), out var matched))
            {
                referenceMean = matched.Value;
            }
            else if (referenceKnown)
            {
                problems.Add(new AssayProblem(
                    QcChecks.ReferenceMissing,
                    QcStatus.Fail,
                    value.Donor,
                    value.Conditions,
                    value.Wells,
                    null,
                    null,
                    "donor " + value.Donor + ", " + string.Join("/", value.Conditions) + ": no reference well (" + reference +
                    ") with the same other conditions; MFI fold not computed"));
            }

            var log2Fold = value.Value > 0 && referenceMean > 0 ? Math.Log2(value.Value / referenceMean) : double.NaN;
            rows.Add(new MfiFoldRow(value.Donor, value.Conditions, value.Value, referenceMean, log2Fold));
            folds.Add(value with { Value = log2Fold, Spread = double.NaN });
        }

        return new MfiFoldAnalysis(rows, folds, problems);
    }
}
