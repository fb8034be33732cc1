namespace CytoViability.Core.Assays;

/// <summary>
/// A metric for one donor and condition after its replicate wells were averaged. <paramref name="Spread"/> is
/// max − min over the wells (0 for one well), which the replicate-disagreement QC check reads.
/// </summary>
internal sealed record DonorValue(
    string Donor,
    IReadOnlyList<string> Conditions,
    double Value,
    IReadOnlyList<WellReference> Wells,
    double Spread);
