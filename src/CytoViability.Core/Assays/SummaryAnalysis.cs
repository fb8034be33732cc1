using CytoViability.Core.Output;

namespace CytoViability.Core.Assays;

/// <summary>The summary.csv rows of one metric and the problems met while computing them.</summary>
internal sealed record SummaryAnalysis(IReadOnlyList<SummaryRow> Rows, IReadOnlyList<AssayProblem> Problems);
