namespace CytoViability.Core.Statistics;

/// <summary>
/// Event counts of one population: its own, its parent's and the sample's. Percentages are NaN when the
/// denominator is zero, so an empty parent never turns into a division error or a misleading 0 %.
/// </summary>
internal sealed record PopulationCounts(long Count, long ParentCount, long TotalCount)
{
    public double PercentParent => Percent(Count, ParentCount);

    public double PercentTotal => Percent(Count, TotalCount);

    internal static double Percent(long part, long whole) => whole == 0 ? double.NaN : 100.0 * part / whole;
}
