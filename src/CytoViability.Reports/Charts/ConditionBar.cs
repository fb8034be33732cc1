namespace CytoViability.Reports.Charts;

/// <summary>One condition's bar: mean over donors ± s.e.m. (NaN when there is none), and the donors' own values.</summary>
public sealed record ConditionBar(string Condition, double Mean, double Sem, IReadOnlyList<DonorPoint> Donors);
