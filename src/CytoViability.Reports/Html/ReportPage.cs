using CytoViability.Core.Csv;
using CytoViability.Core.Qc;
using CytoViability.Reports.Results;

namespace CytoViability.Reports.Html;

/// <summary>Everything report.html shows, already read and rendered.</summary>
internal sealed record ReportPage(
    RunSummary? Run,
    RunDigest Digest,
    IReadOnlyList<QcRow> Qc,
    IReadOnlyList<ResultSection> Results,
    SampleOverview? Overview,
    CsvTable? Wide,
    IReadOnlyList<GallerySample> Gallery,
    IReadOnlyList<string> Problems);
