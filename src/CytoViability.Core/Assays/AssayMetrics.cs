namespace CytoViability.Core.Assays;

/// <summary>Per-well assay quantities.</summary>
internal static class AssayMetrics
{
    /// <summary>
    /// Percentage of a population in its parent: viability (DiOC6+PI− of cells), purity (CD5+CD19+ of
    /// lymphocytes), % dead targets (PI+ of DDAO+). NaN when the parent is empty.
    /// </summary>
    public static double Percent(long count, long parentCount) => parentCount == 0 ? double.NaN : 100.0 * count / parentCount;

    /// <summary>
    /// Binomial standard error of a percentage measured on <paramref name="events"/> events, in percentage
    /// points: 100·√(p(1 − p)/n) with p = percent/100. NaN without events.
    /// </summary>
    public static double BinomialStandardError(double percent, long events)
    {
        if (events <= 0 || !double.IsFinite(percent))
        {
            return double.NaN;
        }

        var p = Math.Clamp(percent / 100, 0, 1);
        return 100 * Math.Sqrt(p * (1 - p) / events);
    }
}
