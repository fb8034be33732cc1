using CytoViability.Core.Output;

namespace CytoViability.Reports.Html;

/// <summary>Everything report.html shows, already read and rendered.</summary>
internal sealed record ReportPage(
    RunSummary? Run,
    IReadOnlyList<QcRow> Qc,
    IReadOnlyList<ReportFigure> MetricCharts,
    IReadOnlyList<ReportFigure> KillingCharts,
    IReadOnlyList<GallerySample> Gallery,
    IReadOnlyList<string> Problems);
