namespace CytoViability.Reports;

/// <summary>A drawn gate plot: its file stem under plots/samples/, its caption on the sample's page, and its SVG.</summary>
internal sealed record GateFigure(string Stem, string Caption, string Svg);
