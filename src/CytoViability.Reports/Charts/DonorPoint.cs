namespace CytoViability.Reports.Charts;

/// <summary>One donor's value in a condition (its replicate wells already averaged).</summary>
public sealed record DonorPoint(string Donor, double Value);
