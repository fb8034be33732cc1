namespace CytoViability.Core.Assays;

/// <summary>
/// Viability (% of the template's viable population in its parent, e.g. DiOC6+PI− of cells) and purity (% CD5+CD19+
/// of lymphocytes): per well 100 · count / parent count (NaN for an empty parent), replicate wells of one donor and
/// condition averaged, then mean, SD, s.e.m. and paired tests per condition (<see cref="ConditionSummaries"/>).
/// </summary>
internal static class PercentAssay
{
    /// <summary>The summary.csv metric name of the viability assay.</summary>
    public const string Viability = "viability";

    /// <summary>The summary.csv metric name of the purity assay.</summary>
    public const string Purity = "purity";

    public static PercentAnalysis Analyse(string metric, IReadOnlyList<string> conditionColumns, IReadOnlyList<PopulationWell> wells, ConditionSelector? reference)
    {
        ArgumentNullException.ThrowIfNull(wells);
        var values = new List<WellValue>(wells.Count);
        foreach (var well in wells)
        {
            values.Add(new WellValue(well.Sample, well.File, well.Donor, well.Conditions, AssayMetrics.Percent(well.Count, well.Of)));
        }

        var averaged = Replicates.Average(values);
        return new PercentAnalysis(values, averaged, ConditionSummaries.Summarise(metric, conditionColumns, averaged, reference));
    }
}
