using CytoViability.Reports.Plots;

namespace CytoViability.Reports;

/// <summary>A rendered figure: its file stem under plots/ and its caption in the report.</summary>
internal sealed record ReportFigure(string Stem, string Caption, RenderedImage Image);
