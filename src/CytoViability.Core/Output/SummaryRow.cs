namespace CytoViability.Core.Output;

/// <summary>
/// One row of summary.csv (condition × metric): statistics over donors after replicate wells were averaged
/// within each donor. <paramref name="PValue"/> is the paired t-test against the reference condition: null for
/// the reference itself, NaN when it cannot be computed (fewer than two paired donors).
/// </summary>
internal sealed record SummaryRow(
    string Metric,
    IReadOnlyList<string> Conditions,
    int DonorCount,
    double Mean,
    double Sd,
    double Sem,
    double? PValue,
    int PairedDonorCount);
