namespace CytoViability.Reports;

/// <summary>A drawn gate plot: its caption on the sample's page and its SVG, shown inline there.</summary>
internal sealed record GateFigure(string Caption, string Svg);
