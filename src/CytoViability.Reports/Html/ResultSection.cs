using CytoViability.Reports.Charts;

namespace CytoViability.Reports.Html;

/// <summary>
/// One assay metric in the report: its charts and the compact table under them (condition × donor, mean ± s.e.m.,
/// n, and the paired test's p-value, named in <paramref name="Test"/>).
/// </summary>
internal sealed record ResultSection(string Id, string Title, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<ConditionBar> Rows, IReadOnlyList<string> Donors, string Test);
