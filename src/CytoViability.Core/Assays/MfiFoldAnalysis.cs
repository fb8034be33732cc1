using CytoViability.Core.Output;

namespace CytoViability.Core.Assays;

/// <summary>mfi_fold.csv rows, the log2 folds as donor values for <see cref="ConditionSummaries"/>, and the problems.</summary>
internal sealed record MfiFoldAnalysis(
    IReadOnlyList<MfiFoldRow> Rows,
    IReadOnlyList<DonorValue> Log2Fold,
    IReadOnlyList<AssayProblem> Problems);
