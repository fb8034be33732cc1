namespace CytoViability.Core.Assays;

/// <summary>
/// A percentage assay of a run: each well's percentage, the donor values (replicate wells averaged) and their
/// per-condition summary.
/// </summary>
internal sealed record PercentAnalysis(IReadOnlyList<WellValue> Wells, IReadOnlyList<DonorValue> DonorValues, SummaryAnalysis Summary);
