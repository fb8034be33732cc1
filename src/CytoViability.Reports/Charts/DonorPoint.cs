namespace CytoViability.Reports.Charts;

/// <summary>One donor's value in a condition (its replicate wells already averaged).</summary>
internal sealed record DonorPoint(string Donor, double Value);
