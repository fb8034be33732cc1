using CytoViability.Core.Output;

namespace CytoViability.Core.Assays;

/// <summary>
/// Result of a killing analysis: killing.csv rows, the replicate-averaged % dead and % killing per donor and
/// condition (inputs to <see cref="ConditionSummaries"/> and to the replicate QC check), and the problems.
/// </summary>
internal sealed record KillingAnalysis(
    IReadOnlyList<KillingRow> Rows,
    IReadOnlyList<DonorValue> PercentDead,
    IReadOnlyList<DonorValue> PercentKilling,
    IReadOnlyList<AssayProblem> Problems);
