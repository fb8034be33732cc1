namespace CytoViability.Reports.Charts;

/// <summary>
/// One condition's bar: its label and raw condition values, mean over donors ± s.e.m. (NaN when there is none), the
/// number of donors, the paired t-test's p-value against the reference (null for the reference itself), and the
/// donors' own values.
/// </summary>
internal sealed record ConditionBar(string Condition, double Mean, double Sem, IReadOnlyList<DonorPoint> Donors)
{
    public IReadOnlyList<string> Values { get; init; } = [];

    public int DonorCount { get; init; }

    public double? PValue { get; init; }
}
